"""A switch to Deal Pricing paints the desk over the turns after it, a pane a turn, and never shows the previous
tab's pixels."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.sandbox.server import SandboxServer
from desktop.ui.tabs.pricing import PricingTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.steady_tabs import SteadyTabWidget
from desktop.ui.workspace import Workspace
from tests.ui.pricing_helpers import pricing_tab
from tests.ui.screen_pixels import area_of, colours, on_screen
from tests.ui.switch_desk import RED, Desk, switch_turn, type_keys

STEP = 6  # px between the pixels looked at


@pytest.fixture
def tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> PricingTab:
    return pricing_tab(qtbot, runner, workspace, sandbox)


def test_the_desk_is_shown_over_turns_blank_where_not_painted_yet(tab: PricingTab, qtbot: QtBot) -> None:
    window = SteadyTabWidget()
    qtbot.addWidget(window)
    red = QWidget()
    red.setAutoFillBackground(True)
    palette = red.palette()
    palette.setColor(QPalette.ColorRole.Window, RED)
    red.setPalette(palette)
    window.addTab(red, "Inventory")
    window.addTab(tab, "Deal Pricing")
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: RED.rgb() in colours(on_screen(window), area_of(red, window), STEP))
    red_rgb = RED.rgb()

    window.setCurrentWidget(tab)
    switch_turn(window)
    columns = list(tab.columns.values())
    # Painted on the turns to come, the deals first: the switch's own turn is the switch alone.
    assert tab.covered_show.covered() == [*columns, tab.form_pane, tab.sections]
    shown = on_screen(window)
    assert red_rgb not in colours(shown, area_of(tab, window), STEP)  # nothing of the previous tab, anywhere
    page = tab.sections.currentWidget()  # the sections' bar may be drawn: their page waits
    assert page is not None
    for pane in (*columns, tab.form_pane.viewport(), page):  # each waits its turn, blank: one flat colour
        assert len(colours(shown, area_of(pane, window), STEP)) == 1, pane

    turns = 0
    while len(tab.covered_show.covered()) == len(columns) + 2 and turns < 100:  # a turn at a time: one lifted
        QApplication.processEvents()
        turns += 1
    assert tab.covered_show.covered() == [*columns[1:], tab.form_pane, tab.sections]
    switch_turn(window)
    shown = on_screen(window)
    assert len(colours(shown, area_of(columns[0], window), STEP)) > 2  # the first deal painted on its own turn
    assert len(colours(shown, area_of(columns[1], window), STEP)) == 1  # the next one still waits

    qtbot.waitUntil(lambda: not tab.covered_show.covered())
    panes: list[QWidget] = [*columns, tab.form_pane.viewport(), page]
    for pane in panes:  # each painted on a turn of its own
        qtbot.waitUntil(lambda p=pane: len(colours(on_screen(window), area_of(p, window), STEP)) > 2)
    assert red_rgb not in colours(on_screen(window), area_of(tab, window), STEP)

    # The check sees stale pixels: a pane held (not painted) as its tab is shown keeps the previous tab's.
    window.setCurrentWidget(red)
    qtbot.waitUntil(lambda: red_rgb in colours(on_screen(window), area_of(tab.form_pane, window), STEP))
    tab.covered_show.cover = lambda: None  # type: ignore[method-assign]
    tab.form_pane.setUpdatesEnabled(False)
    window.setCurrentWidget(tab)
    switch_turn(window)
    assert red_rgb in colours(on_screen(window), area_of(tab.form_pane, window), STEP)
    tab.form_pane.setUpdatesEnabled(True)
    window.removeTab(window.indexOf(tab))
    tab.setParent(None)  # the fixture's to close, not the window's to delete


def test_keys_typed_right_after_a_switch_reach_the_desk(tab: PricingTab, qtbot: QtBot, runner: TaskRunner) -> None:
    """The panes are shown a turn each after the switch, not covered, except the one the focus is in: the keys
    typed right after the click reach its field, and Ctrl+F's field is shown as it takes the focus."""
    desk = Desk(qtbot, runner, tab, [])
    desk.settle()
    desk.switch()
    desk.lift()
    cash = tab.customer_cash
    cash.setFocus()
    cash.clear()
    desk.show_red()

    desk.switch()
    form = tab.form_pane.widget()
    assert form is not None
    assert form.isVisible()  # where the focus is: shown in the switch's turn, under its cover
    assert not any(column.isVisible() for column in tab.columns.values())  # the deals wait their turns
    type_keys(desk.window, "12")
    assert cash.text() == "12"
    desk.lift()
    assert all(column.isVisible() for column in tab.columns.values())

    tab.grid_views["finance"].setFocus()  # the focus out of the form: the form waits its turn too
    desk.show_red()
    desk.switch()
    assert not form.isVisible()
    tab.focus_find()
    assert form.isVisible()
    type_keys(desk.window, "kmh")
    assert tab.vin_edit.edit.text().upper().endswith("KMH")
    desk.lift()
    desk.close()


def test_a_desk_left_before_its_panes_were_all_shown_is_whole_when_shown_again(
    tab: PricingTab, qtbot: QtBot, runner: TaskRunner
) -> None:
    """Left within a turn of being shown, with the form still under its cover and the focus moved out of it: the
    form's content is hidden then, and on the next switch it is shown on its turn, with no cover left over it."""
    desk = Desk(qtbot, runner, tab, [])
    desk.settle()
    tab.customer_cash.setFocus()
    desk.show_red()
    desk.switch()
    assert tab.form_pane in tab.covered_show.covered()  # the focus's pane, under its cover
    tab.grid_views["finance"].setFocus()
    desk.window.setCurrentWidget(desk.red)
    desk.switch()
    desk.lift()
    desk.settle()
    form = tab.form_pane.widget()
    assert form is not None and form.isVisible()
    covers = [c for c in tab.form_pane.findChildren(QWidget, "paneCover") if c.parentWidget() is tab.form_pane]
    assert covers and not any(c.isVisible() for c in covers)
    desk.close()
