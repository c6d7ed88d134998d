"""Shared SQLite plumbing for the local stores: pooled connections lent per thread, WAL, explicit transactions.

Every store file is readable by its owner only (0600, and SQLite gives its -wal and -shm files the same mode)
under folders of 0700: the caches hold customers' names and the dealers' inventory, the event log sealed PII.
``secure_delete`` overwrites what a delete frees, so a purged or re-sealed row does not linger in free pages.
"""

from __future__ import annotations

import contextlib
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


MAX_IDLE = 8  # idle connections kept per store: the runner's threads plus the GUI thread
# ... and by a store that jobs use a few times a minute: one. Kept per thread, its connections grew for minutes,
# one more each time a reader thread used it for the first time; opening one when a job needs it costs 0.2 ms.
QUIET_IDLE = 1
# The most threads that use a store at the same moment: the TaskRunner's four readers, its local worker and its
# writer, and the GUI thread. A quiet store's file takes a descriptor for each of them at its first use (see LocalDB).
THREADS_AT_ONCE = 7


class _Lease:
    """A connection lent to one Python thread state; it goes back to the pool when that state ends.

    The lease lives in a ``threading.local``, whose value CPython drops when the thread state is cleared: at the
    end of a plain thread, and at the end of every ``QRunnable.run`` (PySide gives each run a thread state of its
    own). Nothing has to remember to give the connection back. The store is held weakly: the lease lives in the
    store's own ``threading.local``, and a strong reference would make a cycle only the collector could free.
    """

    def __init__(self, db: LocalDB, conn: sqlite3.Connection, generation: int) -> None:
        self._db = weakref.ref(db)
        self.conn: sqlite3.Connection | None = conn
        self.generation = generation
        self.thread = threading.get_ident()

    def release(self) -> None:
        """Give the connection back (once); runs in the thread that used it."""
        conn, self.conn = self.conn, None
        db = self._db()
        if conn is not None and db is not None:
            db._give_back(conn, self.thread)

    def __del__(self) -> None:
        self.release()


