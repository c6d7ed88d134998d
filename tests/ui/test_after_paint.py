"""A job starts once the turn that submitted it has painted: the worker's Python does not run beside that paint."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.ui.tasks import TaskRunner

WAIT = 10_000


class Painted(QLabel):
    """A label that notes when it paints, on the clock the job notes its start on."""

    def __init__(self, noted: list[tuple[str, float]]) -> None:
        super().__init__("before")
        self.noted = noted

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        time.sleep(0.02)  # a paint that takes a while: a job handed to its pool before it would start during it
        self.noted.append(("paint", time.perf_counter()))  # when the paint ended


def test_a_job_submitted_in_a_turn_that_repaints_starts_after_that_paint(qtbot: QtBot, runner: TaskRunner) -> None:
    """The turn changes what a widget shows (a paint posted for the next pass of the loop) and submits a job: the
    job's first line runs after that paint has ended, not beside it. Started at once (the old runner), it ran during
    the rest of the turn and the paint."""
    noted: list[tuple[str, float]] = []
    lock = threading.Lock()
    label = Painted(noted)
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    qtbot.waitUntil(lambda: any(what == "paint" for what, _ in noted), timeout=WAIT)
    done: list[object] = []

    def job() -> str:
        with lock:
            noted.append(("job", time.perf_counter()))
        return "read"

    def turn() -> None:
        noted.clear()
        label.setText("after")  # a repaint, posted for the loop's next pass
        runner.submit(job, done.append)
        time.sleep(0.02)  # the rest of the turn: the job, started at once, would be running by now

    QTimer.singleShot(0, turn)
    qtbot.waitUntil(lambda: done == ["read"], timeout=WAIT)
    order = [what for what, _ in sorted(noted, key=lambda n: n[1])]
    assert order.index("paint") < order.index("job"), order


def test_held_jobs_start_when_the_runner_is_waited_for_without_the_loop(runner: TaskRunner) -> None:
    """Quitting (and a test) waits for the pools without turning the event loop: the held jobs start all the same."""
    ran: list[int] = []
    for n in range(3):
        runner.submit(lambda n=n: ran.append(n))
    assert runner.wait_idle(WAIT)
    assert sorted(ran) == [0, 1, 2]


def test_held_jobs_keep_their_order_in_the_write_slot(qtbot: QtBot, runner: TaskRunner) -> None:
    ran: list[int] = []
    done: list[object] = []
    for n in range(20):
        runner.submit(lambda n=n: ran.append(n), done.append, write=True)
    qtbot.waitUntil(lambda: len(done) == 20, timeout=WAIT)
    assert ran == list(range(20))


def test_a_job_cancelled_before_it_starts_never_runs(qtbot: QtBot, runner: TaskRunner) -> None:
    ran: list[str] = []
    job = runner.submit(lambda: ran.append("ran"))
    runner.cancel(job)
    done: list[object] = []
    runner.submit(lambda: None, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    assert runner.wait_idle(WAIT)
    assert ran == []


def test_a_job_submitted_off_the_gui_thread_starts_without_the_loop(runner: TaskRunner) -> None:
    """No turn of the event loop to wait for (a timer could not even be started from there): handed over at once."""
    ran = threading.Event()
    thread = threading.Thread(target=lambda: runner.submit(ran.set))
    thread.start()
    thread.join(WAIT / 1000)
    assert ran.wait(WAIT / 1000)
