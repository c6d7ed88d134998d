"""Customer events the desktop has read from the receiver, and where it stopped reading.

An event is stored as received (the receiver's copy is the source of truth); masking happens where it is shown.
The page of events and the new cursor are committed together, so a crash between the two never skips an event
and never stores one twice.

A credit application's event carries the applicant's SSN, licence number and birth date, so each event's body is
sealed with AES-256-GCM (bound to its event id) under a key in the keyring; the columns left in clear (type,
dealer, customer id, time) are what the timeline sorts and the retention purge selects on. Bodies written in
clear by an older version are sealed on first open. Without a keyring the key lasts this session only: events
sealed under a lost key are dropped on the next open and the cursor reset, so the receiver sends them again.

Events read again so are not news: the ids of every event ever stored (opaque, no personal data) stay in
``seen_events`` beside the cursor, through a lost key and the retention purge, and only events whose id is not
there yet are announced as new.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from desktop.secrets import SecretStore
from desktop.store.db import QUIET_IDLE, LocalDB, profile_file
from desktop.store.sealing import InvalidTag, Sealer, data_key

if TYPE_CHECKING:
    import sqlite3

KEY_NAME = "events-key"
SEALED_PREFIX = "sealed:"
_CANARY = b"dealer-desk events key check"

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
CREATE TABLE IF NOT EXISTS seen_events (event_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seal_check (id INTEGER PRIMARY KEY CHECK (id = 1), canary BLOB NOT NULL);
"""


def events_file(data_dir: Path, profile: str) -> Path:
    return profile_file(data_dir, "events", profile)


class AddedPage(NamedTuple):
    """What one page changed: the events stored anew, and those of them this desk had never seen (the news)."""

    stored: list[dict[str, Any]]
    news: list[dict[str, Any]]


