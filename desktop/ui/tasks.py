"""The TaskRunner: the one way work leaves the GUI thread.

Shape of Anki's QueryOp / superqt's worker: a job is a plain callable over services; it never touches a widget.
The runner owns the signals, so results arrive on the GUI thread through queued connections. Reads share a
pool; writes that must stay ordered (uploads, saves) run one at a time in a single-thread pool.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desktop.api.errors import Cancelled
from desktop.services.cancel import JobControl


@dataclass
class JobInfo:
    job_id: int
    label: str
    control: JobControl
    on_success: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    on_progress: Callable[[int, int, str], None] | None
    cancellable: bool
    progress: tuple[int, int, str] = field(default=(0, 0, ""))


class _Job(QRunnable):
    def __init__(self, runner: TaskRunner, job_id: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._runner = runner
        self._job_id = job_id
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn()
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


def keep_out_of_gc(_result: object = None) -> None:
    """Move every object alive now out of the cyclic garbage collector's reach (``gc.freeze``).

    A full (generation 2) collection walks every tracked object while holding the GIL, and the worker threads'
    allocations trigger one every few hundred milliseconds: with the window's objects, or 100,000 cached
    vehicles, each walk froze the event loop for 30-80 ms. Long-lived data (the built window, a loaded
    inventory) is frozen once it exists, so collections only walk what is new. Reference counting still frees
    everything; only cycles that exist at the time stay until exit, which these objects do not form.
    """
    gc.freeze()


class TaskRunner(QObject):
    """Made in the GUI thread and injected into every tab."""

    _done = Signal(int, object)
    _failed = Signal(int, object)
    _progress = Signal(int, int, int, str)
    jobs_changed = Signal()

    def __init__(self, parent: QObject | None = None, read_threads: int = 4) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(read_threads)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._jobs: dict[int, JobInfo] = {}
        self._next_id = 0
        self._done.connect(self._on_done)
        self._failed.connect(self._on_failed)
        self._progress.connect(self._on_progress)

    # submission
    def submit(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        label: str = "",
        write: bool = False,
    ) -> int:
        """Run ``fn()`` in a pool; its result or exception comes back to the callbacks on the GUI thread."""
        return self._start(lambda _control: fn(), on_success, on_error, None, label, write, cancellable=False)

    def submit_job(
        self,
        fn: Callable[[JobControl], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        on_progress: Callable[[int, int, str], None] | None = None,
        label: str = "",
        write: bool = False,
    ) -> int:
        """Like :meth:`submit` for long work: ``fn`` gets a :class:`JobControl` to report progress and stop."""
        return self._start(fn, on_success, on_error, on_progress, label, write, cancellable=True)

    def _start(
        self,
        fn: Callable[[JobControl], Any],
        on_success: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_progress: Callable[[int, int, str], None] | None,
        label: str,
        write: bool,
        *,
        cancellable: bool,
    ) -> int:
        self._next_id += 1
        job_id = self._next_id
        control = JobControl()
        control.on_progress = lambda done, total, text: self._progress.emit(job_id, done, total, text)
        self._jobs[job_id] = JobInfo(job_id, label, control, on_success, on_error, on_progress, cancellable)
        (self._writes if write else self._reads).start(_Job(self, job_id, lambda: fn(control)))
        self.jobs_changed.emit()
        return job_id

    # control
    def cancel(self, job_id: int) -> None:
        """Ask the job to stop; whatever it returns later is dropped."""
        info = self._jobs.pop(job_id, None)
        if info is not None:
            info.control.cancel()
            self.jobs_changed.emit()

    def cancel_all(self) -> None:
        for job_id in list(self._jobs):
            self.cancel(job_id)

    def running(self) -> list[JobInfo]:
        return list(self._jobs.values())

    def is_running(self, job_id: int) -> bool:
        return job_id in self._jobs

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until both pools drain (quit, tests); never call it while the user is working."""
        ok = self._reads.waitForDone(msecs)
        return self._writes.waitForDone(msecs) and ok

    def active_thread_count(self) -> int:
        return self._reads.activeThreadCount() + self._writes.activeThreadCount()

    # results, on the GUI thread
    @Slot(int, object)
    def _on_done(self, job_id: int, result: object) -> None:
        info = self._jobs.pop(job_id, None)
        if info is None:
            return
        self.jobs_changed.emit()
        if info.on_success is not None:
            info.on_success(result)

    @Slot(int, object)
    def _on_failed(self, job_id: int, exc: object) -> None:
        info = self._jobs.pop(job_id, None)
        if info is None:
            return
        self.jobs_changed.emit()
        if isinstance(exc, Cancelled):
            return
        if info.on_error is not None:
            info.on_error(exc)  # type: ignore[arg-type]
        else:
            _log().error("background job %r failed: %s", info.label, exc)

    @Slot(int, int, int, str)
    def _on_progress(self, job_id: int, done: int, total: int, text: str) -> None:
        info = self._jobs.get(job_id)
        if info is None:
            return
        info.progress = (done, total, text)
        if info.on_progress is not None:
            info.on_progress(done, total, text)
        self.jobs_changed.emit()
