"""The customer tables, and a customer found or made by email (the email is the customer's identity at a dealer)."""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

from fastapi import Request

from desktop.sandbox.db import SandboxDB

SCHEMA = """
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dpid TEXT NOT NULL,
    email TEXT NOT NULL COLLATE NOCASE,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    partner_id TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    body TEXT NOT NULL DEFAULT '{}',
    UNIQUE (dpid, email)
);
CREATE TABLE IF NOT EXISTS agents (
    customer_id INTEGER PRIMARY KEY REFERENCES customers (id),
    agent_id TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tradein_offers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dpid TEXT NOT NULL,
    email TEXT NOT NULL COLLATE NOCASE,
    vin TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    value INTEGER NOT NULL,
    year INTEGER,
    make TEXT,
    model TEXT,
    trim TEXT,
    mileage INTEGER,
    updated_at INTEGER NOT NULL,
    UNIQUE (dpid, email, vin)
);
CREATE TABLE IF NOT EXISTS leads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dpid TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    type TEXT NOT NULL,
    vin TEXT NOT NULL DEFAULT '',
    custid TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL,
    dpid TEXT NOT NULL,
    vin TEXT NOT NULL,
    payment TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (customer_id, vin)
);
"""
FIRST_CUSTOMER_ID = 12345  # ids look like the reference's, and never collide with small test numbers


def ensure_schema(db: SandboxDB) -> None:
    db.ensure_tables("customers", SCHEMA, _first_customer_id)


def _first_customer_id(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO sqlite_sequence (name, seq) SELECT 'customers', ? "
        "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'customers')",
        (FIRST_CUSTOMER_ID - 1,),
    )


def customers_db(request: Request) -> SandboxDB:
    db: SandboxDB = request.app.state.sandbox.db
    ensure_schema(db)
    return db


def _find_customer(conn: sqlite3.Connection, dpid: str, email: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM customers WHERE dpid = ? AND email = ?", (dpid, email)
    ).fetchone()
    return row


def create_or_match(
    conn: sqlite3.Connection, dpid: str, email: str, names: dict[str, str], body: dict[str, Any]
) -> tuple[int, bool]:
    """The customer's id and whether they existed (the email is the customer's identity at a dealer)."""
    found = _find_customer(conn, dpid, email)
    if found is not None:
        return int(found["id"]), True
    cur = conn.execute(
        "INSERT INTO customers (dpid, email, first_name, last_name, phone, partner_id, created_at, body)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            dpid,
            email,
            names.get("first_name", ""),
            names.get("last_name", ""),
            names.get("phone", ""),
            names.get("partner_id", ""),
            int(time.time()),
            json.dumps(body),
        ),
    )
    return int(cur.lastrowid or 0), False
