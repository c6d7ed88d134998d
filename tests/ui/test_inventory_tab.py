"""The Inventory tab as a user drives it: sync, filter, errors, offline start."""

from __future__ import annotations

import gc
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.api.errors import Cancelled
from desktop.sandbox.server import SandboxServer
from desktop.services.cancel import JobControl
from desktop.services.inventory_sync import InventorySync
from desktop.store.inventory_cache import ROW_IN_STOCK, ROW_MODEL, ROW_STOCK_NUMBER, ROW_TRIM, ROW_VIN, SyncState
from desktop.ui.models import inventory_columns as cols
from desktop.ui.tabs.inventory import InventoryTab, chaiz
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.conftest import TEST_INVENTORY, admin, roadster_for
from tests.ui.conftest import connection_to


def make_tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace) -> InventoryTab:
    tab = InventoryTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.show()
    return tab


@pytest.fixture
def hyundai_tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> InventoryTab:
    """The tab on Hyundai Demo, a rooftop with a Chaiz partner id, its inventory synced into the cache and listed,
    and a connection to the sandbox: where the Chaiz pre-registration tests start."""
    client = roadster_for(sandbox)
    InventorySync(client, workspace.cache).run("hyundaidemo")
    client.close()
    workspace.dealers = [{"dpid": "hyundaidemo", "partner_id": "CA317", "state": "CA", "name": "Hyundai Demo"}]
    tab = make_tab(qtbot, runner, workspace)
    workspace.connection = connection_to(sandbox)
    workspace.set_rooftop("hyundaidemo")
    qtbot.waitUntil(lambda: tab.model.total_count() == TEST_INVENTORY, timeout=10_000)
    return tab


