"""Two desktops' windows on one team server (real HTTP, SQLite server): a save on one shows on the other."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
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
from desktop.ui.tabs.deals import DealsTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.team_feed import TeamFeed
from desktop.ui.workspace import Workspace

DPID = "hyundai-demo"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[TeamServer]:
    running = TeamServer(tmp_path / "server", "webhook-key-for-this-test", sqlite_url(tmp_path / "server")).start()
    yield running
    running.stop()


class Desk:
    def __init__(self, runner: TaskRunner, server: TeamServer, name: str, role: str, home: Path, who: str = "") -> None:
        assert server.services is not None
        _, token = add_user(server.services.db, name, role, [DPID])
        client = TeamServerClient(server.url, token, retry=RetryPolicy(attempts=1))
        self.store = RemoteDealStore(client, SqliteDealStore(home / f"{name}.sqlite3", SecretStore()))
        self.current = CurrentDeal(runner, who=who or name)  # who: the computer's login
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


def _server_reveals(server: TeamServer) -> list[tuple[str, str, str]]:
    """The team server's audit log as its admin reads it: who revealed which field of which deal."""
    assert server.services is not None
    _, token = add_user(server.services.db, "root", "admin", [])
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}) as admin:
        log = admin.get("/api/v1/audit").json()
    assert log["intact"] is True
    return [(e["user"], e["entity_id"], e["field"]) for e in log["entries"] if e["action"] == "reveal"]


def test_a_personal_value_typed_at_one_desk_shows_masked_at_another_and_its_reveal_is_audited_by_the_server(
    qtbot: QtBot, desks: tuple[Desk, Desk], server: TeamServer, runner: TaskRunner, workspace: Workspace
) -> None:
    judy, fiona = desks
    judy.current.start(buyer=Person(first_name="Ana", last_name="Silva"))
    qtbot.waitUntil(lambda: judy.current.deal is not None and judy.current.deal.number.startswith("HD-10"))
    assert judy.current.deal is not None
    deal_id = judy.current.deal.id
    judy.current.edit("buyer.ssn", "123-45-6789")
    judy.current.edit("buyer.birth_date", "1980-02-29")
    judy.current.flush()
    qtbot.waitUntil(lambda: not judy.current.dirty and len(judy.store.outbox) == 0, timeout=5000)

    workspace.set_dealers([{"dpid": DPID, "name": "Hyundai Demo"}])
    workspace.set_rooftop(DPID)
    tab = DealsTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.bind_deal(fiona.current)
    assert tab.form is not None
    form = tab.form
    fiona.current.open_id(deal_id)
    qtbot.waitUntil(lambda: fiona.current.deal is not None and fiona.current.deal.buyer.server_masks != {})
    ssn, licence = form.pii["buyer.ssn"], form.pii["buyer.licence_number"]
    assert ssn.edit.text() == ""  # fiona's desk never had the clear value
    assert ssn.masked.text() == "•••-••-6789" and ssn.reveal.isEnabled()
    assert licence.masked.text() == "—" and not licence.reveal.isEnabled()  # nothing held anywhere

    qtbot.mouseClick(ssn.reveal, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ssn.edit.echoMode() == QLineEdit.EchoMode.Normal, timeout=5000)
    assert ssn.edit.text() == "123-45-6789" and not ssn.reveal.isEnabled()
    assert _server_reveals(server) == [("fiona", deal_id, "ssn")]
    mine = [(a.action, a.detail) for a in workspace.audit_log().entries()]
    assert mine == [("revealed", f"{fiona.current.deal.number} buyer.ssn")]  # the desk's own log too
    assert fiona.current.deal.buyer.ssn == "" and not fiona.current.dirty  # shown, never typed into the deal
    assert fiona.store.local.get(deal_id).buyer.ssn == ""
    assert b"6789" not in (fiona.store.local.path).read_bytes()  # not even the mask's last four in clear

    fiona.feed.stop(wait=10)
    server.stop()
    birth = form.pii["buyer.birth_date"]
    assert birth.masked.text() == "••••-••-••" and birth.reveal.isEnabled()
    qtbot.mouseClick(birth.reveal, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "out of reach" in tab.banner.text(), timeout=5000)
    assert "the buyer's date of birth was typed at another desk" in tab.banner.text()
    assert birth.edit.echoMode() == QLineEdit.EchoMode.Password and birth.edit.text() == ""
    assert len(workspace.audit_log().entries()) == 1  # nothing revealed, nothing recorded


def test_mine_on_a_team_server_lists_the_deals_started_under_this_desks_account(
    qtbot: QtBot, runner: TaskRunner, server: TeamServer, workspace: Workspace, tmp_path: Path
) -> None:
    """Found in review: the server records the account a desk signs in with ("judy") as a deal's creator, and
    "Mine" matched the computer's login ("root"), so on a team server "deals I started" listed none."""
    judy = Desk(runner, server, "judy", "agent", tmp_path, who="root")
    fiona = Desk(runner, server, "fiona", "finance", tmp_path, who="root")
    workspace.set_dealers([{"dpid": DPID, "name": "Hyundai Demo"}])
    workspace.set_rooftop(DPID)
    tab = DealsTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.bind_deal(judy.current)
    try:
        judy.current.start(buyer=Person(first_name="Ana", last_name="Silva"))
        qtbot.waitUntil(lambda: judy.current.deal is not None and judy.current.deal.number.startswith("HD-10"))
        assert judy.current.deal is not None
        started = judy.current.deal.number
        fiona.current.start(buyer=Person(first_name="Bo", last_name="Reyes"))  # a lead judy's desk lists too
        qtbot.waitUntil(lambda: fiona.current.deal is not None and fiona.current.deal.number.startswith("HD-10"))
        qtbot.waitUntil(lambda: tab.model.total_count() == 2, timeout=5000)  # judy's feed brought fiona's lead

        def listed() -> set[str]:
            return {tab.model.row_at(r).number for r in range(tab.model.rowCount())}

        tab.mine.check.setChecked(True)
        qtbot.waitUntil(lambda: listed() == {started}, timeout=5000)
        assert judy.store.account.name() == "judy"  # kept for a day the desk starts with the server down
    finally:
        for desk in (judy, fiona):
            desk.current.flush()
            desk.feed.stop(wait=10)
        runner.wait_idle()
        for desk in (judy, fiona):
            desk.store.close()
