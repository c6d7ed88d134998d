"""The receiver over real HTTP: nothing lost, nothing stored twice, bad requests refused with the reason."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest

from desktop.server.limits import MAX_BODY_BYTES
from desktop.webhooks.server import WebhookServer
from tests.conftest import HOOK_KEY as KEY
from tests.webhooks.events_factory import make_event

AUTH = {"Authorization": f"Bearer {KEY}"}


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as c:
        yield c


def read_all(client: httpx.Client, server: WebhookServer, limit: int = 500) -> list[dict[str, object]]:
    events: list[dict[str, object]] = []
    cursor = None
    while True:
        params: dict[str, object] = {"limit": limit}
        if cursor is not None:
            params["since"] = cursor
        page = client.get(server.url + "/events", params=params, headers=AUTH)
        assert page.status_code == 200
        body = page.json()
        if not body["events"]:
            return events
        events.extend(body["events"])
        cursor = body["cursor"]


def test_2000_events_from_8_concurrent_senders_are_stored_exactly_once(receiver: WebhookServer) -> None:
    per_sender = 250
    sent: list[list[str]] = [[] for _ in range(8)]
    failures: list[str] = []

    def sender(index: int) -> None:
        with httpx.Client(timeout=30) as c:
            for n in range(per_sender):
                event = make_event(index * per_sender + n)
                # Roadster retries what it thinks failed: every tenth event arrives twice.
                for _ in range(2 if n % 10 == 0 else 1):
                    answer = c.post(receiver.events_url, json=event, headers=AUTH)
                    if answer.status_code != 200:
                        failures.append(f"{answer.status_code} {answer.text}")
                sent[index].append(str(event["event_id"]))

    threads = [threading.Thread(target=sender, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert failures == []
    assert receiver.store is not None
    stored = receiver.store.event_ids()
    assert len(stored) == 2000
    assert set(stored) == {e for ids in sent for e in ids}
    for ids in sent:  # each sender's events are read back in the order that sender sent them
        positions = [stored.index(e) for e in ids]
        assert positions == sorted(positions)


def test_a_repeated_event_is_stored_once_and_answered_with_the_same_ids(
    receiver: WebhookServer, client: httpx.Client
) -> None:
    event = make_event(1)
    first = client.post(receiver.events_url, json=event, headers=AUTH)
    again = client.post(receiver.events_url, json=event, headers=AUTH)
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert set(first.json()) == {"customer_id", "lead_id", "agent_id", "dealer_id"}
    assert receiver.store is not None and receiver.store.count() == 1


def test_ids_are_ours_and_stable_per_customer(receiver: WebhookServer, client: httpx.Client) -> None:
    a1 = client.post(receiver.events_url, json=make_event(customer_id=501), headers=AUTH).json()
    b = client.post(receiver.events_url, json=make_event(customer_id=502), headers=AUTH).json()
    a2 = client.post(receiver.events_url, json=make_event(customer_id=501), headers=AUTH).json()
    assert a1 == a2
    assert b["customer_id"] != a1["customer_id"] and b["lead_id"] != a1["lead_id"]
    assert b["dealer_id"] == a1["dealer_id"]


def _chunks(total: int) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b" " * 65536
        sent += 65536


@pytest.mark.parametrize(
    ("case", "status", "reason"),
    [
        ("no key", 401, "Missing API key"),
        ("wrong key", 401, "Invalid API key"),
        ("key without Bearer", 401, "Invalid API key"),
        ("malformed JSON", 400, "Malformed JSON"),
        ("not an object", 400, "must be a JSON object"),
        ("missing customer.email", 400, "Missing required field 'customer.email'"),
        ("missing event_id", 400, "Missing required field 'event_id'"),
        ("malformed event_type", 400, "Invalid field 'event_type'"),
        ("event_id over 50", 400, "Invalid field 'event_id'"),
        ("order without financing", 400, "Missing required field 'order.financing'"),
        ("declared too large", 413, "larger than"),
        ("streamed too large", 413, "larger than"),
    ],
)
def test_bad_requests_get_the_right_status_store_nothing_and_the_receiver_keeps_serving(
    receiver: WebhookServer, client: httpx.Client, case: str, status: int, reason: str
) -> None:
    event = make_event(3)
    headers = dict(AUTH)
    content: bytes | Iterator[bytes] = orjson.dumps(event)
    if case == "no key":
        headers = {}
    elif case == "wrong key":
        headers = {"Authorization": "Bearer nope"}
    elif case == "key without Bearer":
        headers = {"Authorization": KEY}
    elif case == "malformed JSON":
        content = b'{"event_type": "customer_saved_vehicle",'
    elif case == "not an object":
        content = b"[1, 2]"
    elif case == "missing customer.email":
        del event["customer"]["email"]
        content = orjson.dumps(event)
    elif case == "missing event_id":
        del event["event_id"]
        content = orjson.dumps(event)
    elif case == "malformed event_type":
        event["event_type"] = "Customer Bought <a> Boat"  # a new type is welcome; markup is not
        content = orjson.dumps(event)
    elif case == "event_id over 50":
        event["event_id"] = "x" * 51
        content = orjson.dumps(event)
    elif case == "order without financing":
        del event["order"]["financing"]
        content = orjson.dumps(event)
    elif case == "declared too large":
        event["padding"] = "x" * (MAX_BODY_BYTES + 1)
        content = orjson.dumps(event)
    elif case == "streamed too large":
        content = _chunks(MAX_BODY_BYTES * 2)  # chunked: no Content-Length to trust

    answer = client.post(receiver.events_url, content=content, headers=headers)

    assert answer.status_code == status
    assert reason in answer.json()["error"]
    assert receiver.store is not None and receiver.store.count() == 0
    with httpx.Client(timeout=10) as fresh:
        ok = fresh.post(receiver.events_url, json=make_event(4), headers=AUTH)
    assert ok.status_code == 200
    assert receiver.store.count() == 1


def test_the_feed_pages_through_every_event_in_order_as_received(receiver: WebhookServer, client: httpx.Client) -> None:
    sent = [make_event(n) for n in range(25)]
    for event in sent:
        assert client.post(receiver.events_url, json=event, headers=AUTH).status_code == 200

    pages = []
    cursor = None
    for _ in range(4):
        params: dict[str, object] = {"limit": 10}
        if cursor is not None:
            params["since"] = cursor
        body = client.get(receiver.url + "/events", params=params, headers=AUTH).json()
        pages.append(body["events"])
        cursor = body["cursor"]
    assert [len(p) for p in pages] == [10, 10, 5, 0]
    assert [e for p in pages for e in p] == sent  # unknown fields and nulls kept, exactly as sent

    later = make_event(99)
    client.post(receiver.events_url, json=later, headers=AUTH)
    body = client.get(receiver.url + "/events", params={"since": cursor}, headers=AUTH).json()
    assert body["events"] == [later]


@pytest.mark.parametrize(
    ("params", "headers", "status"),
    [
        ({"since": "abc"}, AUTH, 400),
        ({"limit": "0"}, AUTH, 400),
        ({"limit": "5000"}, AUTH, 400),
        ({}, {"Authorization": "Bearer nope"}, 401),
    ],
)
def test_the_feed_refuses_bad_parameters_and_keys(
    receiver: WebhookServer, client: httpx.Client, params: dict[str, str], headers: dict[str, str], status: int
) -> None:
    assert client.get(receiver.url + "/events", params=params, headers=headers).status_code == status


def test_events_survive_a_restart_of_the_receiver(tmp_path: Path) -> None:
    first = WebhookServer(tmp_path / "hooks", api_key=KEY).start()
    event = make_event(5)
    with httpx.Client() as c:
        assert c.post(first.events_url, json=event, headers=AUTH).status_code == 200
    first.stop()
    second = WebhookServer(tmp_path / "hooks", api_key=KEY).start()
    try:
        with httpx.Client() as c:
            assert read_all(c, second) == [event]
            assert c.post(second.events_url, json=event, headers=AUTH).status_code == 200
        assert second.store is not None and second.store.count() == 1
    finally:
        second.stop()
