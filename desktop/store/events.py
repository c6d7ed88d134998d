"""Customer events the desktop has read from the receiver, where it stopped reading, and the PII audit log.

An event is stored as received (the receiver's copy is the source of truth); masking happens where it is shown.
The page of events and the new cursor are committed together, so a crash between the two never skips an event
and never stores one twice.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.store.db import LocalDB

SCHEMA = """
CREATE TABLE IF NOT EXISTS customer_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    event_type TEXT NOT NULL,
    dpid TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    event_time TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS customer_events_customer ON customer_events (dpid, customer_id, event_time);
CREATE TABLE IF NOT EXISTS event_feed (source TEXT PRIMARY KEY, cursor TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pii_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at REAL NOT NULL,
    user TEXT NOT NULL,
    event_id TEXT NOT NULL,
    field TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
"""


@dataclass(frozen=True)
class AuditEntry:
    at: float
    user: str
    event_id: str
    field: str
    reason: str


def events_file(data_dir: Path, profile: str) -> Path:
    safe = "".join(ch if ch.isalnum() else "_" for ch in profile.lower())
    return data_dir / f"events-{safe}.sqlite3"


class EventLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = LocalDB(path, SCHEMA)

    def close(self) -> None:
        self.db.close()

    def cursor(self, source: str) -> str | None:
        row = self.db.connect().execute("SELECT cursor FROM event_feed WHERE source = ?", (source,)).fetchone()
        return None if row is None else str(row[0])

    def add_page(self, source: str, events: list[dict[str, Any]], cursor: str) -> list[dict[str, Any]]:
        """Store a page and its cursor in one transaction; returns the events that were new."""
        added: list[dict[str, Any]] = []
        with self.db.write() as conn:
            for event in events:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO customer_events (event_id, event_type, dpid, customer_id, event_time, body)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        str(event["event_id"]),
                        str(event["event_type"]),
                        str(event["dealer"]["dpid"]),
                        int(event["customer"]["id"]),
                        str(event["event_time"]),
                        json.dumps(event),
                    ),
                )
                if cur.rowcount:
                    added.append(event)
            conn.execute(
                "INSERT INTO event_feed (source, cursor) VALUES (?, ?)"
                " ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor",
                (source, cursor),
            )
        return added

    def for_customer(self, dpid: str, customer_id: int) -> list[dict[str, Any]]:
        """A customer's events, oldest first (the order they happened, then the order they arrived)."""
        rows = (
            self.db.connect()
            .execute(
                "SELECT body FROM customer_events WHERE dpid = ? AND customer_id = ? ORDER BY event_time, seq",
                (dpid, customer_id),
            )
            .fetchall()
        )
        return [json.loads(r[0]) for r in rows]

    def count(self) -> int:
        return int(self.db.connect().execute("SELECT COUNT(*) FROM customer_events").fetchone()[0])

    def record_reveal(self, user: str, event_id: str, field: str, reason: str = "") -> None:
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO pii_audit (at, user, event_id, field, reason) VALUES (?, ?, ?, ?, ?)",
                (time.time(), user, event_id, field, reason),
            )

    def audit(self) -> list[AuditEntry]:
        rows = self.db.connect().execute("SELECT at, user, event_id, field, reason FROM pii_audit ORDER BY id")
        return [AuditEntry(float(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows.fetchall()]