class LocalDB:
    """A SQLite file used from the GUI thread and from worker threads.

    :meth:`connect` lends the calling thread a connection (sqlite3 objects are not shared between threads at
    once) and keeps lending it the same one until the thread, or the TaskRunner job, ends; then it serves the next
    borrower. A connection per thread kept for good leaked one file per background job, since every job runs on a
    fresh thread state. The pool therefore holds as many connections as threads ever used the file at the same
    time (the runner's workers and the GUI thread), however many jobs run. Writes are serialized by a lock so two
    workers never fight over SQLite's write lock with busy-waits.

    A quiet store (``max_idle=QUIET_IDLE``) keeps only the connection given back last: a job on another thread
    closes it and opens its own. SQLite keeps a closed connection's file descriptor open (for reuse) while another
    connection holds the file's locks, so the file's descriptors stay at the most connections that were open at
    once, not at the threads that ever used it. A quiet store also keeps an *anchor*: a connection opened with the
    first, lent to no thread, closed by :meth:`close`. With it the file always has another connection open, so a
    thread's idle connection can always be closed before the next thread opens its own (closing a file's last
    connection would checkpoint and delete the write-ahead log, for the next to make again): the file's descriptors
    are the anchor's and those of the threads using it at the same moment, from its first use on. That moment's
    peak still grew: the soak's ``customers`` and ``events`` each took one more descriptor minutes in, the first
    time three jobs used them at once. So the anchor *reserves* them: as it opens, it opens and closes
    ``reserve`` connections (the most threads that use a store at once), whose descriptors SQLite keeps for the
    connections threads open later. The file holds ``1 + reserve`` descriptors from its first use to its close.

    Args:
        path: the database file; created with its folder on first use.
        schema: idempotent DDL run once, on the first connection.
        migrate: run once after the schema, on the first connection.
        max_idle: idle connections kept for the threads that gave them back (the oldest beyond it are closed).
        reserve: a quiet store's descriptors reserved for the threads using it at once (``0``: none).
    """

    def __init__(
        self,
        path: Path,
        schema: str,
        migrate: Callable[[sqlite3.Connection], None] | None = None,
        *,
        max_idle: int = MAX_IDLE,
        reserve: int = THREADS_AT_ONCE,
    ) -> None:
        # No I/O here: the window makes its stores before it is shown; the file opens on first use, off-thread.
        self.path = path
        self._max_idle = max_idle
        self._reserve = reserve
        self._migrate = migrate
        self._schema = schema
        self._schema_ready = False
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._pool_lock = threading.Lock()
        self._anchor_lock = threading.Lock()
        # Idle connections with the OS thread that last used them: a connection is only lent again to that thread
        # (sqlite3 on CPython 3.11 crashed when one moved between the pool's threads); the oldest idle ones beyond
        # max_idle (threads the pool retired, or every other thread's in a quiet store) are closed.
        self._idle: list[tuple[int, sqlite3.Connection]] = []
        self._open: set[sqlite3.Connection] = set()
        # close() never closes a connection another thread may be using (sqlite3 would free statements under its
        # feet and crash the process): those are retired, and closed by their own thread when it gives them back.
        self._generation = 0
        self._retired: set[sqlite3.Connection] = set()
        self._anchor: sqlite3.Connection | None = None  # a quiet store's: see the class's docstring

    @property
    def open_connections(self) -> int:
        """How many connections exist now, lent or idle (a quiet store's anchor not counted)."""
        with self._pool_lock:
            return len(self._open) - (self._anchor is not None)

    def connect(self) -> sqlite3.Connection:
        """The calling thread's connection: lent on first use, given back when the thread (or job) ends."""
        lease: _Lease | None = getattr(self._local, "lease", None)
        if lease is not None and (lease.conn is None or lease.generation != self._generation):
            self._local.lease = None
            lease.release()  # lent before a close(): this thread closes it now that it is done with it
            lease = None
        if lease is None:
            generation = self._generation
            lease = _Lease(self, self._take(), generation)
            self._local.lease = lease
        assert lease.conn is not None
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
            try:
                conn.execute("COMMIT")
            except BaseException:  # a deferred constraint refused at COMMIT leaves the transaction open
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        """Close the idle connections and this thread's own; one lent to another thread is closed by that thread
        as soon as it gives it back (its job ends, or it asks again). The store opens new ones if used again."""
        own: _Lease | None = getattr(self._local, "lease", None)
        self._local.lease = None
        with self._pool_lock:
            self._generation += 1
            anchor, self._anchor = self._anchor, None
            if anchor is not None:  # no thread uses it: closed from any thread
                self._open.discard(anchor)
                anchor.close()
            for _thread, conn in self._idle:
                self._open.discard(conn)
                conn.close()
            self._idle.clear()
            self._retired |= self._open
        if own is not None:
            own.release()

    def _take(self) -> sqlite3.Connection:
        with self._pool_lock:
            me = threading.get_ident()
            for i in range(len(self._idle) - 1, -1, -1):
                if self._idle[i][0] == me:
                    return self._idle.pop(i)[1]
            # Room for the one this thread opens: other threads' idle ones beyond max_idle - 1 are closed first, not
            # after. Closed after, the new one and the old one were open together, and SQLite keeps a descriptor
            # for each connection ever open on a file at once (a closed one's is kept for reuse while another
            # connection holds the file's locks): a quiet store's file grew a descriptor each time two worker
            # threads took turns with the GUI thread's connection open (the soak's customers and events +1).
            # Never the file's last connection, though: closing that checkpoints the WAL and deletes it and its
            # index, for the next connection to make again (then the new one is opened first: two at most).
            while self._idle and len(self._idle) >= self._max_idle and len(self._open) > 1:
                _old_thread, oldest = self._idle.pop(0)
                self._open.discard(oldest)
                oldest.close()
            generation = self._generation
            anchor_wanted = self._max_idle == QUIET_IDLE and self._anchor is None
        if anchor_wanted:
            self._anchor_file(generation)
        conn = self._new_connection()  # outside the lock: opening may wait on the file
        with self._pool_lock:
            self._open.add(conn)
        return conn

    def _anchor_file(self, generation: int) -> None:
        """Open a quiet store's anchor and reserve the file's descriptors, once: a thread arriving meanwhile waits,
        so no connection is opened beside the reserve (it would take a descriptor beyond it, for good)."""
        with self._anchor_lock:
            with self._pool_lock:
                if self._anchor is not None or generation != self._generation:
                    return  # another thread anchored the file, or the store was closed meanwhile
            anchor = self._new_connection()
            try:
                self._reserve_descriptors()
            except BaseException:  # the file could not be opened again (descriptors exhausted): no anchor either
                anchor.close()
                raise
            with self._pool_lock:
                kept = generation == self._generation
                if kept:
                    self._anchor = anchor
                    self._open.add(anchor)
            if not kept:
                anchor.close()

    def _reserve_descriptors(self) -> None:
        """Open ``reserve`` connections at once and close them while the anchor holds the file's shared lock:
        SQLite's unix layer then keeps their descriptors (closing one would drop every POSIX lock of the process on
        the file) and hands them to the next connections opened on it. Nothing is read through them."""
        import sqlite3

        spare = []
        try:
            for _ in range(self._reserve):
                spare.append(sqlite3.connect(self.path, check_same_thread=False))
        finally:
            for conn in spare:
                conn.close()

    def _give_back(self, conn: sqlite3.Connection, thread: int) -> None:
        """Called by the borrowing thread as its thread state ends (or it asks again after a close)."""
        with self._pool_lock:
            if conn in self._retired:
                self._retired.discard(conn)
                self._open.discard(conn)
                conn.close()
            elif conn in self._open:
                if conn.in_transaction:  # a failed COMMIT must not hand its open transaction to the next borrower
                    conn.rollback()
                self._idle.append((thread, conn))
                while len(self._idle) > self._max_idle:
                    _old_thread, oldest = self._idle.pop(0)
                    self._open.discard(oldest)
                    oldest.close()

    def _new_connection(self) -> sqlite3.Connection:
        import sqlite3

        make_private(self.path)
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA secure_delete=ON")
            with self._pool_lock:
                # Switching a new file to WAL takes an exclusive lock that SQLite's busy timeout does not wait
                # for: threads opening their first connections at once got "database is locked". One at a time.
                conn.execute("PRAGMA journal_mode=WAL")
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
    # Never open and close a file SQLite may have open: closing any descriptor of it drops every POSIX lock this
    # process holds on it, other connections' included (sqlite.org/howtocorrupt.html, 2.2). A missing file is
    # created (nobody can hold a lock on it yet); an existing one is tightened by its name.
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        os.chmod(path, 0o600)
    else:
        try:
            os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
    for suffix in ("-wal", "-shm"):
        # The last connection of another thread may delete them between a look and a chmod: no look.
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path.with_name(path.name + suffix), 0o600)


def profile_file(data_dir: Path, kind: str, profile: str) -> Path:
    """The ``kind`` store of one profile, ``<kind>-<profile>.sqlite3``: the sandbox's data is never production's.

    The profile's name is folded to lower-case letters, digits and ``_``, so any name a user types is a safe file
    name, and every store of one profile sorts together in the folder.
    """
    safe = "".join(ch if ch.isalnum() else "_" for ch in profile.lower())
    return data_dir / f"{kind}-{safe}.sqlite3"
