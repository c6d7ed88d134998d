"""Work handed to a thread pool once the event-loop turn that asked for it has painted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, QThreadPool, QTimer, Slot

from desktop.ui.gui_gc import workers_started

Work = Callable[[], None]


class AfterPaint(QObject):
    """Jobs handed to their pools once the event-loop turn that submitted them has painted.

    A turn that submits a job (a tab shown reads its list, a key typed reads the picker's page, a rooftop switched
    reads its settings) still has its own work to do: the rest of its handler, then the layout and paint Qt posts for
    the next pass of the loop. A worker started at once ran Python beside all of it, and each of the GUI thread's
    calls from Qt into Python waited for the interpreter lock (up to the switch interval each time). A zero timer
    fires before that pass's posted paint; one re-armed from it fires after it (both on ``offscreen`` and ``xcb``).
    Idle, the two hops take microseconds; jobs keep their order within a pool.
    """

    HOPS = 2

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._held: list[tuple[QThreadPool, Work]] = []
        self._hops = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer)

    def start(self, pool: QThreadPool, work: Work) -> None:
        if QThread.currentThread() != self.thread():  # not from a turn of the event loop: nothing to wait for
            pool.start(work)
            return
        self._held.append((pool, work))
        workers_started()  # the collector glances at what they allocate from now on
        if self._hops == 0:  # no hand-over under way: start one
            self._hops = self.HOPS
            self._timer.start()

    def flush(self) -> None:
        """Hand every held job to its pool now (waiting for the pools, quitting)."""
        held, self._held = self._held, []
        self._hops = 0
        self._timer.stop()
        for pool, work in held:
            pool.start(work)

    @Slot()
    def _on_timer(self) -> None:
        self._hops -= 1
        if self._hops > 0:
            self._timer.start()
            return
        self.flush()

    def held(self) -> int:
        return len(self._held)
