"""Cyclic garbage collected on the GUI thread only, in pauses shorter than a frame.

Python's collector runs in whichever thread happens to allocate past its threshold -- often a TaskRunner worker.
A cycle that holds a Qt object (a widget's QTimer, a closure over a model) is then destroyed in that worker while
the GUI thread's event loop still has its timers registered: Qt fired a timer of a deleted object and the process
died (SIGSEGV in ``QTimerInfoList::activateTimers``, about one run in three of the inventory tests). As calibre and
Anki do, automatic collection is switched off and the GUI thread collects, generation by generation, on a timer
when the counts pass the collector's own thresholds. Reference counting frees everything else at once, as before.

A full collection walks every object the collector tracks. CPython's own collector runs one only when the objects
promoted to the oldest generation since the last one reach a quarter of those it found alive then; the same rule is
kept here, from counts taken around each collection (the young generations are small, so counting them is cheap,
and the old generation is counted once, on the tick after a full collection or a freeze).

What the collector walked, counted in the soak's window with 100,000 vehicles (``bench/bench_soak.py --census``):
~99,000 tracked objects, 94,000 of them the start-up's (functions, tuples, dicts, descriptors, classes, modules,
6,500 Qt wrappers) and nothing else over 3,000 but the inventory model's 100,000-long search text and order lists.
A full collection took 53 ms of CPU (76-94 ms wall in the soak). Hence three measures:

- **The start-up is frozen** (:func:`freeze_start_up`): once the window's tabs are built and its first connection
  attempt is over, one collection on the GUI thread (before the first sync is shown; ~50 ms, once) and then
  ``gc.freeze()``, which CPython documents for this: long-lived objects no collection needs to walk again. Frozen
  objects are still freed by reference counting; only a cycle among them is pinned -- 0 to 44 objects at the end of
  the soak's drives (a store closed with its lock and thread-local, a few lists), a fixed bound since nothing is
  frozen after the start-up; resident memory grows as before. Only the GUI thread freezes, after collecting: a
  worker would freeze what it is half-way through building. Full collections then walked ~5,000 objects: 8 ms CPU.
- **The model keeps tuples**, not lists (:mod:`desktop.ui.models.inventory`): a list of 100,000 is walked by every
  collection of its generation, a tuple of strings or numbers only by the first, which untracks it (its one look
  costs about half again a list's). Full collections: 8 -> 1-3 ms CPU.
- **A crowded generation 0 is collected at a glance.** With automatic collection off, generation 0 grows as far as a
  worker allocates between two ticks: 100,000 rows fetched from SQLite were one first look of 35-40 ms. Every
  ``GLANCE_MS`` its count is checked (a fraction of a microsecond) and past ``YOUNG_BOUND`` it is collected, so
  such a read is looked at in slices of about 4 ms while the worker is still reading. The glances stop once no
  job runs and generation 0 barely grew for a quarter of a second, and start again with the next job (or on the
  tick that finds generation 0 growing): an idle window does not wake sixty times a second.

What is left of a young collection's time is the first look at the containers a rooftop switch makes afresh (the
search text and order of 100,000 rows, rebuilt at every switch): 3-9 ms of CPU on the loaded test machine.

**A collection is not added to a long turn.** The collector's timers are precise, so one that fires more than
``LATE_MS`` after it was due means the event loop was busy when it came due (a tab switch painting, a result
taken in): a collection there would lengthen that stall. The tick is then put off by ``PUT_OFF_MS``, at most
``MAX_PUT_OFFS`` times in a row, and a late glance is skipped unless generation 0 is twice its bound (in the soak, a
6 ms collection of generation 0 had run straight after a 7 ms tab switch, one 13 ms turn).
"""

from __future__ import annotations

import gc
import time
import weakref
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, SignalInstance

from desktop.ui.milestones import after_all

INTERVAL_MS = 250
GLANCE_MS = 16  # how often generation 0's count is checked against YOUNG_BOUND: a few microseconds a look
YOUNG_BOUND = 10_000  # objects in generation 0 whose first look costs about 4 ms of the GUI thread
BUSY_GROWTH = 1_000  # generation 0 grown by this much since the last tick: something allocates, glance again
QUIET_GLANCES = 16  # glances (about 250 ms) with generation 0 growing by less than QUIET_GROWTH: stop glancing
QUIET_GROWTH = 100
FULL_AFTER_GROWTH = 0.25  # CPython's rule: a full collection once the old generation has grown by a quarter
LATE_MS = 3.0  # a collector's timer this late: the loop was busy when it came due, so not now
PUT_OFF_MS = 5  # a late tick is tried again this much later
MAX_PUT_OFFS = 4  # then it runs however late (a loop busy for long needs its garbage collected all the same)
_installed: list[_Collector] = []


class _Workers(Protocol):
    def active_thread_count(self) -> int: ...


_workers: weakref.WeakSet[_Workers] = weakref.WeakSet()  # the TaskRunners whose running jobs keep the glances on


def _workers_busy() -> bool:
    for runner in list(_workers):
        try:
            if runner.active_thread_count():
                return True
        except RuntimeError:  # its Qt side is already deleted
            continue
    return False


