"""The real window driven while the TaskRunner runs the app's Python-heavy jobs, at several switch intervals.

    python bench/bench_switch_interval.py [--size 100000] [--rounds 3] [--intervals 5,2,1,0.5,0.2]

A GUI thread that asks for the interpreter lock while a worker runs Python waits until Python asks the worker to
drop it, after the switch interval (``sys.setswitchinterval``), and it asks again at every call from Qt into Python
(PySide lets the lock go around many Qt calls). ``bench/bench_gil.py`` measures one table repaint against one busy
worker; this bench measures what the soak measures, with the app's own jobs: the real MainWindow (1280x720, the
application's style sheet) with ``--size`` vehicles cached at hyundaidemo, driven as the soak drives it (a tab
switch or an inventory page every STEP_MS), while a fixed batch of the app's jobs runs in the window's TaskRunner:

- a vehicle picker's page (``InventoryCache.vehicle_choices``, the soak's heaviest job: SQLite plus a tuple a row),
  filtered by a word or not, at a random place in the rooftop;
- the inventory search's preparation of the rooftop's rows (``prepare_rows``: pure Python, a rooftop switch's job);
- an inventory answer parsed as the Roadster client parses it (``orjson.loads`` of a 500-vehicle page, the
  sandbox's own bytes): one C call that keeps the lock whatever the interval says.

For each interval (the rounds interleave them, in a rotated order): the GUI's longest and 99th-percentile gap of a
5 ms timer during the batch, its gaps over a frame, its busy turns (over BUSY_MS of its own CPU), the time the GUI
thread was blocked in those gaps (wall less its run time and its wait for a core, less the timer's own 5 ms: the
interpreter lock, mostly), and the batch's wall time from submission to the last
result (the jobs' throughput). The baseline, in the same run, is Python's 5 ms; the drive alone (no batch) is shown
once for scale. A batch named ``kinds@N`` runs on N read threads instead of the app's (``--batches parse,parse@2``):
how much of the GUI's wait is the number of workers queueing for the lock with it.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path
from statistics import median
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import HEADER, exit_without_teardown, row
from bench.bench_pricing_gui import REAL_VEHICLES
from bench.bench_rooftop_gui import wait
from bench.bench_tabs_gui import DPID, build_window

FRAME_MS = 16
BUSY_MS = 12.0
STEP_MS = 250  # the soak's
TICK_MS = 5
SETTLE_MS = 400
PYTHON_DEFAULT_MS = 5.0
PAGES, PREPARES, ANSWERS = 300, 6, 400  # each kind: a second or two of worker time, for gaps enough to count
WORDS = ((), ("sel",), ("tucson",), ("santa", "fe"), ("h-00",))


class Batch:
    """A fixed batch of jobs of the ``kinds`` asked, built once: the same work at every interval."""

    def __init__(self, spec: str, cache: Any, rows: Any, answer: bytes, rng: random.Random) -> None:
        from desktop.ui.models.inventory_search import prepare_rows

        text, _, threads = spec.partition("@")  # "pages+parse@2": those kinds on 2 read threads
        kinds = set(text.split("+"))
        self.name, self.threads = spec, int(threads or 0)

        vins = [r[0] for r in rows]
        jobs: list[Any] = []
        if "pages" in kinds:
            for n in range(PAGES):
                after, words = rng.choice(vins), WORDS[n % len(WORDS)]
                jobs.append(lambda a=after, w=words: cache.vehicle_choices(DPID, after_vin=a, words=w, limit=200))
        if "prepare" in kinds:
            jobs += [lambda: prepare_rows(rows) for _ in range(PREPARES)]
        if "parse" in kinds:
            jobs += [lambda: _parse(answer) for _ in range(ANSWERS)]
        rng.shuffle(jobs)
        self.jobs = jobs

    def run(self, runner: Any) -> tuple[float, float]:
        """Submit every job and wait for the last result: (wall ms, the jobs' own CPU ms summed)."""
        done: list[float] = []
        started = time.perf_counter()
        for job in self.jobs:
            runner.submit(lambda j=job: _timed(j), done.append, label="bench job")
        wait(lambda: len(done) == len(self.jobs))
        return (time.perf_counter() - started) * 1000, sum(done)


def _timed(job: Any) -> float:
    started = time.thread_time()
    job()
    return (time.thread_time() - started) * 1000


def _parse(answer: bytes) -> int:
    import orjson

    return len(orjson.loads(answer)["vehicles"])


class Drive:
    """A step every STEP_MS, as the soak's: the next tab, or an inventory page (scrolled to a random place)."""

    def __init__(self, window: Any, rng: random.Random) -> None:
        from PySide6.QtCore import QTimer

        self.window, self.rng = window, rng
        self.titles = list(window.tab_widgets)
        self.n = 0
        self.timer = QTimer()
        self.timer.setInterval(STEP_MS)
        self.timer.timeout.connect(self._step)

    def _step(self) -> None:
        self.n += 1
        tabs, widgets = self.window.tabs, self.window.tab_widgets
        if self.n % 3 == 0:
            tab = widgets["Inventory"]
            tabs.setCurrentWidget(tab)
            bar = tab.table.verticalScrollBar()
            bar.setValue(self.rng.randrange(bar.maximum() + 1))
        else:
            tabs.setCurrentWidget(widgets[self.titles[self.n % len(self.titles)]])


class Ticks:
    """A 5 ms timer on the GUI thread that notes, at each tick, the GUI thread's run time and its time waiting for a
    core (its ``schedstat``): a gap less both is time the thread was blocked -- on the interpreter lock, while a
    worker holds it (or on another lock, or idle in its event loop: at most the timer's 5 ms of a gap)."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self._fd = os.open("/proc/thread-self/schedstat", os.O_RDONLY)  # the GUI thread's own
        self.at: list[int] = []
        self.run: list[int] = []
        self.wait: list[int] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        run, wait, _ = os.pread(self._fd, 128, 0).split()
        self.at.append(time.monotonic_ns())
        self.run.append(int(run))
        self.wait.append(int(wait))

    def since(self, first: int) -> tuple[list[float], list[float], list[float]]:
        """From tick ``first`` on: each gap's (wall ms), (GUI run ms), (GUI blocked ms)."""
        walls, runs, blocked = [], [], []
        for n in range(first + 1, len(self.at)):
            wall = (self.at[n] - self.at[n - 1]) / 1e6
            run = (self.run[n] - self.run[n - 1]) / 1e6
            waited = (self.wait[n] - self.wait[n - 1]) / 1e6
            walls.append(wall)
            runs.append(run)
            blocked.append(max(0.0, wall - run - waited))
        return walls, runs, blocked


def _lap(ticks: Ticks, drive: Any, runner: Any, batch: Batch | None) -> dict[str, Any]:
    """The drive during one batch (or 3 s without one): the GUI's gaps in it, and the batch's figures."""
    wait(lambda: not runner.running(), SETTLE_MS)
    first = len(ticks.at)
    drive.timer.start()
    if batch is None:
        wait(lambda: True, 3000)
        wall, cpu = 0.0, 0.0
    else:
        wall, cpu = batch.run(runner)
    drive.timer.stop()
    gaps, runs, blocked = ticks.since(first)
    return {"gaps": gaps, "cpu": runs, "blocked": blocked, "wall": wall, "job_cpu": cpu}


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]) if ordered else 0.0


