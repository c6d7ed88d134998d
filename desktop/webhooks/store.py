"""The receiver's SQLite file: every accepted event, committed before it is answered, and the id mapping.

One writer thread takes events from a queue and commits them in groups (``synchronous=FULL``: a commit is on disk,
not only in the OS cache). Eight senders each waiting for their own fsync would be eight fsyncs; one commit for
all that arrived meanwhile is one, so durability costs little throughput. A caller waits for its group's commit
and only then answers 200.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    event_type TEXT NOT NULL,
    dpid TEXT NOT NULL,
    roadster_customer_id INTEGER NOT NULL,
    received_at REAL NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dealer_map (
    dpid TEXT PRIMARY KEY,
    local_id TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS customer_map (
    dpid TEXT NOT NULL,
    roadster_id INTEGER NOT NULL,
    local_id TEXT NOT NULL UNIQUE,
    lead_id TEXT NOT NULL UNIQUE,
    PRIMARY KEY (dpid, roadster_id)
);
CREATE TABLE IF NOT EXISTS agent_map (
    roadster_id INTEGER PRIMARY KEY,
    local_id TEXT NOT NULL UNIQUE
);
"""

MAX_GROUP = 256  # events per commit; bounds the time the first of a group waits


@dataclass(frozen=True)
class Incoming:
    """One validated event: its id, the fields the mapping needs, and the body exactly as received."""

    event_id: str
    event_type: str
    dpid: str
    customer_id: int
    agent_id: int | None
    body: str


@dataclass(frozen=True)
class Stored:
    """The answer to a sender: our local ids, and whether the event was already there."""

    customer_id: str
    lead_id: str
    agent_id: str | None
    dealer_id: str
    duplicate: bool

    def answer(self) -> dict[str, Any]:
        return {
            "customer_id": self.customer_id,
            "lead_id": self.lead_id,
            "agent_id": self.agent_id,
            "dealer_id": self.dealer_id,
        }


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


class EventStore:
    """Events and the Roadster → local id mapping; ``submit`` queues, ``put`` waits for the commit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._writer_conn = _connect(path)
        self._writer_conn.executescript(SCHEMA)
        self._read_conn = _connect(path)
        self._read_lock = threading.Lock()
        self._queue: queue.Queue[tuple[Incoming, Callable[[Stored | BaseException], None]] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._write_loop, name="webhook-writer", daemon=True)
        self._thread.start()

    # writing
    def submit(self, item: Incoming, done: Callable[[Stored | BaseException], None]) -> None:
        """Queue an event; ``done`` is called from the writer thread once it is committed (or failed)."""
        self._queue.put((item, done))

    def put(self, item: Incoming, timeout: float = 30.0) -> Stored:
        """Store one event and wait for its commit (tests and scripts; the app uses ``submit``)."""
        future: Future[Stored] = Future()

        def done(result: Stored | BaseException) -> None:
            if isinstance(result, BaseException):
                future.set_exception(result)
            else:
                future.set_result(result)

        self.submit(item, done)
        return future.result(timeout)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=30)
        self._writer_conn.close()
        with self._read_lock:
            self._read_conn.close()

    def _write_loop(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            group = [first]
            stop = False
            while len(group) < MAX_GROUP:
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

    def _write_group(self, group: list[tuple[Incoming, Callable[[Stored | BaseException], None]]]) -> None:
        conn = self._writer_conn
        results: list[Stored | BaseException] = []
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                now = time.time()
                for item, _ in group:
                    results.append(self._write_one(conn, item, now))
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except Exception as exc:  # a disk error: every sender of this group gets a 5xx and retries
            log.error("could not store %d events (%s)", len(group), type(exc).__name__)
            results = [exc] * len(group)
        for (_, done), result in zip(group, results, strict=True):
            done(result)

    def _write_one(self, conn: sqlite3.Connection, item: Incoming, now: float) -> Stored:
        dealer_id = self._local_id(conn, "dealer_map", "dpid", item.dpid, "D")
        row = conn.execute(
            "SELECT local_id, lead_id FROM customer_map WHERE dpid = ? AND roadster_id = ?",
            (item.dpid, item.customer_id),
        ).fetchone()
        if row is None:
            n = conn.execute("SELECT COUNT(*) FROM customer_map").fetchone()[0] + 1
            row = (f"C-{n:06d}", f"L-{n:06d}")
            conn.execute(
                "INSERT INTO customer_map (dpid, roadster_id, local_id, lead_id) VALUES (?, ?, ?, ?)",
                (item.dpid, item.customer_id, *row),
            )
        agent_id = None
        if item.agent_id is not None:
            agent_id = self._local_id(conn, "agent_map", "roadster_id", item.agent_id, "A")
        cur = conn.execute(
            "INSERT OR IGNORE INTO events (event_id, event_type, dpid, roadster_customer_id, received_at, body)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (item.event_id, item.event_type, item.dpid, item.customer_id, now, item.body),
        )
        return Stored(str(row[0]), str(row[1]), agent_id, dealer_id, duplicate=cur.rowcount == 0)

    @staticmethod
    def _local_id(conn: sqlite3.Connection, table: str, key: str, value: object, prefix: str) -> str:
        found = conn.execute(f"SELECT local_id FROM {table} WHERE {key} = ?", (value,)).fetchone()
        if found is not None:
            return str(found[0])
        n = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] + 1
        local = f"{prefix}-{n:06d}"
        conn.execute(f"INSERT INTO {table} ({key}, local_id) VALUES (?, ?)", (value, local))
        return local

    # reading
    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._read_lock:
            return self._read_conn.execute(sql, params).fetchall()

    def page(self, since: int, limit: int) -> tuple[list[str], int]:
        """Bodies of the events stored after cursor ``since``, oldest first, and the cursor to ask from next."""
        rows = self._read("SELECT seq, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?", (since, limit))
        cursor = int(rows[-1][0]) if rows else since
        return [str(r[1]) for r in rows], cursor

    def count(self) -> int:
        return int(self._read("SELECT COUNT(*) FROM events")[0][0])

    def event_ids(self) -> list[str]:
        return [str(r[0]) for r in self._read("SELECT event_id FROM events ORDER BY seq")]
