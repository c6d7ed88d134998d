"""What the GUI benchmarks share: a stall probe, and typing into a shown table against a textbook baseline.

The stall probe is a QTimer whose longest gap is the longest event-loop stall.

With ``stack_after_ms`` a watchdog thread also samples the GUI thread's Python stack while a gap is still open, so
a benchmark that finds a stall can say where it was: the gaps kept keep the stacks seen during them.

Each gap also records the CPU time the GUI thread itself used in it. On a loaded machine a gap is partly waiting
(for a core, or for the interpreter lock a worker holds); the CPU time is the GUI thread's own work, which is what
a change to the window's code can shorten.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from array import array
from collections.abc import Callable
from typing import Any

WATCH_EVERY_S = 0.003  # the watchdog's look; its GIL take is microseconds, well under a frame


def keystrokes(app: Any, apply: Callable[[str], None], typed: str) -> tuple[list[float], list[float]]:
    """Type ``typed`` and back-space it, painting after each key: (wall ms, GUI-thread CPU ms) per keystroke.

    The CPU figure is the GUI thread's own time: on a machine shared with other work the wall figure includes
    waiting for a core, which the user of an idle desk does not see.
    """
    wall, cpu = [], []
    for text in [typed[:k] for k in range(1, len(typed) + 1)] + [typed[:k] for k in range(len(typed) - 1, -1, -1)]:
        started, started_cpu = time.perf_counter(), time.thread_time()
        apply(text)
        app.processEvents()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
    return wall, cpu


def table_keystrokes(app: Any, model: Any, apply: Callable[[str], None], typed: str) -> tuple[list[float], list[float]]:
    """:func:`keystrokes` with ``model`` shown in a 1200×800 ``QTableView``, so each keystroke's paint is counted."""
    from PySide6.QtWidgets import QTableView

    view = QTableView()
    view.setModel(model)
    view.resize(1200, 800)
    view.show()
    app.processEvents()
    return keystrokes(app, apply, typed)


def proxy_baseline(model: Any) -> Any:
    """The textbook filter the models replace: a case-insensitive ``QSortFilterProxyModel`` over every column."""
    from PySide6.QtCore import QSortFilterProxyModel, Qt

    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    return proxy


