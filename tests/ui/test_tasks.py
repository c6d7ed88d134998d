"""The TaskRunner on real pools: results, failures, cancel, write order, progress throttling, no leaked descriptors."""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
import weakref
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from desktop.api.errors import Cancelled
from desktop.services.cancel import JobControl
from desktop.services.priority import BACKGROUND_NICE
from desktop.store.chaiz_cache import ChaizCache
from desktop.store.customers import CustomerRecord, CustomerRegister
from desktop.store.events import EventLog
from desktop.store.inventory_cache import InventoryCache, SyncState
from desktop.ui.tasks import PROGRESS_INTERVAL_MS, TaskRunner

WAIT = 10_000


def until_released(release: threading.Event, ran: list[str] | None = None, name: str = "") -> Any:
    """A cooperative job that runs until ``release`` is set or it is cancelled."""

    def job(control: JobControl) -> str:
        if ran is not None:
            ran.append(name)
        while not release.wait(0.005):
            control.check()
        return name

    return job


def test_result_arrives_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    gui = QThread.currentThread()
    worker: list[object] = []
    got: list[object] = []

    def job() -> int:
        worker.append(QThread.currentThread())
        return 42

    with qtbot.waitSignal(runner.jobs_changed, timeout=WAIT, check_params_cb=lambda: not runner.running()):
        runner.submit(job, lambda value: got.append((value, QThread.currentThread())), label="Answer")
    assert got == [(42, gui)]
    assert worker and worker[0] is not gui


def test_local_work_runs_one_at_a_time_and_never_holds_up_a_network_read(qtbot: QtBot, runner: TaskRunner) -> None:
    """Jobs computing over the local cache run one at a time (each computing worker takes the interpreter lock
    from the window); reads that wait for a server are not queued behind them."""
    release = threading.Event()
    running: list[str] = []
    lock = threading.Lock()
    most = [0]

    def local(name: str) -> Any:
        def job(control: JobControl) -> str:
            with lock:
                running.append(name)
                most[0] = max(most[0], len(running))
            try:
                until_released(release)(control)
            finally:
                with lock:
                    running.remove(name)
            return name

        return job

    done: list[str] = []
    for name in ("page", "search", "reprice"):
        runner.submit_job(local(name), done.append, label=name, local=True)
    qtbot.waitUntil(lambda: len(running) == 1, timeout=WAIT)
    runner.submit(lambda: "network", done.append, label="network")  # the read pool is free
    qtbot.waitUntil(lambda: done == ["network"], timeout=WAIT)
    assert running == ["page"] and runner.active_thread_count() == 1  # the other local jobs wait their turn
    release.set()
    qtbot.waitUntil(lambda: len(done) == 4, timeout=WAIT)
    assert most[0] == 1 and done == ["network", "page", "search", "reprice"]  # in the order asked
    assert runner.wait_idle(WAIT)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own nice value is Linux's")
def test_jobs_run_below_the_window_threads_priority(qtbot: QtBot, runner: TaskRunner) -> None:
    """The window's thread takes a core first: reads and writes alike run lowered (desktop.services.priority)."""
    gui = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen: list[int] = []

    def job() -> None:
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    for write in (False, True, False):
        with qtbot.waitSignal(runner.jobs_changed, timeout=WAIT, check_params_cb=lambda: not runner.running()):
            runner.submit(job, label="Niceness", write=write)
    assert seen == [max(gui, BACKGROUND_NICE)] * 3
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == gui, "the window's thread is not lowered"


def test_an_error_goes_to_the_callers_handler_and_nowhere_else(qtbot: QtBot, runner: TaskRunner) -> None:
    errors: list[BaseException] = []
    notices: list[str] = []
    runner.notice.connect(notices.append)

    def boom() -> None:
        raise ValueError("the cache file is damaged")

    runner.submit(boom, lambda _v: None, errors.append, label="Reading cache")
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT)
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "the cache file is damaged"
    assert notices == []


def test_an_unhandled_error_reaches_the_user_as_a_notice(qtbot: QtBot, runner: TaskRunner) -> None:
    def boom() -> None:
        raise OSError("disk full")

    with qtbot.waitSignal(runner.notice, timeout=WAIT) as notice:
        runner.submit(boom, lambda _v: None, label="Vehicle details")
    assert notice.args == ["Vehicle details failed: A file could not be read or written: disk full."]


