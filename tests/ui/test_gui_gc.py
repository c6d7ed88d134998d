"""Cyclic garbage is collected on the GUI thread, never in a TaskRunner worker."""

from __future__ import annotations

import gc
import threading
import weakref

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
    from PySide6.QtCore import QObject

    from desktop.ui.gui_gc import _Collector

    parent = QObject()
    collector = _Collector(parent)
    collector._timer.stop()  # ticked by hand below
    collector._on_tick()  # the first tick counts the old generation

    _pass_the_oldest_threshold()
    before = _full_collections()
    collector._on_tick()
    assert _full_collections() == before  # past the threshold, but nothing new lives in the old generation
    assert collector.long_lived_total > 0

    kept = [[n] for n in range(collector.long_lived_total // 3)]  # a third more long-lived objects
    collector._collect_young(1)  # what the tick does once generation 1 passes its threshold: promote, and count
    assert collector.long_lived_pending >= len(kept)
    _pass_the_oldest_threshold()
    collector._on_tick()
    assert _full_collections() == before + 1
    assert len(kept) > 0
    parent.deleteLater()
