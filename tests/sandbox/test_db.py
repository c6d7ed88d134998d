"""The sandbox's SQLite file: each module's tables are made once, in one transaction, and old data folders migrate."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest

from desktop.sandbox.db import SandboxDB
from desktop.sandbox.events import store as events_store

SCHEMA = "CREATE TABLE IF NOT EXISTS widgets (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);"


def _tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_modules_tables_are_made_once_with_what_runs_after_them(tmp_path: Path) -> None:
    db = SandboxDB(tmp_path / "sandbox.sqlite3")
    runs: list[int] = []

    def first_id(conn: sqlite3.Connection) -> None:
        runs.append(1)
        conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('widgets', 999)")

    db.ensure_tables("widgets", SCHEMA, first_id)
    db.ensure_tables("widgets", SCHEMA, first_id)
    assert runs == [1]
    with db.write() as conn:
        new_id = conn.execute("INSERT INTO widgets (name) VALUES ('a')").lastrowid
    assert new_id == 1000


def test_a_failure_after_the_tables_leaves_nothing_made_and_the_next_call_tries_again(tmp_path: Path) -> None:
    db = SandboxDB(tmp_path / "sandbox.sqlite3")

    def broken(conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    with pytest.raises(sqlite3.OperationalError):
        db.ensure_tables("widgets", SCHEMA, broken)
    assert "widgets" not in _tables(db.path)
    db.ensure_tables("widgets", SCHEMA)
    assert "widgets" in _tables(db.path)


def test_made_tables_are_asked_for_again_inside_a_write_without_deadlock(tmp_path: Path) -> None:
    db = SandboxDB(tmp_path / "sandbox.sqlite3")
    db.ensure_tables("widgets", SCHEMA)
    done = threading.Event()

    def writer() -> None:
        with db.write():
            db.ensure_tables("widgets", SCHEMA)  # already made: returns without a lock or a transaction
        done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    thread.join(timeout=10)
    assert done.is_set()


def test_an_event_outbox_from_before_events_could_fail_gets_its_failed_at_column(tmp_path: Path) -> None:
    path = tmp_path / "sandbox.sqlite3"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(
            "CREATE TABLE event_outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE,"
            " event_type TEXT NOT NULL, dpid TEXT NOT NULL, customer_id INTEGER NOT NULL, body TEXT NOT NULL,"
            " created_at REAL NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at REAL NOT NULL,"
            " last_status INTEGER, delivered_at REAL)"
        )
        conn.commit()
    db = SandboxDB(path)
    assert events_store.outbox_status(db)["failed"] == 0
    with closing(sqlite3.connect(path)) as check:
        columns = {row[1] for row in check.execute("PRAGMA table_info(event_outbox)")}
    assert "failed_at" in columns
