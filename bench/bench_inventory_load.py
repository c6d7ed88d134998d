"""The Inventory tab's GUI-thread turns when a rooftop's 100,000 cached rows arrive, and on a scroll to the end.

    python bench/bench_inventory_load.py [--rounds 12] [--profile]

The real InventoryTab in a 1280x720 window with the application's style sheet, offline, with two rooftops of
100,000 synthetic rows each, prepared (search texts, order, filter) as the load job prepares them. Each round hands
one rooftop's rows to ``_on_cache_loaded`` (the load job's result callback, alternating rooftops) and runs the event
loop until the table has painted; then it drags the scroll bar to the end, as a person does, and runs the loop again.
Each figure is the GUI-thread CPU (``time.thread_time``) of one callback or of the worst event-loop turn: waiting for
a core on a shared machine is not the window's work. The wall-clock figures beside them include that wait and the
wait for the interpreter lock while a worker runs Python: ``--fresh`` gives each round new rows, so the last round's
are freed in the release job, as in the app. ``--profile`` prints the hottest functions of the callbacks and turns.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")  # as the app sets it (desktop/ui/app.py)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import HEADER, row
from bench.bench_filter import synthetic_rows

N = 100_000
FRAME_MS = 16.0


def turns(app: Any, count: int = 6, walls: list[float] | None = None) -> float:
    """Run ``count`` event-loop turns (posted layouts and paints): the worst GUI-thread CPU of one, in ms; the
    worst wall-clock time of one (the interpreter lock waited for included) is appended to ``walls``."""
    worst = worst_wall = 0.0
    for _ in range(count):
        started, wall = time.thread_time(), time.perf_counter()
        app.processEvents()
        worst = max(worst, (time.thread_time() - started) * 1000)
        worst_wall = max(worst_wall, (time.perf_counter() - wall) * 1000)
    if walls is not None:
        walls.append(worst_wall)
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--fresh", action="store_true", help="new rows each round: the last round's are freed (in the release job)"
    )
    parser.add_argument("--chunk", type=int, default=0, help="rows fetched at a time (default: the model's CHUNK)")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication, QMainWindow

    from desktop.config import AppPaths, Profile
    from desktop.store.inventory_cache import InventoryCache, SyncState
    from desktop.ui.models.inventory_search import prepare_rows
    from desktop.ui.style import STYLE
    from desktop.ui.tabs.inventory import InventoryTab
    from desktop.ui.tasks import TaskRunner
    from desktop.ui.workspace import Workspace

    if args.chunk:
        from desktop.ui.models import inventory

        inventory.CHUNK = args.chunk
    app = QApplication.instance() or QApplication([])
    app.setStyleSheet(STYLE)
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    workspace = Workspace(AppPaths.default(), Profile("Sandbox", "sandbox", "", ""), InventoryCache(folder / "c.db"))
    workspace.dpid = "bench"
    runner = TaskRunner()
    window = QMainWindow()
    tab = InventoryTab(runner, workspace)
    window.setCentralWidget(tab)
    window.resize(1280, 720)
    window.show()
    turns(app)
    rooftops = [] if args.fresh else [tuple(synthetic_rows(N)), tuple(synthetic_rows(N))]
    state = SyncState("bench", complete=True, last_synced_at=1_700_000_000)
    profiler = cProfile.Profile() if args.profile else None
    loaded: list[float] = []
    loaded_wall: list[float] = []
    after: list[float] = []
    after_wall: list[float] = []
    to_end: list[float] = []
    for i in range(args.rounds):
        rows = tuple(synthetic_rows(N)) if args.fresh else rooftops[i % 2]
        prepared = prepare_rows(rows, tab.model.query(), tab.model.chaiz_status())  # the load job's part
        if profiler is not None:
            profiler.enable()
        started, wall = time.thread_time(), time.perf_counter()
        tab._on_cache_loaded(("bench", rows, prepared, state))
        loaded.append((time.thread_time() - started) * 1000)
        loaded_wall.append((time.perf_counter() - wall) * 1000)
        if profiler is not None:
            profiler.disable()
        if profiler is not None:
            profiler.enable()
        after.append(turns(app, walls=after_wall))
        if profiler is not None:
            profiler.disable()
        runner.wait_idle(5000)  # the jobs it started (the previous rows released, Chaiz statuses) are done
        turns(app)
        bar = tab.table.verticalScrollBar()
        worst = 0.0
        for _ in range(3):  # each drag to the end fetches one more chunk
            bar.setValue(bar.maximum())
            worst = max(worst, turns(app, 3))
        to_end.append(worst)
        tab.table.scrollToTop()
        turns(app)
    print(HEADER)
    for name, figures in (
        (f"_on_cache_loaded, {N:,} rows, GUI-thread CPU", loaded),
        (f"_on_cache_loaded, {N:,} rows, wall clock (the jobs it starts compete)", loaded_wall),
        ("worst event-loop turn after it (layout, paint), GUI-thread CPU", after),
        ("worst event-loop turn after it, wall clock", after_wall),
        ("worst turn of a drag of the scroll bar to the end, GUI-thread CPU", to_end),
    ):
        worst, median = max(figures[1:]), statistics.median(figures[1:])  # the first round warms the caches
        print(
            row(
                f"{name} (ms)",
                f"median {median:.1f}, worst {worst:.1f}",
                "",
                "",
                "≤ 16",
                worst <= FRAME_MS,
            )
        )
    print(f"\nper round (ms): callback {fmt(loaded)}; its wall clock {fmt(loaded_wall)}")
    print(f"turns after {fmt(after)}; their wall clock {fmt(after_wall)}; to the end {fmt(to_end)}")
    print(f"load average {os.getloadavg()[0]:.2f}; {args.rounds} rounds (the first left out)")
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(30)
        print(out.getvalue())
    return 0


def fmt(figures: list[float]) -> str:
    return " ".join(f"{f:.1f}" for f in figures)


if __name__ == "__main__":
    sys.exit(main())
