"""Which background jobs ran Python while the GUI thread waited: every TaskRunner job of the soak, timed.

The GUI thread of the soak often stalls with little CPU of its own: it waits for the interpreter lock while a
TaskRunner worker runs Python (and, on a 2-core machine, for a core). To know which jobs to make lighter, the soak
runs the product's TaskRunner with its ``submit``, ``submit_job`` and result slot wrapped, in its child process (no
product change): each job's function is named by its module and qualified name, each run records its start and
end (``time.monotonic_ns``) and the worker thread's CPU time (``time.thread_time_ns``), and the delivery of its
result to the caller's callback on the GUI thread is timed too (the work a result causes there). That is a few
clock reads and appends a job, microseconds: the ledger cannot itself cause a stall.

After the drive, each run is matched with the GUI gaps over a frame (the stall probe's gaps) that overlapped it:
a job that keeps overlapping long gaps while burning CPU is one that held the interpreter lock while the window
waited. A gap overlapped by no job was the GUI thread's own work (or the machine).
"""

from __future__ import annotations

import functools
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Any

Run = tuple[str, int, int, int]  # (job name, started ns, ended ns, worker CPU ns) on time.monotonic_ns


def job_name(fn: Callable[..., Any]) -> str:
    """``module:qualname`` of what a job runs (a partial's function; ``desktop.`` dropped): stable across runs."""
    while isinstance(fn, functools.partial):
        fn = fn.func
    module = getattr(fn, "__module__", None) or "?"
    qualname = getattr(fn, "__qualname__", None) or type(fn).__qualname__
    return f"{module.removeprefix('desktop.')}:{qualname}"


