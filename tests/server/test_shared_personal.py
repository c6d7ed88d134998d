"""The buyer's and the co-buyer's personal data on a shared deal: sealed at rest on the server, masked in every
answer, revealed only through the audited endpoint -- also when a desk's Reveal asks for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.api.base import RetryPolicy
from desktop.api.team_server import TeamServerClient
from desktop.domain.deals import DealVehicle, Person
from desktop.secrets import SecretStore
from desktop.server import schema
from desktop.services.deals import reveal, start_deal
from desktop.services.team import RemoteDealStore
from desktop.store.deals import SqliteDealStore
from tests.server.conftest import Team

DPID = "hyundai-demo"
BUYER = {"first_name": "Ana", "last_name": "Silva"}


def _audit(admin) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    log = admin.get("/api/v1/audit").json()
    assert log["intact"] is True
    return [(e["user"], e["action"], e["entity_id"], e["field"]) for e in log["entries"] if e["action"] == "reveal"]


def test_the_co_buyers_personal_data_is_sealed_masked_and_revealed_audited(team: Team) -> None:
    fiona = team.desk("fiona", "finance", (DPID,))
    admin = team.desk("root", "admin")
    made = fiona.post(
        "/api/v1/deals",
        json={
            "dpid": DPID,
            "buyer": BUYER,
            "co_buyer": {"first_name": "Bo"},
            "personal": {"ssn": "123-45-6789"},
            "co_buyer_personal": {"ssn": "987-65-4321", "licence_number": "D7654321"},
        },
    )
    assert made.status_code == 201, made.text
    deal = made.json()
    assert deal["personal"] == {"ssn": "***-**-6789"}
    assert deal["co_buyer_personal"] == {"ssn": "***-**-4321", "licence_number": "****4321"}
    assert team.server.services is not None
    with team.server.services.db.read() as conn:
        stored = conn.execute(select(schema.deals.c.body, schema.deals.c.pii)).one()
    assert "987-65" not in str(stored) and "D7654321" not in str(stored)  # sealed at rest

    shown = fiona.post(f"/api/v1/deals/{deal['id']}/reveal", json={"field": "ssn", "party": "co_buyer"})
    assert shown.json() == {"field": "ssn", "value": "987-65-4321"}
    assert fiona.post(f"/api/v1/deals/{deal['id']}/reveal", json={"field": "ssn"}).json()["value"] == "123-45-6789"
    assert _audit(admin) == [("fiona", "reveal", deal["id"], "co_buyer.ssn"), ("fiona", "reveal", deal["id"], "ssn")]
    bad = fiona.post(f"/api/v1/deals/{deal['id']}/reveal", json={"field": "ssn", "party": "cousin"})
    assert bad.status_code == 400 and bad.json()["field"] == "party"

    changed = fiona.put(f"/api/v1/deals/{deal['id']}", json={"version": 1, "co_buyer_personal": {"ssn": None}})
    assert changed.json()["co_buyer_personal"] == {"licence_number": "****4321"}
    gone = fiona.put(f"/api/v1/deals/{deal['id']}", json={"version": 2, "co_buyer": None})
    assert gone.json()["co_buyer_personal"] == {} and gone.json()["personal"] == {"ssn": "***-**-6789"}
    history = fiona.get(f"/api/v1/deals/{deal['id']}/history").json()
    assert ("co_buyer_personal.licence_number", "(sealed)") in [(h["field"], h["new"]) for h in history]
    assert "4321" not in str(history)


@pytest.fixture
def two_desks(team: Team, tmp_path: Path) -> Iterator[tuple[RemoteDealStore, RemoteDealStore]]:
    stores = []
    for name, role in (("judy", "agent"), ("fiona", "finance")):
        token = team.desk(name, role, (DPID,)).client.headers["Authorization"][7:]
        client = TeamServerClient(team.server.url, token, retry=RetryPolicy(attempts=1))
        stores.append(RemoteDealStore(client, SqliteDealStore(tmp_path / f"{name}.sqlite3", SecretStore())))
    yield stores[0], stores[1]
    for store in stores:
        store.close()


def test_a_desks_reveal_of_a_shared_deal_goes_through_the_servers_audit_log(
    team: Team, two_desks: tuple[RemoteDealStore, RemoteDealStore]
) -> None:
    judy, fiona = two_desks
    admin = team.desk("root", "admin")
    buyer = Person(first_name="Ana", last_name="Silva", ssn="123-45-6789")
    deal = start_deal(judy, DPID, "judy", "HD", buyer=buyer, vehicle=DealVehicle(vin="KMHLM4AG3PU123456"))
    deal.co_buyer = Person(first_name="Bo", licence_number="D7654321")
    judy.save(deal, deal.version, "judy")

    theirs = fiona.get(deal.id)  # another desk: it never had the clear values
    assert theirs.buyer.ssn == "" and theirs.co_buyer is not None and theirs.co_buyer.licence_number == ""
    recorded: list[tuple[str, str]] = []
    value = reveal(lambda subject, detail: recorded.append((subject, detail)), theirs, "co_buyer.licence_number", fiona)
    assert value == "D7654321"
    assert reveal(lambda *_: None, judy.get(deal.id), "buyer.ssn", judy) == "123-45-6789"
    assert recorded == [(f"deal:{deal.id}", f"{theirs.number} co_buyer.licence_number")]  # the desk's own log too
    assert _audit(admin) == [
        ("fiona", "reveal", deal.id, "co_buyer.licence_number"),
        ("judy", "reveal", deal.id, "ssn"),
    ]