class StallProbe:
    """Start it before the work, stop it after; ``longest_ms`` is the worst gap between two ticks.

    Args:
        interval_ms: the timer's period; a gap of G ms means the loop was blocked for at most G ms.
        stack_after_ms: sample the GUI thread's stack once a gap is this long (None: no watchdog thread).
        keep_stacks: how many sampled gaps to keep: those in which the GUI thread itself worked longest.
    """

    def __init__(self, interval_ms: int = 10, *, stack_after_ms: float | None = None, keep_stacks: int = 5) -> None:
        from PySide6.QtCore import QElapsedTimer, Qt, QTimer

        self._clock = QElapsedTimer()
        self._timer: Any = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        # Compact arrays: a ten-minute soak ticks 100,000+ times, and the probe must not be what grows.
        self.gaps = array("l")
        self.at = array("l")  # when each gap ended, ms since start
        self.cpu_us = array("l")  # the GUI thread's CPU time in each gap, µs
        self._cpu_last = 0
        self._last = 0
        self.own: list[tuple[int, int]] = []  # (gap ms, ended at ms) of the gaps that held the bench's own work
        self._own_due = False
        self._stack_after_ms = stack_after_ms
        self._keep = keep_stacks
        self.stacks: list[tuple[int, int, float, list[str]]] = []  # (gap ms, ended at ms, GUI CPU ms, stacks)
        self._lock = threading.Lock()
        self._tick_ns = 0
        self._samples: list[str] = []
        self._gui_thread = 0
        self._stopped = threading.Event()
        self._watchdog: threading.Thread | None = None

    def start(self) -> StallProbe:
        self._clock.start()
        self._last = 0
        self._tick_ns = time.monotonic_ns()
        self._cpu_last = time.thread_time_ns()
        self._timer.start()
        if self._stack_after_ms is not None:
            self._gui_thread = threading.get_ident()
            self._stopped.clear()
            self._watchdog = threading.Thread(target=self._watch, name="stall-watchdog", daemon=True)
            self._watchdog.start()
        return self

    def stop(self) -> None:
        self._timer.stop()
        self._stopped.set()
        if self._watchdog is not None:
            self._watchdog.join()
            self._watchdog = None

    def records_mb(self) -> float:
        """What the probe's own records take (a 1 ms probe's grow by ~14 MB in ten minutes: not the window's)."""
        return sum(sys.getsizeof(a) for a in (self.gaps, self.at, self.cpu_us)) / 2**20

    def now_ms(self) -> int:
        """Milliseconds since :meth:`start`, on the clock the gaps are measured with."""
        return int(self._clock.elapsed())

    def bench_work(self) -> None:
        """The bench is about to work on the GUI thread itself (a soak's start figures): the gap that holds it is
        kept in :attr:`own` and counts as no stall of the window's (it is recorded as 0 ms)."""
        self._own_due = True

    def _tick(self) -> None:
        now = self._clock.elapsed()
        gap = now - self._last
        cpu = time.thread_time_ns()
        cpu_us = (cpu - self._cpu_last) // 1000
        self._cpu_last = cpu
        if self._own_due:
            self._own_due = False
            self.own.append((gap, now))
            gap = cpu_us = 0
        self.gaps.append(gap)
        self.at.append(now)
        self.cpu_us.append(cpu_us)
        self._last = now
        with self._lock:
            self._tick_ns = time.monotonic_ns()
            samples, self._samples = self._samples, []
        if samples and len(self.gaps) > 1:
            self.stacks.append((gap, now, cpu_us / 1000, samples))
            self.stacks.sort(key=lambda s: s[2], reverse=True)
            del self.stacks[self._keep :]

    def _watch(self) -> None:
        """Sample the GUI thread's stack while a gap is open: when it first passes the threshold, then each
        further threshold, so a long stall shows what it was doing at several moments."""
        assert self._stack_after_ms is not None
        threshold_ns = int(self._stack_after_ms * 1e6)
        sampled_for, next_due = 0, 0
        while not self._stopped.wait(WATCH_EVERY_S):
            with self._lock:
                opened = self._tick_ns
            late = time.monotonic_ns() - opened
            if opened != sampled_for:
                sampled_for, next_due = opened, threshold_ns
            if late < next_due:
                continue
            next_due += threshold_ns
            frame = sys._current_frames().get(self._gui_thread)
            stack = "".join(traceback.format_stack(frame)) if frame is not None else "(no Python frame)"
            with self._lock:
                if self._tick_ns == opened:  # still the same gap
                    self._samples.append(f"at {late / 1e6:.0f} ms into the gap:\n{stack}")

    @property
    def longest_ms(self) -> float:
        return float(max(self.gaps[1:] or [0]))

    def longest_after(self, since_ms: int, until_ms: int | None = None) -> float:
        """The worst gap that ended after ``since_ms`` (e.g. after the first sync) and by ``until_ms`` if given."""
        end = until_ms if until_ms is not None else float("inf")
        gaps = (g for g, t in zip(self.gaps[1:], self.at[1:], strict=True) if since_ms < t <= end)
        return float(max(gaps, default=0))

    def busiest_after(self, since_ms: int, until_ms: int | None = None) -> tuple[float, int, int]:
        """The gap in which the GUI thread itself computed longest, as (its CPU ms, the gap ms, ended at ms)."""
        end = until_ms if until_ms is not None else self.now_ms()
        found = (0.0, 0, 0)
        for g, t, c in zip(self.gaps[1:], self.at[1:], self.cpu_us[1:], strict=True):
            if since_ms < t <= end and c / 1000 > found[0]:
                found = (c / 1000, g, t)
        return found

    def worst(self, n: int = 3, since_ms: int = 0) -> list[tuple[int, int]]:
        """The ``n`` longest gaps that ended after ``since_ms``, as (gap ms, at ms)."""
        pairs = ((g, t) for g, t in zip(self.gaps[1:], self.at[1:], strict=True) if t > since_ms)
        return sorted(pairs, reverse=True)[:n]


def bench_window(app: Any, paths: Any, profile: Any, window_size: str = "1280x720") -> tuple[Any, Any]:
    """The real MainWindow on ``profile`` (remote, the bench's sandbox), shown at ``window_size`` ("screen": the
    size a first start picks), and its TaskRunner.

    Its keys are in a memory-only store: a benchmark never touches a real keyring. The profile's cache is the
    bench's to fill before, under ``paths``.
    """
    from keyring.backends import fail

    from bench._common import API_KEY
    from desktop.composition import connect
    from desktop.config import KEY_CHAIZ, KEY_ROADSTER, Settings, default_profiles
    from desktop.sandbox.config import DEFAULT_CHAIZ_TOKEN
    from desktop.secrets import SecretStore
    from desktop.ui.main_window import MainWindow
    from desktop.ui.tasks import TaskRunner

    settings = Settings([default_profiles()[0], profile], active=profile.name)
    secrets = SecretStore(fail.Keyring())
    for name, value in ((KEY_ROADSTER, API_KEY), (KEY_CHAIZ, DEFAULT_CHAIZ_TOKEN)):
        secrets.set(profile.name, name, value)
    runner = TaskRunner(app)
    window = MainWindow(paths, settings, runner, lambda: secrets, connect)
    if window_size != "screen":
        width, height = (int(n) for n in window_size.split("x"))
        window.resize(width, height)
    window.show()
    return window, runner
