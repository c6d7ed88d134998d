"""The sandbox sends customer events to a real receiver: in order, retried, with the partner ids echoed back."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
import pytest

from desktop.cli import main
from desktop.sandbox.events.emit import emit_event
from desktop.sandbox.server import SandboxServer
from desktop.webhooks.schema import EVENT_TYPES, CustomerEvent, validate_event
from desktop.webhooks.server import WebhookServer
from tests.conftest import REFERENCE, admin
from tests.webhook_helpers import hook_up, stored_events, wait_delivered

OPENAPI = REFERENCE / "roadster-openapi-1.0.0.json"
JOURNEY = [
    "customer_saved_vehicle",
    "agent_sent_message",
    "customer_requested_price",
    "customer_started_purchase",
    "customer_made_trade_valuation",
    "customer_started_credit_application",
    "customer_completed_credit_application",
    "service_made_credit_decision",
]


def test_the_schema_matches_the_reference() -> None:
    reference = json.loads(OPENAPI.read_text())["components"]["schemas"]["CustomerEvent"]
    assert set(EVENT_TYPES) == set(reference["properties"]["event_type"]["enum"])
    assert len(EVENT_TYPES) == 29
    required = {n for n, f in CustomerEvent.model_fields.items() if f.is_required()}
    assert required == set(reference["required"])


def test_a_simulated_journey_reaches_the_receiver_in_order_with_partner_ids_echoed(
    fresh_sandbox: SandboxServer, receiver: WebhookServer
) -> None:
    hook_up(fresh_sandbox, receiver)
    answer = admin(fresh_sandbox, "POST", "/simulate", json={"dpid": "toyotademo", "seed": 3}).json()
    assert answer["delivering"] is True
    assert [e["event_type"] for e in answer["events"]] == JOURNEY
    wait_delivered(fresh_sandbox, len(JOURNEY))

    events = stored_events(receiver)
    assert [e["event_type"] for e in events] == JOURNEY
    for event in events:
        validate_event(event)
        assert event["customer"]["id"] == answer["customer"]["id"]
        assert event["dealer"]["dpid"] == "toyotademo"
        assert ("message" in event) == (event["event_type"] == "agent_sent_message")
    # the first event went out before any answer; every later one carries the receiver's ids
    assert events[0]["api_partner"] == {"name": "Dealer Desk"}
    for event in events[1:]:
        assert event["api_partner"]["customer_id"] == "C-000001"
        assert event["api_partner"]["lead_id"] == "L-000001"
        assert event["api_partner"]["dealer_id"] == "D-000001"
    assert events[-1]["api_partner"]["agent_id"] == "A-000001"
    # the order grows as the deal is built, and later events carry the latest deal data
    by_type = {e["event_type"]: e for e in events}
    assert "order" not in by_type["customer_saved_vehicle"]
    assert set(by_type["customer_requested_price"]["order"]) == {"id", "financing"}
    assert "plans" in by_type["customer_started_purchase"]["order"]
    assert "trade_in" in by_type["customer_made_trade_valuation"]["order"]
    final = by_type["service_made_credit_decision"]
    assert {"id", "financing", "plans", "trade_in", "accessories"} <= set(final["order"])
    assert final["credit_decision"]["status"] == "approved"
    assert final["vehicle"]["vin"] == by_type["customer_saved_vehicle"]["vehicle"]["vin"]
    assert "ssn" in by_type["customer_completed_credit_application"]["credit_applicant"]


def test_non_2xx_answers_are_retried_until_the_receiver_accepts(
    fresh_sandbox: SandboxServer, receiver: WebhookServer
) -> None:
    admin(fresh_sandbox, "POST", "/webhook", json={"url": receiver.events_url, "api_key": "wrong-key"})
    admin(fresh_sandbox, "POST", "/simulate", json={"seed": 1})
    deadline = time.monotonic() + 10
    while admin(fresh_sandbox, "GET", "/webhook").json()["last_status"] != 401:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert stored_events(receiver) == []
    status = admin(fresh_sandbox, "GET", "/webhook").json()
    assert status["pending"] == len(JOURNEY) and "api_key" not in status

    hook_up(fresh_sandbox, receiver)
    wait_delivered(fresh_sandbox, len(JOURNEY))
    assert [e["event_type"] for e in stored_events(receiver)] == JOURNEY


def test_without_a_receiver_nothing_is_queued(fresh_sandbox: SandboxServer) -> None:
    answer = admin(fresh_sandbox, "POST", "/simulate", json={}).json()
    assert answer["delivering"] is False
    status = admin(fresh_sandbox, "GET", "/webhook").json()
    assert status["pending"] == 0 and status["url"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [({"api_key": "k"}, "url"), ({"url": "ftp://x", "api_key": "k"}, "url"), ({"url": "http://x"}, "api_key")],
)
def test_setting_the_webhook_names_the_bad_field(sandbox: SandboxServer, body: dict[str, str], field: str) -> None:
    answer = httpx.post(
        sandbox.url + "/sandbox/webhook", json=body, headers={"Authorization": f"Bearer {sandbox.config.api_key}"}
    )
    assert answer.status_code == 400
    assert answer.json()["field"] == field


def test_emit_event_refuses_an_event_the_schema_refuses(sandbox: SandboxServer) -> None:
    from desktop.sandbox.db import SandboxDB

    db = SandboxDB(sandbox.config.db_path)
    with pytest.raises(ValueError, match=r"customer\.email"):
        emit_event(db, "customer_saved_vehicle", {"id": 12345, "dpid": "hyundaidemo", "first_name": "A"})
    with pytest.raises(ValueError, match="unknown event type"):
        emit_event(db, "customer_bought_a_boat", {"id": 12345, "dpid": "hyundaidemo"})
    event = emit_event(
        db, "customer_requested_test_drive", {"id": 12345, "dpid": "hyundaidemo", "email": "a@b.co", "first_name": "A"}
    )
    assert validate_event(event).event_type == "customer_requested_test_drive"


def test_cli_sandbox_simulate(fresh_sandbox: SandboxServer, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["sandbox-simulate", "--sandbox-url", fresh_sandbox.url, "--dpid", "umazda", "--seed", "5"])
    out = capsys.readouterr()
    assert code == 0
    assert "customer_saved_vehicle" in out.out and "service_made_credit_decision" in out.out
    assert "No receiver is set" in out.err


def sandbox_client(sandbox: SandboxServer) -> httpx.Client:
    return httpx.Client(base_url=sandbox.url + "/v1", headers={"Authorization": f"Bearer {sandbox.config.api_key}"})


def create_customer(c: httpx.Client, email: str, **extra: Any) -> tuple[str, dict[str, Any]]:
    """Ana Diaz created at umazda on its first vehicle (with ``extra`` sections): the VIN and the answer."""
    vin = str(c.get("/inventory", params={"dpid": "umazda", "size": 1}).json()["vehicles"][0]["vin"])
    customer = {"first_name": "Ana", "last_name": "Diaz", "email": email}
    body = {"customer": customer, "dealer": {"dpid": "umazda"}, "vehicle": {"vin": vin}, **extra}
    answer: dict[str, Any] = c.post("/customers", json=body).json()
    return vin, answer


def test_actions_through_the_sandbox_produce_their_events(
    fresh_sandbox: SandboxServer, receiver: WebhookServer
) -> None:
    hook_up(fresh_sandbox, receiver)
    with sandbox_client(fresh_sandbox) as c:
        vin, created = create_customer(c, "ana.events@example.com")
        customer_id = created["customer"]["id"]
        c.put(
            f"/customers/{customer_id}/agent",
            json={"agent": {"id": "7", "email": "sam@umazda.example.com"}, "dealer": {"dpid": "umazda"}},
        ).raise_for_status()
        c.post(
            "/create_tradein_offer",
            json={"dpid": "umazda", "email": "ana.events@example.com", "vin": "1HGCM82633A004352", "value": 9000},
        ).raise_for_status()
    wait_delivered(fresh_sandbox, 3)
    events = stored_events(receiver)
    assert [e["event_type"] for e in events] == [
        "customer_requested_vehicle_info",
        "agent_checked_in_customer",
        "agent_made_trade_valuation",
    ]
    for event in events:
        validate_event(event)
        assert event["customer"]["id"] == customer_id and event["dealer"]["dpid"] == "umazda"
    assert events[0]["vehicle"]["vin"] == vin
    assert events[2]["vehicle"]["vin"] == vin  # the deal data is carried into later events
    assert "order" not in events[0]  # no payment asked for: no order


def test_a_customer_created_with_a_vehicle_and_a_payment_brings_its_order_in_the_event(
    fresh_sandbox: SandboxServer, receiver: WebhookServer
) -> None:
    """The sandbox makes an order for a customer created with a vehicle and a payment; the event says which, as
    the reference's events carry the order, so a deal started at the desk learns its order id (for its packet)."""
    hook_up(fresh_sandbox, receiver)
    payment = {"deal_type": "finance", "finance_down": 3000, "finance_months": 60}
    with sandbox_client(fresh_sandbox) as c:
        _vin, created = create_customer(c, "ana.order@example.com", payment=payment)
    wait_delivered(fresh_sandbox, 1)
    (event,) = stored_events(receiver)
    validate_event(event)
    assert event["order"]["id"] == created["customer"]["order_id"]
    assert event["order"]["financing"] == {"type": "finance", "term": 60, "down_payment": 3000}


