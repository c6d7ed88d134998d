"""The Dealers tab: the list, and the selected dealer's configuration at a glance."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.sandbox.server import SandboxServer
from desktop.ui.tabs.dealers import DealersTab, markup_rows
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.conftest import roadster_for
from tests.ui.conftest import connection_to


def test_dealers_and_configuration(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    tab = DealersTab(runner, workspace)
    qtbot.addWidget(tab)
    workspace.connection = connection_to(sandbox)
    client = roadster_for(sandbox)
    workspace.set_dealers([d.model_dump() for d in client.dealers()])
    client.close()
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


def test_markup_rows_flatten_the_nested_config() -> None:
    rows = markup_rows([{"make": "All", "finance": {"new": {"global": {"standard": 1, "special": None}}, "used": {}}}])
    assert rows == [("All", "Finance", "new", "1 pts", "—")]
