"""The local stores' connections: lent per thread, reused by the next thread, closed on close."""

from __future__ import annotations

import gc
import itertools
import os
import sqlite3
import threading
import weakref
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from desktop.config import AppPaths
from desktop.store.agents import roster_file
from desktop.store.audit import audit_file
from desktop.store.chaiz_cache import chaiz_cache_path
from desktop.store.customers import register_file
from desktop.store.db import MAX_IDLE, QUIET_IDLE, THREADS_AT_ONCE, LocalDB, profile_file
from desktop.store.deals import deals_file
from desktop.store.events import events_file
from desktop.store.inventory_cache import cache_file
from desktop.store.upload_queue import uploads_file

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


def test_short_lived_threads_leave_a_bounded_number_of_connections(tmp_path: Path) -> None:
    """200 threads that each use the store once and end: connections never move to another thread, and the idle
    ones of threads that are gone are closed beyond MAX_IDLE, so the files stay bounded."""
    db = LocalDB(tmp_path / "a.sqlite3", SCHEMA)
    for _ in range(200):
        in_thread(lambda: db.connect().execute("SELECT COUNT(*) FROM t").fetchone())
    assert db.open_connections <= MAX_IDLE
    assert len(open_files(tmp_path)) <= 3 * MAX_IDLE  # the file and its -wal for each, at most
    db.close()
    assert db.open_connections == 0


def test_a_thread_gets_its_own_connection_back(tmp_path: Path) -> None:
    """The shape of TaskRunner jobs on one pool thread: a fresh thread state each, one after another."""
    db = LocalDB(tmp_path / "c.sqlite3", SCHEMA)
    seen = {id(db.connect())}
    for _ in range(50):
        in_thread(lambda: db.connect().execute("SELECT 1"))  # other threads come and go meanwhile
        seen.add(id(db.connect()))
    assert len(seen) == 1
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

    def both() -> None:  # one OS thread: a connection is only lent again to the thread that last used it
        orphan()
        parent()

    in_thread(both)
    assert db.open_connections == 1
    assert db.connect().execute("SELECT parent FROM child").fetchall() == []
    assert db.connect().execute("SELECT id FROM parent").fetchall() == [(1,)]
    db.close()


def test_close_leaves_a_connection_in_use_to_its_thread_which_closes_it_when_done(tmp_path: Path) -> None:
    """Closing a sqlite3 connection another thread is stepping frees its statements under it (a crash): close()
    closes what is idle at once and the borrower's connection when the borrower is done with it."""
    db = LocalDB(tmp_path / "d.sqlite3", SCHEMA)
    lent = threading.Event()
    release = threading.Event()
    after_close: list[object] = []

    def busy() -> None:
        conn = db.connect()
        conn.execute("SELECT 1")
        lent.set()
        release.wait(10)
        after_close.append(conn.execute("SELECT COUNT(*) FROM t").fetchone())  # still usable: nobody closed it

    thread = threading.Thread(target=busy)
    thread.start()
    assert lent.wait(10)
    for _ in range(3):
        in_thread(lambda: db.connect().execute("SELECT 1"))
    db.close()
    assert db.open_connections == 1  # the busy thread's, retired
    release.set()
    thread.join(10)
    assert after_close == [(0,)]
    assert db.open_connections == 0 and open_files(tmp_path) == []
    in_thread(lambda: db.connect().execute("SELECT COUNT(*) FROM t"))  # used again: it opens again
    assert db.open_connections == 1
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


def test_every_store_of_a_profile_is_one_file_named_after_the_folded_profile(tmp_path: Path) -> None:
    stores = (roster_file, audit_file, chaiz_cache_path, register_file, deals_file, events_file)
    stores += (cache_file, uploads_file)
    files = [store(tmp_path, "Main St/Prod 2") for store in stores]
    assert {f.parent for f in files} == {tmp_path}
    assert {f.name.split("-", 1)[1] for f in files} == {"main_st_prod_2.sqlite3"}
    assert len({f.name for f in files}) == len(stores)  # one file per kind of store
    assert profile_file(tmp_path, "deals", "Sandbox") != profile_file(tmp_path, "deals", "Production")


