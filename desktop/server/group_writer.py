"""One writer thread that commits, in one transaction, whatever was queued while the previous commit ran.

The receiver's events and the audit trail's views both arrive faster than one commit each could keep up with
(fsync per commit); grouping keeps their order and costs one commit per group.
"""

from __future__ import annotations

import queue
import threading
from typing import Generic, TypeVar

T = TypeVar("T")


class GroupWriter(Generic[T]):
    """Queue items with :meth:`_put`; :meth:`_write_group` gets them in order, up to ``max_group`` at a time.

    Subclasses set their own state first and call ``super().__init__`` last: the thread starts there.
    """

    def __init__(self, name: str, max_group: int) -> None:
        self._queue: queue.Queue[T | None] = queue.Queue()
        self._max_group = max_group
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def _put(self, item: T) -> None:
        self._queue.put(item)

    def close(self) -> None:
        """Write what is queued, then stop the thread."""
        self._queue.put(None)
        self._thread.join(timeout=30)

    def _write_group(self, group: list[T]) -> None:
        raise NotImplementedError

    def _loop(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            group, stop = [first], False
            while len(group) < self._max_group:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stop = True
                    break
                group.append(more)
            self._write_group(group)
            if stop:
                return
