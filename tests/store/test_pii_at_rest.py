"""Customer PII on the desktop's disk: sealed, owner-only, and gone after the retention period (issue 18)."""

from __future__ import annotations

import json
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.exceptions import InvalidTag
from keyring.backends import fail

from desktop.config import DEFAULT_RETENTION_DAYS, MIN_RETENTION_DAYS, Settings
from desktop.secrets import SecretStore
from desktop.services.retention import apply_retention
from desktop.store.customers import CustomerRecord, CustomerRegister
from desktop.store.events import EventLog
from desktop.store.inventory_cache import InventoryCache
from tests.conftest import MemoryKeyring
from tests.webhooks.events_factory import make_event

CLEAR = ("123-45-6789", "D1234567", "1985-04-12")


def applicant(n: int, when: str = "2026-11-23T19:40:00Z", customer_id: int = 777) -> dict[str, Any]:
    event = make_event(n, customer_id=customer_id)
    event["event_type"] = "customer_completed_credit_application"
    event["event_time"] = when
    event["credit_applicant"] = {"ssn": CLEAR[0], "drivers_license_number": CLEAR[1], "birth_date": CLEAR[2]}
    return event


def on_disk(path: Path) -> bytes:
    """Every byte SQLite keeps for the file: the database, its WAL and shared memory."""
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "events-sandbox.sqlite3"


@pytest.fixture
def event_log(log_path: Path) -> Iterator[EventLog]:
    log = EventLog(log_path)
    yield log
    log.close()


def test_event_bodies_are_sealed_on_disk_and_clear_in_the_app(event_log: EventLog, log_path: Path) -> None:
    event = applicant(1)
    event_log.add_page("receiver", [event], "c1")
    raw = on_disk(log_path)
    for value in (*CLEAR, CLEAR[0].replace("-", ""), "credit_applicant", event["customer"]["email"]):
        assert value.encode() not in raw, value
    assert event_log.for_customer(event["dealer"]["dpid"], 777) == [event]
    assert not event_log.memory_only and event_log.notice == ""


def test_a_sealed_body_moved_to_another_row_does_not_open(event_log: EventLog, log_path: Path) -> None:
    first, second = applicant(1, customer_id=1), applicant(2, customer_id=2)
    event_log.add_page("receiver", [first, second], "c2")
    with sqlite3.connect(log_path) as conn:
        body = conn.execute("SELECT body FROM customer_events WHERE customer_id = 1").fetchone()[0]
        conn.execute("UPDATE customer_events SET body = ? WHERE customer_id = 2", (body,))
    with pytest.raises(InvalidTag):
        event_log.for_customer(second["dealer"]["dpid"], 2)


def test_events_an_older_version_stored_in_clear_are_sealed_on_open(log_path: Path) -> None:
    log_path.parent.mkdir(parents=True)
    event = applicant(3)
    with sqlite3.connect(log_path) as conn:
        conn.executescript(
            "CREATE TABLE customer_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE,"
            " event_type TEXT NOT NULL, dpid TEXT NOT NULL, customer_id INTEGER NOT NULL, event_time TEXT NOT NULL,"
            " body TEXT NOT NULL);"
            "CREATE TABLE event_feed (source TEXT PRIMARY KEY, cursor TEXT NOT NULL);"
        )
        conn.execute(
            "INSERT INTO customer_events (event_id, event_type, dpid, customer_id, event_time, body)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                event["event_id"],
                event["event_type"],
                event["dealer"]["dpid"],
                777,
                event["event_time"],
                json.dumps(event),
            ),
        )
        conn.execute("INSERT INTO event_feed VALUES ('receiver', 'c9')")
    assert CLEAR[0].encode() in on_disk(log_path)
    log = EventLog(log_path)
    try:
        assert log.for_customer(event["dealer"]["dpid"], 777) == [event]
        assert log.cursor("receiver") == "c9"
        raw = on_disk(log_path)
        assert not any(value.encode() in raw for value in CLEAR)
    finally:
        log.close()


