"""Repaint a burst of changed panes one per event-loop turn, so no turn paints them all.

A reprice sets new figures in three deal columns and two grids at once, and their repaint (text layout of some
hundred cells and labels) cost more than the pricing itself: together they passed a 16 ms frame. The figures are
set at once (what the widgets say is always the deal priced); only the painting of the panes is spread, one pane
per turn of the event loop, a few milliseconds each. Only panes already showing their own last figures are held:
a pane held as its tab is shown keeps the previous tab's pixels on screen until its turn.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer
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
            pane.setUpdatesEnabled(True)

    def _on_turn(self) -> None:
        if self._held:
            self._held.pop(0).setUpdatesEnabled(True)
        if self._held:
            self._turn.start()
