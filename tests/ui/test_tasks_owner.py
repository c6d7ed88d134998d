"""A TaskRunner job answers to its owner: once the widget or model is destroyed, nothing reaches it, nothing pins it.

Real pools throughout: jobs are held in their queue or in the middle of their work by events the test controls, and
the owner is deleted as a closed tab is (``deleteLater``), or simply dropped.
"""

from __future__ import annotations

import gc
import threading
import time
import weakref
from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from desktop.services.cancel import JobControl
from desktop.ui.tasks import TaskRunner

WAIT = 10_000
READ_THREADS = 4  # the runner fixture's read pool


class Owner(QObject):
    """A model or tab in miniature: its callbacks record what reached it and emit one of its own signals."""

    heard = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.got: list[object] = []

    def on_done(self, value: object) -> None:
        self.got.append(value)
        self.heard.emit("done")  # on a deleted owner: "Signal source has been deleted"

    def on_error(self, exc: BaseException) -> None:
        self.got.append(exc)
        self.heard.emit("error")

    def on_progress(self, done: int, total: int, text: str) -> None:
        self.got.append((done, total, text))
        self.heard.emit("progress")


@pytest.fixture
def parent() -> Iterator[QObject]:
    """What owns the owners, as a window owns its tabs."""
    holder = QObject()
    yield holder
    holder.deleteLater()


@pytest.fixture
def notices(runner: TaskRunner) -> list[str]:
    said: list[str] = []
    runner.notice.connect(said.append)
    return said


def blocker(release: threading.Event, started: threading.Semaphore) -> Any:
    """Work that holds a pool thread until ``release`` is set or it is cancelled (or a failed test gave up)."""

    def job(control: JobControl) -> str:
        started.release()
        deadline = time.monotonic() + WAIT / 1000
        while not release.wait(0.005) and time.monotonic() < deadline:
            control.check()
        return "blocker"

    return job


def started(qtbot: QtBot, semaphore: threading.Semaphore) -> None:
    """Wait for a job to start, the event loop turning: a job starts after the turn that submitted it."""
    qtbot.waitUntil(lambda: semaphore.acquire(blocking=False), timeout=WAIT)


def fill(qtbot: QtBot, runner: TaskRunner, release: threading.Event, *, write: bool) -> None:
    """Occupy every thread of the read pool, or the write slot, so the next job of that kind waits in the queue."""
    began = threading.Semaphore(0)
    count = 1 if write else READ_THREADS
    for _ in range(count):
        runner.submit_job(blocker(release, began), label="Blocking", write=write)
    for _ in range(count):
        started(qtbot, began)


def destroy(qtbot: QtBot, owner: QObject) -> None:
    """Close it as a tab is closed: ``deleteLater``, then the event loop deletes it."""
    with qtbot.waitSignal(owner.destroyed, timeout=WAIT):
        owner.deleteLater()


def settle(qtbot: QtBot, runner: TaskRunner) -> None:
    """Let every pool drain, then every delivery already queued for the GUI thread arrive."""
    assert runner.wait_idle(WAIT)
    done: list[object] = []
    runner.submit(lambda: None, done.append)  # its answer is queued behind every earlier one
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)


@pytest.mark.parametrize("write", [False, True], ids=["read", "long write"])
def test_a_queued_job_whose_owner_is_destroyed_never_runs(
    qtbot: QtBot, runner: TaskRunner, parent: QObject, notices: list[str], write: bool
) -> None:
    release = threading.Event()
    fill(qtbot, runner, release, write=write)
    ran: list[str] = []
    owner, bystander = Owner(parent), Owner(parent)
    orphan = runner.submit_job(lambda _c: ran.append("orphan"), owner.on_done, owner.on_error, write=write)
    runner.submit_job(lambda _c: ran.append("bystander") or "kept", bystander.on_done, write=write)
    destroy(qtbot, owner)
    assert not runner.is_running(orphan)  # gone from the status bar at once
    release.set()
    settle(qtbot, runner)
    assert ran == ["bystander"] and bystander.got == ["kept"]
    assert notices == []