def _figures(laps: list[dict[str, Any]]) -> dict[str, float]:
    gaps = [g for lap in laps for g in lap["gaps"]]
    cpus = [c for lap in laps for c in lap["cpu"]]
    blocked = [b for lap in laps for b in lap["blocked"]]
    over = [b for g, b in zip(gaps, blocked, strict=True) if g > FRAME_MS]
    return {
        "longest": float(max(gaps, default=0)),
        "p99": _p99(gaps),
        "over": len(over) / len(laps),
        "busy": sum(1 for c in cpus if c > BUSY_MS) / len(laps),
        "blocked": sum(max(0.0, b - TICK_MS) for b in over) / len(laps),
        "blocked_max": max(over, default=0.0),
        "wall": median(lap["wall"] for lap in laps),
        "job_cpu": median(lap["job_cpu"] for lap in laps),
    }


def run(args: argparse.Namespace, sandbox: Any) -> int:
    import httpx

    from bench._common import API_KEY
    from desktop.config import AppPaths
    from desktop.store.inventory_cache import InventoryCache

    window, runner = build_window(sandbox, args.size)
    app_threads = runner._reads.maxThreadCount()
    for title in [*window.tab_widgets, *window.tab_widgets]:  # every tab built and shown, its first reads done
        window.tabs.setCurrentWidget(window.tab_widgets[title])
        wait(lambda: not runner.running(), SETTLE_MS)
    cache = InventoryCache(AppPaths.default().cache_file(window.workspace.profile.name))
    rows = cache.vehicle_rows(DPID)
    answer = httpx.get(
        sandbox.url + "/v1/inventory",
        params={"dpid": DPID, "size": 500},
        headers={"Authorization": f"Bearer {API_KEY}"},
        timeout=30,
    ).content
    rng = random.Random(5)
    batches = [Batch(spec, cache, rows, answer, rng) for spec in args.batches.split(",")]
    intervals = [float(v) for v in args.intervals.split(",")]
    ticks = Ticks()
    drive = Drive(window, rng)
    alone = _lap(ticks, drive, runner, None)
    laps: dict[tuple[str, float], list[dict[str, Any]]] = {(b.name, ms): [] for b in batches for ms in intervals}
    default = sys.getswitchinterval()
    for n in range(args.rounds):
        for batch in batches:
            runner._reads.setMaxThreadCount(batch.threads or app_threads)
            for ms in intervals[n % len(intervals) :] + intervals[: n % len(intervals)]:
                sys.setswitchinterval(ms / 1000)
                laps[batch.name, ms].append(_lap(ticks, drive, runner, batch))
                sys.setswitchinterval(default)
    ticks.timer.stop()
    cache.close()
    figures = {key: _figures(v) for key, v in laps.items()}
    report(args, _figures([alone]), figures, {b.name: len(b.jobs) for b in batches}, len(rows), len(answer))
    return 0


