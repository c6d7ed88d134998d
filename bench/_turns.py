"""Which step of the soak's drive each busy GUI-thread turn followed: the turns to make lighter, named.

The soak's stall probe keeps every 5 ms gap with the GUI thread's own CPU time in it, but its sampled stacks only
show the few busiest gaps, and only once a gap passes a frame of wall time: a 13 ms turn on an idle core is never
sampled. To find every turn over BUSY_MS of CPU, the driver notes each step it takes (what it did, and the tab it
left and showed) on the probe's clock, and the job ledger (``bench/_jobstats.py``) notes when each job's result
reached the GUI thread and what its callback cost there. A busy gap is then named by what happened in it: the
driver's step when one was taken in the gap (a tab switch, an edit), else the result callback that took most of
its CPU, else "no step, no result" (a timer of the window's own, a deferred paint) with the step before it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from statistics import median
from typing import Any

BUSY_MS = 12.0  # the brief's bar: a turn over this much GUI-thread CPU leaves a 16 ms frame no room to paint


class StepLog:
    """The driver's steps, on the probe's clock (ms), in order."""

    def __init__(self, now_ms: Callable[[], int]) -> None:
        self._now_ms = now_ms
        self.at: list[int] = []
        self.what: list[str] = []

    def note(self, what: str) -> None:
        self.at.append(self._now_ms())
        self.what.append(what)


def busy_turns(
    gaps: Iterable[tuple[int, int, int]],
    steps: StepLog,
    delivered: Iterable[tuple[str, int, float]],
    since_ms: float,
    until_ms: float,
    offset_ms: float,
    busy_ms: float = BUSY_MS,
) -> list[dict[str, Any]]:
    """Every gap of ``gaps`` ((gap ms, ended at ms, GUI CPU µs) on the probe clock) in (since, until] with more
    than ``busy_ms`` of GUI CPU, named by the step taken in it or the result callback that cost it most.

    ``delivered`` is the job ledger's (job name, delivered at monotonic ns, callback ms); ``offset_ms`` the probe
    clock minus ``time.monotonic()`` in ms.
    """
    results = sorted((at_ns / 1e6 + offset_ms, name, ms) for name, at_ns, ms in delivered)
    result_at = [r[0] for r in results]
    found = []
    for gap, at, cpu_us in gaps:
        cpu = cpu_us / 1000
        if cpu <= busy_ms or not since_ms < at <= until_ms:
            continue
        began = at - gap
        first, last = bisect_right(steps.at, began), bisect_right(steps.at, at)
        in_gap = steps.what[first:last]
        answers = results[bisect_left(result_at, began) : bisect_right(result_at, at)]
        biggest = max(answers, key=lambda r: r[2], default=None)
        if in_gap:
            label = in_gap[-1]
        elif biggest is not None and biggest[2] >= cpu / 2:
            label = f"result of {biggest[1]}"
        else:
            before = steps.what[first - 1] if first else "start"
            since_step = at - steps.at[first - 1] if first else at
            label = f"no step, no result (after {before}, {since_step // 250 * 250}+ ms before)"
        found.append(
            {
                "label": label,
                "cpu_ms": round(cpu, 1),
                "gap_ms": gap,
                "at_s": round(at / 1000, 1),
                "ended_at_ms": at,
                "results": [(name, round(ms, 1)) for _t, name, ms in answers if ms >= 1],
            }
        )
    return found


def rows(turns: list[dict[str, Any]], row: Callable[..., str], busy_ms: float = BUSY_MS) -> list[str]:
    """The report's rows: the busy turns grouped by what they followed, most first."""
    groups: dict[str, list[float]] = {}
    for turn in turns:
        groups.setdefault(turn["label"], []).append(turn["cpu_ms"])
    out = [row(f"GUI turns over {busy_ms:g} ms of CPU during the drive", f"{len(turns)}", "", "", "none", None)]
    for label, cpus in sorted(groups.items(), key=lambda kv: (-len(kv[1]), -max(kv[1]))):
        shown = f"{len(cpus)} turns, worst {max(cpus):.0f} ms, median {median(cpus):.0f} ms"
        out.append(row(f"busy turns after: {label}", shown, "", "", "", None))
    return out


def print_turns(turns: list[dict[str, Any]], out: Any, busy_ms: float = BUSY_MS) -> None:
    """Each busy turn, in time order, with the result callbacks delivered in it (stderr evidence)."""
    print(f"--- GUI turns over {busy_ms:g} ms of CPU, what each followed ---", file=out)
    for turn in turns:
        answers = "; ".join(f"{name} {ms} ms" for name, ms in turn["results"])
        print(
            f"{turn['at_s']:7.1f} s  CPU {turn['cpu_ms']:5.1f} ms in a {turn['gap_ms']} ms gap  {turn['label']}"
            + (f"  [results: {answers}]" if answers else "")
            + (f"  [collector: {turn['gc']}]" if turn.get("gc") else ""),
            file=out,
        )
