"""Shared SQLite plumbing for the local stores: pooled connections lent per thread, WAL, explicit transactions.

Every store file is readable by its owner only (0600, and SQLite gives its -wal and -shm files the same mode)
under folders of 0700: the caches hold customers' names and the dealers' inventory, the event log sealed PII.
``secure_delete`` overwrites what a delete frees, so a purged or re-sealed row does not linger in free pages.
"""

from __future__ import annotations

import os
import stat
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: the window builds its stores before it is shown
    import sqlite3


class _Lease:
    """A connection lent to one Python thread state; it goes back to the pool when that state ends.

    The lease lives in a ``threading.local``, whose value CPython drops when the thread state is cleared: at the
    end of a plain thread, and at the end of every ``QRunnable.run`` (PySide gives each run a thread state of its
    own). Nothing has to remember to give the connection back. The store is held weakly: the lease lives in the
    store's own ``threading.local``, and a strong reference would make a cycle only the collector could free.
    """

    def __init__(self, db: LocalDB, conn: sqlite3.Connection) -> None:
        self._db = weakref.ref(db)
        self.conn = conn

    def __del__(self) -> None:
        db = self._db()
        if db is not None:
            db._give_back(self.conn)


class LocalDB:
    """A SQLite file used from the GUI thread and from worker threads.

    :meth:`connect` lends the calling thread a connection (sqlite3 objects are not shared between threads at
    once) and keeps lending it the same one until the thread, or the TaskRunner job, ends; then it serves the next
    borrower. A connection per thread kept for good leaked one file per background job, since every job runs on a
    fresh thread state. The pool therefore holds as many connections as threads ever used the file at the same
    time (the runner's workers and the GUI thread), however many jobs run. Writes are serialized by a lock so two
    workers never fight over SQLite's write lock with busy-waits.

    Args:
        path: the database file; created with its folder on first use.
        schema: idempotent DDL run once, on the first connection.
    """

    def __init__(self, path: Path, schema: str, migrate: Callable[[sqlite3.Connection], None] | None = None) -> None:
        # No I/O here: the window makes its stores before it is shown; the file opens on first use, off-thread.
        self.path = path
        self._migrate = migrate
        self._schema = schema
        self._schema_ready = False
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._pool_lock = threading.Lock()
        self._idle: list[sqlite3.Connection] = []
        self._open: set[sqlite3.Connection] = set()

    @property
    def open_connections(self) -> int:
        """How many connections exist now, lent or idle."""
        with self._pool_lock:
            return len(self._open)

    def connect(self) -> sqlite3.Connection:
        """The calling thread's connection: lent on first use, given back when the thread (or job) ends."""
        lease: _Lease | None = getattr(self._local, "lease", None)
        if lease is None:
            lease = _Lease(self, self._take())
            self._local.lease = lease
        return lease.conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends, rolled back if it raises."""
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
        """Close every connection, lent or idle; the store opens new ones if it is used again."""
        with self._pool_lock:
            for conn in self._open:
                conn.close()
            self._open.clear()
            self._idle.clear()
        self._local = threading.local()

    def _take(self) -> sqlite3.Connection:
        with self._pool_lock:
            if self._idle:
                return self._idle.pop()
        conn = self._new_connection()  # outside the lock: opening may wait on the file
        with self._pool_lock:
            self._open.add(conn)
        return conn

    def _give_back(self, conn: sqlite3.Connection) -> None:
        """Called as a thread state ends; a connection closed by :meth:`close` meanwhile is simply dropped."""
        with self._pool_lock:
            if conn in self._open:
                if conn.in_transaction:  # a failed COMMIT must not hand its open transaction to the next borrower
                    conn.rollback()
                self._idle.append(conn)

    def _new_connection(self) -> sqlite3.Connection:
        import sqlite3

        make_private(self.path)
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA secure_delete=ON")
            with self._pool_lock:
                if not self._schema_ready:
                    conn.executescript(self._schema)
                    if self._migrate is not None:
                        self._migrate(conn)
                    self._schema_ready = True
        except BaseException:
            conn.close()
            raise
        return conn


def make_private(path: Path) -> None:
    """Create ``path``'s folder (0700) and the file itself (0600) if missing; tighten them if they exist."""
    folder = path.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.stat()
    # Never a shared folder such as /tmp (sticky) or one of another user: only the store's own folder is tightened.
    if info.st_uid == os.getuid() and not info.st_mode & stat.S_ISVTX:
        os.chmod(folder, 0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    for suffix in ("-wal", "-shm"):
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            os.chmod(sidecar, 0o600)