class JobLedger:
    """Times every job of one TaskRunner: its work in the worker, and its result's callback on the GUI thread."""

    def __init__(self) -> None:
        self.runs: list[Run] = []
        self._names: dict[int, str] = {}  # job id -> name, until its result is delivered (GUI thread only)
        self.delivered: list[tuple[str, int, float]] = []  # (job name, delivered at ns, GUI-thread ms in the callback)

    def runner(self, parent: Any) -> Any:
        """A TaskRunner that reports to this ledger: the product's runner, its submissions and deliveries wrapped."""
        from PySide6.QtCore import Slot

        from desktop.ui.tasks import TaskRunner

        ledger = self

        class TimedRunner(TaskRunner):
            def submit(self, fn: Callable[[], Any], *args: Any, **kwargs: Any) -> int:
                return ledger._named(fn, super().submit(ledger._timed(fn), *args, **kwargs))

            def submit_job(self, fn: Callable[[Any], Any], *args: Any, **kwargs: Any) -> int:
                return ledger._named(fn, super().submit_job(ledger._timed(fn), *args, **kwargs))

            @Slot(int, object)
            def _on_done(self, job_id: int, result: object) -> None:  # the slot the runner's signal calls
                started = time.perf_counter_ns()
                super()._on_done(job_id, result)
                ledger._answered(job_id, (time.perf_counter_ns() - started) / 1e6)

        return TimedRunner(parent)

    def _named(self, fn: Callable[..., Any], job_id: int) -> int:
        self._names[job_id] = job_name(fn)
        return job_id

    def _answered(self, job_id: int, ms: float) -> None:
        name = self._names.pop(job_id, None)
        if name is not None:
            self.delivered.append((name, time.monotonic_ns(), ms))

    def _timed(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        name, runs = job_name(fn), self.runs

        def run(*args: Any) -> Any:  # on the worker thread
            started, cpu = time.monotonic_ns(), time.thread_time_ns()
            try:
                return fn(*args)
            finally:
                runs.append((name, started, time.monotonic_ns(), time.thread_time_ns() - cpu))

        return run

    def table(
        self, gaps: Iterable[tuple[float, float]], since_ms: float, until_ms: float, offset_ms: float, top: int = 10
    ) -> dict[str, Any]:
        """The jobs that started in [since_ms, until_ms) of the probe clock, against the GUI gaps over a frame.

        Args:
            gaps: (gap ms, ended at ms) of every gap over a frame in the window, on the probe clock.
            offset_ms: the probe clock minus ``time.monotonic()`` in ms.
            top: rows kept in each ranking.

        Returns:
            JSON-ready: ``by_total`` (jobs by total worker CPU), ``by_worst`` (single runs by worker CPU), each row
            with the gaps it overlapped, and ``by_gui`` (jobs by GUI-thread time in their result callbacks);
            ``runs``, ``cpu_ms`` (all jobs), ``gaps`` and ``gaps_with_job``.
        """
        spans = sorted((at - gap, at) for gap, at in gaps)
        starts = [s for s, _ in spans]
        ends = [e for _, e in spans]
        per_job: dict[str, dict[str, Any]] = {}
        singles: list[dict[str, Any]] = []
        touched: set[int] = set()
        cpu_total = 0.0
        count = 0
        for name, started_ns, ended_ns, cpu_ns in self.runs:
            began, ended = started_ns / 1e6 + offset_ms, ended_ns / 1e6 + offset_ms
            if not since_ms <= began < until_ms:
                continue
            count += 1
            first, last = bisect_right(ends, began), bisect_left(starts, ended)
            hit = range(first, max(first, last))
            touched.update(hit)
            cpu_ms, wall_ms = cpu_ns / 1e6, ended - began
            cpu_total += cpu_ms
            job = per_job.setdefault(
                name, {"job": name, "runs": 0, "cpu_ms": 0.0, "wall_ms": 0.0, "max_cpu_ms": 0.0, "gap_ids": set()}
            )
            job["runs"] += 1
            job["cpu_ms"] += cpu_ms
            job["wall_ms"] += wall_ms
            job["max_cpu_ms"] = max(job["max_cpu_ms"], cpu_ms)
            job["gap_ids"].update(hit)
            singles.append(
                {"job": name, "cpu_ms": cpu_ms, "wall_ms": wall_ms, "gaps": len(hit), "at_s": round(ended / 1000, 1)}
            )
        gui: dict[str, list[float]] = {}  # name -> [GUI ms in total, worst]
        for name, at_ns, ms in self.delivered:
            if since_ms <= at_ns / 1e6 + offset_ms < until_ms:
                spent = gui.setdefault(name, [0.0, 0.0])
                spent[0] += ms
                spent[1] = max(spent[1], ms)
        for job in per_job.values():
            total_ms, worst_ms = gui.get(job["job"], (0.0, 0.0))
            job["gui_ms"], job["gui_max_ms"] = round(total_ms, 1), round(worst_ms, 1)
            ids = job.pop("gap_ids")
            job["gaps"] = len(ids)
            job["gap_ms"] = round(sum(ends[i] - starts[i] for i in ids))
            for key in ("cpu_ms", "wall_ms", "max_cpu_ms"):
                job[key] = round(job[key], 1)
        for single in singles:
            single["cpu_ms"], single["wall_ms"] = round(single["cpu_ms"], 1), round(single["wall_ms"], 1)
        return {
            "by_total": sorted(per_job.values(), key=lambda j: j["cpu_ms"], reverse=True)[:top],
            "by_worst": sorted(singles, key=lambda s: s["cpu_ms"], reverse=True)[:top],
            "by_gui": sorted(per_job.values(), key=lambda j: j["gui_ms"], reverse=True)[: top // 2],
            "every": sorted(per_job.values(), key=lambda j: (-j["runs"], j["job"])),
            "runs": count,
            "cpu_ms": round(cpu_total),
            "gaps": len(spans),
            "gaps_with_job": len(touched),
        }


def rows(jobs: dict[str, Any], row: Callable[..., str], every: bool = False) -> list[str]:
    """The soak report's rows for :meth:`JobLedger.table`'s result; with ``every``, a row per job (by runs): how
    many a change makes, and what their answers cost the GUI thread."""
    if not jobs:
        return []
    out = [
        row(
            "background jobs during the drive (TaskRunner, worker CPU)",
            f"{jobs['runs']:,} runs, {jobs['cpu_ms']:,} ms CPU; {jobs['gaps_with_job']:,} of the {jobs['gaps']:,} "
            "gaps over a frame overlapped a job",
            "",
            "",
            "",
            None,
        )
    ]
    for job in jobs["by_total"]:
        out.append(
            row(
                f"job by total CPU: {job['job']}",
                f"{job['runs']} runs, CPU {job['cpu_ms']:.0f} ms (worst {job['max_cpu_ms']:.0f}), wall "
                f"{job['wall_ms']:.0f} ms; overlapped {job['gaps']} gaps over a frame ({job['gap_ms']} ms); "
                f"its results on the GUI thread {job['gui_ms']:.0f} ms (worst {job['gui_max_ms']:.0f})",
                "",
                "",
                "",
                None,
            )
        )
    for single in jobs["by_worst"]:
        out.append(
            row(
                f"job by worst single run: {single['job']}",
                f"CPU {single['cpu_ms']:.0f} ms, wall {single['wall_ms']:.0f} ms, ended at {single['at_s']:.0f} s; "
                f"overlapped {single['gaps']} gaps over a frame",
                "",
                "",
                "",
                None,
            )
        )
    for job in jobs.get("every", []) if every else []:
        out.append(
            row(
                f"job: {job['job']}",
                f"{job['runs']} runs, worker CPU {job['cpu_ms']:.0f} ms; results on the GUI thread "
                f"{job['gui_ms']:.0f} ms (worst {job['gui_max_ms']:.0f})",
                "",
                "",
                "",
                None,
            )
        )
    for job in jobs.get("by_gui", []):
        out.append(
            row(
                f"job by GUI-thread time in its result callbacks: {job['job']}",
                f"{job['runs']} runs, {job['gui_ms']:.0f} ms in total, worst {job['gui_max_ms']:.0f} ms",
                "",
                "",
                "",
                None,
            )
        )
    return out
