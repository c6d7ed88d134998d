"""Two desktops' windows on one team server (real HTTP, SQLite server): a save on one shows on the other."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.api.base import RetryPolicy
from desktop.api.team_server import TeamServerClient
from desktop.domain.deals import Deal, Person
from desktop.secrets import SecretStore
from desktop.server.db import sqlite_url
from desktop.server.threaded import TeamServer
from desktop.server.users import add_user
from desktop.services.team import RemoteDealStore
from desktop.store.deals import DealQuery, SqliteDealStore
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.tasks import TaskRunner
from desktop.ui.team_feed import TeamFeed

DPID = "hyundai-demo"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[TeamServer]:
    running = TeamServer(tmp_path / "server", "webhook-key-for-this-test", sqlite_url(tmp_path / "server")).start()
    yield running
    running.stop()


class Desk:
    def __init__(self, runner: TaskRunner, server: TeamServer, name: str, role: str, home: Path) -> None:
        assert server.services is not None
        _, token = add_user(server.services.db, name, role, [DPID])
        client = TeamServerClient(server.url, token, retry=RetryPolicy(attempts=1))
        self.store = RemoteDealStore(client, SqliteDealStore(home / f"{name}.sqlite3", SecretStore()))
        self.current = CurrentDeal(runner, who=name)
        self.current.set_rooftop(DPID, "Hyundai Demo")
        self.feed = TeamFeed(self.current, wait=1)  # short long-polls: teardown waits for the thread to end
        self.feed.set_rooftop(DPID)
        self.current.set_store(self.store)
        self.feed.follow(self.store)
        self.arrived: list[Deal] = []
        self.current.saved.connect(self.arrived.append)


@pytest.fixture
def desks(qtbot: QtBot, runner: TaskRunner, server: TeamServer, tmp_path: Path) -> Iterator[tuple[Desk, Desk]]:
    judy, fiona = Desk(runner, server, "judy", "agent", tmp_path), Desk(runner, server, "fiona", "finance", tmp_path)
    yield judy, fiona
    for desk in (judy, fiona):
        desk.current.flush()
        desk.feed.stop(wait=10)
    runner.wait_idle()
    for desk in (judy, fiona):
        desk.store.close()


def test_a_save_on_one_desk_shows_on_the_other_within_seconds(qtbot: QtBot, desks: tuple[Desk, Desk]) -> None:
    judy, fiona = desks
    qtbot.waitUntil(lambda: fiona.feed._follower is not None and fiona.feed._follower.cursor is not None)
    judy.current.start()
    qtbot.waitUntil(lambda: judy.current.deal is not None, timeout=5000)
    assert judy.current.deal is not None
    deal_id = judy.current.deal.id
    assert len(judy.store.outbox) == 1  # the server starts a deal once it has a buyer's name
    assert judy.store.history(deal_id)  # this desk's own history meanwhile
    judy.current.edit("buyer.first_name", "Ana")
    judy.current.flush()
    qtbot.waitUntil(lambda: any(d.id == deal_id for d in fiona.arrived), timeout=5000)  # fiona's list line
    fiona.current.open_id(deal_id)
    qtbot.waitUntil(lambda: fiona.current.deal is not None, timeout=5000)
    judy.current.edit("notes", "trade appraised at 9,000")
    judy.current.flush()
    qtbot.waitUntil(
        lambda: fiona.current.deal is not None and fiona.current.deal.notes == "trade appraised at 9,000",
        timeout=3000,
    )
    assert [r.id for r in fiona.store.search(DealQuery(DPID))] == [deal_id]
    assert len(judy.store.outbox) == 0 and judy.current.deal is not None
    assert judy.current.deal.number == fiona.current.deal.number  # the server's number, on both desks


def test_offline_changes_meeting_anothers_save_show_both_values_and_keep_mine_loses_nothing(
    qtbot: QtBot, desks: tuple[Desk, Desk], server: TeamServer
) -> None:
    judy, fiona = desks
    judy.current.start(buyer=Person(first_name="Ana", last_name="Silva"))
    qtbot.waitUntil(lambda: judy.current.deal is not None and judy.current.deal.number.startswith("HD-10"))
    assert judy.current.deal is not None
    deal_id = judy.current.deal.id
    conflicts: list[Deal] = []
    judy.current.conflict.connect(conflicts.append)
    judy.feed.stop(wait=10)  # judy's desk comes back only after fiona saved (else its replay may simply win the race)
    server.stop()
    judy.current.edit("notes", "judy typed this offline")
    judy.current.flush()
    qtbot.waitUntil(lambda: len(judy.store.outbox) == 1 and not judy.current.dirty, timeout=10_000)
    back = TeamServer(server.data_dir, server.webhook_key, server.database, port=server.port).start()
    try:
        theirs = fiona.store.get(deal_id)
        theirs.notes, theirs.buyer.phone = "fiona typed this", "555-0199"
        fiona.store.save(theirs, theirs.version, "fiona")
        judy.feed.follow(judy.store)
        qtbot.waitUntil(lambda: bool(conflicts), timeout=20_000)  # judy's follower reconnects and replays
        collided = judy.current.collisions(conflicts[-1])
        assert [(c.field, c.mine, c.theirs) for c in collided] == [
            ("notes", "judy typed this offline", "fiona typed this")
        ]
        judy.current.keep_mine(conflicts[-1])
        qtbot.waitUntil(lambda: len(judy.store.outbox) == 0 and not judy.current.dirty, timeout=10_000)
        stored = judy.store.client.deal(deal_id)
        assert stored.notes == "judy typed this offline" and stored.buyer["phone"] == "555-0199"
    finally:
        judy.feed.stop(wait=10)
        fiona.feed.stop(wait=10)
        back.stop()