def test_a_cancelled_job_is_not_reported_as_a_failure(qtbot: QtBot, runner: TaskRunner) -> None:
    notices: list[str] = []
    runner.notice.connect(notices.append)
    release = threading.Event()
    job_id = runner.submit_job(until_released(release), label="Long")
    runner.cancel(job_id)
    assert not runner.is_running(job_id)
    assert runner.wait_idle(WAIT)  # the job saw the cancel and stopped: nothing released it
    done = []
    runner.submit(lambda: None, done.append)  # queued after the cancelled job's failure: delivered after it
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    assert notices == [] and not release.is_set()


def test_a_late_result_of_a_cancelled_job_is_dropped(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    results: list[object] = []
    errors: list[BaseException] = []
    job_id = runner.submit(lambda: release.wait(WAIT) and "late", results.append, errors.append, label="Ignores cancel")
    runner.cancel(job_id)
    release.set()
    assert runner.wait_idle(WAIT)
    done = []
    runner.submit(lambda: None, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    assert results == [] and errors == []


def test_writes_run_one_at_a_time_in_submission_order(qtbot: QtBot, runner: TaskRunner) -> None:
    order: list[int] = []
    busy = threading.Lock()
    overlaps: list[int] = []

    def write(n: int) -> Any:
        def job() -> int:
            if not busy.acquire(blocking=False):
                overlaps.append(n)
                return n
            try:
                order.append(n)
            finally:
                busy.release()
            return n

        return job

    finished: list[int] = []
    for n in range(60):
        runner.submit(write(n), finished.append, label=f"Save {n}", write=True)
    qtbot.waitUntil(lambda: len(finished) == 60, timeout=WAIT)
    assert order == list(range(60)) and finished == list(range(60))
    assert overlaps == []


def test_cancelling_the_running_write_frees_the_slot(qtbot: QtBot, runner: TaskRunner) -> None:
    stuck = threading.Event()  # never set: only the cancel can end the first job
    saved: list[str] = []
    first = runner.submit_job(until_released(stuck), saved.append, label="Uploading", write=True)
    runner.submit(lambda: "settings", saved.append, label="Saving settings", write=True)
    runner.cancel(first)
    qtbot.waitUntil(lambda: saved == ["settings"], timeout=WAIT)
    assert not stuck.is_set()


def test_a_cancelled_queued_write_never_runs(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    ran: list[str] = []
    finished: list[str] = []
    runner.submit_job(until_released(release, ran, "first"), finished.append, write=True)
    queued = runner.submit_job(until_released(release, ran, "queued"), finished.append, write=True)
    runner.submit_job(until_released(release, ran, "last"), finished.append, write=True)
    qtbot.waitUntil(lambda: ran == ["first"], timeout=WAIT)
    runner.cancel(queued)
    release.set()
    qtbot.waitUntil(lambda: finished == ["first", "last"], timeout=WAIT)
    assert ran == ["first", "last"]


def test_progress_is_throttled_and_the_last_value_arrives(qtbot: QtBot, runner: TaskRunner) -> None:
    total = 20_000
    seen: list[tuple[int, int, str]] = []
    release = threading.Event()
    span: list[float] = []

    def job(control: JobControl) -> None:
        started = time.monotonic()
        for done in range(1, total + 1):
            control.progress(done, total, f"{done} of {total}")
        span.append(time.monotonic() - started)
        release.wait(WAIT)

    job_id = runner.submit_job(job, on_progress=lambda d, t, s: seen.append((d, t, s)), label="Counting")
    qtbot.waitUntil(lambda: bool(seen) and seen[-1][0] == total, timeout=WAIT)
    assert seen[-1] == (total, total, f"{total} of {total}")
    info = next(j for j in runner.running() if j.job_id == job_id)
    assert info.progress == seen[-1]  # the status bar's view is current too
    release.set()
    assert runner.wait_idle(WAIT)
    allowed = 2 + int(span[0] * 1000 / PROGRESS_INTERVAL_MS)
    assert len(seen) <= allowed, (len(seen), span[0])
    assert [d for d, _t, _s in seen] == sorted(d for d, _t, _s in seen)


def test_shutdown_stops_long_work_and_lets_saves_finish(qtbot: QtBot, runner: TaskRunner) -> None:
    stuck = threading.Event()
    saved: list[str] = []
    ids = [runner.submit_job(until_released(stuck), write=w) for w in (False, False, True)]
    runner.submit(lambda: "settings", saved.append, label="Saving settings", write=True)  # behind the upload
    read = runner.submit(lambda: stuck.wait(0.2) or "read", label="Reading")
    assert runner.shutdown(WAIT)
    assert not any(runner.is_running(i) for i in [*ids, read]) and runner.active_thread_count() == 0
    qtbot.waitUntil(lambda: saved == ["settings"], timeout=WAIT)


def open_fds() -> dict[str, str]:
    """This process's open descriptors and what they point at."""
    found = {}
    for fd in os.listdir("/proc/self/fd"):
        try:
            found[fd] = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # the descriptor listdir itself used
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts descriptors through /proc")
def test_a_thousand_jobs_on_the_stores_leave_descriptors_flat(qtbot: QtBot, runner: TaskRunner, tmp_path: Path) -> None:
    """Each job runs on a fresh Python thread state: per-thread connections opened one file per job, never closed."""
    cache = InventoryCache(tmp_path / "cache.sqlite3")
    chaiz = ChaizCache(tmp_path / "chaiz.sqlite3")
    register = CustomerRegister(tmp_path / "customers.sqlite3")
    events = EventLog(tmp_path / "events.sqlite3")
    register.upsert(CustomerRecord("umazda", 1, "Ada", "Lovelace", "ada@example.com"))

    def job(n: int) -> Any:
        def run() -> int:
            kind = n % 5
            if kind == 0:
                cache.save_sync_state(SyncState("umazda", last_synced_at=n))
            elif kind == 1:
                chaiz.mark_failed(f"VIN{n:014d}", 10, "busy", dpid="umazda")
            elif kind == 2:
                assert register.get("umazda", 1) is not None
            elif kind == 3:
                events.count()
            else:
                cache.vehicle_rows("umazda")
            return n

        return run

    def run_jobs(count: int) -> None:
        finished: list[int] = []
        for n in range(count):
            runner.submit(job(n), finished.append, label="Store job", write=n % 5 < 2)
        qtbot.waitUntil(lambda: len(finished) == count, timeout=60_000)

    def on_stores() -> list[str]:  # other tests' threads open and close descriptors of their own meanwhile
        return [path for path in open_fds().values() if str(tmp_path) in path]

    def wals() -> int:
        return sum(path.endswith("-wal") for path in on_stores())

    stores = (cache, chaiz, register, events)
    run_jobs(200)
    wals_before, connections_before = wals(), sum(s.db.open_connections for s in stores)
    run_jobs(1_000)
    wals_after, connections_after = wals(), sum(s.db.open_connections for s in stores)
    # Connections kept per thread state: about one more per job. Now growth only comes from a pool filling up to
    # its need, and that need is the threads: each open connection holds one WAL descriptor. (A closed one's
    # database descriptor stays open while the file has other connections: SQLite reuses it for the next.)
    assert wals_after - wals_before <= connections_after - connections_before, (wals_before, wals_after)
    assert all(s.db.open_connections <= 6 for s in stores)  # 4 reader threads, 1 writer, the GUI thread
    assert len(on_stores()) <= 3 * 6 * len(stores)
    for store in stores:
        store.close()
    assert on_stores() == []


def test_cancelled_job_raising_cancelled_from_a_plain_submit_is_quiet(qtbot: QtBot, runner: TaskRunner) -> None:
    notices: list[str] = []
    runner.notice.connect(notices.append)

    def stops() -> None:
        raise Cancelled

    done: list[object] = []
    runner.submit(stops, label="Stops")
    runner.submit(lambda: None, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    assert runner.wait_idle(WAIT)
    assert notices == []


def test_a_finished_job_lets_go_of_what_its_work_held(qtbot: QtBot, runner: TaskRunner) -> None:
    """What a job's closure holds (rows, answers) is freed once it has run, delivered or cancelled: a Python
    ``QRunnable`` subclass was kept alive by PySide after its run, with its closure -- the soak's memory growth."""

    class Payload:
        rows = tuple(range(100))

    held: list[weakref.ref[Payload]] = []
    done: list[int] = []
    for i in range(60):
        payload = Payload()
        held.append(weakref.ref(payload))
        job = runner.submit(lambda p=payload: len(p.rows), done.append)
        if i % 3 == 0:
            runner.cancel(job)
    del payload
    qtbot.waitUntil(lambda: len(done) == 40, timeout=WAIT)
    assert runner.wait_idle(WAIT)
    gc.collect()
    assert sum(ref() is not None for ref in held) == 0


def test_a_cancel_interrupts_what_runs_inside_interrupting_and_nothing_after() -> None:
    from desktop.api.errors import Cancelled
    from desktop.services.cancel import JobControl

    control, calls = JobControl(), []
    with control.interrupting(lambda: calls.append("first")):
        pass
    with control.interrupting(lambda: calls.append("inside")):
        control.cancel()
    control.cancel()  # after the block: its interrupt is not called again
    assert calls == ["inside"]
    with pytest.raises(Cancelled), control.interrupting(lambda: calls.append("never")):
        pass
    assert calls == ["inside"]
