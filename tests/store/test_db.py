"""The local stores' connections: lent per thread, reused by the next thread, closed on close."""

from __future__ import annotations

import gc
import os
import sqlite3
import threading
import weakref
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from desktop.store.db import LocalDB

SCHEMA = "CREATE TABLE IF NOT EXISTS t (n INTEGER NOT NULL);"


def open_files(folder: Path) -> list[str]:
    """The descriptors this process holds on files under ``folder`` (other tests' threads open and close theirs)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # the descriptor listdir itself used
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return sorted(found)


def in_thread(fn: Callable[[], object]) -> None:
    """Run ``fn`` on a thread of its own, to its end (the thread's connection goes back to the pool then)."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            fn()
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    assert not thread.is_alive()
    if errors:
        raise errors[0]


def test_short_lived_threads_reuse_one_connection(tmp_path: Path) -> None:
    """The shape of TaskRunner jobs: each runs on a thread state of its own, one after another."""
    db = LocalDB(tmp_path / "a.sqlite3", SCHEMA)
    in_thread(lambda: db.connect().execute("SELECT 1"))
    before = open_files(tmp_path)
    for _ in range(200):
        in_thread(lambda: db.connect().execute("SELECT COUNT(*) FROM t").fetchone())
    assert db.open_connections == 1
    assert open_files(tmp_path) == before
    db.close()


def test_the_pool_grows_to_the_threads_working_at_once_and_no_further(tmp_path: Path) -> None:
    db = LocalDB(tmp_path / "b.sqlite3", SCHEMA)
    holding = threading.Barrier(9)
    release = threading.Event()

    def worker() -> None:
        with db.write() as conn:
            conn.execute("INSERT INTO t (n) VALUES (1)")
        holding.wait(10)  # eight threads hold their connection at the same time
        release.wait(10)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    holding.wait(10)
    assert db.open_connections == 8
    release.set()
    for t in threads:
        t.join(10)
    for _ in range(50):
        in_thread(lambda: db.connect().execute("SELECT 1"))
    assert db.open_connections == 8
    assert db.connect().execute("SELECT COUNT(*) FROM t").fetchone()[0] == 8
    db.close()


def test_a_failed_commit_leaves_no_transaction_for_the_next_borrower(tmp_path: Path) -> None:
    schema = (
        "CREATE TABLE IF NOT EXISTS parent (id INTEGER PRIMARY KEY);"
        "CREATE TABLE IF NOT EXISTS child (parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);"
    )
    db = LocalDB(tmp_path / "c.sqlite3", schema)

    def orphan() -> None:
        with pytest.raises(sqlite3.IntegrityError), db.write() as conn:
            conn.execute("INSERT INTO child (parent) VALUES (99)")  # checked at COMMIT, which fails and stays open

    def parent() -> None:
        with db.write() as conn:  # the same connection: an open transaction would refuse BEGIN IMMEDIATE
            conn.execute("INSERT INTO parent (id) VALUES (1)")

    in_thread(orphan)
    in_thread(parent)
    assert db.open_connections == 1
    assert db.connect().execute("SELECT parent FROM child").fetchall() == []
    assert db.connect().execute("SELECT id FROM parent").fetchall() == [(1,)]
    db.close()


def test_close_closes_every_connection_even_one_lent_to_a_running_thread(tmp_path: Path) -> None:
    db = LocalDB(tmp_path / "d.sqlite3", SCHEMA)
    lent = threading.Event()
    release = threading.Event()

    def busy() -> None:
        db.connect().execute("SELECT 1")
        lent.set()
        release.wait(10)

    thread = threading.Thread(target=busy)
    thread.start()
    assert lent.wait(10)
    for _ in range(3):
        in_thread(lambda: db.connect().execute("SELECT 1"))
    db.close()
    assert open_files(tmp_path) == []
    release.set()
    thread.join(10)
    assert db.open_connections == 0 and open_files(tmp_path) == []
    in_thread(lambda: db.connect().execute("SELECT COUNT(*) FROM t"))  # used again: it opens again
    assert db.open_connections == 1
    db.close()
    assert open_files(tmp_path) == []


def test_a_store_nobody_holds_is_freed_with_its_connections(tmp_path: Path) -> None:
    db = LocalDB(tmp_path / "g.sqlite3", SCHEMA)
    db.connect().execute("SELECT 1")  # this thread keeps its lease while the store lives
    in_thread(partial(LocalDB.connect, db))
    assert db.open_connections == 2
    gone = weakref.ref(db)
    del db
    assert gone() is None  # reference counting alone frees it: the leases make no cycle with the store
    gc.collect()  # Python 3.11's sqlite3.Connection sits in a cycle with its own statement cache
    assert open_files(tmp_path) == []
