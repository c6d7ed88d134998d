"""Evidence for the longest wall-clock gaps of the GUI thread: what it waited for, and who ran meanwhile.

A :class:`~bench._gui.StallProbe` gap is long either because the GUI thread computed (its CPU time says so) or
because it waited: for the interpreter lock a worker holds, for a lock or a join, or for a core. The probe's own
stacks are kept for the gaps in which the GUI thread computed most; this recorder keeps the gaps that lasted
longest, whatever filled them.

A sampler thread looks every ``WATCH_EVERY_S``. While the GUI thread has not come back to its event loop for more
than ``after_ms``, it takes, every ``every_ms``:

- the Python stack of every thread (``sys._current_frames()``), so a sample shows both where the GUI thread is
  blocked and what the other threads are doing;
- its own lateness: how much later than asked it woke. The sampler needs the interpreter lock to run, so a
  sample that comes hundreds of ms late means some thread held the lock that long without letting go (a C call
  that does not release it), and the stacks taken right after name the thread that still sits in that call (a
  late wake that finds the gap already over is sampled too, and counted in the gap it overran).

Across the gap (from the moment it passed ``after_ms`` to its end) it reads each OS thread's run time and time
spent waiting for a core (``/proc/self/task/*/schedstat``) and the machine's busy time (``/proc/stat``): a GUI
thread with little run time and little core wait was blocked on a lock; a worker whose run time fills the gap
held the interpreter lock; a large core wait means the machine was busy.

Nothing is read while the GUI thread keeps up, so the cost outside stalls is one look every few ms.
"""

from __future__ import annotations

import heapq
import os
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

WATCH_EVERY_S = 0.002
MAX_SAMPLES = 60  # a gap of seconds keeps its first 60 samples: enough to see what filled it
DEPTH = 14  # innermost frames kept a stack

Frames = tuple[tuple[str, int, str], ...]


def _frames(frame: FrameType | None) -> Frames:
    out = []
    while frame is not None and len(out) < DEPTH:
        code = frame.f_code
        out.append((code.co_filename, frame.f_lineno, code.co_name))
        frame = frame.f_back
    return tuple(out)


def _tasks() -> dict[int, tuple[int, int, str]]:
    """Each OS thread of the process: (run ns, core-wait ns, name)."""
    found = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            run, wait, _ = Path(f"/proc/self/task/{tid}/schedstat").read_text().split()
            name = Path(f"/proc/self/task/{tid}/comm").read_text().strip()
        except (OSError, ValueError):
            continue  # the thread ended meanwhile
        found[int(tid)] = (int(run), int(wait), name)
    return found


SYSCALLS = {
    0: "read",
    1: "write",
    7: "poll",
    74: "fsync",
    75: "fdatasync",
    202: "futex (a lock or the GIL)",
    232: "epoll_wait",
    271: "ppoll",
    281: "epoll_pwait",
    35: "nanosleep",
    230: "clock_nanosleep",
}


def _syscall(tid: int) -> str:
    """The system call an OS thread sits in (x86-64 numbers), or "running": a Python stack cannot show a
    thread blocked in C++ (a Qt mutex, a file read, waiting for the interpreter lock before a slot)."""
    try:
        first = Path(f"/proc/self/task/{tid}/syscall").read_text().split()[0]
    except (OSError, IndexError):
        return "unknown"
    if first == "running":
        return "running"
    number = int(first)
    return SYSCALLS.get(number, f"syscall {number}") if number >= 0 else "running"