class _Lateness:
    """How late a precise timer fired against when it was due: started (or fired) at ``t``, due at ``t`` plus its
    interval, as Qt schedules a repeating precise timer (a timer late by more than an interval is due an interval
    after it fired)."""

    def __init__(self, timer: QTimer) -> None:
        self._timer = timer
        self._due = 0.0

    def start(self) -> None:
        self._timer.start()
        self._due = time.monotonic() + self._timer.interval() / 1000

    def fired(self) -> float:
        """Milliseconds late, from the timer's slot; the next due time is then known."""
        now = time.monotonic()
        late = (now - self._due) * 1000
        interval = self._timer.interval() / 1000
        self._due = self._due + interval if late < interval * 1000 else now + interval
        return late


def _precise(parent: QObject, interval_ms: int, slot: object, *, single: bool = False) -> QTimer:
    timer = QTimer(parent)
    timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may fire 5 % of its interval late on purpose
    timer.setInterval(interval_ms)
    timer.setSingleShot(single)
    timer.timeout.connect(slot)
    return timer


class _Collector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self.long_lived_total = 0  # objects alive in the oldest generation after the last full collection
        self.long_lived_pending = 0  # objects promoted into it since
        self._count_old = True  # the oldest generation is counted on the tick after a full collection
        self._timer = _precise(self, INTERVAL_MS, self._on_tick)
        self._tick_late = _Lateness(self._timer)
        self._tick_late.start()
        self._put_off = _precise(self, PUT_OFF_MS, self._on_put_off, single=True)
        self._put_off_late = _Lateness(self._put_off)
        self._put_offs = 0  # times in a row the tick was put off
        self._glance = _precise(self, GLANCE_MS, self._on_glance)
        self._glance_late = _Lateness(self._glance)
        self._glance_late.start()
        self._young_seen = 0  # generation 0's count at the last glance or tick
        self._quiet = 0  # glances in a row that saw it barely grow

    def _on_glance(self) -> None:
        """A worker filling generation 0 (100,000 rows read from SQLite) is looked at in slices of the bound.

        Only while a worker runs or something allocates: an idle window does not wake 60 times a second for it.
        A job started (:func:`workers_started`) or a tick that finds generation 0 grown starts the glances again.
        A glance late by more than ``LATE_MS`` (the loop was busy) leaves a crowd under twice the bound to the next.
        """
        late = self._glance_late.fired()
        young = gc.get_count()[0]
        if young > YOUNG_BOUND and (late <= LATE_MS or young > 2 * YOUNG_BOUND):
            gc.collect(0)
            young = gc.get_count()[0]
            self._quiet = 0
        elif young - self._young_seen < QUIET_GROWTH:
            self._quiet += 1
            if self._quiet >= QUIET_GLANCES and not _workers_busy():
                self._glance.stop()
        else:
            self._quiet = 0
        self._young_seen = young

    def glancing(self) -> bool:
        return self._glance.isActive()

    def glance_again(self) -> None:
        if not self._glance.isActive():
            self._quiet = 0
            self._glance_late.start()

    def recount(self) -> None:
        """Count the oldest generation again on the next tick (a freeze has just emptied it)."""
        self._count_old = True

    def _on_tick(self) -> None:
        late = self._tick_late.fired() > LATE_MS  # asked at every tick: it keeps the next one's due time
        if self._put_off.isActive():
            return  # the last tick, put off, is still to come
        if late:
            self._put_offs = 1
            self._put_off_late.start()
            return
        self._tick()

    def _on_put_off(self) -> None:
        """The tick put off: tried again while the loop is still late, up to ``MAX_PUT_OFFS`` times."""
        if self._put_off_late.fired() > LATE_MS and self._put_offs < MAX_PUT_OFFS:
            self._put_offs += 1
            self._put_off_late.start()
            return
        self._put_offs = 0
        self._tick()

    def _tick(self) -> None:
        young = gc.get_count()[0]
        if not self._glance.isActive() and young - self._young_seen >= BUSY_GROWTH:
            self._quiet = 0
            self._glance_late.start()
        self._young_seen = young
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


def watch_workers(runner: _Workers) -> None:
    """Keep glancing at generation 0 while ``runner`` has a job running (held weakly)."""
    _workers.add(runner)


def workers_started() -> None:
    """A job was just started (GUI thread): glance at generation 0 while it allocates."""
    for collector in _installed:
        collector.glance_again()


def freeze_start_up() -> int:
    """Collect, then move every object alive into the permanent generation, which no collection walks again.

    GUI thread only: a worker may be building objects that are garbage a moment later (frozen, a cycle among them
    is never freed), and Qt objects must not be freed in a worker. Returns how many objects are frozen.
    """
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        raise RuntimeError("gc.freeze() is for the GUI thread only, after a collection there")
    gc.collect()
    gc.freeze()
    for collector in _installed:
        collector.recount()
    return gc.get_freeze_count()


def freeze_when_started(*milestones: SignalInstance) -> None:
    """Call :func:`freeze_start_up` once, on the event loop's turn after each of ``milestones`` has fired once
    (the window's tabs built, its first connection attempt over): the start-up's modules, classes and widgets are
    all alive then, and the first sync's rows are not yet there."""
    after_all(milestones, freeze_start_up)
