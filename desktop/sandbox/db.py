"""The sandbox's SQLite file: one connection per server thread, WAL, seeded once."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop.sandbox import seed as seeding

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dealers (
    dpid TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS vehicles (
    dpid TEXT NOT NULL,
    vin TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    in_stock INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (dpid, vin)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS vehicles_updated ON vehicles (dpid, updated_at);
"""


class SandboxDB:
    """Thread-local connections to one SQLite file; FastAPI runs sync endpoints in a thread pool."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._tables_lock = threading.Lock()
        self._tables_made: set[str] = set()
        with self.connect() as conn:
            conn.executescript(SCHEMA)

    def connect(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.row_factory = sqlite3.Row
            self._local.conn = conn
        return conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One serialized write transaction."""
        conn = self.connect()
        with self._write_lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def ensure_tables(self, owner: str, schema: str, then: Callable[[sqlite3.Connection], None] | None = None) -> None:
        """Create one module's tables the first time it asks, in one write transaction.

        Each module owns its tables and makes them lazily (``CREATE ... IF NOT EXISTS``: safe on an older data
        folder), so a sandbox that never serves a module never pays for it. ``then`` runs in the same transaction:
        a migration of an older folder, or a starting id. Once made, later calls return without taking a lock, so
        calling this inside a write transaction cannot deadlock.
        """
        if owner in self._tables_made:
            return
        with self._tables_lock:
            if owner in self._tables_made:
                return
            with self.write() as conn:
                for statement in schema.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                if then is not None:
                    then(conn)
            self._tables_made.add(owner)

    def meta(self, key: str) -> str | None:
        row = self.connect().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def seed_if_empty(self, seed: int, inventory_size: int, now: int | None = None) -> bool:
        """Seed dealers and inventory on the first start only, so what a user created survives restarts."""
        if self.meta("seeded_at") is not None:
            return False
        now = int(time.time()) if now is None else now
        with self.write() as conn:
            for position, dealer in enumerate(seeding.generate_dealers(seed)):
                conn.execute(
                    "INSERT INTO dealers (dpid, partner_id, position, body) VALUES (?, ?, ?, ?)",
                    (dealer["dpid"], dealer["partner_id"], position, json.dumps(dealer)),
                )
                rows = (
                    (dealer["dpid"], v["vin"], v["updated_at"], int(v["in_stock"]), json.dumps(v))
                    for v in seeding.generate_inventory(dealer, inventory_size, seed, now)
                )
                conn.executemany(
                    "INSERT INTO vehicles (dpid, vin, updated_at, in_stock, body) VALUES (?, ?, ?, ?, ?)", rows
                )
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('seeded_at', ?), ('seed', ?), ('inventory_size', ?)",
                (str(now), str(seed), str(inventory_size)),
            )
        return True

    def dealers(self) -> list[dict[str, Any]]:
        rows = self.connect().execute("SELECT body FROM dealers ORDER BY position").fetchall()
        return [json.loads(r[0]) for r in rows]

    def dealer(self, dpid: str) -> dict[str, Any] | None:
        row = self.connect().execute("SELECT body FROM dealers WHERE dpid = ?", (dpid,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def dealer_by_partner_id(self, partner_id: str) -> dict[str, Any] | None:
        row = self.connect().execute("SELECT body FROM dealers WHERE partner_id = ?", (partner_id,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def vehicle(self, dpid: str, vin: str) -> dict[str, Any] | None:
        row = self.connect().execute("SELECT body FROM vehicles WHERE dpid = ? AND vin = ?", (dpid, vin)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def put_vehicle(self, conn: sqlite3.Connection, dpid: str, vehicle: dict[str, Any]) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO vehicles (dpid, vin, updated_at, in_stock, body) VALUES (?, ?, ?, ?, ?)",
            (dpid, vehicle["vin"], vehicle["updated_at"], int(vehicle["in_stock"]), json.dumps(vehicle)),
        )
