"""The template tables, and a template's record as the partner API answers it."""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from fastapi import Request

from desktop.sandbox.db import SandboxDB
from desktop.sandbox.errors import not_found
from desktop.sandbox.ids import path_id
from desktop.sandbox.roadster_templates.storage import storage_metadata
from desktop.sandbox.times import now_iso

SCHEMA = """
CREATE TABLE IF NOT EXISTS templates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dpid TEXT NOT NULL,
    doc_identifier TEXT NOT NULL,
    name TEXT NOT NULL,
    file_name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    form_definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    is_deleted INTEGER NOT NULL DEFAULT 0,
    storage TEXT NOT NULL,
    contents BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS templates_dealer ON templates (dpid, is_deleted);
CREATE TABLE IF NOT EXISTS form_packets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS packet_forms (
    packet_id INTEGER NOT NULL REFERENCES form_packets (id),
    position INTEGER NOT NULL,
    template_id INTEGER NOT NULL,
    template TEXT NOT NULL,
    contents BLOB NOT NULL,
    PRIMARY KEY (packet_id, position)
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'templates', 1489
    WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'templates');
"""
LISTED = "id, dpid, doc_identifier, name, file_name, description, form_definition, created_at, updated_at, is_deleted"


def ensure_schema(db: SandboxDB) -> None:
    db.ensure_tables("templates", SCHEMA)


def templates_db(request: Request) -> SandboxDB:
    db: SandboxDB = request.app.state.sandbox.db
    ensure_schema(db)
    return db


def insert_template(
    conn: sqlite3.Connection, dpid: str, name: str, file_name: str, description: str, definition: str, pdf: bytes
) -> tuple[int, dict[str, str]]:
    now = now_iso()
    storage = storage_metadata(pdf)
    cur = conn.execute(
        "INSERT INTO templates (dpid, doc_identifier, name, file_name, description, form_definition, created_at,"
        " updated_at, storage, contents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (dpid, str(uuid.uuid4()), name, file_name, description, definition, now, now, json.dumps(storage), pdf),
    )
    return int(cur.lastrowid or 0), storage


def template_json(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "name": row["name"],
        "file_name": row["file_name"],
        "description": row["description"],
        "form_definition": json.loads(row["form_definition"]),
        "id": int(row["id"]),
        "doc_identifier": row["doc_identifier"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "is_deleted": bool(row["is_deleted"]),
        "order_id": None,
    }


def template_row(db: SandboxDB, dpid: str, template_id: str) -> sqlite3.Row:
    number = path_id(template_id)
    if number is None:
        raise not_found("Template not found.")
    row: sqlite3.Row | None = (
        db.connect().execute(f"SELECT {LISTED} FROM templates WHERE id = ? AND dpid = ?", (number, dpid)).fetchone()
    )
    if row is None:
        raise not_found("Template not found.")
    return row
