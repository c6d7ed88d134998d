"""Cyclic garbage collected on the GUI thread only.

Python's collector runs in whichever thread happens to allocate past its threshold -- often a TaskRunner worker.
A cycle that holds a Qt object (a widget's QTimer, a closure over a model) is then destroyed in that worker while
the GUI thread's event loop still has its timers registered: Qt fired a timer of a deleted object and the process
died (SIGSEGV in ``QTimerInfoList::activateTimers``, about one run in three of the inventory tests). As calibre and
Anki do, automatic collection is switched off and the GUI thread collects, generation by generation, on a timer
when the counts pass the collector's own thresholds. Reference counting frees everything else at once, as before.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 250
_installed: list[QObject] = []


class _Collector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._on_tick)
        self._timer.start()

    def _on_tick(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return


def collect_on_gui_thread() -> None:
    """Install the collector once per application (call from the GUI thread once a QCoreApplication exists)."""
    app = QCoreApplication.instance()
    if app is None or any(c.parent() is app for c in _installed):
        return
    _installed[:] = [_Collector(app)]
    gc.disable()
