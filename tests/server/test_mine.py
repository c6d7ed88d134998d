"""Team mode's "Mine": the deals I started are those the server records under the account this desk signs in
with (not the computer's login), on both engines; the server keeps that name whatever a client claims."""

from __future__ import annotations

from pathlib import Path

import httpx

from desktop.api.base import RetryPolicy
from desktop.api.team_server import TeamServerClient
from desktop.domain.deals import Person
from desktop.secrets import SecretStore
from desktop.server.threaded import TeamServer
from desktop.services.deals import start_deal
from desktop.services.team import RemoteDealStore
from desktop.store.deals import DealQuery, SqliteDealStore
from tests.server.conftest import WEBHOOK_KEY, Team

DPID = "hyundai-demo"
LOGIN = "root"  # the computer's login at every desk: never anyone's account on the server


def _store(team: Team, token: str, path: Path) -> RemoteDealStore:
    client = TeamServerClient(team.server.url, token, retry=RetryPolicy(attempts=1))
    return RemoteDealStore(client, SqliteDealStore(path, SecretStore()))


def _token(team: Team, name: str, role: str) -> str:
    return str(team.desk(name, role, (DPID,)).client.headers["Authorization"][7:])


def test_the_server_says_whom_a_token_signs_in_as(team: Team) -> None:
    judy = team.desk("judy", "agent", (DPID,))
    assert judy.get("/api/v1/me").json() == {"id": judy.user_id, "name": "judy", "role": "agent", "rooftops": [DPID]}
    assert httpx.get(team.server.url + "/api/v1/me").status_code == 401


def test_a_desk_cannot_claim_another_account_as_a_deals_creator(team: Team) -> None:
    judy = team.desk("judy", "agent", (DPID,))
    claimed = judy.post("/api/v1/deals", json={"dpid": DPID, "buyer": {"first_name": "Ana"}, "created_by": "fiona"})
    assert claimed.status_code == 400 and claimed.json()["field"] == "created_by"
    made = judy.post("/api/v1/deals", json={"dpid": DPID, "buyer": {"first_name": "Ana"}}).json()
    assert made["created_by"] == "judy"
    changed = judy.put(f"/api/v1/deals/{made['id']}", json={"version": 1, "created_by": "fiona"})
    assert changed.status_code == 400 and changed.json()["field"] == "created_by"
    assert judy.get(f"/api/v1/deals/{made['id']}").json()["created_by"] == "judy"


def test_mine_lists_the_deals_started_under_this_desks_account_online_and_offline(
    team: Team, tmp_path: Path, database_url: str
) -> None:
    token = _token(team, "judy", "agent")
    judy = _store(team, token, tmp_path / "judy.sqlite3")
    fiona = _store(team, _token(team, "fiona", "finance"), tmp_path / "fiona.sqlite3")
    try:
        assert judy.creator(LOGIN) == "judy" and fiona.creator(LOGIN) == "fiona"
        mine = start_deal(judy, DPID, LOGIN, "HD", buyer=Person(first_name="Ana"))
        theirs = start_deal(fiona, DPID, LOGIN, "HD", buyer=Person(first_name="Bo"))  # a lead judy sees too
        assert (mine.created_by, theirs.created_by) == ("judy", "fiona")
        judy.sync(DPID)
        assert {r.id for r in judy.search(DealQuery(DPID))} == {mine.id, theirs.id}
        assert [r.id for r in judy.search(DealQuery(DPID, creator=judy.creator(LOGIN)))] == [mine.id]
        assert judy.search(DealQuery(DPID, creator=LOGIN)) == []  # the login matched nothing: what was wrong

        server: TeamServer = team.server
        server.stop()
        offline = start_deal(judy, DPID, LOGIN, "HD", buyer=Person(first_name="Cy"))
        assert offline.created_by == "judy" and len(judy.outbox) == 1  # as the server will record it
    finally:
        judy.close()
        fiona.close()

    again = _store(team, token, tmp_path / "judy.sqlite3")  # the next session, server still down
    stranger = _store(team, "ddt_unknown", tmp_path / "new-desk.sqlite3")
    try:
        assert again.creator(LOGIN) == "judy" and not again.online  # kept in the local copy
        assert {r.id for r in again.search(DealQuery(DPID, creator="judy"))} == {mine.id, offline.id}
        assert stranger.creator(LOGIN) == LOGIN  # a desk never told: its user, until the server answers
        back = TeamServer(server.data_dir, WEBHOOK_KEY, database_url, port=server.port).start()
        try:
            assert again.replay() and again.client.deal(offline.id).data["created_by"] == "judy"
        finally:
            back.stop()
    finally:
        again.close()
        stranger.close()
