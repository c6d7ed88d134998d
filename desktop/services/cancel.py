"""What a long-running service needs from whoever runs it: a way to report progress and to be stopped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from threading import Event

from desktop.api.errors import Cancelled


@dataclass
class JobControl:
    """Progress out, cancellation in; thread-safe. The TaskRunner hands one to each job that asks for it."""

    on_progress: Callable[[int, int, str], None] = lambda done, total, text: None
    _cancelled: Event = field(default_factory=Event)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user asked to stop."""
        if self._cancelled.is_set():
            raise Cancelled

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.on_progress(done, total, text)
