"""Shared SQLite plumbing for the local stores: one connection per thread, WAL, explicit transactions.

Every store file is readable by its owner only (0600, and SQLite gives its -wal and -shm files the same mode)
under folders of 0700: the caches hold customers' names and the dealers' inventory, the event log sealed PII.
``secure_delete`` overwrites what a delete frees, so a purged or re-sealed row does not linger in free pages.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable, Iterator
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

    def __init__(self, path: Path, schema: str, migrate: Callable[[sqlite3.Connection], None] | None = None) -> None:
        # No I/O here: the window makes its stores before it is shown; the file opens on first use, off-thread.
        self.path = path
        self._migrate = migrate
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._schema = schema
        self._schema_ready = False

    def connect(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            make_private(self.path)
            import sqlite3

            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA secure_delete=ON")
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
                if not self._schema_ready:
                    conn.executescript(self._schema)
                    if self._migrate is not None:
                        self._migrate(conn)
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
