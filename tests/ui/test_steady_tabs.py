"""SteadyTabWidget: a label changing on a page repaints the label, not the whole tab widget (a QTabWidget does)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.widgets.steady_tabs import SteadyTabWidget


class Counted:
    """Counts its widget's paints."""

    paints = 0

    def paintEvent(self, e: QPaintEvent) -> None:
        self.paints += 1
        super().paintEvent(e)  # type: ignore[misc]


class CountedButton(Counted, QPushButton):
    """A button that counts its paints: it stands for everything on the page that did not change."""


class CountedLabel(Counted, QLabel):
    pass


class Page(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.count = CountedLabel("12 vehicles", self)
        self.far = CountedButton("Start a deal", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addStretch(1)
        layout.addWidget(self.far)


def flush_layout_and_paint(window: QWidget) -> None:
    """Deliver what a change posted, in the order the event loop would: the layout requests up the chain (page,
    page stack, tab widget), then the window's repaint. Synchronous, so nothing is left for a later turn."""
    for _ in range(4):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QApplication.sendPostedEvents(window, QEvent.Type.UpdateRequest)


@pytest.fixture
def shown(qtbot: QtBot) -> Iterator[Callable[[QTabWidget], Page]]:
    def show(tabs: QTabWidget) -> Page:
        qtbot.addWidget(tabs)
        page = Page()
        tabs.addTab(page, "Inventory")
        tabs.addTab(QLabel("another page"), "Deals")
        tabs.resize(640, 400)
        tabs.show()
        qtbot.waitUntil(lambda: page.far.paints > 0)  # on screen: painting happens from now on
        flush_layout_and_paint(tabs)
        page.far.paints = page.count.paints = 0
        return page

    yield show


@pytest.mark.parametrize(("make", "far_paints"), [(SteadyTabWidget, 0), (QTabWidget, 1)])
def test_a_label_changing_on_a_page_repaints_only_the_label(
    shown: Callable[[QTabWidget], Page], make: Callable[[], QTabWidget], far_paints: int
) -> None:
    """The QTabWidget row is the defect the class removes: its relayout on the page's layout request repaints all."""
    tabs = make()
    page = shown(tabs)
    page.count.setText("12 vehicles · 3 match")
    flush_layout_and_paint(tabs)
    assert page.count.paints == 1  # the change itself is on screen
    assert page.far.paints == far_paints


def test_a_longer_tab_title_still_lays_the_bar_out(shown: Callable[[QTabWidget], Page]) -> None:
    tabs = SteadyTabWidget()
    shown(tabs)
    before = tabs.tabBar().width()
    tabs.setTabText(1, "Deals and everything that goes with them")
    flush_layout_and_paint(tabs)
    assert tabs.tabBar().width() > before
    assert tabs.tabBar().width() == tabs.tabBar().sizeHint().width()


def test_a_page_that_needs_more_room_still_widens_the_tab_widget(shown: Callable[[QTabWidget], Page]) -> None:
    tabs = SteadyTabWidget()
    page = shown(tabs)
    before = tabs.minimumSizeHint().width()
    page.far.setMinimumWidth(900)
    flush_layout_and_paint(tabs)
    assert tabs.minimumSizeHint().width() > max(before, 900)


def test_a_page_changed_while_hidden_is_painted_as_it_is_shown(shown: Callable[[QTabWidget], Page]) -> None:
    """The pages not shown have their updates off (a switch then walks two pages, not all): the page shown again
    paints, with what changed on it meanwhile."""
    tabs = SteadyTabWidget()
    page = shown(tabs)
    tabs.setCurrentIndex(1)
    flush_layout_and_paint(tabs)
    assert not page.updatesEnabled() and tabs.widget(1).updatesEnabled()
    page.count.setText("13 vehicles")
    page.far.paints = page.count.paints = 0
    tabs.setCurrentIndex(0)
    flush_layout_and_paint(tabs)
    assert page.updatesEnabled() and not tabs.widget(1).updatesEnabled()
    assert page.count.paints == 1 and page.far.paints == 1
    assert page.count.text() == "13 vehicles"
    assert page.grab().size() == page.size()


def test_a_page_added_behind_the_shown_one_waits_and_paints_when_shown(shown: Callable[[QTabWidget], Page]) -> None:
    tabs = SteadyTabWidget()
    shown(tabs)
    added = Page()
    tabs.insertTab(0, added, "Customers")  # before the shown page: the shown page keeps its place on screen
    assert tabs.currentIndex() == 1
    assert not added.updatesEnabled()
    tabs.setCurrentWidget(added)
    flush_layout_and_paint(tabs)
    assert added.updatesEnabled() and added.far.paints == 1
