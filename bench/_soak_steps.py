"""The soak's drive: what a person at the desk does, one step every STEP_MS, in phases (the first sync, a warm-up
lap, the start figures, the drive, the end figures). ``bench/_soak_drive.py`` sets the window up around it.

Nothing here imports Qt at module level: the parent imports this module for its constants.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any

from bench._soak_probes import MemoryGrowth, counts, snapshot

DPID = "hyundaidemo"
STEP_MS = 250
UPLOAD_EVERY_S = 60
KEY_MS = 20  # between two keystrokes of a word typed with --split-steps (one a turn): 10 keys within a step
NEXT_INPUT_MS = 150  # a person's click on a tab, then their first key or click on it: never the same moment
UPLOAD_CLICKED_MS = 400  # a person reads the upload dialog before pressing Upload: the click is a turn of its own
SAMPLE_EVERY_MS = 10_000
WARMUP_MS = 30_000  # a lap of the drive before the start figures: first visits and lazily opened stores
SETTLE_MS = 5_000  # back on the first rooftop with its table loaded, before figures are taken
STALL_TARGET_MS = 16
TAB_OF = {"page": "Inventory", "pricing": "Deal Pricing", "picker": "Customers", "upload": "Document Binder"}


class Driver:
    """Does what a person at the desk does, one step every STEP_MS, from timers on the event loop."""

    def __init__(self, app: Any, window: Any, probe: Any, walls: Any, config: dict[str, Any]) -> None:
        import random

        from PySide6.QtCore import QTimer

        from bench._turns import StepLog

        self.app, self.window, self.probe, self.walls, self.config = app, window, probe, walls, config
        self.step_log = StepLog(probe.now_ms)  # what each step did, to name the busy turns after it
        self.rng = random.Random(12)
        self.first_sync_at = 0
        self.drive_started = 0
        self.drive_ended = 0
        self.start: dict[str, Any] = {}
        self.end: dict[str, Any] = {}
        self.max: dict[str, Any] = {}
        self.steps: dict[str, int] = {}
        self.errors: list[str] = []
        self.rss_series: list[int] = []  # every SAMPLE_EVERY_MS during the drive
        self._sample_due = threading.Event()
        self._sampling_done = False
        self.error = ""
        self._state = "starting"
        self._last_upload = 0.0
        self._rooftops = 0
        self._first_visits: list[int] = []  # tabs the warm-up lap shows once, in order
        self.timer = QTimer()
        self.timer.setInterval(STEP_MS)
        self.timer.timeout.connect(self._on_step)
        self.timer.start()
        self.sampler = QTimer()
        self.sampler.setInterval(SAMPLE_EVERY_MS)
        self.sampler.timeout.connect(self._sample_due.set)
        # The samples are taken on a thread of the bench's own, started before the start figures (so counted in
        # both): reading /proc's descriptor and socket tables on the GUI thread was the bench's own 5-20 ms turn.
        self._sampling = threading.Thread(target=self._sample_loop, name="soak-sampler", daemon=True)
        self._sampling.start()
        self._home_then: Any = None
        self.growth: MemoryGrowth | None = None
        self.young: Any = None  # bench._gc_census.YoungPauses with --census
        from bench._fds import OpenedConnections

        self.opened = OpenedConnections()
        window.statusBar().messageChanged.connect(self._on_status)
        QTimer.singleShot(int(config["minutes"] * 60_000) + 600_000, self._on_timeout)

    # phases: start, sync, warm-up lap, back home, start figures, drive, back home, end figures
    def _on_step(self) -> None:
        w = self.window
        if self._state == "starting":
            if w.inventory_tab is None or w.workspace.connection is None or w.rooftop.findData(DPID) < 0:
                return
            w.rooftop.setCurrentIndex(w.rooftop.findData(DPID))
            w.inventory_tab.sync_finished.connect(self._on_first_sync)
            w.inventory_tab.start_sync()
            self._state = "syncing"
        elif self._state == "loading":
            if w.inventory_tab.model.total_count() >= self.config["size"]:
                self.first_sync_at = self.probe.now_ms()
                self.walls.keep_from_ms = self.first_sync_at
                self._state = "warming"
                self._last_upload = float("-inf")  # the lap starts with an upload: every store is open after it
                # ... and shows every tab once: a hidden tab opens its stores on its first show, not at a switch
                self._first_visits = list(range(w.tabs.count()))
                self._after(WARMUP_MS, lambda: self._go_home(self._on_warm))
        elif self._state in ("warming", "driving"):
            self._act()
        elif (
            self._state == "returning"
            and not w.runner.running()
            and w.inventory_tab.model.total_count() >= self.config["size"]
        ):
            self._state = "settling"
            self._after(SETTLE_MS, self._on_home)

    def _after(self, ms: int, then: Any) -> None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(ms, then)

    def _on_first_sync(self, result: object) -> None:
        self.window.inventory_tab.sync_finished.disconnect(self._on_first_sync)
        if isinstance(result, Exception):
            self._fail(f"the first sync failed: {result}")
            return
        self._state = "loading"

    def _go_home(self, then: Any) -> None:
        """Back on the first rooftop, inventory shown and unfiltered, work drained: the state both figures see."""
        self._home_then = then
        self._state = "returning"
        combo = self.window.rooftop
        combo.setCurrentIndex(combo.findData(DPID))
        self._show("Inventory").filter.setText("")

    def _on_home(self) -> None:
        self._home_then()

    def _on_warm(self) -> None:
        from bench._fds import meet_every_store, thread_kept_stores

        self.probe.bench_work()  # the bench's own turn: finding the stores
        meet_every_store(self.window.runner, thread_kept_stores(self.window), self._on_met)

    def _on_met(self, _result: object = None) -> None:
        if self.config.get("trace_memory"):
            self.growth = MemoryGrowth()
        if self.config.get("census"):
            from bench._gc_census import YoungPauses

            self.young = YoungPauses().start()
        self.start = self._figures()
        self.opened.watch(self.window)
        self.opened.counting = True
        self.max = dict(self.start)
        self.drive_started = self.probe.now_ms()
        self._state = "driving"
        self.sampler.start()
        self._after(int(self.config["minutes"] * 60_000), self._on_deadline)

    def _figures(self) -> dict[str, Any]:
        """The start or end figures: a snapshot, with the connections each API client's pool keeps."""
        from bench._fds import http_pools, server_ports

        self.probe.bench_work()  # reading /proc and the pools here is the bench's turn, not the window's
        figures = snapshot(server_ports(self.config))
        figures["http_pools"] = http_pools(self.window)
        figures["probe_mb"] = self.probe.records_mb()
        return figures

    def _on_deadline(self) -> None:
        self.opened.counting = False
        self.drive_ended = self.probe.now_ms()
        self.walls.keep_until_ms = self.drive_ended
        self._go_home(self._on_done)

    def _on_done(self) -> None:
        self.timer.stop()
        self.sampler.stop()
        self.end = self._figures()
        self._sampling_done = True
        self._sample_due.set()
        self._sampling.join(10)
        self._on_sample()
        if self.growth is not None:
            self.growth.report(sys.stderr)
        if self.young is not None:
            from bench._gc_census import census

            self.young.stop()
            self.young.report(sys.stderr)
            census(sys.stderr, self.window.inventory_tab.model)
        self._state = "done"
        self.window.close()
        self.app.quit()

    def _on_timeout(self) -> None:
        if self._state != "done":
            self._fail(f"stuck in {self._state!r}")

    def _fail(self, why: str) -> None:
        self.error = why
        self._state = "done"
        self.timer.stop()
        self.window.close()
        self.app.quit()

    def _sample_loop(self) -> None:
        while True:
            self._sample_due.wait()
            self._sample_due.clear()
            if self._sampling_done:
                return
            self._on_sample()

    def _on_sample(self) -> None:
        now = counts()
        self.rss_series.append(round(now["rss_mb"]))
        for key in ("fds", "threads", "rss_mb"):
            self.max[key] = max(self.max.get(key, 0), now[key])

    def _on_status(self, text: str) -> None:
        if self._state == "driving" and text and any(w in text.lower() for w in ("could not", "failed", "error")):
            self.errors.append(text)

    # one step of the drive
    def _act(self) -> None:
        tabs = self.window.tabs
        left = tabs.tabText(tabs.currentIndex())
        if self._state == "warming" and self._first_visits and self._last_upload > 0:
            tabs.setCurrentIndex(self._first_visits.pop(0))
            self.step_log.note(f"first visit, tab {left} → {tabs.tabText(tabs.currentIndex())}")
            return
        if time.monotonic() - self._last_upload >= UPLOAD_EVERY_S:
            self._last_upload = time.monotonic()
            kind = "upload"
        else:
            kind = self.rng.choices(("tab", "page", "rooftop", "pricing", "picker"), weights=(3, 3, 1, 4, 1))[0]
        self._count(kind)
        title = TAB_OF.get(kind)
        if self.config.get("split_steps") and title and self.window.tab_widgets[title] is not tabs.currentWidget():
            # A person's click on the tab and their next key or click are two input events, some time apart: at
            # 0 ms the action ran in the switch's own event-loop turn, before the tab was even painted.
            self._show(title)
            self.step_log.note(f"tab for {kind}, tab {left} → {tabs.tabText(tabs.currentIndex())}")
            self._after(NEXT_INPUT_MS, lambda: self._do(kind))
            return
        self._do(kind, left)

    def _do(self, kind: str, left: str = "") -> None:
        tabs = self.window.tabs
        left = left or tabs.tabText(tabs.currentIndex())
        getattr(self, f"_{kind}")()
        shown = tabs.tabText(tabs.currentIndex())
        self.step_log.note(f"{kind}, tab {left} → {shown}" if shown != left else f"{kind} on {shown}")

    def _count(self, kind: str) -> None:
        self.steps[kind] = self.steps.get(kind, 0) + 1

    def _show(self, title: str) -> Any:
        widget = self.window.tab_widgets[title]
        self.window.tabs.setCurrentWidget(widget)
        return widget

    def _tab(self) -> None:
        self.window.tabs.setCurrentIndex(self.rng.randrange(self.window.tabs.count()))

    def _page(self) -> None:
        tab = self._show("Inventory")
        if self.rng.random() < 0.3:
            tab.filter.setText(self.rng.choice(("", "tucson", "sel", "santa fe", "", "ioniq")))
        bar = tab.table.verticalScrollBar()
        bar.setValue(bar.maximum() if self.rng.random() < 0.7 else 0)

    def _rooftop(self) -> None:
        combo = self.window.rooftop
        self._rooftops += 1
        home = combo.findData(DPID)
        others = [i for i in range(combo.count()) if i != home]
        combo.setCurrentIndex(home if self._rooftops % 2 == 0 or not others else self.rng.choice(others))

    def _pricing(self) -> None:
        """One edit, as one keystroke or one click is: each reprices the deal."""
        tab = self._show("Deal Pricing")
        model = tab.vehicle_picker.model
        edit = self.rng.choice(("vehicle", "cash", "score", "term", "mileage"))
        if edit == "vehicle" and model.rowCount():
            tab.choose_vehicle(model.choice(self.rng.randrange(model.rowCount())).vin)  # as picking from the list
        elif edit == "cash":
            tab.customer_cash.setText(str(self.rng.choice((0, 500, 1000, 2500, 4000))))
        elif edit == "score":
            tab.credit_score.setValue(self.rng.randint(620, 820))
        elif edit == "term":
            tab.finance_term.setValue(self.rng.choice((36, 48, 60, 72)))
        else:
            tab.annual_mileage.setValue(self.rng.choice((10_000, 12_000, 15_000)))

    def _picker(self) -> None:
        from PySide6.QtTest import QTest  # imported at the drive's start: a first import here was a 62 ms stall

        tab = self._show("Customers")
        edit = tab.create_vehicle.vin_edit.edit
        edit.clear()
        word = self.rng.choice(("kona", "tucson sel", "santa", "h-00"))
        if not self.config.get("split_steps"):
            QTest.keyClicks(edit, word)  # the whole word in this one turn
            return
        # A person's keystrokes are input events of their own, each in a turn: KEY_MS apart, faster than anyone
        # types, and the longest word is typed before the next step.
        from PySide6.QtCore import QTimer

        for i, key in enumerate(word):
            QTimer.singleShot(KEY_MS * i, edit, lambda key=key: QTest.keyClick(edit, key))

    def _upload(self) -> None:
        import shutil

        tab = self._show("Document Binder")
        if tab.customer_id != self.config["customer"]:
            tab.open_customer(self.config["customer"])
        copy = Path(self.config["pdf"]).with_name(f"buyers_order_{self.steps['upload']}.pdf")
        shutil.copy(self.config["pdf"], copy)
        tab.add_files([copy])
        dialog = tab.upload_dialog
        if dialog is not None:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(UPLOAD_CLICKED_MS, dialog, lambda: self._click_upload(dialog))

    def _click_upload(self, dialog: Any) -> None:
        dialog.accept()
        self.step_log.note("upload: Upload clicked")

    def results(self) -> dict[str, Any]:
        since = self.first_sync_at
        return {
            "error": self.error,
            "first_sync_ms": self.first_sync_at,
            "bench_own_gaps": list(self.probe.own),
            "drive_ms": self.drive_ended - self.drive_started,
            "longest_stall_ms": self.probe.longest_after(since, self.drive_ended or None),  # as "worst" below
            "busiest": self.probe.busiest_after(since, self.drive_ended or None),
            "rss_series": self.rss_series,
            "over_frame": sum(
                1
                for g, t in zip(self.probe.gaps, self.probe.at, strict=True)
                if since < t <= self.drive_ended and g > STALL_TARGET_MS
            ),
            "ticks": sum(1 for t in self.probe.at if since < t <= self.drive_ended),
            "worst": [w for w in self.probe.worst(20, since) if w[1] <= self.drive_ended or not self.drive_ended][:5],
            "start": self.start,
            "end": self.end,
            "max": self.max,
            "steps": self.steps,
            "errors": self.errors,
            "http_opened": self.opened.opened,
        }