def _machine() -> tuple[int, int, int]:
    """(busy, stolen, total) jiffies of all cores since boot; stolen: a virtual machine's cores ran someone
    else's work, which freezes every thread of the process at once and shows in no thread's figures."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, fields[7], sum(fields)


@dataclass
class WallGap:
    """One gap that passed the threshold, and what was seen during it."""

    opened_ns: int
    gui_cpu_at_open_ns: int = 0  # the GUI thread's CPU clock as the sampler saw the gap open (a few ms late at most)
    gap_ms: float = 0.0
    ended_at_ms: float = 0.0
    gui_cpu_ms: float = 0.0
    tasks: dict[int, tuple[int, int, str]] = field(default_factory=dict)  # at the threshold
    machine: tuple[int, int, int] = (0, 0, 0)
    task_delta: list[tuple[float, float, str, int]] = field(default_factory=list)  # (run ms, core wait ms, name, tid)
    machine_busy: float = 0.0
    machine_stolen: float = 0.0
    samples: int = 0
    max_late_ms: float = 0.0
    late_ms: list[tuple[float, float]] = field(default_factory=list)  # (ms into the gap, sampler's lateness ms)
    stacks: dict[str, Counter[Frames]] = field(default_factory=dict)  # thread label → stacks seen, counted
    gui_syscalls: Counter[str] = field(default_factory=Counter)  # what the GUI thread's OS thread sat in

    def __lt__(self, other: WallGap) -> bool:
        return self.gap_ms < other.gap_ms


class WallGapRecorder:
    """Keeps the ``keep`` longest gaps of the GUI thread's event loop with the evidence of what filled them.

    Args:
        last_tick_ns: returns the ``time.monotonic_ns()`` of the GUI thread's latest return to its event loop.
        now_ms: the clock the gaps are reported on (the probe's), for "ended at".
        after_ms: a gap is sampled once it is this long.
        every_ms: the sampling period while a gap is open.
        keep: how many of the longest gaps to keep.
    """

    def __init__(
        self, last_tick_ns: Any, now_ms: Any, *, after_ms: float = 16, every_ms: float = 4, keep: int = 8
    ) -> None:
        self._last_tick_ns = last_tick_ns
        self._now_ms = now_ms
        self._after_ns = int(after_ms * 1e6)
        self._every_ns = int(every_ms * 1e6)
        self._keep = keep
        self.kept: list[WallGap] = []  # a min-heap on gap_ms
        self.counted = 0  # gaps that passed the threshold, of those ending in the kept window
        self.keep_from_ms = 0.0  # gaps ending outside [keep_from_ms, keep_until_ms) are not kept
        self.keep_until_ms = float("inf")
        self._gui = threading.get_ident()
        self._gui_native = threading.get_native_id()
        self._gui_cpu = time.pthread_getcpuclockid(self._gui)
        self._gui_cpu_at_open = 0
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wall-gap-sampler", daemon=True)

    def start(self) -> WallGapRecorder:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()

    def _run(self) -> None:
        current: WallGap | None = None
        opened = self._last_tick_ns()
        next_due = 0
        asked = time.monotonic_ns()
        while not self._stopped.wait(WATCH_EVERY_S):
            woke = time.monotonic_ns()
            late_ms = max(0.0, (woke - asked) / 1e6 - WATCH_EVERY_S * 1000)
            tick = self._last_tick_ns()
            if tick != opened:  # the GUI thread came back: the open gap (if sampled) ends at that tick
                if current is not None:
                    current.max_late_ms = max(current.max_late_ms, late_ms)
                    if late_ms >= self._every_ns / 1e6:  # the wake that was held up: who was still running then
                        self._sample(current, (woke - opened) / 1e6, late_ms)
                    self._close(current, tick)
                    current = None
                opened = tick
                self._gui_cpu_at_open = time.clock_gettime_ns(self._gui_cpu)
            into = woke - opened
            if into >= self._after_ns:
                if current is None:
                    current = WallGap(opened, self._gui_cpu_at_open, tasks=_tasks(), machine=_machine())
                    next_due = into
                current.max_late_ms = max(current.max_late_ms, late_ms)
                if into >= next_due and current.samples < MAX_SAMPLES:
                    next_due = into + self._every_ns
                    self._sample(current, into / 1e6, late_ms)
            asked = time.monotonic_ns()

    def _sample(self, gap: WallGap, into_ms: float, late_ms: float) -> None:
        gap.samples += 1
        gap.gui_syscalls[_syscall(self._gui_native)] += 1
        gap.late_ms.append((into_ms, late_ms))
        names = {t.ident: t.name for t in threading.enumerate()}
        me = threading.get_ident()
        for ident, frame in sys._current_frames().items():
            if ident == me:
                continue
            label = "GUI thread" if ident == self._gui else names.get(ident, f"thread {ident:#x}")
            gap.stacks.setdefault(label, Counter())[_frames(frame)] += 1

    def _close(self, gap: WallGap, tick_ns: int) -> None:
        gap.gap_ms = (tick_ns - gap.opened_ns) / 1e6
        gap.ended_at_ms = self._now_ms()
        gap.gui_cpu_ms = (time.clock_gettime_ns(self._gui_cpu) - gap.gui_cpu_at_open_ns) / 1e6
        after = _tasks()
        for tid, (run, wait, name) in after.items():
            run0, wait0, _ = gap.tasks.get(tid, (0, 0, name))
            if run - run0 > 1_000_000 or wait - wait0 > 1_000_000 or tid == self._gui_native:
                label = "GUI thread" if tid == self._gui_native else name
                gap.task_delta.append(((run - run0) / 1e6, (wait - wait0) / 1e6, label, tid))
        gap.task_delta.sort(reverse=True)
        busy0, stolen0, total0 = gap.machine
        busy, stolen, total = _machine()
        gap.machine_busy = (busy - busy0) / max(total - total0, 1)
        gap.machine_stolen = (stolen - stolen0) / max(total - total0, 1)
        gap.tasks = {}
        if not self.keep_from_ms <= gap.ended_at_ms < self.keep_until_ms:
            return
        self.counted += 1
        if len(self.kept) < self._keep:
            heapq.heappush(self.kept, gap)
        elif gap.gap_ms > self.kept[0].gap_ms:
            heapq.heapreplace(self.kept, gap)

    def longest(self, since_ms: float = 0, until_ms: float | None = None) -> list[WallGap]:
        """The kept gaps that ended in the window, longest first."""
        end = until_ms if until_ms is not None else float("inf")
        return sorted((g for g in self.kept if since_ms < g.ended_at_ms <= end), reverse=True)

    def summary(self, since_ms: float = 0, until_ms: float | None = None) -> list[dict[str, Any]]:
        """The kept gaps as JSON-ready rows for a report: gap, GUI CPU, sampler lateness, busiest thread."""
        rows = []
        for g in self.longest(since_ms, until_ms):
            others = [t for t in g.task_delta if t[2] != "GUI thread"]
            gui = next((t for t in g.task_delta if t[2] == "GUI thread"), (0.0, 0.0, "", 0))
            rows.append(
                {
                    "gap_ms": round(g.gap_ms),
                    "at_s": round(g.ended_at_ms / 1000, 1),
                    "ended_at_ms": round(g.ended_at_ms),
                    "gui_cpu_ms": round(g.gui_cpu_ms),
                    "gui_core_wait_ms": round(gui[1]),
                    "sampler_late_ms": round(g.max_late_ms),
                    "busiest_other": f"{others[0][2]} {others[0][0]:.0f} ms" if others else "",
                    "gui_in": g.gui_syscalls.most_common(1)[0][0] if g.gui_syscalls else "",
                    "machine_busy": round(g.machine_busy, 2),
                    "machine_stolen": round(g.machine_stolen, 2),
                }
            )
        return rows

    def print(self, out: TextIO, since_ms: float = 0, until_ms: float | None = None, top_stacks: int = 2) -> None:
        """Each kept gap, longest first: the figures, then each thread's most frequent stacks in it."""
        for g in self.longest(since_ms, until_ms):
            print(
                f"=== wall gap {g.gap_ms:.0f} ms ending at {g.ended_at_ms / 1000:.1f} s: GUI thread CPU "
                f"{g.gui_cpu_ms:.0f} ms; {g.samples} samples, sampler up to {g.max_late_ms:.0f} ms late; "
                f"machine {g.machine_busy:.0%} busy, {g.machine_stolen:.0%} stolen ({os.cpu_count()} cores) ===",
                file=out,
            )
            late = [f"{into:.0f}:{ms:.0f}" for into, ms in g.late_ms if ms >= 5]
            if late:
                print(f"  sampler late (ms into the gap:ms late): {' '.join(late[:20])}", file=out)
            runs = ", ".join(
                f"{name}[{tid}] ran {run:.0f} ms, waited for a core {wait:.0f} ms"
                for run, wait, name, tid in g.task_delta[:6]
            )
            print(f"  from {self._after_ns / 1e6:.0f} ms into the gap to its end: {runs}", file=out)
            sits = ", ".join(f"{name} {n}" for name, n in g.gui_syscalls.most_common())
            print(f"  the GUI thread's OS thread, per sample: {sits}", file=out)
            for label, stacks in sorted(g.stacks.items(), key=lambda kv: kv[0] != "GUI thread"):
                for frames, n in stacks.most_common(top_stacks):
                    print(f"  {label}: {n}/{g.samples} samples", file=out)
                    for filename, line, name in frames[:8]:
                        print(f"      {_short(filename)}:{line} {name}", file=out)


def _short(filename: str) -> str:
    for marker in ("/site-packages/", "/desktop/", "/bench/", "/lib/python3"):
        if marker in filename:
            return marker.strip("/") + "/" + filename.split(marker, 1)[1]
    return filename
