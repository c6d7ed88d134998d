"""Open file descriptors across background jobs on the local stores, through the real TaskRunner.

    python bench/bench_store_fds.py [--size 1000]

Reads and writes on the offline cache, the Chaiz cache and the event log, as the tabs run them. Every job runs on
a Python thread state of its own; a connection kept per thread state opened one more SQLite file (and its WAL)
per job, never closed. Target: flat, whatever the number of jobs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from bench._common import HEADER, row
from desktop.store.chaiz_cache import ChaizCache
from desktop.store.events import EventLog
from desktop.store.inventory_cache import InventoryCache, SyncState
from desktop.ui.tasks import TaskRunner

WARM_UP = 100


def descriptors_under(folder: Path) -> int:
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}").startswith(str(folder))
        except OSError:  # the descriptor listdir itself used
            continue
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="jobs after the warm-up")
    args = parser.parse_args()
    QApplication.instance() or QApplication([])
    runner = TaskRunner()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        cache = InventoryCache(folder / "cache.sqlite3")
        chaiz = ChaizCache(folder / "chaiz.sqlite3")
        events = EventLog(folder / "events.sqlite3")

        def job(i: int) -> tuple[Callable[[], object], bool]:
            kind = i % 4
            if kind == 0:
                return (lambda: cache.save_sync_state(SyncState("bench", last_synced_at=i))), True
            if kind == 1:
                return (lambda: cache.vehicle_rows("bench")), False
            if kind == 2:
                return (lambda: chaiz.mark_failed(f"VIN{i:014d}", 10, "busy")), True
            return events.count, False

        def run(count: int) -> None:
            done: list[object] = []
            for i in range(count):
                fn, write = job(i)
                runner.submit(fn, done.append, label="Store job", write=write)
            loop = QEventLoop()
            poll = QTimer()
            poll.timeout.connect(lambda: len(done) == count and loop.quit())
            poll.start(5)
            loop.exec()

        run(WARM_UP)
        before = descriptors_under(folder)
        run(args.size)
        after = descriptors_under(folder)
        connections = sum(s.db.open_connections for s in (cache, chaiz, events))
        for store in (cache, chaiz, events):
            store.close()
        closed = descriptors_under(folder)
    runner.wait_idle()
    print(HEADER)
    print(
        row(
            f"descriptors on the stores' files after {args.size:,} more jobs",
            f"{after} ({connections} connections)",
            f"{before} after {WARM_UP} jobs",
            f"+{after - before}",
            "flat (+0 per job)",
            after - before <= 6,
        )
    )
    print(row("descriptors on the stores' files after close()", str(closed), "", "", "0", closed == 0))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
