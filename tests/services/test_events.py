"""Events from the sandbox, through the receiver, into the desktop's event log, masked until revealed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.api.events_feed import EventFeedClient
from desktop.api.roadster import documents
from desktop.api.roadster.documents import UploadRequest
from desktop.logs import mask
from desktop.sandbox.server import SandboxServer
from desktop.services.events import EventInbox, details, mask_value, masked, reveal, sensitive_fields, summary
from desktop.store.agents import AgentRoster
from desktop.store.audit import Actor, AuditLog
from desktop.store.customers import CustomerRegister
from desktop.store.events import EventLog
from desktop.webhooks.server import WebhookServer
from tests.binder_helpers import SMILE_PNG, make_customer
from tests.conftest import HOOK_KEY, admin, fast_retry, roadster_for
from tests.webhook_helpers import HOOK_AUTH, hook_up, wait_delivered
from tests.webhooks.events_factory import make_event


@pytest.fixture
def feed(receiver: WebhookServer) -> Iterator[EventFeedClient]:
    client = EventFeedClient(receiver.url, HOOK_KEY, retry=fast_retry())
    yield client
    client.close()


@pytest.fixture
def event_log(tmp_path: Path) -> Iterator[EventLog]:
    log = EventLog(tmp_path / "events.sqlite3")
    yield log
    log.close()


def simulate(sandbox: SandboxServer, receiver: WebhookServer, **body: Any) -> dict[str, Any]:
    hook_up(sandbox, receiver)
    answer: dict[str, Any] = admin(sandbox, "POST", "/simulate", json=body).json()
    wait_delivered(sandbox)
    return answer


def test_a_journey_lands_in_the_event_log_and_the_register(
    fresh_sandbox: SandboxServer, receiver: WebhookServer, feed: EventFeedClient, event_log: EventLog, tmp_path: Path
) -> None:
    register = CustomerRegister(tmp_path / "customers.sqlite3")
    roster = AgentRoster(tmp_path / "agents.sqlite3")
    try:
        answer = simulate(fresh_sandbox, receiver, dpid="umazda", seed=9)
        inbox = EventInbox(feed, event_log, register, roster=roster)
        new = inbox.pull(page_size=3)
        assert len(new) == 8
        assert inbox.pull() == []
        customer = answer["customer"]
        timeline = event_log.for_customer("umazda", customer["id"])
        assert [e["event_id"] for e in timeline] == [e["event_id"] for e in answer["events"]]
        known = register.get("umazda", customer["id"])
        assert known is not None and known.source == "event" and known.email == customer["email"]
        assert known.agent_email
        assert known.agent_email in {a.email for a in roster.agents("umazda")}  # the roster learned the agent
    finally:
        register.close()
        roster.close()


def test_a_document_upload_reads_as_a_document_not_a_note(
    fresh_sandbox: SandboxServer, receiver: WebhookServer, feed: EventFeedClient, event_log: EventLog
) -> None:
    hook_up(fresh_sandbox, receiver)
    customer = make_customer(fresh_sandbox)
    client = roadster_for(fresh_sandbox)
    try:
        request = UploadRequest("hyundaidemo", "Driver licence front", "license", "licence.png", "self")
        documents.upload(client, customer, request, SMILE_PNG.read_bytes())
    finally:
        client.close()
    wait_delivered(fresh_sandbox)
    [note] = [e for e in EventInbox(feed, event_log).pull() if e["event_type"] == "agent_created_note"]
    words = summary(note)["event"]
    assert words == "A document was added: Driver licence front (license)"  # no agent: not "Roadster added"
    assert "Document: Driver licence front (license)" in details(note)


def test_the_cursor_survives_a_restart_so_nothing_is_read_twice(
    receiver: WebhookServer, feed: EventFeedClient, tmp_path: Path
) -> None:
    import httpx

    with httpx.Client() as c:
        for n in range(5):
            c.post(receiver.events_url, json=make_event(n), headers=HOOK_AUTH)
    first = EventLog(tmp_path / "e.sqlite3")
    assert len(EventInbox(feed, first).pull(page_size=2)) == 5
    first.close()
    with httpx.Client() as c:
        c.post(receiver.events_url, json=make_event(6), headers=HOOK_AUTH)
    again = EventLog(tmp_path / "e.sqlite3")
    try:
        assert len(EventInbox(feed, again).pull()) == 1
        assert again.count() == 6
    finally:
        again.close()


def test_events_read_again_after_a_lost_key_are_not_news(
    receiver: WebhookServer, feed: EventFeedClient, tmp_path: Path
) -> None:
    """Without a keyring each session seals with a new key: the old events are read again, but announced once."""
    import httpx
    from keyring.backends import fail

    from desktop.secrets import SecretStore

    with httpx.Client() as c:
        for n in range(3):
            c.post(receiver.events_url, json=make_event(n), headers=HOOK_AUTH)
    path = tmp_path / "e.sqlite3"
    first = EventLog(path, lambda: SecretStore(fail.Keyring()))
    assert len(EventInbox(feed, first).pull()) == 3
    first.close()
    late = make_event(7)
    with httpx.Client() as c:
        c.post(receiver.events_url, json=late, headers=HOOK_AUTH)
    again = EventLog(path, lambda: SecretStore(fail.Keyring()))  # the restart: the session key is gone
    try:
        news = EventInbox(feed, again).pull()
        assert [e["event_id"] for e in news] == [late["event_id"]]
        assert again.count() == 4  # the old events are back in the log for their timelines
        assert EventInbox(feed, again).pull() == []
    finally:
        again.close()


def applicant_event() -> dict[str, Any]:
    event = make_event(1)
    event["event_type"] = "customer_completed_credit_application"
    event["credit_applicant"] = {
        "ssn": "123-45-6789",
        "drivers_license_number": "D1234567",
        "birth_date": "1985-04-12",
    }
    return event


def test_pii_is_masked_in_every_view_and_revealed_only_with_an_audit_entry(tmp_path: Path) -> None:
    audit = AuditLog(tmp_path / "audit.sqlite3")
    actor = Actor("fi-manager", "desk-1", "Production")
    event = applicant_event()
    clear = {"123-45-6789", "D1234567", "1985-04-12"}
    shown = json.dumps(masked(event)) + json.dumps(summary(event))
    assert not any(value in shown for value in clear)
    assert mask_value("ssn", "123-45-6789") == "•••• 6789"
    assert mask_value("drivers_license_number", "D1234567") == "•••• 4567"
    assert masked(event)["credit_applicant"]["birth_date"] == "••/••/1985"  # not "•••• 0412": month and day
    event["credit_applicant"]["birth_date"] = "1985-04-12T00:00:00.000Z"  # as the API sends it
    assert masked(event)["credit_applicant"]["birth_date"] == "••/••/1985"  # not "•••• 000Z"
    event["credit_applicant"]["birth_date"] = "1985-04-12"
    assert event["credit_applicant"]["ssn"] == "123-45-6789"  # the stored copy is untouched
    assert [p for p, _ in sensitive_fields(event)] == [
        "credit_applicant.ssn",
        "credit_applicant.drivers_license_number",
        "credit_applicant.birth_date",
    ]
    assert audit.entries() == []
    value = reveal(audit, actor, event, "credit_applicant.ssn", reason="credit check")
    assert value == "123-45-6789"
    entry = audit.entries()[0]
    assert (entry.os_user, entry.profile, entry.action, entry.subject, entry.detail, entry.reason) == (
        "fi-manager",
        "Production",
        "revealed",
        f"event:{event['event_id']}",
        "credit_applicant.ssn",
        "credit check",
    )
    with pytest.raises(KeyError):
        reveal(audit, actor, event, "customer.email")
    assert len(audit.entries()) == 1
    audit.close()


def test_log_lines_never_carry_a_clear_ssn() -> None:
    line = mask(f"stored {json.dumps(applicant_event())}")
    assert "123-45-6789" not in line and "6789" in line


def test_summary_puts_the_event_in_words() -> None:
    event = make_event(2)
    event["credit_decision"] = {"status": "approved", "finance_company": "Ally", "approved_amount": 25000}
    event["order"]["trade_in"] = {"make": "Honda", "model": "Accord", "year": 2018, "value": 11250}
    row = summary(event)
    assert row["event"] == "Carlos Silva requested a price"
    assert row["agent"] == "Judy Agent"
    assert row["vehicle"] == "2020 Toyota Camry"
    assert row["order"].startswith("Cash") and "Delivery" in row["order"]
    assert row["trade"] == "2018 Honda Accord $11,250 (estimate)"
    assert row["credit"] == "Approved by Ally, $25,000"
