"""Two desktops on one team server over real HTTP: the shared DealStore, its outbox and the change follower."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.api import errors
from desktop.api.base import RetryPolicy
from desktop.api.team_server import TeamServerClient
from desktop.domain.deals import Deal, DealVehicle, Person
from desktop.domain.deals.merge import collisions, keep_mine
from desktop.secrets import SecretStore
from desktop.server.threaded import TeamServer
from desktop.services.connection import ServiceCheck
from desktop.services.deals import start_deal
from desktop.services.team import ChangeFollower, RemoteDealStore, check_connection
from desktop.store.deals import DealConflict, DealQuery, SqliteDealStore
from tests.server.conftest import WEBHOOK_KEY, Team

DPID = "hyundai-demo"
Make = Callable[[str, str], RemoteDealStore]


def wait_for(check: Callable[[], bool], timeout: float = 5.0) -> None:
    """Poll ``check`` from the test thread (no Qt here): the follower runs on its own thread."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "not within the time allowed"
        threading.Event().wait(0.02)


@pytest.fixture
def desks(team: Team, tmp_path: Path) -> Iterator[Make]:
    made: list[RemoteDealStore] = []

    def make(name: str, role: str) -> RemoteDealStore:
        desk = team.desk(name, role, (DPID,))
        token = desk.client.headers["Authorization"][7:]
        client = TeamServerClient(team.server.url, token, retry=RetryPolicy(attempts=1))
        store = RemoteDealStore(client, SqliteDealStore(tmp_path / f"{name}.sqlite3", SecretStore()))
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


def started(store: RemoteDealStore, who: str = "judy") -> Deal:
    buyer = Person(first_name="Ana", last_name="Silva", phone="555-0100", ssn="123-45-6789")
    return start_deal(store, DPID, who, "HD", buyer=buyer, vehicle=DealVehicle(vin="KMHLM4AG3PU123456"))


def test_create_get_save_and_history_over_http(desks: Make) -> None:
    judy = desks("judy", "agent")
    deal = started(judy)
    assert deal.number.startswith("HD-10") and deal.version == 1 and deal.buyer.ssn == "123-45-6789"
    deal.notes = "wants the blue one"
    deal.trade_ins = []
    deal.vehicle.trim = "SEL"  # kept in the desk record: the server has no column for it
    saved = judy.save(deal, 1, "judy")
    assert saved.version == 2
    again = judy.client.deal(deal.id)
    assert again.notes == "wants the blue one" and again.data["personal"]["ssn"] == "***-**-6789"
    fresh = judy.get(deal.id)
    assert fresh.vehicle.trim == "SEL" and fresh.buyer.ssn == "123-45-6789"  # the clear value stays on this desk
    assert [r.number for r in judy.search(DealQuery(DPID, "silva"))] == [deal.number]
    assert any(e.field == "notes" and e.new == "wants the blue one" for e in judy.history(deal.id))
    assert judy.sees_profit is False  # an agent: the server leaves reserve and profit out


def test_finance_sees_profit_and_an_agent_does_not(desks: Make) -> None:
    judy, fiona = desks("judy", "agent"), desks("fiona", "finance")
    assert judy.sees_profit is None and fiona.sees_profit is None  # not known before the first answer
    deal = started(judy)
    fiona.get(deal.id)
    judy.get(deal.id)
    assert (judy.sees_profit, fiona.sees_profit) == (False, True)


def test_another_desk_sees_a_save_within_seconds(desks: Make) -> None:
    judy, fiona = desks("judy", "agent"), desks("fiona", "finance")
    seen: list[Deal] = []
    follower = ChangeFollower(fiona, lambda: [DPID], seen.extend, wait=5).start()
    try:
        wait_for(lambda: follower.cursor is not None)
        deal = started(judy)
        wait_for(lambda: any(d.id == deal.id for d in seen))
        deal.notes = "customer called back"
        t0 = time.monotonic()
        judy.save(deal, deal.version, "judy")
        wait_for(lambda: any(d.notes == "customer called back" for d in seen), timeout=3)
        assert time.monotonic() - t0 < 3
        assert fiona.local.get(deal.id).notes == "customer called back"  # the list reads the refreshed copy
    finally:
        follower.stop(timeout=10)


