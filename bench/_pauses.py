"""A machine-pause detector for the soak: a process of its own that sleeps 1 ms at a time and notes each late wake.

    python -m bench._pauses OUT_FILE [--cpu N]

The window's stall probe and its wall-gap sampler live in the window's process, so they need its interpreter lock:
when they wake late, the lock and the machine are both suspects. This process shares nothing with the window but
the machine. It sleeps SLEEP_S in a loop; a wake more than LATE_MS late is written to OUT_FILE as a line
``woke_at_ms late_ms core_wait_ms``, on ``time.monotonic()`` (CLOCK_MONOTONIC is one clock for every process on
Linux, so the lines can be laid over the window's gaps). ``core_wait_ms`` is the part of the lateness this process
spent waiting for a core (its ``/proc/self/schedstat`` run delay): that is the machine being busy, which the window's
own figures show already. The rest -- late, yet not waiting for a core -- is the machine itself not running: the
virtual machine descheduled by its host, or the kernel held up.

A line is written and flushed as it happens (they are rare), so the file can be read while the detector runs.

One sleeper per core, each held to its core (``--cpu N``): a host that deschedules one virtual CPU stops only the
threads on it. With one sleeper, free to run on either core, such a pause of the window's core went unseen: a 23 ms
gap in which the window's GUI thread sat idle in ``poll`` (0 ms of CPU) and the window's own sampling thread woke
19 ms late, the machine 0 % busy, counted as the window's stall.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

SLEEP_S = 0.001
LATE_MS = 8.0

Pause = tuple[float, float, float]  # (woke at ms, late ms, core wait ms), on time.monotonic()


def _run_delay_ns(fd: int) -> int:
    return int(os.pread(fd, 128, 0).split()[1])


def watch(out: Path, cpu: int | None = None) -> None:
    """Sleep and note late wakes until SIGTERM (on core ``cpu`` alone, when given)."""
    stopped = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopped
        stopped = True

    signal.signal(signal.SIGTERM, stop)
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})
    fd = os.open("/proc/self/schedstat", os.O_RDONLY)
    with out.open("a") as f:
        waited = _run_delay_ns(fd)
        while not stopped:
            asked = time.monotonic()
            time.sleep(SLEEP_S)
            woke = time.monotonic()
            late_ms = (woke - asked - SLEEP_S) * 1000
            now_waited = _run_delay_ns(fd)
            if late_ms > LATE_MS:
                f.write(f"{woke * 1000:.1f} {late_ms:.1f} {(now_waited - waited) / 1e6:.1f}\n")
                f.flush()
            waited = now_waited
    os.close(fd)


class PauseDetector:
    """The detector in a child process, started before the window and stopped after it."""

    def __init__(self, out: Path) -> None:
        root = Path(__file__).resolve().parents[1]
        cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else [None]
        self.outs = [out if cpu is None else out.with_name(f"{out.name}.cpu{cpu}") for cpu in cores]
        self.procs = []
        for cpu, path in zip(cores, self.outs, strict=True):
            path.write_text("")
            pinned = [] if cpu is None else ["--cpu", str(cpu)]
            self.procs.append(subprocess.Popen([sys.executable, "-m", "bench._pauses", str(path), *pinned], cwd=root))

    def stop(self) -> list[Pause]:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            proc.wait(10)
        return sorted(pause for path in self.outs for pause in read(path))


def read(out: Path) -> list[Pause]:
    found = []
    for line in out.read_text().splitlines():
        woke, late, waited = (float(v) for v in line.split())
        found.append((woke, late, waited))
    return found


def _spans(pauses: list[Pause]) -> list[tuple[float, float]]:
    """The machine's paused spans, (began, ended) ms in time order: each late wake's lateness less its core wait,
    taken as the span that ended where the core wait began; two cores' spans that overlap are one."""
    merged: list[tuple[float, float]] = []
    for began, ended in sorted((woke - late, woke - waited) for woke, late, waited in pauses if late > waited):
        if merged and began <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], ended))
        else:
            merged.append((began, ended))
    return merged


def paused_ms(pauses: list[Pause], start_ms: float, end_ms: float) -> float:
    """How long the machine was paused within [start_ms, end_ms] (monotonic ms)."""
    return sum(max(0.0, min(ended, end_ms) - max(began, start_ms)) for began, ended in _spans(pauses))


def machine_pauses(pauses: list[Pause], at_least_ms: float = LATE_MS) -> list[tuple[float, float]]:
    """The paused spans over ``at_least_ms``: (ended at ms, paused ms), in time order."""
    return [(ended, ended - began) for began, ended in _spans(pauses) if ended - began > at_least_ms]


class Overlay:
    """The detector's lines laid over the window's gaps, which are on the stall probe's clock: ``offset_ms`` is
    that clock minus ``time.monotonic()`` in ms (the window's results carry it)."""

    def __init__(self, pauses: list[Pause], offset_ms: float) -> None:
        self.pauses, self.offset_ms = pauses, offset_ms

    def within(self, gap_ms: float, ended_at_ms: float) -> float:
        """The machine's paused ms in the gap of ``gap_ms`` that ended at ``ended_at_ms`` (probe clock)."""
        end = ended_at_ms - self.offset_ms
        return paused_ms(self.pauses, end - gap_ms, end)

    def note(self, gap_ms: float, ended_at_ms: float) -> str:
        paused = self.within(gap_ms, ended_at_ms)
        return f"machine paused {paused:.0f} ms of it" if paused >= 1 else "no machine pause"

    def outside(self, gaps: list[tuple[int, int]]) -> tuple[float, int, int]:
        """The longest gap less the machine's pauses in it: (that ms, the gap ms, ended at ms)."""
        found = (0.0, 0, 0)
        for gap, at in gaps:
            left = gap - self.within(gap, at)
            if left > found[0]:
                found = (left, gap, at)
        return found

    def summary(self, since_ms: float, until_ms: float) -> str:
        """How many pauses over LATE_MS ended in [since, until] (probe clock), the longest and their total."""
        paused = [ms for at, ms in machine_pauses(self.pauses) if since_ms <= at + self.offset_ms <= until_ms]
        if not paused:
            return "none"
        return f"{len(paused)}, longest {max(paused):.0f} ms, total {sum(paused):.0f} ms"


if __name__ == "__main__":
    watch(Path(sys.argv[1]), int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--cpu" else None)
