"""Packets on production: the order comes from the customer events or is typed, never from ``/sandbox/...``."""

from __future__ import annotations

from pathlib import Path

from desktop.services.event_orders import orders_from_events, typed_order
from desktop.store.events import EventLog
from tests.conformance.samples import load


def reference_event() -> dict[str, object]:
    event = load("roadster", "webhook_event.request").body()
    assert isinstance(event, dict)
    return event


def test_the_reference_event_gives_its_order_with_customer_vehicle_and_dealer() -> None:
    event = reference_event()
    older = {**event, "order": {"id": 367146, "financing": {"type": "lease"}}, "event_id": "older"}
    (order,) = orders_from_events([older, event], "toyotademo")
    assert order["id"] == 367146
    assert (order["customer"]["first_name"], order["customer"]["last_name"]) == ("Carlos", "Silva")
    assert (order["customer"]["city"], order["customer"]["zip_code"]) == ("Palo Alto", "94020")
    assert (order["vehicle"]["vin"], order["vehicle"]["year"]) == ("4T1C11AK0LU322811", 2020)
    assert (order["dealer"]["name"], order["dealer"]["city"]) == ("Toyota Demo", "Fresno")
    assert (order["deal"]["deal_type"], order["deal"]["price"]) == ("cash", 23827)  # the latest event wins
    assert orders_from_events([event], "otherdealer") == []


def test_an_order_id_can_be_typed() -> None:
    assert typed_order("367146") == {"id": 367146, "date": typed_order("1")["date"]}  # type: ignore[index]
    assert typed_order(" #42 ")["id"] == 42  # type: ignore[index]
    for bad in ("", "abc", "0", "²", "١٢", "9" * 30, "-5"):
        assert typed_order(bad) is None, bad


def test_a_production_profile_reads_orders_from_its_event_log_not_the_sandbox(tmp_path: Path) -> None:
    from desktop.ui.tabs.templates import orders_for

    path = tmp_path / "events.sqlite3"
    log = EventLog(path)
    try:
        log.add_page("feed", [reference_event()], "1")
    finally:
        log.close()
    # No client at all: any HTTP call (to /sandbox/orders or elsewhere) would fail on None.
    log = EventLog(path)
    try:
        orders = orders_for(None, "toyotademo", False, log)
    finally:
        log.close()
    assert [o["id"] for o in orders] == [367146]
    none = EventLog(tmp_path / "none.sqlite3")
    assert orders_for(None, "toyotademo", False, none) == []
    assert not none.path.exists()  # a profile that never received an event gets no file for asking
