"""Opening the Deal Pricing tab on a sandbox rooftop with a Mazda priced and its products loaded."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pytestqt.qtbot import QtBot

from desktop.sandbox.server import SandboxServer
from desktop.services import inventory_sync
from desktop.ui.tabs.pricing import PricingTab
from desktop.ui.tabs.pricing.menu_flow import MENU_LABEL
from desktop.ui.tabs.pricing.repricing import PRICING_LABEL
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.ui.conftest import connection_to

DPID = "umazda"


def rooftop_tab(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer, dpid: str, size: int
) -> tuple[PricingTab, list[dict[str, Any]]]:
    """A Deal Pricing tab on ``dpid`` of the sandbox, with ``size`` of its in-stock vehicles cached (and returned)."""
    connection = connection_to(sandbox)
    dealers = [d.model_dump() for d in connection.roadster.dealers()]
    workspace.cache.save_dealers(dealers)
    inventory_sync.refresh_dealer_detail(connection.roadster, workspace.cache, dpid)
    vehicles, _ = connection.roadster.inventory_page(dpid, size=size, in_stock=True)
    workspace.cache.upsert_vehicles(dpid, vehicles)
    workspace.set_dealers(dealers)
    workspace.set_connection(connection)
    workspace.set_rooftop(dpid)
    widget = PricingTab(runner, workspace)
    qtbot.addWidget(widget)
    return widget, vehicles


def pricing_tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> PricingTab:
    widget, vehicles = rooftop_tab(qtbot, runner, workspace, sandbox, DPID, 40)
    mazda = next(v for v in vehicles if v["make"] == "Mazda")
    assert widget.select_vehicle(mazda["vin"])
    check_now(qtbot, widget)
    qtbot.waitUntil(lambda: bool(widget.products.products), timeout=15_000)
    menu_priced(qtbot, widget)
    runner.wait_idle()
    no_check_pending(qtbot, widget)
    return widget


def no_check_pending(qtbot: QtBot, tab: PricingTab) -> None:
    """Send at once each check a later reprice (the products, the menu) asked for, until none is pending."""
    while tab.check_timer.isActive():
        check_now(qtbot, tab)
        tab.runner.wait_idle()


def check_now(qtbot: QtBot, tab: PricingTab) -> None:
    """Wait for the deal priced locally to ask for its server check, send that check at once rather than after the
    typing pause (CHECK_DELAY_MS, which a set-up would otherwise sit out for each test), and wait until it answered.
    """
    qtbot.waitUntil(tab.check_timer.isActive, timeout=15_000)
    with qtbot.waitSignal(tab.server_checked, timeout=15_000):
        tab.check_timer.stop()
        tab.check_with_server()


def menu_priced(qtbot: QtBot, tab: PricingTab) -> None:
    """Wait until the menu priced in the TaskRunner (after a catalog or a package change) is on the Menu page."""
    qtbot.waitUntil(lambda: not any(job.label == MENU_LABEL for job in tab.runner.running()), timeout=15_000)


def settled(qtbot: QtBot, tab: PricingTab) -> None:
    """Wait until neither a reprice nor a menu is being priced in the TaskRunner."""
    busy = (PRICING_LABEL, MENU_LABEL)
    qtbot.waitUntil(lambda: not any(job.label in busy for job in tab.runner.running()), timeout=15_000)


@contextmanager
def repriced(qtbot: QtBot, tab: PricingTab) -> Iterator[None]:
    """Wait until the reprice of the edits made in the block is on screen: the engine prices in the TaskRunner.

    An edit that leaves the deal unpriced (a mistyped field) says so at once; one that prices it is shown when its
    board comes back, so the block is done when a reprice was shown and none is still being priced."""
    with qtbot.waitSignal(tab.priced, timeout=15_000):
        yield
    qtbot.waitUntil(lambda: not any(job.label == PRICING_LABEL for job in tab.runner.running()), timeout=15_000)
