"""The Dealers tab: the list, and the selected dealer's configuration at a glance."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from desktop.sandbox.server import SandboxServer
from desktop.ui.tabs.dealers import DealersTab, markup_rows
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.conftest import dealers_of
from tests.ui.conftest import connection_to


def test_dealers_and_configuration(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    tab = DealersTab(runner, workspace)
    qtbot.addWidget(tab)
    workspace.connection = connection_to(sandbox)
    workspace.set_dealers(dealers_of(sandbox))
    assert tab.model.rowCount() >= 5
    workspace.set_rooftop("hyundaidemo")
    qtbot.waitUntil(lambda: "hyundaidemo" in tab.title.text(), timeout=10_000)
    assert tab.fees.rowCount() >= 3
    fee_names = {tab.fees.item(r, 0).text() for r in range(tab.fees.rowCount())}
    assert "Doc" in fee_names
    assert tab.markups.rowCount() >= 1
    assert tab.unlock_mode.text()
    tab.use_button.click()
    assert workspace.dpid == "hyundaidemo"


def test_every_fee_and_markup_shows_without_scrolling_at_1280_by_720(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    tab = DealersTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.resize(1280, 590)  # the tab's share of a 1280x720 window
    tab.show()
    workspace.connection = connection_to(sandbox)
    workspace.set_dealers(dealers_of(sandbox))
    workspace.set_rooftop("hyundaidemo")
    qtbot.waitUntil(lambda: "hyundaidemo" in tab.title.text(), timeout=10_000)
    assert tab.fees.rowCount() >= 5 and tab.markups.rowCount() >= 1
    for table in (tab.fees, tab.markups):
        tab.layout().activate()
        last = table.visualRect(table.model().index(table.rowCount() - 1, 0))
        assert last.bottom() <= table.viewport().height(), (table.objectName(), last, table.viewport().height())


def test_markup_rows_flatten_the_nested_config() -> None:
    rows = markup_rows([{"make": "All", "finance": {"new": {"global": {"standard": 1, "special": 1.5}}, "used": {}}}])
    assert rows == [("All", "Finance", "new", "1 pt", "1.5 pts")]
    rows = markup_rows([{"make": "Kia", "lease": {"used": {"global": {"standard": 0.0004, "special": None}}}}])
    assert rows == [("Kia", "Lease", "used", "0.0004 MF", "—")]


def test_an_earlier_load_failure_is_cleared_when_the_next_load_starts(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    """Offline with nothing saved, the tab says so; once connected, the next load does not go on showing
    "connect to see its fees" above "Loading…" (seen under Xvfb with a server that was slow to answer)."""
    tab = DealersTab(runner, workspace)
    qtbot.addWidget(tab)
    workspace.set_dealers(dealers_of(sandbox))
    workspace.set_rooftop("hyundaidemo")
    qtbot.waitUntil(lambda: "No saved detail" in tab.banner.text(), timeout=10_000)
    workspace.connection = connection_to(sandbox)
    tab.refresh()
    assert "No saved detail" not in tab.banner.text()
    qtbot.waitUntil(lambda: tab.fees.rowCount() > 0, timeout=10_000)
    assert "not available" not in tab.title.text()
    assert tab.banner.text() == ""


def test_a_failed_load_keeps_naming_the_selected_dealer(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    """Offline with nothing saved, the panel said "Select a dealer" under a selected row, as if the selection had
    been lost (seen under Xvfb): it names the dealer, says its fees and markups are not to be had, and the banner
    says why."""
    tab = DealersTab(runner, workspace)
    qtbot.addWidget(tab)
    dealers = dealers_of(sandbox)
    workspace.set_dealers(dealers)
    workspace.set_rooftop("hyundaidemo")
    qtbot.waitUntil(lambda: "No saved detail" in tab.banner.text(), timeout=10_000)
    name = next(d["name"] for d in dealers if d["dpid"] == "hyundaidemo")
    assert tab.title.text() == f"{name}  ·  hyundaidemo  —  fees and markups not available"
    assert tab.fees.rowCount() == 0 and tab.markups.rowCount() == 0


def test_the_columns_are_sized_once_per_list_not_measured_on_every_show(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    """A ResizeToContents header measured every cell through the model on each show of the tab; the columns are
    sized when the dealers change, as wide as that header made them."""
    tab = DealersTab(runner, workspace)
    qtbot.addWidget(tab)
    workspace.set_dealers(dealers_of(sandbox))
    header = tab.table.horizontalHeader()
    modes = {header.sectionResizeMode(c) for c in range(header.count())}
    assert QHeaderView.ResizeMode.ResizeToContents not in modes
    for column in range(header.count() - 1):  # the last one stretches
        hint = max(tab.table.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert header.sectionSize(column) == hint, (column, header.sectionSize(column), hint)
