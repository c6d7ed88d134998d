"""A vehicle picker typed into letter by letter, 100,000 vehicles cached: the cache reads and their CPU.

    python bench/bench_picker_typing.py [--rounds 3]

The real ``VehicleChoicesModel`` over a real SQLite cache of 100,000 vehicles at one rooftop, in a real TaskRunner.
Each word of WORDS is typed one letter at a time, as a person types slower than the picker's debounce (every letter
a filter of its own), each letter waited for until its page is in the model. A word that matches few vehicles, or
none, has its whole answer after a few letters: a filter that narrows a whole answer is answered from its rows,
with no read. Figures: the cache reads the words cost, and the worker CPU (``time.thread_time`` inside the reads).

Baseline in the same run, interleaved round by round: the same model with the narrowing switched off (every
letter a read, as before 2026-12-03).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import HEADER, cached_vehicle, row

N = 100_000
WORDS = ("kona", "h-00", "zzz", "tucson sel", "santa fe limited", "kmhn00000000099")


def build_cache(path: Path) -> Any:
    from desktop.store.inventory_cache import InventoryCache

    cache = InventoryCache(path)
    for start in range(0, N, 5000):
        cache.upsert_vehicles("bench", [cached_vehicle(i, "KMHN", "S") for i in range(start, start + 5000)])
    return cache


def type_words(app: Any, model: Any, reads: list[float]) -> float:
    """Type every word letter by letter; returns the wall seconds. ``reads`` gets each read's CPU ms."""
    started = time.perf_counter()
    for word in WORDS:
        model.set_filter("")
        while model.is_loading():
            app.processEvents()
        for n in range(1, len(word) + 1):
            model.set_filter(word[:n])
            while model.is_loading():
                app.processEvents()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication

    from desktop.store.inventory_cache import InventoryCache
    from desktop.ui.models import vehicle_choices
    from desktop.ui.models.vehicle_choices import VehicleChoicesModel
    from desktop.ui.tasks import TaskRunner

    app = QCoreApplication.instance() or QCoreApplication([])
    cache = build_cache(Path(tempfile.mkdtemp(prefix="bench-picker-")) / "cache.sqlite3")
    runner = TaskRunner()
    original_read = InventoryCache.vehicle_choices
    cpu: list[float] = []
    lock = threading.Lock()

    def timed_read(self: Any, *args: Any, **kw: Any) -> Any:
        started = time.thread_time()
        try:
            return original_read(self, *args, **kw)
        finally:
            with lock:
                cpu.append((time.thread_time() - started) * 1000)

    InventoryCache.vehicle_choices = timed_read  # type: ignore[method-assign]
    real_narrows = vehicle_choices.narrows
    figures: dict[str, dict[str, list[float]]] = {"narrowed": {}, "every letter read": {}}
    for _ in range(args.rounds):
        for name, narrowing in (("narrowed", True), ("every letter read", False)):
            vehicle_choices.narrows = real_narrows if narrowing else (lambda _words, _than: False)  # type: ignore[assignment]
            model = VehicleChoicesModel(runner)
            model.set_source(cache, "bench")
            while model.is_loading():
                app.processEvents()
            cpu.clear()
            wall = type_words(app, model, cpu)
            runner.wait_idle()
            kept = figures[name]
            kept.setdefault("reads", []).append(len(cpu))
            kept.setdefault("cpu", []).append(sum(cpu))
            kept.setdefault("wall", []).append(wall * 1000)
            model.deleteLater()
    vehicle_choices.narrows = real_narrows  # type: ignore[assignment]
    letters = sum(len(w) for w in WORDS)
    mine, base = figures["narrowed"], figures["every letter read"]
    print(HEADER)
    for key, label in (("reads", "cache reads"), ("cpu", "worker CPU in the reads (ms)"), ("wall", "wall (ms)")):
        ours, theirs = statistics.median(mine[key]), statistics.median(base[key])
        print(
            row(
                f"picker typed letter by letter, {letters} letters of {len(WORDS)} words, {N:,} vehicles: {label}",
                f"{ours:,.0f}",
                f"every letter read {theirs:,.0f}",
                f"{ours / theirs:.2f}×" if theirs else "—",
                "fewer than the baseline",
                ours < theirs,
            )
        )
    print(f"\nmedian of {args.rounds} rounds each; load average {os.getloadavg()[0]:.2f}")
    cache.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