def test_simultaneous_saves_give_one_conflict_and_lose_nothing(desks: Make) -> None:
    judy, fiona = desks("judy", "agent"), desks("fiona", "finance")
    deal = started(judy)
    mine, theirs, read = judy.get(deal.id), fiona.get(deal.id), judy.get(deal.id)
    mine.notes, theirs.buyer.phone = "from judy", "555-0199"
    results: list[object] = []
    barrier = threading.Barrier(2)

    def save(store: RemoteDealStore, d: Deal, who: str) -> None:
        barrier.wait()
        try:
            results.append(store.save(d, d.version, who))
        except DealConflict as exc:
            results.append(exc)

    threads = [threading.Thread(target=save, args=a) for a in ((judy, mine, "judy"), (fiona, theirs, "fiona"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    conflicts = [r for r in results if isinstance(r, DealConflict)]
    assert len(conflicts) == 1
    loser_is_judy = conflicts[0].current.buyer.phone == "555-0199"
    store, loser = (judy, mine) if loser_is_judy else (fiona, theirs)
    assert [c.field for c in collisions(read, loser, conflicts[0].current)] == []  # different fields: no choice
    merged = keep_mine(read, loser, conflicts[0].current)
    store.save(merged, merged.version, "x")
    final = judy.client.deal(deal.id)
    assert final.notes == "from judy" and final.buyer["phone"] == "555-0199" and final.version == 3


def test_offline_changes_queue_and_replay_in_order(desks: Make, team: Team, database_url: str) -> None:
    judy = desks("judy", "agent")
    deal = started(judy)
    server: TeamServer = team.server
    server.stop()
    deal.notes = "typed offline"
    kept = judy.save(deal, deal.version, "judy")
    assert kept.version == 1 and not judy.online and len(judy.outbox) == 1
    kept.buyer.phone = "555-0123"
    judy.save(kept, kept.version, "judy")
    offline = start_deal(judy, DPID, "judy", "HD", buyer=Person(first_name="Bo"))
    assert offline.number.startswith("HD-") and len(judy.outbox) == 2
    assert "out of reach" in judy.notice and judy.get(deal.id).notes == "typed offline"

    back = TeamServer(server.data_dir, WEBHOOK_KEY, database_url, port=server.port).start()
    try:
        assert judy.replay() and len(judy.outbox) == 0 and judy.online
        sent = judy.client.deal(deal.id)
        assert sent.version == 2 and sent.notes == "typed offline" and sent.buyer["phone"] == "555-0123"
        made = judy.client.deal(offline.id)
        assert made.buyer["first_name"] == "Bo" and judy.local.get(offline.id).number == made.number
    finally:
        back.stop()


def test_a_stale_replay_surfaces_as_a_conflict(desks: Make, team: Team, database_url: str) -> None:
    judy, fiona = desks("judy", "agent"), desks("fiona", "finance")
    deal = started(judy)
    server: TeamServer = team.server
    conflicts: list[DealConflict] = []
    judy.on_conflict(conflicts.append)
    other, deal_read = fiona.get(deal.id), judy.get(deal.id)
    server.stop()
    deal.notes = "judy offline"
    judy.save(deal, deal.version, "judy")
    back = TeamServer(server.data_dir, WEBHOOK_KEY, database_url, port=server.port).start()
    try:
        other.notes = "fiona online"
        fiona.save(other, other.version, "fiona")
        assert judy.replay()
        assert [c.current.notes for c in conflicts] == ["fiona online"]
        assert judy.get(deal.id).notes == "judy offline"  # mine is kept until the person chooses
        mine, theirs = judy.get(deal.id), conflicts[0].current
        assert [(c.field, c.mine, c.theirs) for c in collisions(deal_read, mine, theirs)] == [
            ("notes", "judy offline", "fiona online")
        ]
        mine = keep_mine(deal_read, mine, theirs)
        assert judy.save(mine, mine.version, "judy").notes == "judy offline"
        assert len(judy.outbox) == 0 and judy.client.deal(deal.id).notes == "judy offline"
    finally:
        back.stop()


def test_a_refused_queued_change_names_the_field_and_lets_the_others_go(
    desks: Make, team: Team, database_url: str
) -> None:
    judy = desks("judy", "agent")
    first, second = started(judy), started(judy)
    server: TeamServer = team.server
    server.stop()
    first.buyer.first_name = "A" * 250  # longer than the server keeps
    judy.save(first, first.version, "judy")
    second.notes = "sent anyway"
    judy.save(second, second.version, "judy")
    back = TeamServer(server.data_dir, WEBHOOK_KEY, database_url, port=server.port).start()
    try:
        assert judy.replay() and len(judy.outbox) == 1
        assert judy.client.deal(second.id).notes == "sent anyway"
        with pytest.raises(errors.BadRequest) as refused:
            judy.save(first, first.version, "judy")
        assert refused.value.field == "buyer.first_name" and len(judy.outbox) == 1
        first.buyer.first_name = "Ana"
        judy.save(first, first.version, "judy")
        assert len(judy.outbox) == 0 and judy.client.deal(first.id).buyer["first_name"] == "Ana"
    finally:
        back.stop()


def test_the_follower_sends_the_outbox_when_the_server_is_back(desks: Make, team: Team, database_url: str) -> None:
    judy = desks("judy", "agent")
    deal = started(judy)
    status: list[bool] = []
    follower = ChangeFollower(judy, lambda: [DPID], lambda deals: None, status.append, wait=1, retry=(0.2,)).start()
    server: TeamServer = team.server
    try:
        wait_for(lambda: follower.cursor is not None)
        server.stop()
        wait_for(lambda: status == [False])
        deal.notes = "typed while the server was down"
        judy.save(deal, deal.version, "judy")
        assert len(judy.outbox) == 1
        back = TeamServer(server.data_dir, WEBHOOK_KEY, database_url, port=server.port).start()
        try:
            wait_for(lambda: status == [False, True], timeout=10)
            assert len(judy.outbox) == 0 and judy.client.deal(deal.id).notes == "typed while the server was down"
        finally:
            follower.stop(timeout=5)
            back.stop()
    finally:
        follower.stop()


def test_settings_check_of_a_team_server_says_what_it_found(team: Team) -> None:
    token = team.desk("judy", "finance", (DPID,)).client.headers["Authorization"][7:]
    url = team.server.url
    working = check_connection(url, token)
    assert working == ServiceCheck("Team server", True, "Team server: connected, and the token works.")
    missing = check_connection(url, "")
    assert missing == ServiceCheck("Team server", False, "Team server: no Team server token yet. Add it above.")
    refused = check_connection(url, "not-a-token")
    assert not refused.ok
    assert refused.sentence.startswith("Team server: ") and "401" in refused.sentence
