"""Show a tab's heavy panes over a few event-loop turns, blank until their turn, never the previous tab's pixels.

:class:`CoveredShow` lays an opaque cover of the window's background over each heavy pane as the tab is shown, so Qt
paints nothing under it in that turn, and lifts one cover per turn after. What is on screen is the new tab, part of
it blank for a frame or two; never the previous tab's pixels.

A reprice once held its five panes here and released one a turn; enabling a pane's updates repaints all of it, so
each reprice painted the three deal columns and both grids whole (22 ms of GUI CPU at 1366x768) for figures that
had mostly not moved. A board's columns and the rest of the desk are now shown on two turns instead
(:meth:`~desktop.ui.tabs.pricing.repricing.Repricing._on_priced`), each painting only what changed.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

COVER_PX = 1 << 15  # wider and taller than any pane on any screen


class CoveredShow(QObject):
    """Blank covers over panes while their tab is shown; one is lifted per event-loop turn, then ``lifted`` fires.

    Each cover is a child of its pane, filled with the window colour and larger than any screen (a child is clipped
    to its parent, so it covers the pane at whatever size the switch's layout gives it): as an opaque widget above
    the pane's children it spares them the paint of the turn it is shown in.
    """

    lifted = Signal()

    def __init__(self, panes: Iterable[QWidget], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._covers: list[QWidget] = []
        for pane in panes:
            cover = QWidget(pane)
            cover.setObjectName("paneCover")
            cover.setAutoFillBackground(True)
            cover.hide()
            self._covers.append(cover)
        self._up: list[QWidget] = []
        self._turn = QTimer(self)
        self._turn.setSingleShot(True)
        self._turn.setInterval(0)
        self._turn.timeout.connect(self._on_turn)

    def cover(self) -> None:
        """Cover every pane on screen now; lift the covers over the next turns, in the order the panes were given."""
        self._up = []
        for cover in self._covers:
            pane = cover.parentWidget()
            if pane is not None and pane.isVisible():
                cover.setGeometry(0, 0, COVER_PX, COVER_PX)
                cover.raise_()
                cover.show()
                self._up.append(cover)
        self._turn.start()

    def covered(self) -> list[QWidget]:
        """The panes still under a cover."""
        return [pane for cover in self._up if (pane := cover.parentWidget()) is not None]

    def lift_all(self) -> None:
        """Show every pane now (the tab is closing, or a caller needs it drawn)."""
        self._turn.stop()
        up, self._up = self._up, []
        for cover in up:
            cover.hide()

    def _on_turn(self) -> None:
        if self._up:
            self._up.pop(0).hide()
        if self._up:
            self._turn.start()
        else:
            self.lifted.emit()
