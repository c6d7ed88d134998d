"""Deal Pricing's background jobs answer to the tab: once it is closed, no price, check or settings read reaches it,
and a save the user asked for still lands in the rooftop's file."""

from __future__ import annotations

import gc
import threading
from decimal import Decimal

from pytestqt.qtbot import QtBot

from desktop.sandbox.server import SandboxServer
from desktop.store.rooftop_desk import RooftopDeskStore
from desktop.ui.tabs.pricing.setup import STORE_FILE
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.ui.pricing_helpers import DPID, pricing_tab
from tests.ui.test_tasks_owner import WAIT, fill, settle


def test_a_closed_pricing_tab_gets_no_delivery_and_its_save_still_lands(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    tab = pricing_tab(qtbot, runner, workspace, sandbox)
    notices: list[str] = []
    runner.notice.connect(notices.append)
    release = threading.Event()
    fill(qtbot, runner, release, write=False)
    fill(qtbot, runner, release, write=True)
    tab.recompute()  # the engine's board: callbacks are lambdas over the tab
    tab._load_rooftop_settings(DPID)  # the rooftop's packages and district rate: a closure over the tab
    tab.desking.tax_rate.setText("8.875")
    tab.desking.save_district.click()  # a save the user asked for
    queued = {"price": tab._price_job, "rooftop settings": tab._rooftop_job}
    assert all(runner.is_running(job) for job in queued.values())
    gone: list[bool] = []
    tab.destroyed.connect(lambda: gone.append(True))
    tab.deleteLater()  # closed as a tab is closed
    qtbot.waitUntil(lambda: bool(gone), timeout=WAIT)
    del tab  # its wrapper too: nothing is left for the test's own closing of widgets
    gc.collect()
    still = [name for name, job in queued.items() if runner.is_running(job)]
    assert still == [], f"jobs of the closed tab still queued: {still}"
    release.set()
    settle(qtbot, runner)
    assert notices == []
    store = RooftopDeskStore(workspace.paths.data / STORE_FILE)
    try:
        assert store.district_rate(DPID) == Decimal("0.08875")
    finally:
        store.close()
    assert runner.wait_idle(WAIT)
