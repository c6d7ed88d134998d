"""The outbox tables in the sandbox's own SQLite file, and what they hold at a glance."""

from __future__ import annotations

import sqlite3
from typing import Any

from fastapi import Request

from desktop.sandbox.db import SandboxDB

SCHEMA = """
CREATE TABLE IF NOT EXISTS webhook_target (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    url TEXT NOT NULL,
    api_key TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    failing_since REAL,
    disabled_at REAL
);
CREATE TABLE IF NOT EXISTS event_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    event_type TEXT NOT NULL,
    dpid TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at REAL NOT NULL,
    last_status INTEGER,
    delivered_at REAL,
    failed_at REAL
);
CREATE INDEX IF NOT EXISTS event_outbox_pending ON event_outbox (delivered_at, id);
CREATE TABLE IF NOT EXISTS event_deals (
    dpid TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    deal TEXT NOT NULL DEFAULT '{}',
    partner_ids TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (dpid, customer_id)
);
"""


def ensure_schema(db: SandboxDB) -> None:
    db.ensure_tables("events", SCHEMA, _add_columns)


def _add_columns(conn: sqlite3.Connection) -> None:
    columns = {row[1] for row in conn.execute("PRAGMA table_info(event_outbox)")}
    if "failed_at" not in columns:  # a sandbox data folder made before events could fail
        conn.execute("ALTER TABLE event_outbox ADD COLUMN failed_at REAL")
    columns = {row[1] for row in conn.execute("PRAGMA table_info(webhook_target)")}
    for added in ("failing_since", "disabled_at"):  # made before endpoints could be disabled
        if added not in columns:
            conn.execute(f"ALTER TABLE webhook_target ADD COLUMN {added} REAL")


def db_of(state_or_db: Any) -> SandboxDB:
    db = getattr(state_or_db, "db", state_or_db)
    if not isinstance(db, SandboxDB):
        raise TypeError("emit_event needs the SandboxState or its SandboxDB")
    ensure_schema(db)
    return db


def outbox_status(db: SandboxDB) -> dict[str, Any]:
    ensure_schema(db)
    conn = db.connect()
    target = conn.execute("SELECT url, disabled_at FROM webhook_target WHERE id = 1").fetchone()
    pending, delivered, failed = conn.execute(
        "SELECT COUNT(*) - COUNT(delivered_at) - COUNT(failed_at), COUNT(delivered_at), COUNT(failed_at)"
        " FROM event_outbox"
    ).fetchone()
    last = conn.execute(
        "SELECT last_status, attempts FROM event_outbox WHERE attempts > 0 ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return {
        "url": target[0] if target else None,
        "disabled": target is not None and target[1] is not None,
        "pending": int(pending or 0),
        "delivered": int(delivered or 0),
        "failed": int(failed or 0),
        "last_status": None if last is None else last[0],
    }


def sandbox_db(request: Request) -> SandboxDB:
    return db_of(request.app.state.sandbox)
