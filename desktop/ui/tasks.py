"""The TaskRunner: the one way work leaves the GUI thread.

Shape of Anki's QueryOp / superqt's worker: a job is a plain callable over services; it never touches a widget.
The runner owns the signals, so results arrive on the GUI thread through queued connections. Reads share a
pool; writes that must stay ordered (uploads, saves) run one at a time in a single-thread pool; work that computes
in Python over the local cache (``local=True``: a picker's page, a search over a rooftop's rows, a reprice) runs in a
pool of its own, one at a time.

Why the last: the window's thread shares the interpreter with the workers. Each call from Qt into Python (a paint's
model, a slot) waits for the interpreter lock, and with N workers running Python it gets about 1/(N+1) of it: beside
two computing workers a tab switch took four to five times its CPU (``bench/bench_tabs_gui.py --workers 2``). A
network read mostly waits for its answer, with the lock let go; a local one computes all along. One local thread
beside the network's four: one computing worker beside the window, and no network read queued behind it. The local
jobs are short (a picker's page at most ~40 ms, a reprice ~5 ms, in the soak); a cancelled one that waits its turn
never starts, and a running picker read or search is interrupted by the next keystroke.

A job starts once the turn that asked for it has painted (desktop/ui/after_paint.py): a worker that starts at
once runs Python beside the rest of that turn -- the tab shown, the list typed into -- and each call from Qt into
Python there waits for the interpreter lock.

A job answers to its owners (desktop/ui/job_owners.py): when one is destroyed, its callbacks are never called.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThread, QThreadPool, QTimer, Signal, Slot

from desktop.api.errors import Cancelled
from desktop.services.cancel import JobControl
from desktop.services.priority import lower_this_thread
from desktop.ui.after_paint import AfterPaint
from desktop.ui.errors import sentence
from desktop.ui.gui_gc import collect_on_gui_thread, watch_workers
from desktop.ui.job_owners import JobOwners, held, owners_of, torn_down

PROGRESS_INTERVAL_MS = 66
"""Progress reaches the GUI thread at most ~15 times a second: a job reporting every chunk of an upload or every
page of a sync would otherwise queue thousands of slot calls (and status-bar repaints) on the event loop."""


class _ProgressBox:
    """The latest progress of one job, handed from its worker to the GUI thread.

    The worker overwrites the value and signals only when no delivery is already due, so a job that reports a
    thousand times a second costs the event loop one queued call per delivery, and the last value always arrives.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latest: tuple[int, int, str] | None = None
        self.due = False

    def put(self, value: tuple[int, int, str]) -> bool:
        """Keep ``value``; True when the GUI thread must be told (no delivery is due yet)."""
        with self.lock:
            self.latest = value
            if self.due:
                return False
            self.due = True
            return True

    def take(self) -> tuple[int, int, str] | None:
        with self.lock:
            value, self.latest, self.due = self.latest, None, False
            return value


def _gone() -> None:
    """What a held callback of a job whose owner is gone resolves to: no callback."""


@dataclass
class JobInfo:
    """A job the runner still answers for. Its callbacks are held (see :func:`held`): call one to get the callback."""

    job_id: int
    label: str
    control: JobControl
    on_success: Callable[[], Callable[[Any], None] | None]
    on_error: Callable[[], Callable[[BaseException], None] | None]
    on_progress: Callable[[], Callable[[int, int, str], None] | None]
    cancellable: bool
    write: bool = False
    progress: tuple[int, int, str] = field(default=(0, 0, ""))
    box: _ProgressBox = field(default_factory=_ProgressBox)
    owners: tuple[int, ...] = ()  # the keys of the owners it answers to (JobOwners)
    work: _Job | None = None

    @property
    def must_finish(self) -> bool:
        """A plain write (a save) is what the user just did: it runs even when its tab closes or the app quits."""
        return self.write and not self.cancellable

    def orphan(self) -> None:
        """Its owner is gone: a result or progress has no one to go to; a failure goes to the status bar."""
        self.on_success = self.on_error = self.on_progress = _gone
        self.owners = ()


