"""A customer-event receiver of the test's own, wired to a sandbox as its webhook: the key, the wiring, the reading.

The ``receiver`` fixture itself is in ``tests/conftest.py``; these are the calls the tests around it share.
"""

from __future__ import annotations

import time
from typing import Any

import httpx

from desktop.sandbox.server import SandboxServer
from desktop.webhooks.server import WebhookServer
from tests.conftest import HOOK_KEY, admin

HOOK_AUTH = {"Authorization": f"Bearer {HOOK_KEY}"}


def hook_up(sandbox: SandboxServer, receiver: WebhookServer) -> None:
    """Make ``receiver`` the sandbox's webhook: every customer event the sandbox makes is sent there."""
    admin(sandbox, "POST", "/webhook", json={"url": receiver.events_url, "api_key": HOOK_KEY})


def wait_delivered(sandbox: SandboxServer, expected: int = 0, timeout: float = 20) -> dict[str, Any]:
    """The sandbox's webhook status once nothing is pending and at least ``expected`` events were delivered.

    Polls from the test thread: for tests without a Qt event loop (a UI test waits with ``qtbot.waitUntil``).
    """
    deadline = time.monotonic() + timeout
    while True:
        status: dict[str, Any] = admin(sandbox, "GET", "/webhook").json()
        if status["pending"] == 0 and status["delivered"] >= expected:
            return status
        assert time.monotonic() < deadline, f"events not delivered: {status}"
        time.sleep(0.05)


def stored_events(receiver: WebhookServer, limit: int = 1000) -> list[dict[str, Any]]:
    """What ``receiver`` has stored, oldest first, as its feed answers."""
    with httpx.Client() as c:
        answer = c.get(receiver.url + "/events", params={"limit": limit}, headers=HOOK_AUTH)
    answer.raise_for_status()
    events: list[dict[str, Any]] = answer.json()["events"]
    return events
