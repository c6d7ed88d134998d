"""Shared SQLite plumbing for the local stores: one connection per thread, WAL, explicit transactions."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: the window builds its stores before it is shown
    import sqlite3


class LocalDB:
    """A SQLite file used from the GUI thread and from worker threads.

    Each thread gets its own connection (sqlite3 objects are not shared); writes are serialized by a lock so
    two workers never fight over the write lock with busy-waits.
    """

    def __init__(self, path: Path, schema: str) -> None:
        # No I/O here: the window makes its stores before it is shown; the file opens on first use, off-thread.
        self.path = path
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._schema = schema
        self._schema_ready = False

    def connect(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            import sqlite3

            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
                if not self._schema_ready:
                    conn.executescript(self._schema)
                    self._schema_ready = True
        return conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        conn = self.connect()
        with self._write_lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def close(self) -> None:
        with self._all_lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()
