"""Spread the paint of heavy panes over event-loop turns: a burst of changed panes, or a tab being shown.

A reprice sets new figures in three deal columns and two grids at once, and their repaint (text layout of some
hundred cells and labels) cost more than the pricing itself: together they passed a 16 ms frame. The figures are
set at once (what the widgets say is always the deal priced); only the painting of the panes is spread, one pane
per turn of the event loop, a few milliseconds each. Only panes already showing their own last figures are held:
a pane held as its tab is shown keeps the previous tab's pixels on screen until its turn.

A tab switch spreads its paint differently: the panes are blank, not held. :class:`CoveredShow` lays an opaque
cover of the window's background over each heavy pane as the tab is shown, so Qt paints nothing under it in that
turn, and lifts one cover per turn after. What is on screen is the new tab, part of it blank for a frame or two;
never the previous tab's pixels.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget


class StaggeredPaint(QObject):
    """Holds panes' painting during a burst of changes; releases them one per event-loop turn."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._held: list[QWidget] = []
        self._turn = QTimer(self)
        self._turn.setSingleShot(True)
        self._turn.setInterval(0)
        self._turn.timeout.connect(self._on_turn)

    def hold(self, panes: Iterable[QWidget]) -> None:
        """Paint ``panes`` (those on screen) on the next turns, one each, not on this one."""
        for pane in panes:
            if pane.isVisible() and not any(pane is held for held in self._held):
                pane.setUpdatesEnabled(False)
                self._held.append(pane)
        if self._held and not self._turn.isActive():
            self._turn.start()

    def release_all(self) -> None:
        """Paint everything held on the next turn (the desk is closing, or a caller needs it drawn)."""
        self._turn.stop()
        held, self._held = self._held, []
        for pane in held:
            _release(pane)

    def _on_turn(self) -> None:
        if self._held:
            _release(self._held.pop(0))
        if self._held:
            self._turn.start()


def _release(pane: QWidget) -> None:
    """Let ``pane`` paint, after the work it put off while held (its ``before_paint``, when it has one): a pane's
    own layout work then falls in its own turn, not all the held panes' in the first."""
    before = getattr(pane, "before_paint", None)
    if before is not None:
        before()
    pane.setUpdatesEnabled(True)


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
        self.add(panes)
        self._up: list[QWidget] = []
        self._turn = QTimer(self)
        self._turn.setSingleShot(True)
        self._turn.setInterval(0)
        self._turn.timeout.connect(self._on_turn)

    def add(self, panes: Iterable[QWidget]) -> None:
        """Cover ``panes`` too, after those given before (a pane built later than its tab: the Deals tab's form)."""
        for pane in panes:
            cover = QWidget(pane)
            cover.setObjectName("paneCover")
            cover.setAutoFillBackground(True)
            cover.hide()
            self._covers.append(cover)

    def cover_on_switch(self, tab: QWidget) -> None:
        """From ``tab``'s showEvent: cover when it is shown by a switch in a window on screen (a tab shown on its
        own, as in a test, or in a hidden window, is painted whole: nobody sees a turn of it)."""
        window = tab.window()
        if window is not tab and window.isVisible():
            self.cover()

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
