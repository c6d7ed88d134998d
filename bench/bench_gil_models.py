"""A deal column's table repainted while a worker runs Python: Qt's item model against one answered from Python.

    python bench/bench_gil_models.py [--rounds 6] [--lines 22]

A view paints a cell by asking its model for about eight roles. A model written in Python answers each ask with the
interpreter lock, and PySide lets the lock go between asks: with a worker running Python at the same time, the lock
goes to the worker after every answer and the GUI thread waits for it to come back (up to the switch interval each
time). The real :class:`~desktop.ui.tabs.pricing.models.DealLinesModel` keeps its cells in Qt's
``QStandardItemModel``, so a paint asks no Python. The baseline, measured in the same run with rounds interleaved, is
the same lines in a model answering ``data()`` from Python role by role, as DealLinesModel did before 2026-12-03;
between them, that model reading a cell's roles in one call (:class:`~desktop.ui.models.common.OneCallPerCell`, as
the app's other Python models now do).

Each figure is one full repaint of a 300x520 table of ``--lines`` deal lines (a lease's worth), the GUI thread's CPU
(``time.thread_time``) and wall time, idle and while a worker thread runs the real pricing engine over and over
(:func:`desktop.domain.pricing.price_lease` over ``bench_pricing.py``'s deals), at the app's switch interval.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView

from bench._common import HEADER, row
from desktop.ui.amounts import money
from desktop.ui.app import GUI_SWITCH_INTERVAL_S
from desktop.ui.models.common import ObjectRole, OneCallPerCell, SortRole
from desktop.ui.tabs.pricing.models import DealLinesModel

REPAINTS = 20
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class PythonLinesModel(QAbstractTableModel):
    """The baseline: the lines answered from Python, as DealLinesModel's ``data()`` answered them."""

    def __init__(self, lines: list[tuple[str, Any]]) -> None:
        super().__init__()
        self._rows = lines

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return ("Item", "Amount")[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self._rows[index.row()] if index.isValid() else None
        if role == Qt.ItemDataRole.DisplayRole:
            return None if line is None else line[0] if index.column() == 0 else money(line[1])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if index.column() == 1 else None
        if role == ObjectRole:
            return line
        if role == SortRole:
            return None if line is None else (line[0], float(line[1]))[index.column()]
        return None


class OneCallLinesModel(OneCallPerCell, PythonLinesModel):
    """The lines answered from Python, a cell's roles in one call (what the app's other Python models do)."""


def deal_lines(n: int) -> list[tuple[str, Any]]:
    names = ["MSRP", "Vehicle price", "Dealer cash", "Customer cash (not taxed)", "Documentation fee", "Filing fee"]
    names += ["Tire fee", "License fee", "Sales tax", "Lease acquisition fee (capitalized)", "Capitalized cost"]
    return [(names[i % len(names)] + ("" if i < len(names) else f" {i}"), Decimal(31_000 - 997 * i)) for i in range(n)]


def busy_python(stop: threading.Event) -> None:
    """The worker: deals priced again and again by the real engine, as a reprice's job prices them."""
    from bench.bench_pricing import MAKES, TODAY, deal_pool, engine_call
    from desktop.domain.pricing import price_lease
    from desktop.domain.programs import default_programs

    one = engine_call(price_lease, deal_pool({make: default_programs(make, TODAY) for make in MAKES}))
    while not stop.is_set():
        one()


def repaints(view: QTableView) -> tuple[list[float], list[float]]:
    cpu, wall = [], []
    for _ in range(REPAINTS):
        c0, t0 = time.thread_time(), time.perf_counter()
        view.viewport().repaint()
        cpu.append((time.thread_time() - c0) * 1000)
        wall.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.004)  # the worker runs between paints, as between turns
    return cpu, wall


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--lines", type=int, default=22)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
    lines = deal_lines(args.lines)
    qt_model = DealLinesModel()
    qt_model.set_lines(lines)
    views = {}
    models = (("qt", qt_model), ("one call", OneCallLinesModel(lines)), ("python", PythonLinesModel(lines)))
    for name, model in models:
        view = QTableView()
        view.setModel(model)
        view.resize(300, 520)
        view.show()
        view.resizeRowsToContents()
        views[name] = view
    app.processEvents()
    figures: dict[tuple[str, str], tuple[list[float], list[float]]] = {}
    for load in ("idle", "worker"):
        stop = threading.Event()
        worker = threading.Thread(target=busy_python, args=(stop,), daemon=True) if load == "worker" else None
        if worker is not None:
            worker.start()
            time.sleep(0.2)
        for r in range(args.rounds):
            names = [name for name, _model in models]
            for name in names if r % 2 == 0 else names[::-1]:
                cpu, wall = repaints(views[name])
                got = figures.setdefault((load, name), ([], []))
                got[0].extend(cpu)
                got[1].extend(wall)
        stop.set()
        if worker is not None:
            worker.join()

    def med(values: list[float]) -> float:
        return statistics.median(values)

    def p95(values: list[float]) -> float:
        return sorted(values)[int(len(values) * 0.95)]

    print(f"A deal column's table ({args.lines} lines) repainted, {args.rounds} rounds of {REPAINTS}, interleaved")
    print(HEADER)
    for load, what in (("idle", "nothing else running"), ("worker", "a worker pricing deals in Python")):
        pcpu, pwall = figures[(load, "python")]
        for name, label in (("qt", "Qt's item model"), ("one call", "Python, a cell's roles in one call")):
            qcpu, qwall = figures[(load, name)]
            for unit, q, p in (("GUI CPU", qcpu, pcpu), ("wall", qwall, pwall)):
                print(
                    row(
                        f"{label}: repaint with {what}, {unit} (ms; median, p95 {p95(q):.1f} against {p95(p):.1f})",
                        f"{med(q):.2f}",
                        f"Python, role by role {med(p):.2f}",
                        f"{med(q) / med(p):.2f}×",
                        "less than the baseline",
                        med(q) < med(p),
                    )
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
