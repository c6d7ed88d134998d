"""Cyclic garbage is collected on the GUI thread, never in a TaskRunner worker."""

from __future__ import annotations

import gc
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, SignalInstance
from pytestqt.qtbot import QtBot

from desktop.ui.tasks import TaskRunner


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it
        self.freed_on: list[str] = []


def test_cycles_are_collected_by_the_gui_thread_not_by_workers(qtbot: QtBot, runner: TaskRunner) -> None:
    assert not gc.isenabled()
    where: list[str] = []

    def make_garbage() -> int:
        for _ in range(20_000):  # far past generation 0's threshold, in a worker
            node = _Node()
            weakref.finalize(node, lambda: where.append(threading.current_thread().name))
        return 1

    with qtbot.waitSignal(runner.jobs_changed, timeout=5000):
        runner.submit(make_garbage)
    runner.wait_idle()
    qtbot.waitUntil(lambda: len(where) == 20_000, timeout=10_000)
    assert set(where) == {threading.main_thread().name}


def _full_collections() -> int:
    return int(gc.get_stats()[2]["collections"])


def _pass_the_oldest_threshold() -> None:
    for _ in range(gc.get_threshold()[2] + 1):
        gc.collect(1)  # each collection of generation 1 counts one towards a full collection


def test_a_full_collection_waits_until_the_old_generation_grew_by_a_quarter(qtbot: QtBot, runner: TaskRunner) -> None:
    """A full collection walks everything the window keeps (tens of ms on the GUI thread): as CPython's own
    collector does, it runs only once the objects promoted since the last one reach a quarter of those alive."""
    from desktop.ui.gui_gc import _Collector

    parent = QObject()
    collector = _Collector(parent)
    collector._timer.stop()  # ticked by hand below
    collector._tick()  # the first tick counts the old generation

    _pass_the_oldest_threshold()
    before = _full_collections()
    collector._tick()
    assert _full_collections() == before  # past the threshold, but nothing new lives in the old generation
    assert collector.long_lived_total > 0

    kept = [[n] for n in range(collector.long_lived_total // 3)]  # a third more long-lived objects
    collector._collect_young(1)  # what the tick does once generation 1 passes its threshold: promote, and count
    assert collector.long_lived_pending >= len(kept)
    _pass_the_oldest_threshold()
    collector._tick()
    assert _full_collections() == before + 1
    assert len(kept) > 0
    parent.deleteLater()


class _Milestones(QObject):
    tabs_built = Signal()
    connected = Signal(object)


def test_a_worker_cannot_freeze(qtbot: QtBot, runner: TaskRunner) -> None:
    """Frozen, a cycle a worker is half-way through building would never be freed: only the GUI thread freezes."""
    from desktop.ui.gui_gc import freeze_start_up

    failures: list[BaseException] = []
    runner.submit(freeze_start_up, on_error=failures.append)
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=5000)
    assert isinstance(failures[0], RuntimeError) and "GUI thread" in str(failures[0])
    assert gc.get_freeze_count() == 0


def test_the_freeze_waits_for_every_milestone_and_frees_the_garbage_first(qtbot: QtBot) -> None:
    """Start-up objects are frozen once the window's tabs are built and its first connection attempt is over;
    the cyclic garbage of the start-up is collected before, not frozen with them."""
    from desktop.ui.gui_gc import freeze_when_started

    milestones = _Milestones()
    freeze_when_started(milestones.tabs_built, milestones.connected)
    freed: list[int] = []
    garbage = _Node()
    weakref.finalize(garbage, lambda: freed.append(1))
    del garbage
    kept = _Node()
    try:
        milestones.tabs_built.emit()
        milestones.tabs_built.emit()  # the same milestone twice is still one
        with qtbot.waitSignal(_turn(), timeout=1000):
            pass
        assert gc.get_freeze_count() == 0 and freed == []
        milestones.connected.emit(None)
        qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=1000)
        assert freed == [1]  # collected, not frozen
        assert not any(o is kept for o in gc.get_objects())  # alive, so frozen: no collection walks it again
    finally:
        gc.unfreeze()
    assert any(o is kept for o in gc.get_objects())