class _Job:
    """One job's work, handed to a pool as a plain callable.

    Not a ``QRunnable`` subclass: PySide kept such a runnable's Python object alive after it ran, and with it the
    job's closure and whatever that held (rows, answers, the caller's callbacks) -- the soak's memory growth.
    A callable given to ``QThreadPool.start`` is released when it has run.
    """

    def __init__(self, runner: TaskRunner, job_id: int, control: JobControl, fn: Callable[[JobControl], Any]) -> None:
        self._runner = runner
        self._job_id = job_id
        self._control = control
        self._fn: Callable[[JobControl], Any] | None = fn

    def release(self) -> None:
        """Let go of the work (and what its closure holds, a closed tab's rows) while it waits in a queue."""
        self._fn = None

    def __call__(self) -> None:
        fn = self._fn
        if self._control.cancelled or fn is None:  # cancelled while queued: free the thread (the write slot) at once
            return
        lower_this_thread()  # the window's thread takes a core first (desktop.services.priority)
        try:
            result = fn(self._control)
        except Exception as exc:
            if not isinstance(exc, Cancelled):
                _log().debug("job %d failed", self._job_id, exc_info=exc)
            self._runner._failed.emit(self._job_id, exc)
        else:
            self._runner._done.emit(self._job_id, result)


def _log() -> Any:
    """The module's logger, imported at first use: ``logging`` is not needed for the window's first paint."""
    import logging

    return logging.getLogger(__name__)