def test_sync_fills_the_table_and_filter_narrows_it(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    tab = make_tab(qtbot, runner, workspace)
    workspace.set_rooftop("hyundaidemo")
    with qtbot.waitSignal(tab.sync_finished, timeout=30_000):
        workspace.set_connection(connection_to(sandbox))  # connecting starts a sync
    qtbot.waitUntil(lambda: tab.model.total_count() == TEST_INVENTORY, timeout=10_000)
    assert "vehicles" in tab.count_label.text()
    assert f"{TEST_INVENTORY:,} vehicles fetched" in tab.banner.text()  # in words, not "vehicle(s)"
    needle = tab.model.row_at(0)[ROW_MODEL].lower()
    qtbot.keyClicks(tab.filter, needle)
    qtbot.waitUntil(lambda: not tab.model.is_searching())  # the search runs in a worker
    assert 0 < tab.model.match_count() < TEST_INVENTORY
    shown = [tab.model.row_at(i) for i in range(tab.model.rowCount())]
    hay = [f"{r[ROW_VIN]} {r[ROW_STOCK_NUMBER]} {r[ROW_MODEL]} {r[ROW_TRIM]}".lower() for r in shown]
    bad = [h for h in hay if not all(word in h for word in needle.split())]
    assert not bad, (needle, tab.filter.text(), bad[:2])
    assert f"{tab.model.match_count():,} shown" in tab.count_label.text()
    tab.filter.setText("zzzz")  # no match: a count that reads right, not "0 match"
    qtbot.waitUntil(lambda: tab.count_label.text() == f"{TEST_INVENTORY:,} vehicles · 0 shown")
    tab.filter.clear()
    tab.in_stock.setChecked(True)
    qtbot.waitUntil(lambda: not tab.model.is_searching())
    assert 0 < tab.model.match_count() < TEST_INVENTORY
    assert all(tab.model.row_at(i)[ROW_IN_STOCK] for i in range(tab.model.rowCount()))
    workspace.set_rooftop("gwinnettkia")  # another rooftop: the last one's sync result is not said of it
    assert tab.banner.text() == ""


def test_synced_rows_are_left_to_reference_counting(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    """No gc.freeze() by the tab or a worker (the one freeze is the start-up's, on the GUI thread: test_gui_gc.py),
    and rows the cyclic collector stops walking after its first look at them."""
    tab = make_tab(qtbot, runner, workspace)
    workspace.set_rooftop("umazda")
    with qtbot.waitSignal(tab.sync_finished, timeout=30_000):
        workspace.set_connection(connection_to(sandbox))
    qtbot.waitUntil(lambda: tab.model.total_count() == TEST_INVENTORY, timeout=10_000)
    assert gc.get_freeze_count() == 0
    rows = [tab.model.row_at(i) for i in range(tab.model.match_count())]
    assert len(rows) == TEST_INVENTORY and all(type(r) is tuple for r in rows)
    gc.collect(0)  # a young collection, as the interpreter runs every few hundred allocations
    assert [r[ROW_VIN] for r in rows if gc.is_tracked(r)] == []


def test_a_vehicle_that_cannot_be_read_says_so(qtbot: QtBot, runner: TaskRunner, workspace: Workspace) -> None:
    row = ("JM1BPBDL0R1600001", "M-1", 2026, "Mazda", "CX-5", "Select", "SUV", "Soul Red", "9B1B1E", 30000.0, 1, 0, 1)
    tab = make_tab(qtbot, runner, workspace)
    tab.model.set_rows([row])
    workspace.cache.close()
    workspace.cache.db.path.write_bytes(b"damaged by a disk error " * 200)
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    qtbot.waitUntil(lambda: "could not be read" in tab.detail.toPlainText(), timeout=10_000)
    assert "JM1BPBDL0R1600001" in tab.detail.toPlainText() and "not a database" in tab.detail.toPlainText()


def test_selecting_a_vehicle_shows_its_details(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    client = roadster_for(sandbox)
    InventorySync(client, workspace.cache).run("umazda")
    client.close()
    workspace.dealers = [{"dpid": "umazda", "partner_id": "", "name": "Mazda"}]
    tab = make_tab(qtbot, runner, workspace)
    workspace.set_rooftop("umazda")
    qtbot.waitUntil(lambda: tab.model.total_count() == TEST_INVENTORY, timeout=10_000)
    vin = tab.model.row_at(3)[ROW_VIN]
    tab.table.setCurrentIndex(tab.model.index(3, 0))
    qtbot.waitUntil(lambda: vin in tab.detail.toPlainText(), timeout=10_000)
    text = tab.detail.toPlainText()
    assert "Packages" in text and "Exterior" in text and "MSRP" in text


def test_offline_start_shows_the_cache_and_the_reason(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    client = roadster_for(sandbox)
    InventorySync(client, workspace.cache).run("toyotademo")
    client.close()
    tab = make_tab(qtbot, runner, workspace)
    workspace.set_rooftop("toyotademo")
    workspace.set_connection(None, "Could not reach the Roadster API (connection refused).")
    qtbot.waitUntil(lambda: tab.model.total_count() == TEST_INVENTORY, timeout=10_000)
    assert tab.banner.isVisible() and "Could not reach" in tab.banner.text()
    tab.start_sync()  # no connection: says so, does not crash
    assert "Could not reach" in tab.banner.text()


def test_server_error_during_sync_is_shown_and_cache_kept(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, fresh_sandbox: SandboxServer
) -> None:
    tab = make_tab(qtbot, runner, workspace)
    tab.page_size = 50
    workspace.set_rooftop("hyundaidemo")
    admin(
        fresh_sandbox, "POST", "/faults", json={"path_prefix": "/v1/inventory", "status": 500, "count": 3, "after": 1}
    )
    with qtbot.waitSignal(tab.sync_finished, timeout=30_000) as blocker:
        workspace.set_connection(connection_to(fresh_sandbox))
    assert isinstance(blocker.args[0], Exception)
    assert "500" in tab.banner.text() and "resumes" in tab.banner.text()
    qtbot.waitUntil(lambda: tab.model.total_count() > 0, timeout=10_000)
    kept = tab.model.total_count()
    assert kept < TEST_INVENTORY
    assert tab.sync_button.isEnabled()
    with qtbot.waitSignal(tab.sync_finished, timeout=30_000) as blocker:
        tab.sync_button.click()
    assert blocker.args[0].resumed
    qtbot.waitUntil(lambda: tab.model.total_count() == TEST_INVENTORY, timeout=10_000)


def test_401_during_sync_says_check_the_key(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    tab = make_tab(qtbot, runner, workspace)
    workspace.set_rooftop("hyundaidemo")
    conn = connection_to(sandbox)
    conn.roadster.http.headers["Authorization"] = "Bearer wrong"
    with qtbot.waitSignal(tab.sync_finished, timeout=30_000):
        workspace.set_connection(conn)
    assert "refused the key" in tab.banner.text()


def test_cancel_sync(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, fresh_sandbox: SandboxServer) -> None:
    tab = make_tab(qtbot, runner, workspace)
    workspace.set_rooftop("hyundaidemo")
    admin(fresh_sandbox, "POST", "/faults", json={"path_prefix": "/v1/inventory", "status": 0, "delay": 0.5})
    workspace.set_connection(connection_to(fresh_sandbox))
    assert tab.cancel_button.isVisible()
    tab.cancel_button.click()
    assert not tab.is_syncing() and tab.sync_button.isEnabled()
    assert "cancelled" in tab.banner.text()


def test_vin_field_refuses_a_bad_check_digit_on_the_message_line(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace
) -> None:
    """The refusal is on the tab's reserved message line: the toolbar row does not grow, nothing moves."""
    tab = make_tab(qtbot, runner, workspace)
    qtbot.waitExposed(tab)
    table_top, row_height = tab.table.mapTo(tab, tab.table.rect().topLeft()).y(), tab.vin_lookup.height()
    qtbot.keyClicks(tab.vin_lookup.edit, "1HGCM82635A004352")
    qtbot.keyClick(tab.vin_lookup.edit, Qt.Key.Key_Return)
    assert "check digit" in tab.banner.text() and tab.banner.text().startswith("Go to VIN:")
    assert "check digit" in tab.vin_lookup.edit.toolTip() and not tab.vin_lookup.message.isVisible()
    tab.layout().activate()  # whatever the refusal changed in the layout is applied now
    assert (tab.table.mapTo(tab, tab.table.rect().topLeft()).y(), tab.vin_lookup.height()) == (table_top, row_height)
    tab.vin_lookup.edit.clear()
    qtbot.keyClicks(tab.vin_lookup.edit, "1HGCM8263")
    qtbot.keyClick(tab.vin_lookup.edit, Qt.Key.Key_Return)
    assert "17 characters" in tab.banner.text()
    tab.vin_lookup.edit.clear()
    qtbot.keyClicks(tab.vin_lookup.edit, "1HGCM82633A004352")  # a good VIN: the refusal goes
    assert tab.banner.text() == ""


def test_pre_register_selected_vehicles_with_chaiz(qtbot: QtBot, hyundai_tab: InventoryTab) -> None:
    tab = hyundai_tab
    in_stock = [i for i in range(tab.model.rowCount()) if tab.model.row_at(i)[ROW_IN_STOCK]][:2]
    for i in in_stock:
        tab.table.selectionModel().select(
            tab.model.index(i, 0),
            tab.table.selectionModel().SelectionFlag.Select | tab.table.selectionModel().SelectionFlag.Rows,
        )
    tab.register_selected.click()
    qtbot.waitUntil(lambda: "registered" in tab.banner.text() and "Chaiz:" in tab.banner.text(), timeout=30_000)
    qtbot.waitUntil(
        lambda: tab.model.index(in_stock[0], cols.COL_CHAIZ).data().startswith("registered"), timeout=10_000
    )
    tab.table.setCurrentIndex(tab.model.index(in_stock[0], 0))
    qtbot.waitUntil(lambda: "plans from $" in tab.detail.toPlainText(), timeout=15_000)
    tab.clear_chaiz.click()
    qtbot.waitUntil(lambda: "Chaiz cache cleared" in tab.banner.text(), timeout=15_000)
    qtbot.waitUntil(lambda: tab.model.index(in_stock[0], cols.COL_CHAIZ).data() == "—", timeout=10_000)


def test_pre_register_needs_a_selection(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    tab = make_tab(qtbot, runner, workspace)
    workspace.connection = connection_to(sandbox)
    tab.register_selected.click()
    assert "Select the vehicles" in tab.banner.text()


def test_the_count_is_there_before_any_rooftop(qtbot: QtBot, runner: TaskRunner, workspace: Workspace) -> None:
    """Offline with no rooftop the count says "0 vehicles" (it was blank, the button beside it at the edge)."""
    tab = make_tab(qtbot, runner, workspace)
    assert tab.count_label.text() == "0 vehicles"


def test_counts_are_written_in_words() -> None:
    from desktop.ui.amounts import counted

    assert (counted(1, "vehicle"), counted(0, "vehicle"), counted(2000, "registration")) == (
        "1 vehicle",
        "0 vehicles",
        "2,000 registrations",
    )


def test_the_chaiz_buttons_stay_still_as_the_count_and_the_sync_time_change(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace
) -> None:
    tab = make_tab(qtbot, runner, workspace)
    tab.resize(1280, 600)
    qtbot.waitExposed(tab)
    buttons = (tab.register_selected, tab.register_all, tab.clear_chaiz)

    def places() -> list[int]:
        tab.layout().activate()
        return [b.mapTo(tab, b.rect().topLeft()).x() for b in buttons]

    before = places()
    assert tab.count_label.text() == "0 vehicles" and tab.sync_label.text() == ""
    models = ("CX-5", "CX-50", "Mazda3")
    rows = [
        (
            f"JM1BPBDL0R1{i:06d}",
            f"M-{i}",
            2026,
            "Mazda",
            models[i % 3],
            "Select",
            "SUV",
            "Red",
            "9B1B1E",
            30000.0,
            1,
            0,
            1,
        )
        for i in range(12_345)
    ]
    tab.model.set_rows(rows)
    assert tab.count_label.text() == "12,345 vehicles" and places() == before
    qtbot.keyClicks(tab.filter, "cx-50")
    qtbot.waitUntil(lambda: tab.count_label.text() == "12,345 vehicles · 4,115 shown")
    assert places() == before
    workspace.cache.save_sync_state(SyncState("umazda", complete=True, last_synced_at=1_764_633_600))
    workspace.set_rooftop("umazda")  # the cache is read: its count and the time of its last sync
    qtbot.waitUntil(lambda: tab.sync_label.text().startswith("Last sync: 2025-"), timeout=10_000)
    assert places() == before


def test_pre_register_rooftop_gathers_the_vins_in_a_worker(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pass over every row shown runs in the job, not on the GUI thread; none in stock: nothing is sent."""
    gathered_on: list[threading.Thread] = []
    gather = chaiz.in_stock_vins

    def recorded(*args: Any) -> list[str]:
        gathered_on.append(threading.current_thread())
        return gather(*args)

    monkeypatch.setattr(chaiz, "in_stock_vins", recorded)
    sold = [
        (f"KMH{i:014d}", f"H{i}", 2026, "Hyundai", "Kona", "SE", "SUV", "Red", "9B1B1E", 1.0, 0, 0, 1)
        for i in range(25_000)
    ]
    tab = make_tab(qtbot, runner, workspace)
    workspace.connection = connection_to(sandbox)
    tab.model.set_rows(tuple(sold))
    tab.register_all.click()
    assert gathered_on == [] and "Pre-registering the in-stock vehicles of 25,000 shown" in tab.banner.text()
    qtbot.waitUntil(lambda: "nothing was pre-registered" in tab.banner.text(), timeout=10_000)
    assert len(gathered_on) == 1 and gathered_on[0] is not threading.main_thread()


def test_pre_register_rooftop_registers_the_vehicles_shown(qtbot: QtBot, hyundai_tab: InventoryTab) -> None:
    tab = hyundai_tab
    vin = next(tab.model.row_at(i)[ROW_VIN] for i in range(tab.model.rowCount()) if tab.model.row_at(i)[ROW_IN_STOCK])
    tab.filter.setText(vin)  # the rooftop's button registers what the table shows
    qtbot.waitUntil(lambda: tab.model.match_count() == 1)
    tab.register_all.click()
    qtbot.waitUntil(lambda: "Chaiz: 1 registered" in tab.banner.text(), timeout=30_000)
    qtbot.waitUntil(lambda: tab.model.index(0, cols.COL_CHAIZ).data().startswith("registered"), timeout=10_000)


def test_in_stock_vins_reports_progress_and_stops_on_cancel() -> None:
    rows = [(f"V{i:05d}", "", 2026, "", "", "", "", "", "", 1.0, int(i % 3 != 0), 0, 1) for i in range(25_000)]
    seen: list[tuple[int, int]] = []
    control = JobControl(on_progress=lambda done, total, _text: seen.append((done, total)))
    view = list(range(len(rows) - 1, -1, -1))  # the shown order, here reversed
    vins = chaiz.in_stock_vins(rows, view, control)
    assert vins == [f"V{i:05d}" for i in view if i % 3 != 0]
    assert seen == [(0, 25_000), (10_000, 25_000), (20_000, 25_000)]
    control.cancel()
    with pytest.raises(Cancelled):
        chaiz.in_stock_vins(rows, view, control)
