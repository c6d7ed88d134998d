"""The GUI-stall probe the benchmarks share: a 10 ms QTimer whose longest gap is the longest event-loop stall."""

from __future__ import annotations

from typing import Any


class StallProbe:
    """Start it before the work, stop it after; ``longest_ms`` is the worst gap between two ticks."""

    def __init__(self, interval_ms: int = 10) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self._clock = QElapsedTimer()
        self._timer: Any = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self.gaps: list[int] = []
        self.at: list[int] = []  # when each gap ended, ms since start
        self._last = 0

    def start(self) -> StallProbe:
        self._clock.start()
        self._last = 0
        self._timer.start()
        return self

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = self._clock.elapsed()
        self.gaps.append(now - self._last)
        self.at.append(now)
        self._last = now

    @property
    def longest_ms(self) -> float:
        return float(max(self.gaps[1:] or [0]))

    def worst(self, n: int = 3) -> list[tuple[int, int]]:
        """The ``n`` longest gaps as (gap ms, at ms)."""
        return sorted(zip(self.gaps[1:], self.at[1:], strict=True), reverse=True)[:n]
