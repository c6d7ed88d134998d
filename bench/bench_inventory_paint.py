"""The Inventory tab's repaint after a page turn, 100,000 rows: the GUI thread's CPU per paint.

    python bench/bench_inventory_paint.py [--rounds 10] [--turns 20]

The real InventoryTab in a 1280x720 window with the application's style sheet, 100,000 rows. Each turn scrolls
the table a page (onward through 150 pages, then round again: first visits and returns) and repaints its viewport
synchronously; the figure is the GUI thread's CPU time of that repaint (``time.thread_time``: on a machine shared
with other work, waiting for a core is not the window's work). Baseline in the same run, interleaved round by
round: the same table with Qt's own item delegate (``QStyledItemDelegate``) instead of the tab's.
"""

from __future__ import annotations

import argparse
import os
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
PAGES = 150


def paints(app: Any, table: Any, turns: int, first_page: int) -> tuple[list[float], int]:
    """Turn ``turns`` pages from ``first_page``, repainting after each: (GUI-thread CPU ms per repaint, next page)."""
    viewport, bar = table.viewport(), table.verticalScrollBar()
    cpu, page = [], first_page
    for _ in range(turns):
        page = (page + 1) % PAGES
        bar.setValue(page * bar.pageStep())
        app.processEvents()  # the scroll's layout (and the paint it posts) first: the repaint below is the figure
        started = time.thread_time()
        viewport.repaint()
        cpu.append((time.thread_time() - started) * 1000)
    return cpu, page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--turns", type=int, default=20)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication, QMainWindow, QStyledItemDelegate

    from desktop.config import AppPaths, Profile
    from desktop.store.inventory_cache import InventoryCache
    from desktop.ui.style import STYLE
    from desktop.ui.tabs.inventory import InventoryTab
    from desktop.ui.tasks import TaskRunner
    from desktop.ui.workspace import Workspace

    app = QApplication.instance() or QApplication([])
    app.setStyleSheet(STYLE)
    folder = Path(tempfile.mkdtemp(prefix="bench-paint-"))
    workspace = Workspace(AppPaths.default(), Profile("Sandbox", "sandbox", "", ""), InventoryCache(folder / "c.db"))
    window = QMainWindow()
    tab = InventoryTab(TaskRunner(), workspace)
    window.setCentralWidget(tab)
    window.resize(1280, 720)
    window.show()
    tab.model.set_rows(synthetic_rows(N))
    table = tab.table
    delegates = {"ours": table.itemDelegate(), "qt": QStyledItemDelegate(table)}
    cpu: dict[str, list[float]] = {name: [] for name in delegates}
    page = 0
    for _ in range(args.rounds):
        for name, delegate in delegates.items():
            table.setItemDelegate(delegate)
            app.processEvents()
            taken, page = paints(app, table, args.turns, page)
            cpu[name] += taken
    ours, qt = sorted(cpu["ours"]), sorted(cpu["qt"])

    def p90(xs: list[float]) -> float:
        return xs[int(len(xs) * 0.9)]

    print(HEADER)
    for figure, mine, base in (
        ("median", statistics.median(ours), statistics.median(qt)),
        ("90th percentile", p90(ours), p90(qt)),
    ):
        print(
            row(
                f"inventory page turn repaint, {N:,} rows, GUI-thread CPU {figure} (ms)",
                f"{mine:.1f}",
                f"QStyledItemDelegate {base:.1f}",
                f"{mine / base:.2f}×",
                "≤ 16 ms",
                mine <= 16,
            )
        )
    print(f"\n{viewport_note(table)}; load average {os.getloadavg()[0]:.2f}; {len(ours)} paints each")
    return 0


def viewport_note(table: Any) -> str:
    viewport = table.viewport()
    return f"viewport {viewport.width()}x{viewport.height()}, {table.verticalScrollBar().pageStep()} rows a page"


if __name__ == "__main__":
    sys.exit(main())
