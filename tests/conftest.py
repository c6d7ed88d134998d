"""Shared fixtures: a real sandbox over loopback, an in-memory keyring, an isolated app home."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
import keyring
import keyring.backend
import pytest

from desktop.api.base import RetryPolicy
from desktop.api.roadster.client import RoadsterClient
from desktop.sandbox.config import SandboxConfig
from desktop.sandbox.server import SandboxServer
from desktop.webhooks.server import WebhookServer


def _shared_dir() -> Path:
    """The project's shared reference files (sample PDFs, partner docs), kept beside the checkout, not in it.

    ``DEALER_DESK_SHARED`` wins; then ``../shared`` of the checkout (how every clone here is laid out); then the
    workplace's ``/work/shared`` for a clone made elsewhere on the same machine.
    """
    candidates = [os.environ.get("DEALER_DESK_SHARED"), Path(__file__).resolve().parents[1].parent / "shared"]
    candidates.append("/work/shared")
    for candidate in candidates:
        if candidate and (Path(candidate) / "sample-pdfs").is_dir():
            return Path(candidate)
    raise RuntimeError(
        "The shared sample files are missing: expected ../shared/sample-pdfs beside the checkout. "
        "Set DEALER_DESK_SHARED to the folder that holds sample-pdfs/ and reference/."
    )


SHARED = _shared_dir()
SAMPLE_PDFS = SHARED / "sample-pdfs"
REFERENCE = SHARED / "reference"
TEST_INVENTORY = 300  # per dealer: enough for several pages, fast to seed


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that forgets everything; negative priority so it is never picked by discovery."""

    priority = -1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """CI never touches a real keyring."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("DEALER_DESK_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    """One sandbox for the session, real HTTP on a free loopback port."""
    config = SandboxConfig(data_dir=tmp_path_factory.mktemp("sandbox"), inventory_size=TEST_INVENTORY)
    server = SandboxServer(config).start()
    yield server
    server.stop()


@pytest.fixture
def fresh_sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    """A sandbox of the test's own, for tests that change data or inject faults."""
    config = SandboxConfig(data_dir=tmp_path / "sandbox", inventory_size=TEST_INVENTORY)
    server = SandboxServer(config).start()
    yield server
    server.stop()


def fast_retry() -> RetryPolicy:
    return RetryPolicy(attempts=3, base=0.01, cap=0.05)


def roadster_for(server: SandboxServer, **kw: object) -> RoadsterClient:
    return RoadsterClient(server.url + "/v1", server.config.api_key, retry=fast_retry(), **kw)  # type: ignore[arg-type]


def dealers_of(server: SandboxServer) -> list[dict[str, Any]]:
    """The sandbox's dealers as the window keeps them (``Workspace.set_dealers``)."""
    client = roadster_for(server)
    try:
        return [d.model_dump() for d in client.dealers()]
    finally:
        client.close()


@pytest.fixture
def roadster(sandbox: SandboxServer) -> Iterator[RoadsterClient]:
    client = roadster_for(sandbox)
    yield client
    client.close()


def admin(server: SandboxServer, method: str, path: str, **kw: object) -> httpx.Response:
    """Call a sandbox-only control endpoint."""
    headers = {"Authorization": f"Bearer {server.config.api_key}"}
    response = httpx.request(method, server.url + "/sandbox" + path, headers=headers, **kw)  # type: ignore[arg-type]
    response.raise_for_status()
    return response


HOOK_KEY = "hook-key"


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[WebhookServer]:
    """A customer-event receiver of the test's own, real HTTP, taking :data:`HOOK_KEY` (see ``webhook_helpers``)."""
    server = WebhookServer(tmp_path / "hooks", api_key=HOOK_KEY).start()
    yield server
    server.stop()