class _PickyReceiver:
    """A receiver that refuses one event type (``"*"``: every one) with 500 and accepts every other; records what
    it saw."""

    def __init__(self, refused: str) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.seen: list[tuple[str, int]] = []
        seen, lock = self.seen, threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

            def do_POST(self) -> None:
                event = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                status = 500 if refused in (event["event_type"], "*") else 200
                with lock:
                    seen.append((event["event_type"], status))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/events"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_a_failing_event_stops_after_bounded_retries_and_never_blocks_the_others(
    fresh_sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.sandbox.events import delivery

    monkeypatch.setattr(delivery, "BACKOFF_BASE", 0.1)
    monkeypatch.setattr(delivery, "MAX_ATTEMPTS", 4)
    picky = _PickyReceiver(refused="agent_sent_message")  # the journey's second event
    try:
        admin(fresh_sandbox, "POST", "/webhook", json={"url": picky.url, "api_key": "k"})
        admin(fresh_sandbox, "POST", "/simulate", json={"seed": 1})
        deadline = time.monotonic() + 20
        while (status := admin(fresh_sandbox, "GET", "/webhook").json())["pending"]:
            assert time.monotonic() < deadline, status
            time.sleep(0.05)
        assert (status["delivered"], status["failed"]) == (len(JOURNEY) - 1, 1)
        refused = [n for n, (kind, _) in enumerate(picky.seen) if kind == "agent_sent_message"]
        accepted = [kind for kind, code in picky.seen if code == 200]
        assert len(refused) == 4, "tried exactly MAX_ATTEMPTS times, then marked failed"
        assert accepted == [kind for kind in JOURNEY if kind != "agent_sent_message"]
        assert refused[1] > 1, "the events after the failing one went out while it waited its backoff"
    finally:
        picky.stop()