def test_without_a_keyring_the_key_lasts_the_session_and_events_are_read_again(log_path: Path) -> None:
    read = [applicant(1), applicant(2)]
    first = EventLog(log_path, lambda: SecretStore(fail.Keyring()))
    first.add_page("receiver", read, "c2")
    assert first.memory_only and "this session only" in first.notice
    assert not any(value.encode() in on_disk(log_path) for value in CLEAR)
    first.close()
    again = EventLog(log_path, lambda: SecretStore(fail.Keyring()))  # a new session: a new key
    try:
        assert again.count() == 0 and again.dropped_unreadable == 2
        assert again.cursor("receiver") is None  # so the next pull reads them again from the receiver
        late = applicant(3)
        added = again.add_page("receiver", [read[0], late], "c3")
        assert len(again.for_customer(late["dealer"]["dpid"], 777)) == 2
        assert added.stored == [read[0], late]
        assert added.news == [late]  # read[0] was announced in the first session
    finally:
        again.close()


def test_a_reset_keyring_drops_what_the_old_key_sealed(log_path: Path, memory_keyring: MemoryKeyring) -> None:
    first = EventLog(log_path)
    first.add_page("receiver", [applicant(1)], "c1")
    first.close()
    memory_keyring.store.clear()
    again = EventLog(log_path)
    try:
        assert again.count() == 0 and again.dropped_unreadable == 1 and again.cursor("receiver") is None
        assert "1 stored customer event(s)" in again.notice and "read again from the receiver" in again.notice
    finally:
        again.close()


def test_store_files_are_the_owners_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    register = CustomerRegister(folder / "customers.sqlite3")
    register.upsert(CustomerRecord("umazda", 1, "Ann", "Lee", "ann@example.com"))
    events = EventLog(folder / "events.sqlite3")
    events.add_page("receiver", [applicant(1)], "c1")
    cache = InventoryCache(folder / "cache.sqlite3")
    cache.upsert_vehicles("umazda", [{"vin": "1HGCM82633A004352", "updated_at": 1}])
    try:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        files = list(folder.iterdir())
        assert len(files) >= 3
        for path in files:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    finally:
        register.close()
        events.close()
        cache.close()


def test_retention_deletes_old_events_and_customers_only(event_log: EventLog, tmp_path: Path) -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    old = (now - timedelta(days=DEFAULT_RETENTION_DAYS + 1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    recent = (now - timedelta(days=DEFAULT_RETENTION_DAYS - 1)).strftime("%Y-%m-%dT%H:%M:%S.123+02:00")
    event_log.add_page("receiver", [applicant(1, old, 1), applicant(2, recent, 2)], "c2")
    register = CustomerRegister(tmp_path / "customers.sqlite3")
    try:
        register.upsert(CustomerRecord("umazda", 1, "Old", "Customer"))
        register.upsert(CustomerRecord("umazda", 2, "New", "Customer"))
        stale = int((now - timedelta(days=DEFAULT_RETENTION_DAYS + 5)).timestamp())
        with register.db.write() as conn:
            conn.execute("UPDATE customers SET updated_at = ? WHERE id = 1", (stale,))
        result = apply_retention(event_log, register, DEFAULT_RETENTION_DAYS, now)
        assert (result.events_deleted, result.customers_deleted) == (1, 1)
        dpid = applicant(1)["dealer"]["dpid"]
        assert event_log.for_customer(dpid, 1) == [] and len(event_log.for_customer(dpid, 2)) == 1
        assert register.get("umazda", 1) is None and register.get("umazda", 2) is not None
        assert apply_retention(event_log, register, DEFAULT_RETENTION_DAYS, now).events_deleted == 0
    finally:
        register.close()


def test_retention_setting_has_a_documented_default_and_bounds(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert Settings().retention_days == DEFAULT_RETENTION_DAYS == 400
    settings = Settings(retention_days=90)
    settings.save(path)
    assert Settings.load(path).retention_days == 90
    path.write_text(json.dumps({"retention_days": 1}))
    assert Settings.load(path).retention_days == MIN_RETENTION_DAYS
    path.write_text(json.dumps({"retention_days": "forever"}))
    assert Settings.load(path).retention_days == DEFAULT_RETENTION_DAYS
