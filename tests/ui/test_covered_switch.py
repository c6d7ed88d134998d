"""A switch to Deals, Dealers, Customers, Inventory or Templates & Packets paints the list first and the detail over
the turns after, blank till then.

Each tab covers its heavy panes as it is shown by a switch (``CoveredShow``, as Deal Pricing does): what is on screen
is the new tab, part of it blank for a turn or two, never the previous tab's pixels; once the covers are lifted the
tab looks exactly as it does shown without them; a key typed right after the switch reaches the focused field under
a cover; closing the tab lifts them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop.sandbox.server import SandboxServer
from desktop.secrets import SecretStore
from desktop.services.inventory_sync import InventorySync
from desktop.store.deals import SqliteDealStore
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.tabs.customers import CustomersTab
from desktop.ui.tabs.dealers import DealersTab
from desktop.ui.tabs.deals import DealsTab
from desktop.ui.tabs.inventory import InventoryTab
from desktop.ui.tabs.templates import TemplatesTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.steady_tabs import SteadyTabWidget
from desktop.ui.workspace import Workspace
from tests.conftest import TEST_INVENTORY, dealers_of, roadster_for
from tests.ui.conftest import connection_to
from tests.ui.screen_pixels import area_of, colours, on_screen
from tests.ui.switch_desk import RED, STEP, Desk, type_keys

SPARE_TURNS = 2  # turns of the event loop beyond one per cover before all are lifted


@pytest.fixture
def deals(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, tmp_path: Path) -> Iterator[Desk]:
    store = SqliteDealStore(tmp_path / "deals.sqlite3", SecretStore())
    workspace.set_dealers([{"dpid": "D1", "name": "Honda of Downtown"}])
    current = CurrentDeal(runner, who="ann.agent")
    current.set_rooftop("D1", "Honda of Downtown")
    workspace.set_rooftop("D1")
    tab = DealsTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.bind_deal(current)
    current.set_store(store)
    current.start()
    qtbot.waitUntil(lambda: current.deal is not None and tab.model.total_count() == 1)
    assert tab.form is not None
    tab.form.entries["buyer.first_name"].setText("Ann")
    form = tab.form
    desk = Desk(qtbot, runner, tab, [tab.form_area, form.buyer_box, form.vehicle_box])
    yield desk
    desk.close()
    tab.close()
    current.flush()
    runner.wait_idle()
    store.close()


@pytest.fixture
def dealers(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> Iterator[Desk]:
    tab = DealersTab(runner, workspace)
    qtbot.addWidget(tab)
    workspace.connection = connection_to(sandbox)
    workspace.set_dealers(dealers_of(sandbox))
    workspace.set_rooftop("hyundaidemo")
    desk = Desk(qtbot, runner, tab, [tab.table, tab.detail])
    qtbot.waitUntil(lambda: "hyundaidemo" in tab.title.text(), timeout=10_000)
    yield desk
    desk.close()
    tab.close()
    runner.wait_idle()


def connected_tab(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer, kind: Any, dpid: str
) -> Any:
    """A tab of ``kind`` connected to the sandbox, on ``dpid``."""
    workspace.set_connection(connection_to(sandbox))
    tab = kind(runner, workspace)
    qtbot.addWidget(tab)
    workspace.set_rooftop(dpid)
    return tab


@pytest.fixture
def customers(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> Iterator[Desk]:
    tab = connected_tab(qtbot, runner, workspace, sandbox, CustomersTab, "umazda")
    desk = Desk(qtbot, runner, tab, [tab.pages, tab.customer_box, tab.payment_box])
    yield desk
    desk.close()
    tab.close()
    runner.wait_idle()
    tab.close_register()


@pytest.fixture
def inventory(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> Iterator[Desk]:
    client = roadster_for(sandbox)
    InventorySync(client, workspace.cache).run("hyundaidemo")
    client.close()
    workspace.set_dealers([{"dpid": "hyundaidemo", "name": "Hyundai Demo", "state": "CA"}])
    tab = InventoryTab(runner, workspace)
    qtbot.addWidget(tab)
    workspace.set_rooftop("hyundaidemo")
    desk = Desk(qtbot, runner, tab, [tab.table, tab.detail])
    qtbot.waitUntil(lambda: tab.model.total_count() == TEST_INVENTORY, timeout=10_000)
    # Shown once first: the table's first show leaves its frame's corner pixel a shade apart from every later
    # show's (covers or none), and the test compares a covered switch with a plain one.
    desk.window.setCurrentWidget(tab)
    desk.settle()
    yield desk
    desk.close()
    tab.close()
    runner.wait_idle()


@pytest.fixture
def templates(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> Iterator[Desk]:
    tab = connected_tab(qtbot, runner, workspace, sandbox, TemplatesTab, "hyundaidemo")
    desk = Desk(qtbot, runner, tab, [tab.lists_pane, tab.work_pane])
    desk.window.setCurrentWidget(tab)  # its templates read on its first show
    qtbot.waitUntil(lambda: tab.list.count() > 0, timeout=10_000)
    yield desk
    desk.close()
    tab.close()
    runner.wait_idle()


TABS = ["deals", "dealers", "customers", "inventory", "templates"]


def focused_field(desk: Desk) -> Callable[[], str] | None:
    """Puts the focus in a field under a cover; gives what it holds (None: the tab's covered pane takes no text)."""
    tab: Any = desk.tab
    if isinstance(tab, DealsTab):
        assert tab.form is not None
        entry: QLineEdit = tab.form.entries["buyer.first_name"]
    elif isinstance(tab, CustomersTab):
        entry = tab.first_name
    elif isinstance(tab, TemplatesTab):
        entry = tab.name_edit
    else:
        return None
    entry.setFocus()
    return entry.text


@pytest.mark.parametrize("name", TABS)
def test_a_switch_paints_the_list_first_and_each_covered_pane_on_a_later_turn(
    name: str, request: pytest.FixtureRequest
) -> None:
    desk: Desk = request.getfixturevalue(name)
    tab: Any = desk.tab
    window = desk.window
    desk.settle()
    desk.show_red()

    desk.switch()
    assert tab.covered_show.covered() == desk.panes
    shown = on_screen(window)
    assert RED.rgb() not in colours(shown, area_of(tab, window), STEP)  # nothing of the previous tab, anywhere
    blank = tab.palette().color(QPalette.ColorRole.Window).rgb()
    for pane in desk.panes:  # each waits its turn, blank (a scroll area's scroll bar is drawn above its cover)
        inside = pane.viewport() if isinstance(pane, QAbstractScrollArea) else pane
        assert colours(shown, area_of(inside, window), STEP) == {blank}, pane
    turns = desk.lift()
    assert turns <= len(desk.panes) + SPARE_TURNS
    desk.settle()
    covered_then_lifted = on_screen(window).copy(area_of(tab, window))
    assert len(colours(covered_then_lifted, covered_then_lifted.rect(), STEP)) > 4

    # The same tab shown by a switch with no covers looks the same, pixel for pixel.
    desk.show_red()
    tab.covered_show.cover = lambda: None
    desk.switch()
    assert not tab.covered_show.covered()
    desk.settle()
    assert on_screen(window).copy(area_of(tab, window)) == covered_then_lifted


@pytest.mark.parametrize("name", TABS)
def test_keys_typed_right_after_a_switch_reach_the_field_under_a_cover(
    name: str, request: pytest.FixtureRequest, qtbot: QtBot
) -> None:
    desk: Desk = request.getfixturevalue(name)
    tab: Any = desk.tab
    desk.settle()
    text = focused_field(desk)
    desk.show_red()

    desk.switch()
    assert tab.covered_show.covered() == desk.panes
    if text is not None:  # the field focused before the switch has the focus again, and takes the keys
        before = text()
        type_keys(desk.window, "xyz")
        assert text() == before + "xyz"
    if isinstance(tab, TemplatesTab):  # no search: nothing of it is under a cover
        desk.lift()
        desk.settle()
        return
    # Ctrl+F's path: the search (or the Dealers' list) takes the focus and the keys while the detail is covered.
    tab.focus_find()
    if isinstance(tab, DealersTab):
        assert tab.covered_show.covered() == desk.panes
        row = tab.table.currentIndex().row()
        last = row == tab.table.model().rowCount() - 1
        QTest.keyClick(desk.window.windowHandle(), Qt.Key.Key_Up if last else Qt.Key.Key_Down)
        assert tab.table.currentIndex().row() == (row - 1 if last else row + 1)
    else:
        type_keys(desk.window, "abc")
        assert (tab.filter if isinstance(tab, InventoryTab) else tab.search).text() == "abc"
    desk.lift()
    desk.settle()


def test_a_click_right_after_a_switch_reaches_the_row_under_a_cover(dealers: Desk) -> None:
    """A cover is blank paint, not a wall: a row clicked before its pane's turn is selected as it would be after."""
    tab: Any = dealers.tab
    dealers.settle()
    dealers.show_red()
    dealers.switch()
    assert tab.table in tab.covered_show.covered()
    row = 0 if tab.table.currentIndex().row() != 0 else 1
    middle = tab.table.visualRect(tab.table.model().index(row, 0)).center()
    at = tab.table.viewport().mapTo(dealers.window, middle)
    assert dealers.window.childAt(at) is tab.table.viewport()  # where a click lands: under the cover, not on it
    QTest.mouseClick(dealers.window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    assert tab.table.currentIndex().row() == row
    dealers.lift()
    dealers.settle()


@pytest.mark.parametrize("name", TABS)
def test_closing_the_tab_lifts_its_covers(name: str, request: pytest.FixtureRequest) -> None:
    desk: Desk = request.getfixturevalue(name)
    tab: Any = desk.tab
    desk.settle()
    desk.show_red()
    desk.switch()
    assert tab.covered_show.covered() == desk.panes
    tab.close()
    assert not tab.covered_show.covered()
    assert not [cover for cover in tab.findChildren(QWidget, "paneCover") if cover.isVisibleTo(tab)]


def test_a_tab_shown_outside_a_visible_window_is_not_covered(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace
) -> None:
    tab = DealersTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    assert not tab.covered_show.covered()
    tab.close()


def test_a_pane_never_shown_yet_is_deferred_too_and_shown_on_its_turn(qtbot: QtBot) -> None:
    """A tab built behind the current one (as MainWindow builds Deal Pricing) has its never-shown contents deferred
    like ones shown before; one its tab hid on purpose stays hidden."""
    from desktop.ui.widgets.staggered import CoveredShow

    window = SteadyTabWidget()
    qtbot.addWidget(window)
    window.addTab(QWidget(), "Other")

    class Tab(QWidget):
        def showEvent(self, event: QShowEvent) -> None:  # as Deal Pricing's
            super().showEvent(event)
            covers.cover_on_switch(self)

    tab = Tab()
    placed, kept_hidden = QWidget(tab), QWidget(tab)  # placed by hand: the tab has no layout
    kept_hidden.hide()
    covers = CoveredShow((placed, kept_hidden), tab, defer=True)
    window.addTab(tab, "Tab")
    window.show()
    qtbot.waitExposed(window)
    covers.hide_contents(tab)
    window.setCurrentWidget(tab)
    assert not placed.isVisible() and covers.covered() == [placed]
    qtbot.waitUntil(lambda: not covers.covered())
    assert placed.isVisible() and not kept_hidden.isVisible()
