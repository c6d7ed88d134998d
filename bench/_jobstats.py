"""Which background jobs ran Python while the GUI thread waited: every TaskRunner job of the soak, timed.

The GUI thread of the soak often stalls with little CPU of its own: it waits for the interpreter lock while a
TaskRunner worker runs Python (and, on a 2-core machine, for a core). To know which jobs to make lighter, the soak
wraps the runner's ``submit`` and ``submit_job`` in its child process (no product change): each job's function is
named once, at submission, by its module and qualified name, and each run records its start and end
(``time.monotonic_ns``) and the worker thread's CPU time (``time.thread_time_ns``). That is two clock reads and one
list append a job, under a microsecond: the ledger cannot itself cause a stall.

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
    """Times every job submitted to one TaskRunner, from inside its worker."""

    def __init__(self) -> None:
        self.runs: list[Run] = []

    def watch(self, runner: Any) -> JobLedger:
        """Wrap ``runner.submit`` and ``runner.submit_job`` (instance attributes shadow the methods)."""
        submit, submit_job = runner.submit, runner.submit_job

        def timed_submit(fn: Callable[[], Any], *args: Any, **kwargs: Any) -> int:
            return int(submit(self._timed(fn), *args, **kwargs))

        def timed_submit_job(fn: Callable[[Any], Any], *args: Any, **kwargs: Any) -> int:
            return int(submit_job(self._timed(fn), *args, **kwargs))

        runner.submit = timed_submit
        runner.submit_job = timed_submit_job
        return self

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
            JSON-ready: ``by_total`` (jobs by total worker CPU) and ``by_worst`` (single runs by worker CPU), each row
            with the gaps it overlapped; ``runs``, ``cpu_ms`` (all jobs), ``gaps`` and ``gaps_with_job``.
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
        for job in per_job.values():
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
            "runs": count,
            "cpu_ms": round(cpu_total),
            "gaps": len(spans),
            "gaps_with_job": len(touched),
        }


def rows(jobs: dict[str, Any], row: Callable[..., str]) -> list[str]:
    """The soak report's rows for :meth:`JobLedger.table`'s result."""
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
                f"{job['wall_ms']:.0f} ms; overlapped {job['gaps']} gaps over a frame ({job['gap_ms']} ms)",
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
    return out
