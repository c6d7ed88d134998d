"""The window's first paint, told once: what starts its work (tabs, keyring, connection) after it is on screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class FirstPaint(QObject):
    """Calls ``then`` once, in the turn after ``widget``'s first paint (after it is on screen, not inside it).

    An event filter that takes itself off at that paint: an ``event()`` override, which this replaces, was called
    from Qt into Python for every event the window got all day (some 14 a tab switch), each waiting for the
    interpreter lock while a worker ran Python.
    """

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False