class EventLog:
    """The local copy of the customer events; every method may block (SQLite, the keyring): call it off-thread.

    Args:
        path: the SQLite file.
        secrets: makes the store the sealing key comes from; called once, on first use, in a worker.
    """

    def __init__(self, path: Path, secrets: Callable[[], SecretStore] = SecretStore) -> None:
        self.path = path
        self._secrets = secrets
        self._sealer: Sealer | None = None
        self.memory_only = False
        self.dropped_unreadable = 0  # events sealed under a lost key, dropped on open to be read again
        self.db = LocalDB(path, SCHEMA, self._migrate, max_idle=QUIET_IDLE)  # a pull every few seconds, a timeline

    @property
    def notice(self) -> str:
        """What the timeline says about the key: session-only, or events dropped because their key is gone."""
        parts = []
        if self.memory_only:
            parts.append(
                "No system keyring is available, so customer events are sealed with a key for this session only; "
                "after a restart they are read again from the receiver."
            )
        if self.dropped_unreadable:
            parts.append(
                f"{self.dropped_unreadable} stored customer event(s) were sealed with a key this computer no longer "
                "has; they are read again from the receiver."
            )
        return " ".join(parts)

    def close(self) -> None:
        self.db.close()

    def _sealer_now(self) -> Sealer:
        if self._sealer is None:
            store = self._secrets()
            key = data_key(store, KEY_NAME)
            self.memory_only = store.memory_only
            self._sealer = Sealer(key)
        return self._sealer

    def _migrate(self, conn: sqlite3.Connection) -> None:
        """Check the key against the file's canary; seal what an older version stored in clear; keep seen ids."""
        sealer = self._sealer_now()
        row = conn.execute("SELECT canary FROM seal_check WHERE id = 1").fetchone()
        conn.execute("BEGIN IMMEDIATE")
        try:  # events stored by a version that kept no seen ids were seen all the same
            conn.execute("INSERT OR IGNORE INTO seen_events (event_id) SELECT event_id FROM customer_events")
            if row is not None:
                try:
                    sealer.open("seal_check", "canary", bytes(row[0]))
                except InvalidTag:
                    self.dropped_unreadable = int(conn.execute("SELECT COUNT(*) FROM customer_events").fetchone()[0])
                    conn.execute("DELETE FROM customer_events")
                    conn.execute("DELETE FROM event_feed")
                    row = None
            if row is None:
                canary = sealer.seal("seal_check", "canary", _CANARY)
                conn.execute("INSERT OR REPLACE INTO seal_check (id, canary) VALUES (1, ?)", (canary,))
            clear = conn.execute(
                "SELECT seq, event_id, body FROM customer_events WHERE body NOT LIKE ?", (SEALED_PREFIX + "%",)
            ).fetchall()
            for seq, event_id, body in clear:
                conn.execute("UPDATE customer_events SET body = ? WHERE seq = ?", (self._seal(event_id, body), seq))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        if clear:
            # secure_delete zeroed the old cells; checkpoint and VACUUM leave no clear copy in the WAL or free pages.
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("VACUUM")

    def _seal(self, event_id: str, body: str) -> str:
        sealed = self._sealer_now().seal(event_id, "body", body.encode())
        return SEALED_PREFIX + sealed.hex()

    def _open_body(self, event_id: str, stored: str) -> dict[str, Any]:
        sealed = bytes.fromhex(stored.removeprefix(SEALED_PREFIX))
        return dict(json.loads(self._sealer_now().open(event_id, "body", sealed)))

    def cursor(self, source: str) -> str | None:
        row = self.db.connect().execute("SELECT cursor FROM event_feed WHERE source = ?", (source,)).fetchone()
        return None if row is None else str(row[0])

    def add_page(self, source: str, events: list[dict[str, Any]], cursor: str) -> AddedPage:
        """Store a page and its cursor in one transaction; returns the events stored anew and the news among them.

        An event stored before a lost key dropped it is stored again (its customer's timeline needs it) but is not
        news: it was announced in the session that first read it.
        """
        added: list[dict[str, Any]] = []
        news: list[dict[str, Any]] = []
        sealed = {str(e["event_id"]): self._seal(str(e["event_id"]), json.dumps(e)) for e in events}
        with self.db.write() as conn:
            for event in events:
                event_id = str(event["event_id"])
                cur = conn.execute(
                    "INSERT OR IGNORE INTO customer_events (event_id, event_type, dpid, customer_id, event_time, body)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        event_id,
                        str(event["event_type"]),
                        str(event["dealer"]["dpid"]),
                        int(event["customer"]["id"]),
                        str(event["event_time"]),
                        sealed[event_id],
                    ),
                )
                if cur.rowcount:
                    added.append(event)
                    if conn.execute("INSERT OR IGNORE INTO seen_events (event_id) VALUES (?)", (event_id,)).rowcount:
                        news.append(event)
            conn.execute(
                "INSERT INTO event_feed (source, cursor) VALUES (?, ?)"
                " ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor",
                (source, cursor),
            )
        return AddedPage(added, news)

    def for_customer(self, dpid: str, customer_id: int) -> list[dict[str, Any]]:
        """A customer's events, oldest first (the order they happened, then the order they arrived)."""
        rows = (
            self.db.connect()
            .execute(
                "SELECT event_id, body FROM customer_events WHERE dpid = ? AND customer_id = ?"
                " ORDER BY event_time, seq",
                (dpid, customer_id),
            )
            .fetchall()
        )
        return [self._open_body(str(r[0]), str(r[1])) for r in rows]

    def for_dealer(self, dpid: str) -> list[dict[str, Any]]:
        """Every event of a dealer, oldest first (packets on production find their orders in them)."""
        rows = (
            self.db.connect()
            .execute("SELECT event_id, body FROM customer_events WHERE dpid = ? ORDER BY event_time, seq", (dpid,))
            .fetchall()
        )
        return [self._open_body(str(r[0]), str(r[1])) for r in rows]

    def count(self) -> int:
        return int(self.db.connect().execute("SELECT COUNT(*) FROM customer_events").fetchone()[0])

    def purge_before(self, cutoff: datetime) -> int:
        """Delete the events that happened before ``cutoff`` (the retention setting); returns how many.

        The cursor stays: the receiver is not asked for them again.
        """
        iso = cutoff.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self.db.write() as conn:
            cur = conn.execute("DELETE FROM customer_events WHERE julianday(event_time) < julianday(?)", (iso,))
        return int(cur.rowcount)
