"""What the soak's window process measures besides the stall probe: the figures that must stay flat, the cyclic
collector's pauses, and (with ``--trace-memory``) what the drive left allocated. Used by ``bench/_soak_drive.py`` and
``bench/_soak_steps.py``; nothing here imports Qt.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any


def time_ms() -> float:
    return time.monotonic() * 1000


def counts() -> dict[str, float]:
    """The figures the drive samples every few seconds (their maxima, the memory series), read cheaply.

    The full :func:`snapshot` names every descriptor (a readlink each, the kernel's TCP tables parsed): several
    milliseconds of Python in the window's own process, holding the interpreter lock the GUI thread needs. Run on
    the drive's sampling thread, it sat in two of the four worst gaps of a soak (``_tcp_sockets`` in their stacks).
    """
    resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
    return {
        "fds": len(os.listdir("/proc/self/fd")) - 1,  # less the listing's own descriptor
        "threads": len(os.listdir("/proc/self/task")),
        "rss_mb": resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20,
    }


def snapshot(servers: dict[int, str] | None = None) -> dict[str, Any]:
    """What must stay flat (:func:`counts`, with every descriptor named: a socket by its server,
    ``bench/_fds.py``), the threads' ids, the refcounts a Qt defect lowers, and the machine's load, which the
    stalls depend on."""
    from bench._fds import descriptors

    targets = descriptors(servers or {})
    return {
        **counts(),
        "fds": len(targets),
        "fd_targets": targets,
        "thread_ids": sorted(int(t) for t in os.listdir("/proc/self/task")),  # a thread started anew has a new id
        "none_refs": sys.getrefcount(None),
        "true_refs": sys.getrefcount(True),
        "load": os.getloadavg()[0],
    }


class CollectorPauses:
    """Each cyclic collection in the window's process, by generation: how long it held the thread that ran it, and
    that thread's CPU time in it (on a shared machine the wall time also counts waiting for a core)."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float, float, float]] = []  # (generation, ms, CPU ms, ended at: time_ms())
        self._began = (0.0, 0.0)

    def start(self) -> CollectorPauses:
        import gc

        gc.callbacks.append(self._on_gc)
        return self

    def stop(self) -> None:
        import gc

        gc.callbacks.remove(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = (time_ms(), time.thread_time() * 1000)
        else:
            now = time_ms()
            cpu = time.thread_time() * 1000 - self._began[1]
            self.pauses.append((info["generation"], now - self._began[0], cpu, now))

    def longest(self, since_ms: float, until_ms: float | None, offset_ms: float) -> dict[str, list[float]]:
        """Per generation: [collections, longest ms, total ms, longest CPU ms] in the drive (probe clock =
        time_ms() + offset)."""
        end = until_ms if until_ms is not None else float("inf")
        found: dict[str, list[float]] = {}
        for generation, ms, cpu, at in self.pauses:
            if since_ms < at + offset_ms <= end:
                entry = found.setdefault(str(generation), [0, 0.0, 0.0, 0.0])
                entry[0] += 1
                entry[1] = max(entry[1], ms)
                entry[2] += ms
                entry[3] = max(entry[3], cpu)
        return found

    def within(self, began_ms: float, ended_ms: float, offset_ms: float) -> str:
        """The collections that ended in (began, ended] on the probe clock (= time_ms() + offset), as the report
        shows them beside a gap: "generation 0 9 ms CPU", or "" when none ran there."""
        return ", ".join(
            f"generation {generation} {cpu:.0f} ms CPU"
            for generation, _ms, cpu, at in self.pauses
            if began_ms < at + offset_ms <= ended_ms
        )


class MemoryGrowth:
    """What the drive left allocated: tracemalloc's growth by line, and the collector's objects by type."""

    def __init__(self) -> None:
        import gc
        import tracemalloc

        gc.collect()
        self.types = self._types()
        tracemalloc.start(8)
        self.before = tracemalloc.take_snapshot()

    @staticmethod
    def _types() -> dict[str, int]:
        import gc
        from collections import Counter

        return dict(Counter(type(o).__qualname__ for o in gc.get_objects()))

    def report(self, out: Any) -> None:
        import gc
        import tracemalloc

        gc.collect()
        after = tracemalloc.take_snapshot()
        tracemalloc.stop()
        ignore = [tracemalloc.Filter(False, tracemalloc.__file__), tracemalloc.Filter(False, "<frozen importlib*")]
        stats = after.filter_traces(ignore).compare_to(self.before.filter_traces(ignore), "traceback")
        print("--- memory grown during the drive, by allocation site (tracemalloc) ---", file=out)
        for stat in stats[:12]:
            print(f"{stat.size_diff / 1024:+.0f} KiB in {stat.count_diff:+d} blocks", file=out)
            for line in stat.traceback.format()[-6:]:
                print(f"    {line}", file=out)
        types = self._types()
        grown = sorted(((n - self.types.get(t, 0), t) for t, n in types.items()), reverse=True)[:15]
        print("--- objects the collector tracks, growth by type ---", file=out)
        print(", ".join(f"{t} {d:+d}" for d, t in grown if d > 0), file=out)
