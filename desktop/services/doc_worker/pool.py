"""The app's side of the document workers: a few long-lived processes, a time limit per request, restart on death.

A request borrows an idle worker (waiting if all are busy), sends the document and waits at most ``timeout``
seconds for the answer. Past that the worker is killed (it is stuck in a hostile file: a page tree that points at
itself, a page that takes minutes to draw) and the caller gets a sentence; the next request starts a fresh worker.
A worker that dies on its own (its memory limit, a crash in PDFium) is reported the same way. Callers run in the
TaskRunner's threads, so the window never waits on any of this.

A request about a document that a worker holds open (its header's ``doc`` token is among the tokens the worker
listed in its last answer) goes to that worker, without the bytes; a worker that no longer holds it says so and
the bytes follow. A restarted worker holds nothing.
"""

from __future__ import annotations

import atexit
import contextlib
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any

from desktop.api.errors import Cancelled
from desktop.services.cancel import JobControl
from desktop.services.doc_worker import memory, protocol
from desktop.services.doc_worker.protocol import DEFAULT_MEMORY_MB

DEFAULT_TIMEOUT = 20.0
DEFAULT_SIZE = 2
STARTUP_TIMEOUT = 60.0  # a cold start on a busy machine; not charged to any document
CANCEL_GRACE = 1.0  # a cancelled request younger than this finishes (cheaper than a restart); an older one is killed
WATCH_INTERVAL = 0.05  # how often a busy worker's time, cancellation and resident memory are looked at
_TIMED_OUT = "timed out"
_CANCELLED = "cancelled"
_OVER_MEMORY = "over memory"


class DocumentError(ValueError):
    """The document was refused, is damaged, or was too much for a worker; the message is a sentence for the user."""

    def __init__(self, message: str, field: str = "contents", kind: str = "refused") -> None:
        super().__init__(message)
        self.field = field
        self.kind = kind


class DocumentTimeout(DocumentError):
    """The worker did not answer in time and was stopped."""


class WorkerStopped(DocumentError):
    """The worker process ended while it read the document (memory limit, a crash of the reader)."""


