"""A table's repaint while a worker runs Python: the interpreter lock's switch interval the app sets, against Python's.

    python bench/bench_gil.py [--size 100000] [--rounds 8]

Every call from Qt into Python during a paint (the model's ``data()``) takes the interpreter lock. While a worker
holds it running Python -- here the real job of a rooftop switch, :func:`prepare_rows` over ``--size`` rows, in a
loop -- the GUI thread waits until Python asks the worker to drop it, after the switch interval. The benchmark
repaints the real inventory model in a 1200×800 table, idle and against the busy worker, at Python's default
interval (the baseline, measured in the same run, rounds interleaved) and at the app's
(:data:`desktop.ui.app.GUI_SWITCH_INTERVAL_S`); it also times the worker's job alone and while the GUI repaints,
the price of the GUI thread's share.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication, QTableView

from bench._common import HEADER, row
from bench.bench_filter import synthetic_rows
from desktop.ui.app import GUI_SWITCH_INTERVAL_S
from desktop.ui.models.inventory import InventoryModel
from desktop.ui.models.inventory_search import prepare_rows
from desktop.ui.tasks import TaskRunner

PYTHON_DEFAULT_S = 0.005
REPAINTS = 20


def _repaints(view: QTableView, n: int) -> list[float]:
    out = []
    for _ in range(n):
        started = time.perf_counter()
        view.viewport().repaint()
        out.append((time.perf_counter() - started) * 1000)
    return out


def _against_worker(view: QTableView, rows: list, interval: float) -> tuple[list[float], float]:
    """Repaints while a worker prepares the rows again and again; and the worker's time for one preparation."""
    sys.setswitchinterval(interval)
    stop = threading.Event()
    jobs: list[float] = []

    def work() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            prepare_rows(rows)
            jobs.append((time.perf_counter() - started) * 1000)

    worker = threading.Thread(target=work, name="busy worker")
    worker.start()
    time.sleep(0.05)
    paints = _repaints(view, REPAINTS)
    stop.set()
    worker.join()
    return paints, statistics.median(jobs)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])
    rows = synthetic_rows(args.size)
    model = InventoryModel(TaskRunner(app))
    model.set_rows(rows)
    view = QTableView()
    view.setModel(model)
    view.resize(1200, 800)
    view.show()
    app.processEvents()

    idle = _repaints(view, REPAINTS)
    started = time.perf_counter()
    prepare_rows(rows)
    alone_ms = (time.perf_counter() - started) * 1000
    busy: dict[float, list[float]] = {PYTHON_DEFAULT_S: [], GUI_SWITCH_INTERVAL_S: []}
    job: dict[float, list[float]] = {PYTHON_DEFAULT_S: [], GUI_SWITCH_INTERVAL_S: []}
    for _ in range(args.rounds):
        for interval in (PYTHON_DEFAULT_S, GUI_SWITCH_INTERVAL_S):
            paints, job_ms = _against_worker(view, rows, interval)
            busy[interval] += paints
            job[interval].append(job_ms)
    sys.setswitchinterval(PYTHON_DEFAULT_S)

    ours, base = busy[GUI_SWITCH_INTERVAL_S], busy[PYTHON_DEFAULT_S]
    frame = 16.0
    print(HEADER)
    print(row("table repaint, nothing else running, median (ms)", f"{statistics.median(idle):.1f}", "—", "—", "", None))
    for what, pick in (("median", statistics.median), ("worst", max)):
        value, baseline = pick(ours), pick(base)
        print(
            row(
                f"table repaint against a busy worker, switch {GUI_SWITCH_INTERVAL_S * 1000:g} ms, {what} (ms)",
                f"{value:.1f}",
                f"Python's {PYTHON_DEFAULT_S * 1000:g} ms: {baseline:.1f}",
                f"{value / baseline:.2f}×",
                "≤ 16 ms" if what == "median" else "",
                value <= frame if what == "median" else None,
            )
        )
    ours_job, base_job = statistics.median(job[GUI_SWITCH_INTERVAL_S]), statistics.median(job[PYTHON_DEFAULT_S])
    print(
        row(
            f"worker's {args.size:,}-row preparation while the GUI repaints, median (ms)",
            f"{ours_job:.0f}",
            f"Python's {PYTHON_DEFAULT_S * 1000:g} ms: {base_job:.0f}; alone {alone_ms:.0f}",
            f"{ours_job / base_job:.2f}×",
            "",
            None,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
