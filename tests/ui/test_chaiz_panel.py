"""The 'Service contracts (Chaiz)' panel against a real sandbox through the real TaskRunner."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.api.chaiz.registration import register_and_wait
from desktop.sandbox.chaiz.user_links import read_token
from desktop.sandbox.config import SandboxConfig
from desktop.sandbox.server import SandboxServer
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.chaiz_panel import TERM_NOTE, ChaizPanel, PlansModel
from desktop.ui.workspace import Workspace
from tests.conftest import roadster_for
from tests.ui.conftest import connection_to


@pytest.fixture(scope="module")
def chaiz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    config = SandboxConfig(
        data_dir=tmp_path_factory.mktemp("chaiz-ui"), inventory_size=10, chaiz_latency=0.3, chaiz_hold=0.0
    )
    server = SandboxServer(config).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def vins(chaiz_server: SandboxServer) -> list[str]:
    client = roadster_for(chaiz_server)
    try:
        return [v.vin for v in client.iter_inventory("toyotademo")]
    finally:
        client.close()


@pytest.fixture
def panel(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, chaiz_server: SandboxServer) -> ChaizPanel:
    workspace.set_connection(connection_to(chaiz_server))
    widget = ChaizPanel(runner, workspace)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _search(qtbot: QtBot, panel: ChaizPanel) -> None:
    panel.search.click()
    qtbot.waitUntil(lambda: panel.search.isEnabled(), timeout=15_000)


def test_unregistered_vehicle_shows_progress_then_plans(qtbot: QtBot, panel: ChaizPanel, vins: list[str]) -> None:
    panel.set_vehicle(vins[0], 12_000, "98005")
    panel.search.click()
    qtbot.waitUntil(lambda: panel.progress.isVisible(), timeout=5_000)
    assert panel.cancel.isVisible()
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=15_000)
    assert not panel.progress.isVisible() and not panel.cancel.isVisible()
    assert "in WA" in panel.status.text()
    ModelTester(None).check(panel.model)  # type: ignore[arg-type]
    row = [panel.model.index(0, c).data() for c in range(panel.model.columnCount())]
    plan = panel.model.plans()[0]
    assert row[PlansModel.COL_PLAN] == plan.planName and row[PlansModel.COL_PROVIDER] == plan.displayProviderName
    assert "months /" in row[PlansModel.COL_TERM] and "miles" in row[PlansModel.COL_TERM]
    assert row[PlansModel.COL_PRICE].startswith("$") and row[PlansModel.COL_DEDUCTIBLE].startswith("$")
    assert "whichever comes first; miles are added to the current odometer" in panel.note.text() == TERM_NOTE


def test_registered_vehicle_shows_plans_without_a_spinner(
    qtbot: QtBot, panel: ChaizPanel, workspace: Workspace, vins: list[str]
) -> None:
    assert workspace.connection is not None
    register_and_wait(workspace.connection.chaiz, vins[1], 500, poll_interval=0.05)
    spins: list[int] = []
    panel._on_progress = lambda *_a: spins.append(1)  # type: ignore[method-assign]
    panel.set_vehicle(vins[1], 500, "WA")
    _search(qtbot, panel)
    assert panel.model.rowCount() > 0
    assert not spins, "a registered vehicle's plans come with the first answer"


def test_filters_narrow_the_plans(qtbot: QtBot, panel: ChaizPanel, vins: list[str]) -> None:
    panel.set_vehicle(vins[2], 800, "TX")
    panel.coverage["MostComprehensive"].setChecked(True)
    panel.duration_to.setValue(48)
    _search(qtbot, panel)
    plans = panel.model.plans()
    assert plans and all(p.coverageType == "MostComprehensive" and p.duration <= 48 for p in plans)
    panel.exclude.setText(", ".join({p.displayProviderName for p in plans}))
    _search(qtbot, panel)
    assert panel.model.rowCount() == 0
    assert "No plan matches" in panel.banner.text()


def test_bad_input_is_refused_before_sending_and_kept(qtbot: QtBot, panel: ChaizPanel, vins: list[str]) -> None:
    panel.set_vehicle(vins[3][:16] + ("1" if vins[3][16] != "1" else "2"), 100, "CA")
    panel.search.click()
    assert "VIN" in panel.banner.text() and panel.banner.isVisible()
    assert panel.search.isEnabled(), "nothing was sent"
    panel.set_vehicle(vins[3], 100, "ZZ")
    panel.search.click()
    assert "not a US state code" in panel.banner.text()
    assert panel.location.text() == "ZZ", "what the user typed stays"


def test_cancel_stops_the_wait(qtbot: QtBot, panel: ChaizPanel, vins: list[str]) -> None:
    panel.set_vehicle(vins[4], 77_000, "CA")
    panel.search.click()
    qtbot.waitUntil(lambda: panel.progress.isVisible(), timeout=5_000)
    panel.cancel.click()
    assert panel.search.isEnabled() and panel.status.text() == "Cancelled."
    assert panel.model.rowCount() == 0


CUSTOMER = {
    "firstName": "Dana",
    "lastName": "St. James",
    "email": "dana@example.com",
    "phone": "4255550199",
    "address": "15500 NE 8th St",
    "city": "Bellevue",
    "state": "wa",
    "zip": "98005",
}


def _fill_customer(panel: ChaizPanel, **changes: str) -> None:
    panel.customer.setChecked(True)
    for name, value in (CUSTOMER | changes).items():
        panel.user_fields[name].setText(value)


def test_live_flow_gives_each_plan_links_to_copy(qtbot: QtBot, panel: ChaizPanel, vins: list[str]) -> None:
    panel.set_vehicle(vins[5], 300)
    _fill_customer(panel)
    assert not panel.copy_checkout.isEnabled()
    panel.get_links.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0 and panel.copy_checkout.isEnabled(), timeout=10_000)
    plan = panel.current_plan()
    assert plan is not None and plan.planCheckoutUrl and plan.planSummaryUrl
    panel.copy_checkout.click()
    copied = QGuiApplication.clipboard().text()
    assert copied == plan.planCheckoutUrl
    user = read_token(parse_qs(urlsplit(copied).query)["user"][0])
    assert user["lastName"] == "St. James" and user["state"] == "WA"
    panel.copy_summary.click()
    assert QGuiApplication.clipboard().text() == plan.planSummaryUrl


def test_live_flow_refuses_a_state_that_does_not_match_the_zip(panel: ChaizPanel, vins: list[str]) -> None:
    panel.set_vehicle(vins[5], 300)
    _fill_customer(panel, state="OR")
    panel.get_links.click()
    assert "State: State OR does not match ZIP 98005" in panel.banner.text()
    assert panel.user_fields["state"].text() == "OR" and panel.get_links.isEnabled()
