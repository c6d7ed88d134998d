"""Cyclic garbage collected on the GUI thread only.

Python's collector runs in whichever thread happens to allocate past its threshold -- often a TaskRunner worker.
A cycle that holds a Qt object (a widget's QTimer, a closure over a model) is then destroyed in that worker while
the GUI thread's event loop still has its timers registered: Qt fired a timer of a deleted object and the process
died (SIGSEGV in ``QTimerInfoList::activateTimers``, about one run in three of the inventory tests). As calibre and
Anki do, automatic collection is switched off and the GUI thread collects, generation by generation, on a timer
when the counts pass the collector's own thresholds. Reference counting frees everything else at once, as before.

A full collection walks every object the window keeps (hundreds of thousands): 76-94 ms of the GUI thread in the
soak. CPython's own collector therefore runs one only when the objects promoted to the oldest generation since
the last one reach a quarter of those it found alive then; counting only the third generation's threshold (as
this module first did) ran one every ~2 minutes of the soak's drive however little the old generation had grown.
The same rule is kept here, from counts taken around each collection: the young generations are small, so
counting them is cheap, and the old generation is counted exactly once, on the tick after a full collection.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 250
FULL_AFTER_GROWTH = 0.25  # CPython's rule: a full collection once the old generation has grown by a quarter
_installed: list[QObject] = []


class _Collector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self.long_lived_total = 0  # objects alive in the oldest generation after the last full collection
        self.long_lived_pending = 0  # objects promoted into it since
        self._count_old = True  # the oldest generation is counted on the tick after a full collection
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._on_tick)
        self._timer.start()

    def _on_tick(self) -> None:
        if self._count_old:
            self._count_old = False
            self.long_lived_total = len(gc.get_objects(generation=2))
            self.long_lived_pending = 0
            return
        counts = gc.get_count()
        if counts[2] > self._thresholds[2] and self.long_lived_pending >= self.long_lived_total * FULL_AFTER_GROWTH:
            gc.collect(2)
            self._count_old = True
            return
        for generation in (1, 0):
            if counts[generation] > self._thresholds[generation]:
                self._collect_young(generation)
                return

    def _collect_young(self, generation: int) -> None:
        """Collect generation 0 or 1; what survives a collection of generation 1 is promoted to the oldest."""
        if generation == 0:
            gc.collect(0)
            return
        young = len(gc.get_objects(generation=0)) + len(gc.get_objects(generation=1))
        found = gc.collect(1)
        self.long_lived_pending += max(0, young - found)


def collect_on_gui_thread() -> None:
    """Install the collector once per application (call from the GUI thread once a QCoreApplication exists)."""
    app = QCoreApplication.instance()
    if app is None or any(c.parent() is app for c in _installed):
        return
    _installed[:] = [_Collector(app)]
    gc.disable()
