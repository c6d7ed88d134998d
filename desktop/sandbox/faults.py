"""Fault injection: make the next N calls under a path prefix fail or stall, for tests and benchmarks.

Sandbox-only, configured at ``POST /sandbox/faults``; never under the partner prefixes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass
class Fault:
    path_prefix: str
    status: int = 500
    count: int = 1
    delay: float = 0.0
    after: int = 0  # let this many matching calls through first


class FaultPlan:
    """Thread-safe list of pending faults; each matching call consumes one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if path.startswith(fault.path_prefix):
                    if fault.after > 0:
                        fault.after -= 1
                        return None
                    fault.count -= 1
                    if fault.count <= 0:
                        self._faults.remove(fault)
                    return fault
        return None