def _turn() -> SignalInstance:
    """A timer's signal that fires on the event loop's next turn (after any zero-delay timer queued before it)."""
    timer = QTimer(QCoreApplication.instance())
    timer.setSingleShot(True)
    timer.timeout.connect(timer.deleteLater)
    timer.start(0)
    return timer.timeout


def _young_collections() -> int:
    return int(gc.get_stats()[0]["collections"])


def test_a_crowded_generation_0_is_collected_at_a_glance(qtbot: QtBot) -> None:
    """Past YOUNG_BOUND objects, generation 0 is collected at the next glance, not at the next 250 ms tick."""
    from desktop.ui.gui_gc import YOUNG_BOUND, _Collector

    parent = QObject()
    collector = _Collector(parent)
    collector._timer.stop()
    collector._glance.stop()  # glanced at by hand below
    gc.collect(0)
    few = [(n, str(n)) for n in range(YOUNG_BOUND // 2)]
    before = _young_collections()
    collector._on_glance()
    assert _young_collections() == before  # under the bound: left to the tick
    rows = [(n, str(n), float(n)) for n in range(YOUNG_BOUND)]
    collector._on_glance()
    assert _young_collections() == before + 1
    assert gc.get_count()[0] < YOUNG_BOUND // 10
    assert [r for r in rows + few if gc.is_tracked(r)] == []  # rows of atoms: untracked by that one look
    parent.deleteLater()


def _busy(ms: float) -> None:
    """A turn of the event loop that runs ``ms`` (a tab switch painting): the collector's timers come due in it."""
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        pass


@pytest.fixture
def quiet_app_collector() -> Iterator[None]:
    """The application's own collector stopped: its late ticks would collect (or be put off) beside the test's."""
    from desktop.ui import gui_gc

    timers = [t for c in gui_gc._installed for t in (c._timer, c._glance, c._put_off) if t.isActive()]
    for timer in timers:
        timer.stop()
    automatic = gc.isenabled()  # the application's collector switches it off; a test run alone may not have one
    gc.disable()
    yield
    if automatic:
        gc.enable()
    for timer in timers:
        timer.start()


@pytest.mark.usefixtures("quiet_app_collector")
def test_a_collection_is_put_off_while_the_loop_is_busy_not_added_to_its_turn(qtbot: QtBot) -> None:
    """A tick that fires late (another turn held the loop when it came due) does not collect in that turn: it is
    tried again PUT_OFF_MS later, and collects once a try is on time, or after MAX_PUT_OFFS late tries."""
    from desktop.ui.gui_gc import INTERVAL_MS, MAX_PUT_OFFS, PUT_OFF_MS, _Collector

    parent = QObject()
    collector = _Collector(parent)
    collector._glance.stop()
    collector._tick()  # the first tick counts the old generation
    ticks: list[int] = []  # young collections so far, after each tick's slot
    tries: list[tuple[int, int]] = []  # (put-offs in a row, young collections so far) after each try's slot
    collector._timer.timeout.connect(lambda: ticks.append(_young_collections()))
    collector._put_off.timeout.connect(lambda: tries.append((collector._put_offs, _young_collections())))

    gc.collect(0)
    garbage = [[n] for n in range(gc.get_threshold()[0] * 2)]  # generation 0 past its threshold
    before = _young_collections()
    _busy(INTERVAL_MS + 10)  # the tick comes due 10 ms into this turn
    qtbot.waitUntil(lambda: bool(tries) and tries[-1][0] == 0, timeout=1000)
    assert ticks == [before]  # late: put off, not collected in the busy turn's wake
    # The try PUT_OFF_MS later is on time and collects (on a loaded machine a try may itself come late: put off
    # again, collecting nothing, until one is on time or the last).
    assert tries[-1] == (0, before + 1) and all(collected == before for _n, collected in tries[:-1])

    gc.collect(0)
    garbage += [[n] for n in range(gc.get_threshold()[0] * 2)]
    before = _young_collections()
    tries.clear()
    collector._timer.timeout.connect(lambda: _busy(PUT_OFF_MS + 5))  # the loop stays busy: every try comes late
    collector._put_off.timeout.connect(lambda: _busy(PUT_OFF_MS + 5) if collector._put_offs else None)
    _busy(INTERVAL_MS + 10)
    qtbot.waitUntil(lambda: len(tries) == MAX_PUT_OFFS, timeout=2000)
    assert tries == [*((n, before) for n in range(2, MAX_PUT_OFFS + 1)), (0, before + 1)]  # however late, at last
    assert garbage
    parent.deleteLater()


@pytest.mark.usefixtures("quiet_app_collector")
def test_a_late_glance_leaves_a_crowd_under_twice_the_bound_to_the_next(qtbot: QtBot) -> None:
    from desktop.ui.gui_gc import GLANCE_MS, YOUNG_BOUND, _Collector

    parent = QObject()
    collector = _Collector(parent)
    collector._timer.stop()
    collector._glance.stop()
    gc.collect(0)
    rows = [(n, str(n), float(n)) for n in range(YOUNG_BOUND * 3 // 2)]  # freed objects count down: a margin
    before = _young_collections()
    collector._glance_late.start()
    _busy(GLANCE_MS + 10)
    collector._on_glance()  # as the timer would, 10 ms late
    assert _young_collections() == before
    collector._glance_late.start()
    collector._on_glance()  # on time
    assert _young_collections() == before + 1
    rows += [(n, str(n), float(n)) for n in range(YOUNG_BOUND * 5 // 2)]
    collector._glance_late.start()
    _busy(GLANCE_MS + 10)
    collector._on_glance()  # late, but generation 0 is past twice the bound: collected all the same
    assert _young_collections() == before + 2
    assert rows
    parent.deleteLater()


def test_rows_a_worker_reads_are_looked_at_in_slices(qtbot: QtBot, runner: TaskRunner, tmp_path: Path) -> None:
    """60,000 rows read from SQLite by a worker are not one 20 ms look on the GUI thread: the glance takes them
    as they come, a few thousand at a time."""
    from desktop.ui.gui_gc import YOUNG_BOUND

    path = tmp_path / "rows.sqlite3"
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("CREATE TABLE v (vin TEXT, stock TEXT, year INTEGER, model TEXT, msrp REAL)")
        db.executemany(
            "INSERT INTO v VALUES (?, ?, 2026, 'Tucson', ?)", ((f"V{n:016d}", f"S{n}", n) for n in range(60_000))
        )
    crowds: list[int] = []

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 0:
            crowds.append(gc.get_count()[0])

    def read() -> list[tuple[object, ...]]:
        with closing(sqlite3.connect(path)) as db:
            return db.execute("SELECT * FROM v").fetchall()

    rows: list[list[tuple[object, ...]]] = []
    gc.collect(0)
    gc.callbacks.append(on_gc)
    try:
        runner.submit(read, rows.append)
        qtbot.waitUntil(lambda: len(rows) == 1, timeout=10_000)
    finally:
        gc.callbacks.remove(on_gc)
    assert len(rows[0]) == 60_000
    assert len(crowds) >= 2 and max(crowds) < 40_000, crowds
    assert any(c > YOUNG_BOUND for c in crowds), crowds  # the glance's collections, not only the tick's


def test_the_glances_stop_when_idle_and_start_with_a_job(qtbot: QtBot, runner: TaskRunner) -> None:
    """An idle window does not wake sixty times a second to glance at generation 0; a job started glances again
    while it runs, however quiet its start."""
    from desktop.ui import gui_gc

    collector = gui_gc._installed[0]
    qtbot.waitUntil(lambda: not collector.glancing(), timeout=5_000)  # no job runs and nothing allocates
    started = threading.Event()
    release = threading.Event()

    def quiet_then_busy() -> int:
        started.set()
        release.wait(5)
        return len([(n, str(n)) for n in range(30_000)])

    done: list[int] = []
    runner.submit(quiet_then_busy, done.append)
    assert collector.glancing()
    qtbot.waitUntil(started.is_set)
    qtbot.wait(gui_gc.GLANCE_MS * (gui_gc.QUIET_GLANCES + 4))  # a quiet quarter-second with the job running
    assert collector.glancing()
    release.set()
    qtbot.waitUntil(lambda: done == [30_000], timeout=5_000)
    qtbot.waitUntil(lambda: not collector.glancing(), timeout=5_000)