class TaskRunner(QObject):
    """Made in the GUI thread and injected into every tab.

    A job's failure always reaches the user: through the caller's ``on_error``, or else as a sentence on
    :attr:`notice`, which the window shows in its status bar. A cancelled job's late result or failure is dropped.

    A job answers to its owners: the ``owner=`` given and every QObject whose method is a callback. When one is
    destroyed the job is cancelled (a queued one never runs) and its callbacks are never called -- there is no one
    left to tell, so that is no failure to report. A plain write still runs (see :attr:`JobInfo.must_finish`).
    """

    _done = Signal(int, object)
    _failed = Signal(int, object)
    _progress_due = Signal(int)
    jobs_changed = Signal()
    notice = Signal(str)  # a failure no caller handled, as a sentence for the status bar

    def __init__(self, parent: QObject | None = None, read_threads: int = 4, local_threads: int = 1) -> None:
        super().__init__(parent)
        collect_on_gui_thread()  # workers must never run the cyclic collector over Qt objects
        watch_workers(self)  # while its jobs run, the collector glances at what they allocate
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(read_threads)
        self._local = QThreadPool(self)
        self._local.setMaxThreadCount(local_threads)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        # Windows and macOS; on Linux each job lowers its own thread
        for pool in (self._reads, self._local, self._writes):
            pool.setThreadPriority(QThread.Priority.LowPriority)
        self._jobs: dict[int, JobInfo] = {}
        self._next_id = 0
        self._progress_pending: set[int] = set()
        self._progress_flushed = 0.0
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.timeout.connect(self._on_progress_timer)
        self._done.connect(self._on_done)
        self._failed.connect(self._on_failed)
        self._progress_due.connect(self._on_progress_due)
        self._owners = JobOwners(self)
        self._owners.orphaned.connect(self._on_orphaned)
        self._after_paint = AfterPaint(self)

    # submission
    def submit(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        label: str = "",
        write: bool = False,
        owner: QObject | None = None,
        local: bool = False,
    ) -> int:
        """Run ``fn()`` in a pool; its result or exception comes back to the callbacks on the GUI thread.

        Without ``on_error`` a failure is announced on :attr:`notice` as "<label> failed: <sentence>". Name the
        ``owner`` when a callback is a lambda or closure over a widget or model: its methods are found alone.
        ``local``: a read that computes in Python over local data, not one that waits for a server (see the module).
        """
        return self._start(
            lambda _control: fn(), on_success, on_error, None, label, write, owner, local=local, cancellable=False
        )

    def submit_job(
        self,
        fn: Callable[[JobControl], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        on_progress: Callable[[int, int, str], None] | None = None,
        label: str = "",
        write: bool = False,
        owner: QObject | None = None,
        local: bool = False,
    ) -> int:
        """Like :meth:`submit` for long work: ``fn`` gets a :class:`JobControl` to report progress and stop.

        A write job must call ``control.check()`` between steps: that is what lets a cancel free the single
        write thread for the writes queued behind it.
        """
        return self._start(fn, on_success, on_error, on_progress, label, write, owner, local=local, cancellable=True)

    def _start(
        self,
        fn: Callable[[JobControl], Any],
        on_success: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_progress: Callable[[int, int, str], None] | None,
        label: str,
        write: bool,
        owner: QObject | None,
        *,
        local: bool,
        cancellable: bool,
    ) -> int:
        self._next_id += 1
        job_id = self._next_id
        control = JobControl()
        callbacks = held(on_success), held(on_error), held(on_progress)
        info = JobInfo(job_id, label, control, *callbacks, cancellable, write)
        owners = [o for o in owners_of((on_success, on_error, on_progress), owner) if o is not self]
        keys = self._owners.add(job_id, owners)
        if keys is None:  # an owner was destroyed already: no one would take the answer
            if not info.must_finish:
                return job_id
            info.orphan()
        else:
            info.owners = keys
        box, due = info.box, self._progress_due

        def report(done: int, total: int, text: str) -> None:  # on the worker thread
            if box.put((done, total, text)):
                due.emit(job_id)

        control.on_progress = report
        self._jobs[job_id] = info
        info.work = _Job(self, job_id, control, fn)
        self._after_paint.start(self._writes if write else self._local if local else self._reads, info.work)
        self.jobs_changed.emit()
        return job_id

    def _forget(self, job_id: int) -> JobInfo | None:
        """The job ends here (delivered or cancelled): its owners stop answering for it."""
        info = self._jobs.pop(job_id, None)
        if info is not None:
            self._owners.remove(job_id, info.owners)
        return info

    # control
    def cancel(self, job_id: int) -> None:
        """Ask the job to stop; whatever it returns later is dropped. A queued job never starts."""
        info = self._forget(job_id)
        if info is not None:
            info.control.cancel()
            if info.work is not None:
                info.work.release()
            self.jobs_changed.emit()

    def cancel_all(self) -> None:
        for job_id in list(self._jobs):
            self.cancel(job_id)

    def shutdown(self, msecs: int) -> bool:
        """Stop for quitting: wait at most ``msecs`` for the pools to drain; True if they did.

        Reads and long (cancellable) jobs are cancelled: a cancelled upload stays in its sealed queue for the next
        start. A plain write (a save) is what the user just did, so it is let through, in order, within the bound.
        """
        for info in list(self._jobs.values()):
            if not info.must_finish:
                self.cancel(info.job_id)
        return self.wait_idle(msecs)

    def running(self) -> list[JobInfo]:
        return list(self._jobs.values())

    def is_running(self, job_id: int) -> bool:
        return job_id in self._jobs

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until the pools drain (quit, tests); never call it while the user is working."""
        self._after_paint.flush()
        deadline = time.monotonic() + msecs / 1000
        ok = True
        for pool in (self._reads, self._local, self._writes):
            left = max(0, int((deadline - time.monotonic()) * 1000))
            ok = pool.waitForDone(left) and ok
        return ok

    def active_thread_count(self) -> int:
        """Threads running jobs now, and one for the jobs about to start (the collector's glances watch them)."""
        held = 1 if self._after_paint.held() else 0
        return held + sum(pool.activeThreadCount() for pool in (self._reads, self._local, self._writes))

    # results, on the GUI thread
    @Slot(object)
    def _on_orphaned(self, job_ids: set[int]) -> None:
        """An owner was destroyed (called from its destructor): its jobs stop, or run on unheard if they must."""
        jobs = torn_down(self, "_jobs")  # None: this runner is itself garbage being collected
        for job_id in sorted(job_ids) if jobs is not None else ():
            info = jobs.get(job_id)
            if info is None:
                continue
            if info.must_finish:
                self._owners.remove(job_id, info.owners)
                info.orphan()
            else:
                self.cancel(job_id)

    @Slot(int, object)
    def _on_done(self, job_id: int, result: object) -> None:
        info = self._forget(job_id)
        if info is None:
            return
        self.jobs_changed.emit()
        on_success = info.on_success()
        if on_success is not None:
            on_success(result)

    @Slot(int, object)
    def _on_failed(self, job_id: int, exc: object) -> None:
        info = self._forget(job_id)
        if info is None:
            return
        self.jobs_changed.emit()
        if isinstance(exc, Cancelled):
            return
        assert isinstance(exc, BaseException)
        on_error = info.on_error()
        if on_error is not None:
            on_error(exc)
            return
        _log().error("background job %r failed: %s", info.label, exc)
        self.notice.emit(f"{info.label or 'A background task'} failed: {sentence(exc)}")

    @Slot(int)
    def _on_progress_due(self, job_id: int) -> None:
        self._progress_pending.add(job_id)
        if not self._progress_timer.isActive():
            since = (time.monotonic() - self._progress_flushed) * 1000
            self._progress_timer.start(max(0, int(PROGRESS_INTERVAL_MS - since)))

    @Slot()
    def _on_progress_timer(self) -> None:
        self._progress_flushed = time.monotonic()
        pending, self._progress_pending = self._progress_pending, set()
        changed = False
        for job_id in sorted(pending):
            info = self._jobs.get(job_id)
            value = None if info is None else info.box.take()
            if info is None or value is None:
                continue
            info.progress = value
            changed = True
            on_progress = info.on_progress()
            if on_progress is not None:
                on_progress(*value)
        if changed:
            self.jobs_changed.emit()
