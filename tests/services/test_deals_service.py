"""Deal use cases on a real store: starting a deal, following customer events, audited reveals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.deals import DealVehicle, Person, Stage
from desktop.secrets import SecretStore
from desktop.services.deals import apply_customer_event, reveal, start_deal
from desktop.store.deals import SqliteDealStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteDealStore]:
    s = SqliteDealStore(tmp_path / "deals.sqlite3", SecretStore())
    yield s
    s.close()


def event(kind: str, customer_id: int = 7, email: str = "ann@example.com", **extra: Any) -> dict[str, Any]:
    return {
        "event_type": kind,
        "dealer": {"dpid": "D1"},
        "customer": {"id": customer_id, "email": email},
        **extra,
    }


def test_events_fill_the_customer_and_order_and_only_advance_the_stage(store: SqliteDealStore) -> None:
    deal = start_deal(store, "D1", "ann", "HD", buyer=Person(first_name="Ann", email="Ann@Example.com"))
    assert apply_customer_event(store, event("customer_saved_vehicle", email="bo@example.com")) is None
    saved = apply_customer_event(store, event("customer_requested_price", order={"id": 300007}))
    assert saved is not None
    assert (saved.buyer.customer_id, saved.order_id, saved.stage) == (7, "300007", Stage.WORKING)
    saved = apply_customer_event(store, event("service_made_credit_decision", email=""))
    assert saved is not None and saved.stage is Stage.PRICED
    assert apply_customer_event(store, event("customer_requested_price")) is None  # nothing new: no save
    assert store.get(deal.id).version == 3
    assert [(h.old, h.new, h.who) for h in store.history(deal.id) if h.field == "stage"][1:] == [
        ("lead", "working", "roadster"),
        ("working", "priced", "roadster"),
    ]
    assert apply_customer_event(store, event("customer_started_purchase"), skip_id=deal.id) is None


def test_reveal_writes_the_audit_log_first(store: SqliteDealStore) -> None:
    deal = start_deal(store, "D1", "ann", "HD", vehicle=DealVehicle(vin="1HGCM82633A004352"))
    deal.buyer.ssn = "123-45-6789"
    recorded: list[tuple[str, str]] = []
    assert reveal(lambda subject, detail: recorded.append((subject, detail)), deal, "buyer.ssn") == "123-45-6789"
    assert recorded == [(f"deal:{deal.id}", "HD-1001 buyer.ssn")]
    with pytest.raises(KeyError, match="not personal data"):
        reveal(lambda subject, detail: recorded.append((subject, detail)), deal, "buyer.first_name")

    def audit_down(_subject: str, _detail: str) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):  # no audit entry, no clear value
        reveal(audit_down, deal, "buyer.ssn")
    assert len(recorded) == 1
