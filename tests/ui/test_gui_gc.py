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