@pytest.mark.parametrize(
    ("profile", "folded"),
    [("Sandbox", "sandbox"), ("Main St/Prod 2", "main_st_prod_2"), ("Ünïcode-Prod.1", "ünïcode_prod_1")],
)
def test_the_cache_and_the_upload_queue_keep_the_file_names_existing_desks_have(
    tmp_path: Path, profile: str, folded: str
) -> None:
    """Both were named by hand before :func:`profile_file`: an upgraded desk must still find its files."""
    paths = AppPaths(tmp_path, tmp_path / "config", tmp_path / "logs")
    assert paths.cache_file(profile) == tmp_path / f"cache-{folded}.sqlite3"
    assert uploads_file(tmp_path, profile) == tmp_path / f"uploads-{folded}.sqlite3"


def test_a_quiet_store_keeps_one_connection_at_rest_whatever_threads_used_it(tmp_path: Path) -> None:
    """The soak's "events-soak.sqlite3 +1" and "deals-soak.sqlite3 +1": a store kept one idle connection per
    thread that ever used it, so it gained one whenever a reader thread used it first after the start figures."""
    db = LocalDB(tmp_path / "quiet.sqlite3", SCHEMA, max_idle=QUIET_IDLE)
    for _ in range(5):
        together = threading.Barrier(3)  # three threads at once: three OS threads, none sharing a connection

        def read(together: threading.Barrier = together) -> None:
            db.connect().execute("SELECT COUNT(*) FROM t").fetchone()
            together.wait(10)

        threads = [threading.Thread(target=read) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        assert db.open_connections == QUIET_IDLE
    # SQLite keeps the closed connections' database descriptors open while one connection holds the file's
    # locks (for reuse): the anchor's and the ones it reserved, however many threads came and went.
    names = [Path(f).name for f in open_files(tmp_path)]
    assert names.count("quiet.sqlite3-wal") == 2  # the anchor's and the one connection's kept at rest
    assert names.count("quiet.sqlite3") == 1 + THREADS_AT_ONCE
    db.close()
    assert db.open_connections == 0 and open_files(tmp_path) == []


def test_a_quiet_store_used_by_threads_in_turn_keeps_its_reserved_descriptors(tmp_path: Path) -> None:
    """The soak's "customers-soak.sqlite3 +1" and "events-soak.sqlite3 +1": with the GUI thread's connection open,
    a job on another thread opened its connection before the last thread's idle one was closed, so one more than
    the threads at work was open at once and SQLite kept that descriptor on the file for good."""
    db = LocalDB(tmp_path / "quiet.sqlite3", SCHEMA, max_idle=QUIET_IDLE)
    db.connect().execute("SELECT COUNT(*) FROM t").fetchone()  # the GUI thread's, held for the window's life
    readers: list[int] = []

    def read(go: threading.Event) -> None:
        go.wait(10)
        readers.append(threading.get_ident())
        db.connect().execute("SELECT COUNT(*) FROM t").fetchone()

    last: threading.Thread | None = None
    for _ in range(6):
        # Each reader is started while the last one is still alive, so it is another thread (an ended thread's
        # identity is reused), as the pool's worker threads are; it reads once the last one has ended and given
        # its connection back.
        go = threading.Event()
        reader = threading.Thread(target=read, args=(go,))
        reader.start()
        if last is not None:
            last.join(10)
        go.set()
        last = reader
    assert last is not None
    last.join(10)
    assert all(a != b for a, b in itertools.pairwise(readers)) and len(readers) == 6
    names = [Path(f).name for f in open_files(tmp_path)]
    assert names.count("quiet.sqlite3") == 1 + THREADS_AT_ONCE  # the anchor's and its reserve, in use or not
    assert db.open_connections == 2
    db.close()


def test_a_quiet_store_holds_as_many_descriptors_after_its_first_use_as_after_a_thousand(tmp_path: Path) -> None:
    """The last soak's "customers +1": a quiet file used by one job at a time held one descriptor after its first
    use and two once a job on another thread had opened its connection before the idle one was closed (the file's
    last, which could not be closed first: that deletes the write-ahead log). The anchor keeps the file open, so
    the idle connection is closed first and the count is the same from the first use on."""
    db = LocalDB(tmp_path / "quiet.sqlite3", SCHEMA, max_idle=QUIET_IDLE)

    def read() -> None:
        db.connect().execute("SELECT COUNT(*) FROM t").fetchone()

    def descriptors() -> int:
        return [Path(f).name for f in open_files(tmp_path)].count("quiet.sqlite3")

    in_thread(read)
    after_first = descriptors()
    for _ in range(1000):
        in_thread(read)  # a job on another thread each time
        assert descriptors() == after_first
    assert tmp_path.joinpath("quiet.sqlite3-wal").exists()
    db.close()
    assert open_files(tmp_path) == []


def test_a_quiet_store_holds_its_descriptors_from_its_first_use_however_many_threads_use_it_at_once_later(
    tmp_path: Path,
) -> None:
    """The soak's "customers +1" and "events +1" minutes in: a quiet file used by one job at a time took one more
    descriptor, for good, the first time more jobs used it at once than before. Its descriptors are now reserved
    for the most threads that use a store at once when it is first used."""
    db = LocalDB(tmp_path / "quiet.sqlite3", SCHEMA, max_idle=QUIET_IDLE)

    def descriptors() -> int:
        return [Path(f).name for f in open_files(tmp_path)].count("quiet.sqlite3")

    db.connect().execute("SELECT COUNT(*) FROM t").fetchone()  # the GUI thread's, first
    in_thread(lambda: db.connect().execute("SELECT COUNT(*) FROM t").fetchone())
    after_first = descriptors()
    for threads_at_once in range(2, THREADS_AT_ONCE):  # the GUI thread's connection is open throughout
        together = threading.Barrier(threads_at_once)

        def read(together: threading.Barrier = together) -> None:
            db.connect().execute("SELECT COUNT(*) FROM t").fetchone()
            together.wait(10)  # every thread's connection open at the same moment

        threads = [threading.Thread(target=read) for _ in range(threads_at_once)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        assert descriptors() == after_first, threads_at_once
    db.close()
    assert open_files(tmp_path) == []


def test_a_quiet_store_used_by_threads_in_turn_keeps_its_write_ahead_log(tmp_path: Path) -> None:
    """Alone on the file, the idle connection is not closed before the next thread opens its own: the file's last
    connection closing deletes the write-ahead log and its index (a job on a third thread then failed to tighten
    the index's mode: it was gone), and the next connection makes them again."""
    db = LocalDB(tmp_path / "quiet.sqlite3", SCHEMA, max_idle=QUIET_IDLE)
    wal = tmp_path / "quiet.sqlite3-wal"
    for _ in range(4):
        in_thread(lambda: db.connect().execute("SELECT COUNT(*) FROM t").fetchone())
        assert wal.exists() and db.open_connections == 1
    db.close()


def test_a_new_connection_leaves_the_locks_of_the_open_ones_in_place(tmp_path: Path) -> None:
    """Opening a connection tightens the file's mode. Opening and closing the file for that dropped every POSIX lock
    the process held on it: the shared lock an open WAL connection keeps on the file went, and another process
    closing its connection took the file as its own, checkpointed and deleted the write-ahead log under this one."""
    import subprocess
    import sys

    path = tmp_path / "locks.sqlite3"
    db = LocalDB(path, SCHEMA)
    with db.write() as conn:
        conn.execute("INSERT INTO t VALUES (1)")
    other_thread: list[BaseException] = []

    def open_another() -> None:
        try:
            db.connect().execute("SELECT count(*) FROM t").fetchone()
        except BaseException as exc:  # reported below
            other_thread.append(exc)

    worker = threading.Thread(target=open_another)  # a job's first use of the store: a new connection
    worker.start()
    worker.join()
    probe = "import sqlite3, sys\nsqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM t').fetchone()\n"
    subprocess.run([sys.executable, "-c", probe, str(path)], check=True, timeout=60)
    assert not other_thread
    assert path.with_name(path.name + "-wal").exists()  # still this process's: nobody else may checkpoint it away
    assert db.connect().execute("SELECT count(*) FROM t").fetchone() == (1,)
    db.close()