def report(
    args: argparse.Namespace,
    alone: dict[str, float],
    by: dict[tuple[str, float], dict[str, float]],
    jobs: dict[str, int],
    rows: int,
    answer: int,
) -> None:
    print(
        f"The real window driven (a step every {STEP_MS} ms) during batches of jobs in its TaskRunner: pages = "
        f"{PAGES} picker pages, prepare = {PREPARES} preparations of {rows:,} rows, parse = {ANSWERS} parses of a "
        f"{answer / 1e6:.2f} MB answer (@N: on N read threads, else the app's); {args.rounds} rounds, "
        f"load {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores"
    )
    print(HEADER)
    shown = f"longest {alone['longest']:.0f}, p99 {alone['p99']:.0f}, over a frame {alone['over']:.0f}"
    print(row("the drive alone, 3 s: GUI gaps (ms)", shown, "", "", "", None))
    for (name, ms), f in by.items():
        base = by.get((name, PYTHON_DEFAULT_MS))
        what = f"{name} ({jobs[name]} jobs), switch {ms:g} ms"

        def gaps(f: dict[str, float]) -> str:
            return (
                f"longest {f['longest']:.0f}, p99 {f['p99']:.0f}, over a frame {f['over']:.1f} (GUI blocked in "
                f"them {f['blocked']:.0f}, at most {f['blocked_max']:.0f} in one), busy turns {f['busy']:.1f}"
            )

        def batch(f: dict[str, float]) -> str:
            return f"wall {f['wall']:.0f}, jobs' CPU {f['job_cpu']:.0f}"

        ratio = f"{f['p99'] / base['p99']:.2f}× p99" if base and base["p99"] else ""
        print(row(f"{what}: GUI gaps a batch (ms)", gaps(f), f"5 ms: {gaps(base)}" if base else "", ratio, "", None))
        ratio = f"{f['wall'] / base['wall']:.2f}× wall" if base and base["wall"] else ""
        print(row(f"{what}: the batch (ms)", batch(f), f"5 ms: {batch(base)}" if base else "", ratio, "", None))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--intervals", default="5,2,1,0.5,0.2", help="switch intervals to compare, ms")
    parser.add_argument(
        "--batches",
        default="pages+prepare+parse,pages,prepare,parse",
        help="batches: job kinds joined by +, @N for N read threads",
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench._common import run_on_sandbox

    code = run_on_sandbox(REAL_VEHICLES, "switch-gui", lambda sandbox, _folder: run(args, sandbox))
    exit_without_teardown(code)
    return code


if __name__ == "__main__":
    sys.exit(main())