def worker_command(memory_mb: int) -> list[str]:
    """How to start a worker: the frozen app runs its own executable with the ``doc-worker`` sub-command."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "doc-worker", f"--memory-mb={memory_mb}"]
    return [sys.executable, "-m", "desktop.services.doc_worker", f"--memory-mb={memory_mb}"]


@dataclass
class Stats:
    """Counters for tests and the report: requests answered, workers killed for time, workers that died."""

    requests: int = 0
    timeouts: int = 0
    deaths: int = 0
    started: int = 0
    longest: float = 0.0
    memory_kills: int = 0  # killed by the app's watchdog, over the memory limit


class _Worker:
    def __init__(self, pool: DocumentWorkers) -> None:
        self._pool = pool
        self._proc: subprocess.Popen[bytes] | None = None
        self.busy = False  # lent to a request; only that request's thread reaps the process
        self.held: frozenset[str] = frozenset()  # the documents the process keeps open, as of its last answer

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None and self._proc.poll() is None else None

    def start(self) -> subprocess.Popen[bytes]:
        """The running process, started (and waited for until it says it is ready) when there is none."""
        if self._proc is None or self._proc.poll() is not None:
            if self._proc is not None:  # died between requests (killed from outside, the OS): its pipes are closed
                self._pool.stats.deaths += 1
                self.stop()
            self.held = frozenset()
            command = worker_command(self._pool.memory_mb)
            if not self._pool.os_memory_limit:
                command.append("--no-os-limit")
            self._proc = subprocess.Popen(  # noqa: S603 - our own interpreter or executable, fixed arguments
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            self._pool.stats.started += 1
            ready = self._exchange(self._proc, None, b"", STARTUP_TIMEOUT, None)
            if not isinstance(ready, tuple) or not ready[0].get("ready"):
                self.stop()
                raise WorkerStopped("The document reader could not be started; restart Dealer Desk.", kind="start")
        return self._proc

    def _exchange(
        self,
        proc: subprocess.Popen[bytes],
        header: dict[str, Any] | None,
        payload: bytes,
        timeout: float,
        control: JobControl | None,
    ) -> tuple[dict[str, Any], bytes] | BaseException | str | None:
        """Send ``header`` (unless None) and read one frame within ``timeout``.

        Answers the frame, the pipe's error, or ``_TIMED_OUT`` / ``_CANCELLED`` / ``_OVER_MEMORY`` after killing
        the worker. The memory watchdog is what limits a worker where the OS cannot (no RLIMIT_AS on Windows).
        """
        box: dict[str, Any] = {}

        def exchange() -> None:
            try:
                assert proc.stdin is not None and proc.stdout is not None
                if header is not None:
                    protocol.write_frame(proc.stdin, header, payload)  # type: ignore[arg-type]
                box["frame"] = protocol.read_frame(proc.stdout)  # type: ignore[arg-type]
            except (OSError, ValueError) as exc:  # a broken pipe, a closed stream, garbage instead of a frame
                box["error"] = exc

        thread = threading.Thread(target=exchange, name="doc-worker-exchange", daemon=True)
        started = time.monotonic()
        why = _TIMED_OUT
        thread.start()
        while thread.is_alive():
            elapsed = time.monotonic() - started
            if elapsed >= timeout:
                break
            if control is not None and control.cancelled and elapsed >= CANCEL_GRACE:
                why = _CANCELLED
                break
            if (memory.resident_bytes(proc.pid) or 0) > self._pool.memory_mb * 1024 * 1024:
                why = _OVER_MEMORY
                break
            thread.join(min(timeout - elapsed, WATCH_INTERVAL))
        if thread.is_alive():
            proc.kill()  # the exchange thread then sees the pipe close and ends
            thread.join()
            self.stop()
            return why
        result: tuple[dict[str, Any], bytes] | BaseException | None = box.get("frame", box.get("error"))
        return result

    def stop(self) -> None:
        self.held = frozenset()
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                # A killed reader leaves unsent bytes in the stdin buffer: closing flushes them into a dead pipe.
                with contextlib.suppress(OSError):
                    pipe.close()

    def call(
        self, header: dict[str, Any], payload: bytes, timeout: float, what: str, control: JobControl | None
    ) -> tuple[dict[str, Any], bytes]:
        proc = self.start()
        started = time.monotonic()
        withheld = bool(payload) and header.get("doc") in self.held
        outcome = self._exchange(proc, header, b"" if withheld else payload, timeout, control)
        if withheld and isinstance(outcome, tuple) and outcome[0].get("kind") == "uncached":
            self.held = frozenset(outcome[0].get("held", []))
            outcome = self._exchange(proc, header, payload, max(timeout - (time.monotonic() - started), 0.0), control)
        self._pool.stats.longest = max(self._pool.stats.longest, time.monotonic() - started)
        if outcome == _CANCELLED:
            raise Cancelled
        if outcome == _OVER_MEMORY:
            self._pool.stats.memory_kills += 1
            raise WorkerStopped(
                f"{what} could not be read: it needed more than {self._pool.memory_mb} MB of memory, so the file is "
                "probably damaged or built to exhaust a reader.",
                kind="memory",
            )
        if outcome == _TIMED_OUT:
            self._pool.stats.timeouts += 1
            raise DocumentTimeout(
                f"{what} took longer than {timeout:g} seconds to read and was stopped; the file may be damaged or "
                "built to hang a reader. Save a copy and open it in another program, or ask for the file again.",
                kind="timeout",
            )
        if not isinstance(outcome, tuple):
            code = proc.poll()
            self.stop()
            self._pool.stats.deaths += 1
            why = (
                f"it needed more than {self._pool.memory_mb} MB of memory"
                if code in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGABRT, 1)
                else "the reader stopped"
            )
            raise WorkerStopped(
                f"{what} could not be read: {why}, so the file is probably damaged or built to exhaust a reader.",
                kind="stopped",
            )
        reply, data = outcome
        self.held = frozenset(reply.get("held", []))
        self._pool.stats.requests += 1
        if "error" in reply:
            raise DocumentError(str(reply["error"]), str(reply.get("field", "contents")), str(reply.get("kind", "")))
        return reply, data


class DocumentWorkers:
    """A small pool of worker processes; thread-safe; :meth:`close` ends them (also at exit).

    ``os_memory_limit=False`` leaves a worker's memory to the app's watchdog alone, as on a platform where the OS
    offers no limit (the tests of the watchdog use it on Linux).
    """

    def __init__(
        self,
        size: int = DEFAULT_SIZE,
        timeout: float = DEFAULT_TIMEOUT,
        memory_mb: int = DEFAULT_MEMORY_MB,
        *,
        os_memory_limit: bool = True,
    ) -> None:
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.os_memory_limit = os_memory_limit
        self.stats = Stats()
        self._workers = [_Worker(self) for _ in range(size)]
        self._idle = list(self._workers)  # the most recently used last
        self._closed = False
        self._lock = threading.Lock()
        self._freed = threading.Condition(self._lock)

    def request(
        self,
        header: dict[str, Any],
        payload: bytes = b"",
        *,
        timeout: float | None = None,
        what: str = "The file",
        control: JobControl | None = None,
    ) -> tuple[dict[str, Any], bytes]:
        """Send one request; returns the worker's header and payload or raises :class:`DocumentError`.

        With ``control``, a request cancelled after CANCEL_GRACE seconds kills its worker and raises ``Cancelled``:
        a page nobody waits for any more does not keep a worker from the next one.
        """
        if self._closed:
            raise DocumentError("The document reader is shut down; the app is closing.", kind="closed")
        worker = self._borrow(header.get("doc"))
        try:
            if control is not None:
                control.check()  # cancelled while it waited for a free worker: nothing to send
            return worker.call(header, payload, self.timeout if timeout is None else timeout, what, control)
        finally:
            self._give_back(worker)

    def warm(self) -> threading.Thread:
        """Start the worker processes now, in a thread of their own, so the first request finds them ready.

        A cold worker costs its request a Python start and PDFium's import: the first upload check of a session
        took 0.35-0.6 s instead of 0.03 s (bench/bench_first_check.py, load 2-3), ~3 s on a busier machine.

        The workers start one after the other, not together, so the machine is never asked for two starts at once.
        Each is borrowed while it starts: a request arriving meanwhile waits for that start instead of making
        another; a worker a request already holds is left to it. A worker that cannot start (the window is closing
        and killed it) ends the warming; the next request starts it again or says why it cannot.
        """
        thread = threading.Thread(target=self._warm, name="doc-worker-warm", daemon=True)
        thread.start()
        return thread

    def _warm(self) -> None:
        for worker in self._workers:
            with self._lock:
                if self._closed or worker not in self._idle:
                    continue
                self._idle.remove(worker)
                worker.busy = True
            try:
                worker.start()
            except DocumentError:
                return
            finally:
                if self._closed:  # closed while this one started: nobody else will stop it
                    worker.stop()
                self._give_back(worker)

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            worker.busy = False
            self._idle.append(worker)
            self._freed.notify()

    def _borrow(self, token: object) -> _Worker:
        """An idle worker, the one holding the document ``token`` names if it is idle, else the last one used."""
        with self._lock:
            while not self._idle:
                self._freed.wait()
            worker = next((w for w in reversed(self._idle) if token and token in w.held), self._idle[-1])
            self._idle.remove(worker)
            worker.busy = True
            return worker

    def pids(self) -> list[int]:
        """Process ids of the workers now running (tests check that a killed one is replaced)."""
        return [pid for pid in (w.pid for w in self._workers) if pid is not None]

    def interrupt(self) -> None:
        """Stop whatever the workers are reading (the window is closing): busy ones are killed, and their requests
        end at once with a sentence nobody waits for; the pool starts fresh workers if it is used again."""
        with self._lock:
            for worker in self._workers:
                proc = worker._proc
                if worker.busy and proc is not None and proc.poll() is None:
                    proc.kill()

    def close(self) -> None:
        self._closed = True
        for worker in self._workers:
            worker.stop()


_shared: DocumentWorkers | None = None
_shared_lock = threading.Lock()


def shared_workers() -> DocumentWorkers:
    """The process's pool, started on first use and closed at exit: the window and the embedded sandbox share it."""
    global _shared  # one pool of processes per app process
    with _shared_lock:
        if _shared is None:
            _shared = DocumentWorkers()
            atexit.register(_shared.close)
        return _shared


def warm_shared() -> None:
    """:meth:`DocumentWorkers.warm` on the process's pool (the window calls it once its start-up is over)."""
    shared_workers().warm()


def interrupt_shared() -> None:
    """:meth:`DocumentWorkers.interrupt` on the process's pool, if it was ever started."""
    with _shared_lock:
        pool = _shared
    if pool is not None:
        pool.interrupt()
