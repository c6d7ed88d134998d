"""A seeded manufacturer rebate reaches the Deal Pricing tab's rebate list and its deals (issue 15)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.sandbox.server import SandboxServer
from desktop.ui.tabs.pricing import PricingTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.ui.pricing_helpers import pricing_tab, rooftop_tab

DPID = "hyundaidemo"


def offers(tab: PricingTab) -> list[str]:
    top = next(
        tab.programs.topLevelItem(i)
        for i in range(tab.programs.topLevelItemCount())
        if tab.programs.topLevelItem(i).text(0) == "Incentives and rebates"
    )
    return [top.child(i).text(0) for i in range(top.childCount())]


def test_the_tucson_rebate_is_listed_and_priced(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    tab, vehicles = rooftop_tab(qtbot, runner, workspace, sandbox, DPID, 300)
    tucson = next(v for v in vehicles if v["model"] == "Tucson")
    other = next(v for v in vehicles if v["model"] != "Tucson")
    with qtbot.waitSignal(tab.server_checked, timeout=15_000):
        assert tab.select_vehicle(tucson["vin"])
    assert tab.programs_source.text().startswith("Showing the server's programs")
    assert any(
        text == "Tucson Customer Cash (program H24-TUC-CC-Q, paid to customer, not taxed)" for text in offers(tab)
    )
    for column in tab.columns.values():
        assert not column.differs, column.check.text()
    deal = tab.deals["cash"]
    assert deal is not None and deal.deal.to_api()["terms"]["rebate"] == 1000.0
    with qtbot.waitSignal(tab.server_checked, timeout=15_000):
        assert tab.select_vehicle(other["vin"])
    assert not any(text.startswith("Tucson Customer Cash") for text in offers(tab))
    runner.wait_idle()


def test_the_lease_deal_is_priced_from_the_lease_catalog(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    tab = pricing_tab(qtbot, runner, workspace, sandbox)
    qtbot.waitUntil(lambda: "lease" in tab.catalogs, timeout=15_000)
    assert "EWU" in {p.code for p in tab.catalogs["lease"]}  # the lease-only plan: asked with deal_type=lease
    assert "EWU" not in {p.code for p in tab.catalogs["finance"]}
    assert all("lease" in p.deal_types for p in tab.catalogs["lease"])
    runner.wait_idle()