def test_an_endpoint_without_a_2xx_for_days_is_disabled_until_set_again(
    fresh_sandbox: SandboxServer,
    receiver: WebhookServer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from desktop.sandbox.events import delivery as event_sender

    monkeypatch.setattr(event_sender, "BACKOFF_BASE", 0.05)
    monkeypatch.setattr(event_sender, "BACKOFF_CAP", 0.1)
    monkeypatch.setattr(event_sender, "MAX_ATTEMPTS", 1000)
    monkeypatch.setattr(event_sender, "DISABLE_AFTER", 0.5)  # the reference's "multiple days", scaled down
    failing = _PickyReceiver(refused="*")
    ours = str(fresh_sandbox.config.data_dir)
    try:
        admin(fresh_sandbox, "POST", "/webhook", json={"url": failing.url, "api_key": "k"})
        admin(fresh_sandbox, "POST", "/simulate", json={"seed": 1})
        deadline = time.monotonic() + 20
        while not (status := admin(fresh_sandbox, "GET", "/webhook").json())["disabled"]:
            assert time.monotonic() < deadline, status
            time.sleep(0.05)
        while any(key.startswith(ours) for key in event_sender._senders):  # the sender stops: nothing to send to
            assert time.monotonic() < deadline
            time.sleep(0.05)
        tried = len(failing.seen)
        assert tried >= 2 and status["delivered"] == 0 and status["failed"] == 0
        admin(fresh_sandbox, "POST", "/simulate", json={"seed": 2})  # queued, never sent to a disabled endpoint
        assert admin(fresh_sandbox, "GET", "/webhook").json()["pending"] == 2 * len(JOURNEY)
        while any(key.startswith(ours) for key in event_sender._senders):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert len(failing.seen) == tried
        assert any("would e-mail the partner" in r.getMessage() for r in caplog.records)
    finally:
        failing.stop()
    admin(fresh_sandbox, "POST", "/webhook", json={"url": receiver.events_url, "api_key": "hook-key"})
    status = wait_delivered(fresh_sandbox, 2 * len(JOURNEY))
    assert status["disabled"] is False and len(stored_events(receiver)) == 2 * len(JOURNEY)
