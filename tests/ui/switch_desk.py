"""A shown window of two pages, a red one and a tab under test, for the tests of what a switch paints and when."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.steady_tabs import SteadyTabWidget
from tests.ui.screen_pixels import area_of, colours, on_screen

RED = QColor(255, 0, 0)
STEP = 4  # px between the pixels looked at


def switch_turn(window: QWidget) -> None:
    """Deliver the switch's own turn (its layout, then the window's repaint), and no timer after it."""
    for _ in range(4):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QApplication.sendPostedEvents(window, QEvent.Type.UpdateRequest)


def type_keys(window: QWidget, text: str) -> None:
    """Keys pressed as a person does: to the window, which hands them to its focused widget."""
    for char in text:
        QTest.keyClick(window.windowHandle(), Qt.Key(ord(char.upper())))


class Desk:
    """A shown window of two pages: a red one, and the tab under test (the fixture's), switched between."""

    def __init__(self, qtbot: QtBot, runner: TaskRunner, tab: QWidget, panes: list[QWidget]) -> None:
        self.qtbot, self.runner, self.tab, self.panes = qtbot, runner, tab, panes
        self.window = SteadyTabWidget()
        self.red = QWidget()
        self.red.setAutoFillBackground(True)
        palette = self.red.palette()
        palette.setColor(QPalette.ColorRole.Window, RED)
        self.red.setPalette(palette)
        self.window.addTab(self.red, "Inventory")
        self.window.addTab(tab, "Tab")
        self.window.resize(1280, 720)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.window.activateWindow()
        qtbot.waitUntil(self.window.isActiveWindow)

    def settle(self) -> None:
        self.qtbot.waitUntil(lambda: not self.runner.running(), timeout=20_000)
        self.qtbot.wait(60)

    def show_red(self) -> None:
        self.window.setCurrentWidget(self.red)
        self.qtbot.waitUntil(lambda: RED.rgb() in colours(on_screen(self.window), area_of(self.tab, self.window), STEP))

    def switch(self) -> None:
        """Shows the tab, delivering only the switch's own turn."""
        self.window.setCurrentWidget(self.tab)
        switch_turn(self.window)

    def lift(self) -> int:
        """Runs the event loop a turn at a time until every cover is lifted: how many turns that took."""
        covered_show = self.tab.covered_show  # type: ignore[attr-defined]
        turns = 0
        while covered_show.covered() and turns < 100:
            QApplication.processEvents()
            turns += 1
        assert not covered_show.covered()
        return turns

    def close(self) -> None:
        self.window.removeTab(self.window.indexOf(self.tab))
        self.tab.setParent(None)  # the fixture's to close, not the window's to delete
        self.window.close()
        self.window.deleteLater()
