"""The receiver's side of the webhook fixtures: the reference's event in, the reference's answer out.

The receiver belongs to the team-server work; these tests only hold it to the reference's own samples
(``webhook_event.request`` lines 936-1134, ``webhook_ack.response`` lines 931-935).
"""

from __future__ import annotations

import copy
from typing import Any

import httpx

from desktop.services.events import describe
from desktop.webhooks.server import WebhookServer
from tests.conformance.samples import load, shape_mismatches
from tests.conftest import HOOK_KEY as KEY
from tests.webhook_helpers import stored_events


def receiver_events(receiver: WebhookServer) -> list[dict[str, Any]]:
    return [e.get("event", e) for e in stored_events(receiver)]


def post(receiver: WebhookServer, event: Any) -> httpx.Response:
    return httpx.post(receiver.events_url, json=event, headers={"Authorization": f"Bearer {KEY}"}, timeout=10)


def test_the_reference_event_is_accepted_and_answered_with_the_reference_ack(receiver: WebhookServer) -> None:
    answer = post(receiver, load("roadster", "webhook_event.request").body())
    assert answer.status_code == 200
    assert not shape_mismatches(load("roadster", "webhook_ack.response").body(), answer.json(), extra_ok=False)


def test_an_event_type_the_receiver_does_not_know_is_stored(receiver: WebhookServer) -> None:
    event = copy.deepcopy(load("roadster", "webhook_event.request").body())
    event["event_type"] = "customer_signed_contract"  # a type Roadster may add later (forward compatible)
    event["event_id"] = "future-type-1"
    assert post(receiver, event).status_code == 200
    stored = [e for e in receiver_events(receiver) if e.get("event_id") == "future-type-1"]
    assert stored and stored[0]["event_type"] == "customer_signed_contract"
    assert describe(stored[0]) == "Other event: customer signed contract"
