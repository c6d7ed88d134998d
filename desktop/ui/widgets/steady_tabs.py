"""A tab widget that repaints what changed on its pages, not itself and every page with it.

``QTabWidget`` lays out its tab bar and page stack by hand, and does so on every ``LayoutRequest`` it receives, then
calls ``update()`` on itself: the whole widget and everything on the current page is painted again. A page's layout
posts that request up the chain each time any widget on it asks for a new geometry (a ``QLabel.setText`` always
does), so a count or a total changing on the current tab repainted the whole window: 10-35 ms of the GUI thread per
reprice, page turn or status change in the soak, the busiest turns of the drive. Only the tab bar (and the corner
widgets) decide where the bar and the pages go; the widget's own size is handled by its resize event. When a request
arrives and none of those changed, it is answered by passing the size hints on (``updateGeometry``), so a page that
grew still grows the window, and nothing is repainted that the changed widget did not repaint itself.

A switch of page walked every widget of every page twice: ``QStackedLayout.setCurrentIndex`` turns the page stack's
updates off and on around the switch, and Qt carries that to each descendant (1,365 widgets under the window's tabs,
6 % of a switch's GUI-thread time in ``perf``). The walk stops at a widget whose updates were turned off by itself,
so the pages not shown are kept that way: the switch then walks the page it hides and the page it shows, not all.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QTabWidget, QWidget

_CORNERS = (Qt.Corner.TopLeftCorner, Qt.Corner.TopRightCorner, Qt.Corner.BottomLeftCorner, Qt.Corner.BottomRightCorner)

LayoutKey = tuple[object, ...]


class SteadyTabWidget(QTabWidget):
    """A ``QTabWidget`` that lays out (and repaints) its bar and pages only when the bar or a corner changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._laid_out_for: LayoutKey | None = None
        self.currentChanged.connect(self._on_current_changed)

    def tabInserted(self, index: int) -> None:
        super().tabInserted(index)
        page = self.widget(index)
        if page is not None and index != self.currentIndex():
            page.setUpdatesEnabled(False)

    def _on_current_changed(self, index: int) -> None:
        """The page shown paints (turning its updates on repaints all of it); the others wait, walked no more."""
        for i in range(self.count()):
            page = self.widget(i)
            if page is not None:
                page.setUpdatesEnabled(i == index)  # one attribute set for a page whose updates are off already

    def _layout_key(self) -> LayoutKey:
        """What the bar's and the pages' places depend on, besides the widget's own size and style."""
        bar = self.tabBar()
        key: list[object] = [bar.sizeHint(), bar.minimumSizeHint(), bar.isVisibleTo(self)]
        for corner in _CORNERS:
            widget = self.cornerWidget(corner)
            key.append(None if widget is None else (widget.sizeHint(), widget.isVisibleTo(self)))
        return tuple(key)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.LayoutRequest:
            key = self._layout_key()
            if key == self._laid_out_for:
                self.updateGeometry()  # a page's hints may have changed: the window's layout hears of it
                return True
            self._laid_out_for = key
        return super().event(e)
