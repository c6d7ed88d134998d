"""The desktop's team-server client against a real server: the calls a shared DealStore makes."""

from __future__ import annotations

import uuid

import pytest

from desktop.api import errors
from desktop.api.team_server import TeamServerClient, VersionConflict
from tests.server.conftest import Team


@pytest.fixture
def clients(team: Team):  # type: ignore[no-untyped-def]
    made = []

    def make(name: str, role: str, *rooftops: str) -> TeamServerClient:
        desk = team.desk(name, role, rooftops)
        token = desk.client.headers["Authorization"][7:]
        client = TeamServerClient(team.server.url, token)
        made.append(client)
        return client

    yield make
    for c in made:
        c.close()


def test_create_read_save_conflict_and_feed(clients) -> None:  # type: ignore[no-untyped-def]
    judy = clients("judy", "agent", "hyundai-demo")
    fiona = clients("fiona", "finance", "hyundai-demo")
    deal_id = str(uuid.uuid4())
    deal = judy.create_deal(
        "hyundai-demo", {"first_name": "Ana"}, deal_id=deal_id, vehicle={"vin": "KMHLM4AG3PU123456"}
    )
    again = judy.create_deal("hyundai-demo", {"first_name": "Ana"}, deal_id=deal_id)  # a retried create
    assert again.id == deal.id == deal_id and again.number == deal.number
    assert [d.id for d in fiona.deals("hyundai-demo")] == [deal_id]

    start = fiona.changes(None)
    saved = judy.save_deal(deal_id, deal.version, {"notes": "wants the blue one"})
    assert saved.version == 2 and saved.notes == "wants the blue one"
    with pytest.raises(VersionConflict) as stale:
        fiona.save_deal(deal_id, deal.version, {"notes": "typed on an old copy"})
    assert stale.value.current.notes == "wants the blue one" and "judy" in stale.value.sentence()
    page = fiona.changes(start.cursor, wait=5)
    assert [(c.id, c.version) for c in page.changes] == [(deal_id, 2)]
    assert fiona.history(deal_id)[-1]["field"] == "notes"

    with pytest.raises(errors.BadRequest) as bad:
        judy.create_deal("hyundai-demo", {"first_name": "Ana"}, vehicle={"vin": "nope"})
    assert bad.value.field == "vehicle.vin"
    with pytest.raises(errors.Unauthorized):
        judy.deals("toyota-demo")
