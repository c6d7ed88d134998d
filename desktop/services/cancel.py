"""What a long-running service needs from whoever runs it: a way to report progress and to be stopped."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from threading import Event, Lock

from desktop.api.errors import Cancelled


@dataclass
class JobControl:
    """Progress out, cancellation in; thread-safe. The TaskRunner hands one to each job that asks for it."""

    on_progress: Callable[[int, int, str], None] = lambda done, total, text: None
    _cancelled: Event = field(default_factory=Event)
    _lock: Lock = field(default_factory=Lock)
    _interrupts: list[Callable[[], None]] = field(default_factory=list)

    def cancel(self) -> None:
        with self._lock:
            self._cancelled.set()
            for interrupt in self._interrupts:
                interrupt()

    @contextmanager
    def interrupting(self, interrupt: Callable[[], None]) -> Iterator[None]:
        """Within the block, a cancel also calls ``interrupt`` (from the cancelling thread): a query that cannot
        look at :meth:`check` while it runs (a SQLite scan) is stopped instead of running on for nothing. Never
        called after the block ends, so it cannot reach what the thread does next. Raises :class:`Cancelled` if
        the job is cancelled already."""
        with self._lock:
            if self._cancelled.is_set():
                raise Cancelled
            self._interrupts.append(interrupt)
        try:
            yield
        finally:
            with self._lock:
                self._interrupts.remove(interrupt)

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user asked to stop."""
        if self._cancelled.is_set():
            raise Cancelled

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.on_progress(done, total, text)
