"""A rooftop switch: the tab on screen follows it at once, a tab hidden behind it when it is next shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from desktop.sandbox.server import SandboxServer
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.when_shown import WhenShown
from desktop.ui.workspace import Workspace
from tests.ui.pricing_helpers import DPID, pricing_tab


def test_work_waits_for_the_show_only_behind_another_tab(qtbot: QtBot, behind: Callable[[QWidget], QTabWidget]) -> None:
    done: list[str] = []
    alone = QWidget()
    qtbot.addWidget(alone)
    WhenShown(alone).run("rooftop", lambda: done.append("alone"))  # a window of its own: at once, shown or not
    assert done == ["alone"]
    page = QWidget()
    when = WhenShown(page)
    tabs = behind(page)
    when.run("rooftop", lambda: done.append("first"))
    when.run("vehicles", lambda: done.append("vehicles"))
    when.run("rooftop", lambda: done.append("second"))  # the same work again: the last one is kept, in its place
    assert when.pending() and done == ["alone"]
    tabs.setCurrentWidget(page)
    when.flush()
    assert done == ["alone", "second", "vehicles"] and not when.pending()
    when.run("rooftop", lambda: done.append("shown"))  # on screen: at once
    assert done[-1] == "shown" and not when.pending()


def test_hidden_pricing_follows_the_switch_when_shown(
    qtbot: QtBot,
    runner: TaskRunner,
    workspace: Workspace,
    sandbox: SandboxServer,
    behind: Callable[[QWidget], QTabWidget],
) -> None:
    tab = pricing_tab(qtbot, runner, workspace, sandbox)
    priced_vin = tab.vehicle["vin"] if tab.vehicle else ""
    assert priced_vin and tab.dealer_config is not None
    tabs = behind(tab)
    loaded: list[bool] = []
    tab.rooftop_loaded.connect(lambda: loaded.append(True))
    other = next(str(d["dpid"]) for d in workspace.dealers if d["dpid"] != DPID)
    workspace.set_rooftop(other)
    assert tab.when_shown.pending() and not loaded
    assert tab.vehicle is not None and tab.dealer_config is not None  # nothing was reset yet
    tab.recompute()  # a reprice now would use the last rooftop's fees: it waits too
    assert tab.deals["finance"] is not None
    with qtbot.waitSignal(tab.rooftop_loaded, timeout=5_000):
        tabs.setCurrentWidget(tab)
    assert not tab.when_shown.pending() and loaded == [True]
    qtbot.waitUntil(lambda: not runner.running(), timeout=15_000)
    assert tab.vehicle is None  # the Mazda is not in the other rooftop's cache
    assert tab.deals["finance"] is None


def test_hidden_pricing_asked_for_a_vehicle_follows_the_switch_first(
    qtbot: QtBot,
    runner: TaskRunner,
    workspace: Workspace,
    sandbox: SandboxServer,
    behind: Callable[[QWidget], QTabWidget],
) -> None:
    tab = pricing_tab(qtbot, runner, workspace, sandbox)
    vin = tab.vehicle["vin"] if tab.vehicle else ""
    behind(tab)
    other = next(str(d["dpid"]) for d in workspace.dealers if d["dpid"] != DPID)
    workspace.set_rooftop(other)
    assert tab.when_shown.pending()
    with qtbot.waitSignal(tab.rooftop_loaded, timeout=1_000):
        assert not tab.select_vehicle(vin)  # read from the new rooftop's cache, which lacks it
    assert not tab.when_shown.pending()


def test_the_dealers_zip_follows_the_rooftop_and_a_typed_one_stays(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    """A buyer without a ZIP is taxed at the dealer's: after a switch that is the new rooftop's ZIP, not the last
    one's; a ZIP typed for the buyer is theirs and stays."""
    tab = pricing_tab(qtbot, runner, workspace, sandbox)
    tab.show()
    qtbot.waitExposed(tab)
    own = str((workspace.dealer(DPID) or {})["zip_code"])
    other = next(d for d in workspace.dealers if d["dpid"] != DPID and d.get("zip_code") not in (None, own))
    assert tab.zip_code.text() == own
    with qtbot.waitSignal(tab.rooftop_loaded, timeout=5_000):
        workspace.set_rooftop(str(other["dpid"]))
    assert tab.zip_code.text() == str(other["zip_code"])
    with qtbot.waitSignal(tab.rooftop_loaded, timeout=5_000):
        workspace.set_rooftop(DPID)
    assert tab.zip_code.text() == own
    tab.zip_code.clear()
    qtbot.keyClicks(tab.zip_code, "13202")  # the buyer's, typed
    with qtbot.waitSignal(tab.rooftop_loaded, timeout=5_000):
        workspace.set_rooftop(str(other["dpid"]))
    assert tab.zip_code.text() == "13202"
    qtbot.waitUntil(lambda: not runner.running(), timeout=15_000)


def test_the_last_rooftops_menu_is_neither_shown_nor_presented_after_a_switch(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    """Walked at the desk: after a switch to a rooftop without the vehicle, the Menu still said "Finance deal:
    $711.59 a month…" and "Present to customer" would have shown the last rooftop's packages."""
    tab = pricing_tab(qtbot, runner, workspace, sandbox)
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.menu and "a month" in tab.menu_page.status.text()
    other = next(str(d["dpid"]) for d in workspace.dealers if d["dpid"] != DPID)
    with qtbot.waitSignal(tab.rooftop_loaded, timeout=5_000):
        workspace.set_rooftop(other)
    qtbot.waitUntil(lambda: not runner.running(), timeout=15_000)
    assert tab.vehicle is None and not tab.menu
    assert "$" not in tab.menu_page.status.text() and "Choose a vehicle" in tab.menu_page.status.text()
    assert not tab.menu_page.choose_buttons or not any(b.isVisible() for b in tab.menu_page.choose_buttons.values())
    tab.present_menu()
    assert tab.presentation is None and tab.banner.text().startswith("There is no menu to present yet")
