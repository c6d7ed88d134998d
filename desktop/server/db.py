"""The engine for a database URL: a SQLite file (owner-only, WAL, FULL sync) or PostgreSQL through psycopg 3.

SQLite through pysqlite needs two corrections to behave like PostgreSQL under SQLAlchemy: the driver's own
transaction handling is switched off (so SAVEPOINT works and BEGIN is ours), and write transactions start with
``BEGIN IMMEDIATE`` -- a deferred transaction that reads and then writes can fail with "database is locked"
instead of waiting its turn, which is exactly the lost-update race the version checks are there to refuse.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

DB_FILE = "server.sqlite3"
WRITE = {"dealer_desk_write": True}
CHANGES_FEED = 7316001  # PostgreSQL advisory lock ids: the deals' and customers' change feed ...
EVENTS_FEED = 7316003  # ... and the Roadster event feed (7316000: migrations, 7316002: the audit chain)


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / DB_FILE}"


def private_dir(path: Path) -> None:
    """Create ``path`` (and parents) readable by the owner only: it holds customers' personal data."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(stat.S_IRWXU)


def _private_files(db_file: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        f = db_file.with_name(db_file.name + suffix)
        if f.exists():
            f.chmod(stat.S_IRUSR | stat.S_IWUSR)


class Database:
    """One engine and the two kinds of transaction the server uses: ``read()`` and ``write()``."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self.url = url
        self.dialect = parsed.get_backend_name()
        # SQLite has one writer; its busy handler waits by sleeping (up to 100 ms a turn), so writers of this
        # process queue on a lock instead and reach the file one after the other.
        self._write_lock: threading.Lock | None = threading.Lock() if self.dialect == "sqlite" else None
        if self.dialect == "sqlite":
            self.engine = self._sqlite(parsed.database or "")
        elif self.dialect == "postgresql":
            # No pre-ping: it is one more round trip on every request. After a PostgreSQL restart the first
            # request of a process fails (5xx: a desk's save goes to its outbox) and that error empties the pool.
            # As many connections as the request threads (40) plus the event and audit writers.
            self.engine = create_engine(
                parsed.set(drivername="postgresql+psycopg"), pool_size=20, max_overflow=24, pool_recycle=1800
            )
        else:
            raise ValueError(f"Unsupported database {parsed.get_backend_name()!r}: use sqlite:/// or postgresql://.")

    @property
    def is_postgresql(self) -> bool:
        return self.dialect == "postgresql"

    def _sqlite(self, database: str) -> Engine:
        if not database or database == ":memory:":
            raise ValueError("The server needs a SQLite file, not an in-memory database.")
        db_file = Path(database)
        private_dir(db_file.parent)
        old_mask = os.umask(0o077)
        try:
            engine = create_engine(
                f"sqlite:///{db_file}",
                connect_args={"timeout": 30, "check_same_thread": False},
                pool_size=20,
                max_overflow=40,
            )
        finally:
            os.umask(old_mask)

        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            _switch_to_wal(cur)
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()
            _private_files(db_file)

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            immediate = conn.get_execution_options().get("dealer_desk_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: committed on leaving, rolled back on an exception."""
        if self._write_lock is None:
            with self.engine.connect() as conn:
                conn = conn.execution_options(**WRITE)
                with conn.begin():
                    yield conn
            return
        with self._write_lock, self.engine.connect() as conn:
            conn = conn.execution_options(**WRITE)
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def serialize_feed(self, conn: Connection, feed: int = CHANGES_FEED) -> None:
        """Make rows of a feed commit in the order of their sequence numbers.

        A reader asks for rows after the last sequence number it saw. On PostgreSQL two transactions can take
        numbers 10 and 11 and commit 11 first; a reader then skips 10 for good. A transaction-scoped advisory
        lock taken just before the insert serialises the writers of the feed (SQLite already has one writer).
        Each feed has its own lock (:data:`CHANGES_FEED`, :data:`EVENTS_FEED`): a group of Roadster events
        being committed does not hold up a desk's save.
        """
        if self.is_postgresql:
            conn.execute(text(f"SELECT pg_advisory_xact_lock({int(feed)})"))

    def dispose(self) -> None:
        self.engine.dispose()


WAL_SWITCH_WAIT_S = 30.0  # as long as the connection's busy timeout


def _switch_to_wal(cur: Any) -> None:
    """``PRAGMA journal_mode=WAL``, waiting while another process switches the same new file.

    Switching a new file to WAL takes an exclusive lock that SQLite's busy timeout does not wait for: two server
    processes starting at once on a fresh file got "database is locked" at their first connection (1 in 150 starts of
    four at once on a loaded machine, reproduced). Once the file is in WAL the pragma takes no such lock.
    """
    import sqlite3

    deadline = time.monotonic() + WAL_SWITCH_WAIT_S
    pause = 0.005
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)
