"""Shared SQLite plumbing for the local stores: a small bounded pool of connections, WAL, explicit transactions."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where used: the window builds its stores before it is shown
    import sqlite3

MAX_CONNECTIONS = 8
"""Enough for the TaskRunner's read threads, its write thread and the GUI thread to work at once."""


class StoreClosed(RuntimeError):
    """A store was used after :meth:`LocalDB.close` (a job that outlived a profile switch)."""


class LocalDB:
    """A SQLite file used from the GUI thread and from worker threads.

    Connections are borrowed from a bounded pool for one call and given back. Keying them on the thread does not
    work here: every ``QRunnable.run`` gets a fresh Python thread state, so a ``threading.local`` connection was
    opened per job and never closed (one file descriptor leaked per background job). A thread that borrows again
    while it holds a connection (a store method calling another) gets the one it holds, so nesting never waits
    for itself. Writes are serialized by a lock so two workers never fight over SQLite's write lock with
    busy-waits.

    Args:
        path: the database file; created with its folder on first use.
        schema: idempotent DDL run once, on the first connection.
        max_connections: the pool's bound; a borrower waits when every connection is in use.
    """

    def __init__(self, path: Path, schema: str, max_connections: int = MAX_CONNECTIONS) -> None:
        # No I/O here: the window makes its stores before it is shown; the file opens on first use, off-thread.
        self.path = path
        self._schema = schema
        self._max = max_connections
        self._write_lock = threading.Lock()
        self._pool = threading.Condition()
        self._idle: list[sqlite3.Connection] = []
        self._opened = 0
        self._held: dict[int, tuple[sqlite3.Connection, int]] = {}  # thread ident -> (connection, nesting depth)
        self._closed = False
        self._schema_ready = False

    @property
    def open_connections(self) -> int:
        """How many connections exist now (idle or borrowed)."""
        with self._pool:
            return self._opened

    def fetchone(self, sql: str, args: Sequence[Any] = ()) -> Any:
        """The first row of ``sql`` (a plain tuple), or None."""
        with self._borrow() as conn:
            return conn.execute(sql, args).fetchone()

    def fetchall(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        """Every row of ``sql`` as plain tuples (atomic values only: the cyclic collector can stop tracking them)."""
        with self._borrow() as conn:
            return conn.execute(sql, args).fetchall()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends, rolled back if it raises."""
        with self._borrow() as conn, self._write_lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def close(self) -> None:
        """Close every connection; one still borrowed is closed when its borrower gives it back."""
        with self._pool:
            self._closed = True
            for conn in self._idle:
                conn.close()
            self._opened -= len(self._idle)
            self._idle.clear()
            self._pool.notify_all()

    @contextmanager
    def _borrow(self) -> Iterator[sqlite3.Connection]:
        me = threading.get_ident()
        with self._pool:
            held = self._held.get(me)
            if held is not None:
                conn = held[0]
                self._held[me] = (conn, held[1] + 1)
            else:
                taken = self._take()
        if held is None:
            # A new connection opens outside the lock (it may wait on the file), in a slot reserved by _take.
            conn = taken if taken is not None else self._open_reserved()
            with self._pool:
                self._held[me] = (conn, 1)
        try:
            yield conn
        finally:
            with self._pool:
                conn, depth = self._held.pop(me)
                if depth > 1:
                    self._held[me] = (conn, depth - 1)
            if depth == 1:
                self._give_back(conn)

    def _give_back(self, conn: sqlite3.Connection) -> None:
        if conn.in_transaction:  # a failed COMMIT must not hand its open transaction to the next borrower
            conn.rollback()
        with self._pool:
            if self._closed:
                conn.close()
                self._opened -= 1
            else:
                self._idle.append(conn)
                self._pool.notify()

    def _take(self) -> sqlite3.Connection | None:
        """An idle connection, or None with a slot reserved for a new one, or the next one given back (lock held)."""
        while True:
            if self._closed:
                raise StoreClosed(f"The local database {self.path.name} was closed.")
            if self._idle:
                return self._idle.pop()
            if self._opened < self._max:
                self._opened += 1
                return None
            self._pool.wait()

    def _open_reserved(self) -> sqlite3.Connection:
        try:
            return self._open()
        except BaseException:
            with self._pool:
                self._opened -= 1
                self._pool.notify()
            raise

    def _open(self) -> sqlite3.Connection:
        import sqlite3

        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            if not self._schema_ready:
                conn.executescript(self._schema)
                self._schema_ready = True
        except BaseException:
            conn.close()
            raise
        return conn
