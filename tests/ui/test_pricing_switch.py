"""A switch to Deal Pricing paints the desk over three turns, and never shows the previous tab's pixels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.sandbox.server import SandboxServer
from desktop.ui.tabs.pricing import PricingTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.steady_tabs import SteadyTabWidget
from desktop.ui.workspace import Workspace
from tests.ui.pricing_helpers import pricing_tab

RED = QColor(255, 0, 0)
STEP = 6  # px between the pixels looked at


@pytest.fixture
def tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> PricingTab:
    return pricing_tab(qtbot, runner, workspace, sandbox)


def on_screen(window: QWidget) -> QImage:
    """What the window shows: its backing store, as the offscreen screen hands it out (``grab()`` would paint anew)."""
    return window.screen().grabWindow(window.winId()).toImage()


def colours(image: QImage, area: QRect) -> set[int]:
    area = area.intersected(image.rect())
    return {
        image.pixel(x, y)
        for x in range(area.left(), area.right(), STEP)
        for y in range(area.top(), area.bottom(), STEP)
    }


def area_of(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def switch_turn(window: QWidget) -> None:
    """Deliver the switch's own turn (its layout, then the window's repaint), and no timer after it."""
    for _ in range(4):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QApplication.sendPostedEvents(window, QEvent.Type.UpdateRequest)


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
    qtbot.waitUntil(lambda: RED.rgb() in colours(on_screen(window), area_of(red, window)))
    red_rgb = RED.rgb()

    window.setCurrentWidget(tab)
    switch_turn(window)
    assert tab.covered_show.covered() == [tab.form_pane, tab.sections]  # painted on the turns to come
    shown = on_screen(window)
    deals = area_of(tab.columns["finance"], window)
    assert red_rgb not in colours(shown, area_of(tab, window))  # nothing of the previous tab, anywhere
    assert len(colours(shown, deals)) > 2  # the deals are painted in the switch's own turn
    blank = tab.palette().color(QPalette.ColorRole.Window).rgb()
    assert colours(shown, area_of(tab.form_pane.viewport(), window)) == {blank}  # the form waits, blank
    assert colours(shown, area_of(tab.sections, window)) == {blank}

    qtbot.waitUntil(lambda: not tab.covered_show.covered())
    for pane in (tab.form_pane.viewport(), tab.sections):  # each painted on a turn of its own
        qtbot.waitUntil(lambda p=pane: len(colours(on_screen(window), area_of(p, window))) > 2)
    assert red_rgb not in colours(on_screen(window), area_of(tab, window))

    # The check sees stale pixels: a pane held (not painted) as its tab is shown keeps the previous tab's.
    window.setCurrentWidget(red)
    qtbot.waitUntil(lambda: red_rgb in colours(on_screen(window), area_of(tab.form_pane, window)))
    tab.covered_show.cover = lambda: None  # type: ignore[method-assign]
    tab.form_pane.setUpdatesEnabled(False)
    window.setCurrentWidget(tab)
    switch_turn(window)
    assert red_rgb in colours(on_screen(window), area_of(tab.form_pane, window))
    tab.form_pane.setUpdatesEnabled(True)
    window.removeTab(window.indexOf(tab))
    tab.setParent(None)  # the fixture's to close, not the window's to delete