def test_a_running_jobs_answer_is_dropped_when_its_owner_is_destroyed(
    qtbot: QtBot, runner: TaskRunner, parent: QObject, notices: list[str]
) -> None:
    """A plain job does not look at its control: it finishes, and neither its result nor its failure is delivered."""
    began, release = threading.Semaphore(0), threading.Event()
    owner = Owner(parent)
    heard: list[str] = []
    owner.heard.connect(heard.append)

    def answers() -> str:
        began.release()
        release.wait(WAIT / 1000)
        return "late"

    def fails() -> None:
        began.release()
        release.wait(WAIT / 1000)
        raise OSError("disk full")

    jobs = [runner.submit(answers, owner.on_done, owner.on_error), runner.submit(fails, owner.on_done)]
    for _ in jobs:
        started(qtbot, began)
    got = owner.got
    destroy(qtbot, owner)
    assert not any(runner.is_running(job) for job in jobs)
    release.set()
    settle(qtbot, runner)
    assert got == [] and heard == []
    assert notices == []  # no one is left to tell: the drop is not a failure


def test_progress_stops_reaching_a_destroyed_owner(
    qtbot: QtBot, runner: TaskRunner, parent: QObject, notices: list[str]
) -> None:
    owner = Owner(parent)
    got = owner.got
    keep_going = threading.Event()
    reported: list[int] = []

    def counts(control: JobControl) -> None:
        n = 0
        while not keep_going.is_set():  # ignores its cancel: only the test ends it
            n += 1
            control.progress(n, 0, f"{n} done")
            reported.append(n)
            keep_going.wait(0.002)

    runner.submit_job(counts, owner.on_done, owner.on_error, on_progress=owner.on_progress, label="Counting")
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT)
    destroy(qtbot, owner)
    seen = len(got)
    at_destroy = len(reported)
    qtbot.waitUntil(lambda: len(reported) > at_destroy + 50, timeout=WAIT)  # it kept reporting for several frames
    keep_going.set()
    settle(qtbot, runner)
    assert len(got) == seen and all(isinstance(value, tuple) for value in got)
    assert notices == []


def test_a_pending_job_does_not_keep_its_owner_alive(qtbot: QtBot, runner: TaskRunner, parent: QObject) -> None:
    """Neither the callbacks (methods, or a lambda with ``owner=``) nor the queued work's closure pin a closed tab."""
    release = threading.Event()
    fill(qtbot, runner, release, write=False)
    owner = Owner(parent)
    ran: list[str] = []
    runner.submit(lambda: None, owner.on_done, owner.on_error)
    runner.submit_job(lambda _c, o=owner: ran.append(type(o).__name__), on_progress=owner.on_progress)
    runner.submit(lambda: 1, lambda v, o=owner: o.on_done(v), lambda e, o=owner: o.on_error(e), owner=owner)
    alive = weakref.ref(owner)
    destroy(qtbot, owner)
    del owner
    gc.collect()
    assert alive() is None  # while the jobs are still queued behind the blockers
    release.set()
    settle(qtbot, runner)
    assert ran == []


