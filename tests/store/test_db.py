"""The local stores' connection pool: reused across threads, bounded, closed on close."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from desktop.store.db import LocalDB, StoreClosed

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


def run_threads(count: int, target: object, *, together: bool) -> None:
    threads = [threading.Thread(target=target) for _ in range(count)]  # type: ignore[arg-type]
    for t in threads:
        t.start()
        if not together:
            t.join()
    for t in threads:
        t.join()


def test_short_lived_threads_reuse_one_connection(tmp_path: Path) -> None:
    """The shape of QRunnable jobs: each runs on a thread state of its own, one after another."""
    db = LocalDB(tmp_path / "a.sqlite3", SCHEMA)
    db.fetchone("SELECT 1")
    before = open_files(tmp_path)
    run_threads(200, lambda: db.fetchone("SELECT COUNT(*) FROM t"), together=False)
    assert db.open_connections == 1
    assert open_files(tmp_path) == before
    db.close()


def test_the_pool_is_bounded_and_every_write_lands(tmp_path: Path) -> None:
    db = LocalDB(tmp_path / "b.sqlite3", SCHEMA, max_connections=3)
    first_in = threading.Event()
    release = threading.Event()

    def blocker() -> None:
        with db.write() as conn:
            conn.execute("INSERT INTO t (n) VALUES (0)")
            first_in.set()
            release.wait(10)

    def writer() -> None:
        with db.write() as conn:
            conn.execute("INSERT INTO t (n) VALUES (1)")

    hold = threading.Thread(target=blocker)
    hold.start()
    assert first_in.wait(10)
    others = [threading.Thread(target=writer) for _ in range(20)]
    for t in others:
        t.start()
    release.set()
    for t in [hold, *others]:
        t.join(10)
    # The count only goes down on close, so it is the peak: 21 threads wanted a connection at once.
    assert db.open_connections == 3
    assert db.fetchone("SELECT COUNT(*) FROM t")[0] == 21
    db.close()


def test_a_thread_that_borrows_again_gets_the_connection_it_holds(tmp_path: Path) -> None:
    db = LocalDB(tmp_path / "c.sqlite3", SCHEMA, max_connections=1)
    with db.write() as conn:
        conn.execute("INSERT INTO t (n) VALUES (7)")
        assert db.fetchone("SELECT n FROM t")[0] == 7  # inside the transaction: same connection, no wait
    assert db.open_connections == 1
    db.close()


def test_close_closes_every_connection_and_refuses_late_use(tmp_path: Path) -> None:
    db = LocalDB(tmp_path / "d.sqlite3", SCHEMA)
    borrowed = threading.Event()
    release = threading.Event()

    def late_reader() -> None:
        with db.write():  # holds a connection across close()
            borrowed.set()
            release.wait(10)

    reader = threading.Thread(target=late_reader)
    reader.start()
    assert borrowed.wait(10)
    run_threads(4, lambda: db.fetchall("SELECT n FROM t"), together=True)
    db.close()
    release.set()
    reader.join(10)
    assert db.open_connections == 0
    assert open_files(tmp_path) == []
    with pytest.raises(StoreClosed, match=r"d\.sqlite3"):
        db.fetchone("SELECT 1")


def test_a_failed_commit_leaves_no_transaction_for_the_next_borrower(tmp_path: Path) -> None:
    schema = (
        "CREATE TABLE IF NOT EXISTS parent (id INTEGER PRIMARY KEY);"
        "CREATE TABLE IF NOT EXISTS child (parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);"
    )
    db = LocalDB(tmp_path / "e.sqlite3", schema, max_connections=1)
    with pytest.raises(sqlite3.IntegrityError), db.write() as conn:
        conn.execute("INSERT INTO child (parent) VALUES (99)")  # checked at COMMIT, which fails and stays open
    with db.write() as conn:  # the same (only) connection: an open transaction would refuse BEGIN IMMEDIATE
        conn.execute("INSERT INTO parent (id) VALUES (1)")
    assert db.fetchall("SELECT parent FROM child") == []
    assert db.fetchall("SELECT id FROM parent") == [(1,)]
    db.close()


def test_a_connection_that_cannot_open_gives_its_slot_back(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the store's folder should be")
    db = LocalDB(blocker / "f.sqlite3", SCHEMA, max_connections=1)
    outcomes: list[str] = []

    def attempt() -> None:
        try:
            db.fetchone("SELECT 1")
        except OSError as exc:
            outcomes.append(type(exc).__name__)

    attempt()
    second = threading.Thread(target=attempt)  # with the slot still reserved it would wait forever
    second.start()
    second.join(10)
    assert not second.is_alive() and outcomes == ["FileExistsError", "FileExistsError"]
    assert db.open_connections == 0