def test_an_owner_nobody_else_holds_is_freed_and_its_job_dropped(qtbot: QtBot, runner: TaskRunner) -> None:
    """A parentless model that its view let go of: the runner holds its methods weakly, so it dies at once."""
    release, began = threading.Event(), threading.Semaphore(0)
    owner = Owner()
    job = runner.submit_job(blocker(release, began), owner.on_done, owner.on_error)
    started(qtbot, began)
    alive = weakref.ref(owner)
    del owner
    gc.collect()
    assert alive() is None and not runner.is_running(job)
    assert runner.wait_idle(WAIT // 5)  # the blocker saw its cancel and stopped: nothing released it


def test_owner_named_for_lambdas_and_found_in_a_partial(
    qtbot: QtBot, runner: TaskRunner, parent: QObject, notices: list[str]
) -> None:
    release = threading.Event()
    fill(qtbot, runner, release, write=False)
    named, in_partial, unnamed = Owner(parent), Owner(parent), Owner(parent)
    got: list[str] = []
    runner.submit(lambda: "named", lambda v: got.append(v), owner=named)
    runner.submit(lambda: "partial", partial(in_partial.on_done))
    runner.submit(lambda: "unnamed", lambda v: got.append(v))  # a lambda alone names no owner: it is delivered
    for owner in (named, in_partial, unnamed):
        destroy(qtbot, owner)
    release.set()
    settle(qtbot, runner)
    assert got == ["unnamed"] and notices == []


def test_a_job_submitted_for_an_owner_already_destroyed_never_runs(
    qtbot: QtBot, runner: TaskRunner, parent: QObject, notices: list[str]
) -> None:
    owner = Owner(parent)
    destroy(qtbot, owner)
    ran: list[str] = []
    job = runner.submit(lambda: ran.append("ran"), lambda _v: ran.append("delivered"), owner=owner)
    assert not runner.is_running(job)
    settle(qtbot, runner)
    assert ran == [] and notices == []


def test_a_save_outlives_its_closed_tab_and_its_failure_still_reaches_the_user(
    qtbot: QtBot, runner: TaskRunner, parent: QObject, notices: list[str]
) -> None:
    """A plain write is what the user just did: it runs in order; only its answer is dropped. A failure is a lost
    save, so it goes to the status bar now that the tab cannot show it."""
    release = threading.Event()
    fill(qtbot, runner, release, write=True)
    owner = Owner(parent)
    saved: list[str] = []

    def refused() -> None:
        raise OSError("disk full")

    runner.submit(lambda: saved.append("deal"), owner.on_done, owner.on_error, label="Saving deal", write=True)
    runner.submit(refused, owner.on_done, owner.on_error, label="Saving notes", write=True)
    got = owner.got
    destroy(qtbot, owner)
    assert len(runner.running()) == 3  # the blocker and both saves: still under way
    release.set()
    settle(qtbot, runner)
    assert saved == ["deal"] and got == []
    assert notices == ["Saving notes failed: A file could not be read or written: disk full."]


def test_a_destroyed_owner_leaves_nothing_behind_in_the_runner(
    qtbot: QtBot, runner: TaskRunner, parent: QObject
) -> None:
    """One watch an owner, however many jobs; it goes with its owner (an address Qt reuses starts afresh)."""
    before = len(runner.findChildren(QObject))
    owner = Owner(parent)
    for n in range(20):
        runner.submit(lambda n=n: n, owner.on_done)
    qtbot.waitUntil(lambda: len(owner.got) == 20, timeout=WAIT)
    assert len(runner.findChildren(QObject)) == before + 1
    destroy(qtbot, owner)
    qtbot.waitUntil(lambda: len(runner.findChildren(QObject)) == before, timeout=WAIT)
    again = Owner(parent)
    runner.submit(lambda: "again", again.on_done)
    qtbot.waitUntil(lambda: again.got == ["again"], timeout=WAIT)


def test_an_owner_destroyed_while_the_collector_tears_its_runner_down_is_let_go(qtbot: QtBot) -> None:
    """The collector clears a garbage runner's attributes one object at a time; a widget of the same garbage
    destroyed meanwhile still signals into the runner's watches (AttributeError '_watches' in the suite)."""
    runner = TaskRunner()
    owner = Owner()
    assert runner._owners.add(1, [owner]) is not None  # a job of the owner's, as submit records it
    for obj in [runner, runner._owners, *runner._owners.findChildren(QObject)]:
        obj.__dict__.clear()  # what tp_clear does to each wrapper of the cycle
    with qtbot.captureExceptions() as raised, qtbot.waitSignal(owner.destroyed, timeout=WAIT):
        owner.deleteLater()
    assert not raised
