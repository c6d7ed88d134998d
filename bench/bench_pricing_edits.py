"""What one Deal Pricing edit, and one word typed into the Customers vehicle picker, cost the GUI thread in the
real window: per edit kind, the busiest turn, the edit's own turn, all its turns together, and the wall time until
the repriced deal is painted.

    python bench/bench_pricing_edits.py [--size 100000] [--edits 12] [--window 1366x768] [--profile KIND]
        [--from-tab TITLE] [--events KIND]

The real MainWindow (the application's style sheet) on the sandbox (its own process) with ``--size`` cached
vehicles at hyundaidemo (as bench_tabs_gui.py builds them). A deal is started, Deal Pricing is shown with a real
vehicle picked and priced, checked by the server and its F&I catalog in, and the start-up is frozen for the
collector as the app does. Then ``--edits`` edits of each kind (selling price, cash down, finance term, sell rate
within the lender's limit, an F&I product ticked or unticked, another vehicle picked as from the list), in turn,
each waited for until the window is quiet again: repriced, painted, checked with the server (600 ms later) and its
catalog asked again when the edit changed it. Then the Customers tab's create-a-customer vehicle picker gets
``--edits`` words typed in one turn, as the soak's drive types them, each waited for until its filtered page is in
the list. ``--from-tab TITLE`` shows that tab before each edit, until the window is quiet, then Deal Pricing in one
turn and the edit in the next, as the soak's split steps do: the switch's turns and the edit's then share a gap of
the 5 ms timer when they are short enough. ``--events KIND`` times every Qt event the edits of that kind cause, by
receiver, and lists the events of their busiest turns.

A 5 ms timer's gaps are kept with the GUI thread's own CPU time in each (``time.thread_time``): an edit's figures
are the worst gap (what the soak counts as a busy turn), the gap the edit itself ran in, and the sum of its gaps
less the idle loop's own ticks (everything the edit made the GUI thread do, the server check's answer included).
The wall figure is from the edit to the turn after the repriced deal was painted. ``--profile KIND``
prints the GUI thread's hottest functions (cProfile) over the edits of that kind ("picker" for the picker).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path
from statistics import median
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import API_KEY, HEADER, SandboxProcess, frame_row, row, run_on_sandbox
from bench.bench_pricing_gui import REAL_VEHICLES
from bench.bench_rooftop_gui import wait
from bench.bench_tabs_gui import DPID, build_window

FRAME_MS = 16.0
QUIET_MS = 250  # an edit is done once the window has had nothing to do for this long
KINDS = ("selling price", "cash down", "finance term", "sell rate", "product toggled", "vehicle picked")
WORDS = ("kona", "tucson sel", "santa", "h-00", "ioniq", "palisade")


class Edits:
    """Runs one edit at a time in its own turn and keeps its figures from the probe's gaps."""

    def __init__(self, probe: Any, busy: Callable[[], bool]) -> None:
        self.probe, self.busy = probe, busy
        self.figures: dict[str, dict[str, list[float]]] = {}
        self.idle_tick_us = 0.0
        self.painted_at = 0.0

    def run(self, kind: str, action: Callable[[], None], done: Callable[[], bool]) -> None:
        from PySide6.QtCore import QTimer

        state: dict[str, float] = {}

        def act() -> None:
            state["gap"] = len(self.probe.gaps)  # the edit runs in the gap open now, kept at the next tick
            state["at"] = time.perf_counter()
            self.painted_at = 0.0
            action()

        QTimer.singleShot(0, act)
        quiet_since = [time.monotonic()]

        def settled() -> bool:
            if "gap" not in state or not done() or self.busy():
                quiet_since[0] = time.monotonic()
                return False
            return (time.monotonic() - quiet_since[0]) * 1000 >= QUIET_MS

        wait(settled)
        first, end = int(state["gap"]), len(self.probe.gaps)
        cpu = self.probe.cpu_us[first:end]
        kept = self.figures.setdefault(kind, {"worst": [], "own": [], "total": [], "wall": []})
        kept["worst"].append(max(cpu, default=0) / 1000)
        kept["own"].append((cpu[0] if cpu else 0) / 1000)
        kept["total"].append(max(sum(cpu) - self.idle_tick_us * len(cpu), 0) / 1000)
        if self.painted_at:
            kept["wall"].append((self.painted_at - state["at"]) * 1000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--edits", type=int, default=12, help="edits of each kind")
    parser.add_argument("--window", default="1366x768")
    parser.add_argument("--profile", metavar="KIND", help="profile the edits of this kind ('picker': the picker)")
    parser.add_argument(
        "--from-tab",
        metavar="TITLE",
        help="before each edit show this tab until quiet, then Deal Pricing in one turn and the edit in the next "
        "(as the soak's split steps do)",
    )
    parser.add_argument(
        "--events", metavar="KIND", help="the GUI CPU of the Qt events the edits of this kind cause, by receiver"
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return run_on_sandbox(REAL_VEHICLES, "tabs-gui", lambda sandbox, _folder: run(args, sandbox))


def real_vins(sandbox: SandboxProcess, n: int) -> list[str]:
    from desktop.api.roadster.client import RoadsterClient

    roadster = RoadsterClient(sandbox.url + "/v1", API_KEY)
    try:
        found, _ = roadster.inventory_page(DPID, size=n, in_stock=True)
    finally:
        roadster.close()
    return [str(v["vin"]) for v in found]


def run(args: argparse.Namespace, sandbox: SandboxProcess) -> int:
    from PySide6.QtCore import QTimer

    from bench._gui import StallProbe
    from bench.bench_pricing_gui import idle_baseline
    from desktop.ui.gui_gc import freeze_start_up

    vins = real_vins(sandbox, 6)
    vin = vins[0]
    timed = timed_application() if args.events else None
    window, runner = build_window(sandbox, args.size, args.window)
    probe = StallProbe(5).start()
    tab = window.tab_widgets["Deal Pricing"]
    customers = window.tab_widgets["Customers"]
    for title in window.tab_widgets:  # every tab built and shown once, its first reads done
        window.tabs.setCurrentWidget(window.tab_widgets[title])
        wait(lambda: not runner.running(), 300)
    window.tabs.setCurrentWidget(tab)
    window.current_deal.start()
    wait(lambda: window.current_deal.is_open and not runner.running())
    counts = {"priced": 0, "checked": 0}
    tab.priced.connect(lambda: counts.__setitem__("priced", counts["priced"] + 1))
    tab.server_checked.connect(lambda: counts.__setitem__("checked", counts["checked"] + 1))
    tab.choose_vehicle(vin)
    wait(lambda: counts["checked"] > 0 and bool(tab.products.products) and not runner.running(), 500)
    freeze_start_up()  # as desktop.ui.app.run does once the tabs are built: the collector's pauses are the app's

    def held() -> bool:  # panes a reprice put off painting (StaggeredPaint, before 2026-12-02): a baseline run
        painter = getattr(tab, "paint_later", None)
        return painter is not None and bool(painter._held)

    def busy() -> bool:
        return (
            runner.running()
            or tab.check_timer.isActive()
            or held()
            or customers.create_vehicle._filter_timer.isActive()
        )

    edits = Edits(probe, busy)
    if timed is not None:
        timed.turn = lambda: len(probe.gaps)
    edits.idle_tick_us = idle_tick_us(probe)
    baseline = idle_baseline(probe)

    painted = QTimer()  # a zero-ms timer runs after the turn's posted events, its paint among them
    painted.setSingleShot(True)
    painted.setInterval(0)

    def on_painted() -> None:
        if held():
            painted.start()
        elif not edits.painted_at:
            edits.painted_at = time.perf_counter()

    painted.timeout.connect(on_painted)
    tab.priced.connect(painted.start)
    rng = random.Random(7)
    profiler = cProfile.Profile() if args.profile else None
    plan = pricing_plan(tab, rng, args.edits, vins)
    for kind, action in plan:
        done = partial(answered, counts, dict(counts), tab)
        if args.from_tab:
            window.tabs.setCurrentWidget(window.tab_widgets[args.from_tab])
            wait(lambda: not busy() and not runner.running(), QUIET_MS)
            action = partial(shown_then, window, tab, action)
        profiling = profiler is not None and args.profile == kind
        if profiling:
            profiler.enable()
        if timed is not None:
            timed.on = args.events == kind
        edits.run(kind, action, done)
        if profiling:
            profiler.disable()
    window.tabs.setCurrentWidget(customers)
    wait(lambda: not runner.running(), 300)
    picker = customers.create_vehicle
    picker.vin_edit.edit.setFocus()
    for i in range(args.edits):
        word = WORDS[i % len(WORDS)]
        profiling = profiler is not None and args.profile == "picker"
        if profiling:
            profiler.enable()
        if timed is not None:
            timed.on = args.events == "picker"
        edits.run("picker: a word typed", lambda w=word: type_word(picker, w), lambda: True)
        if profiling:
            profiler.disable()
    probe.stop()
    report(edits, baseline, args)
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(50)
        print(out.getvalue())
    if timed is not None:
        timed.on = False
        n = sum(len(kept["worst"]) for kind, kept in edits.figures.items() if kind.startswith(args.events))
        print(f"GUI CPU by Qt event and receiver over the {n} edits of {args.events} (ms, excluding nested events)")
        for (what, receiver), (count, ms) in sorted(timed.spent.items(), key=lambda i: -i[1][1])[:40]:
            print(f"{ms:9.1f} {count:6d}  {what:<22} {receiver}")
        busiest = sorted(timed.by_turn, key=lambda t: -probe.cpu_us[t] if t < len(probe.cpu_us) else 0)[:6]
        for turn in busiest:
            events = timed.by_turn[turn]
            print(
                f"--- a turn of {probe.cpu_us[turn] / 1000:.1f} ms GUI CPU: {len(events)} events, "
                f"{sum(e[0] for e in events):.1f} ms in them; those over 0.2 ms:"
            )
            for ms, what, receiver in events:
                if ms > 0.1:
                    print(f"{ms:9.2f}  {what:<22} {receiver}")
    return 0


def timed_application() -> Any:
    """The QApplication, made here so that each event it delivers is timed (its own GUI CPU, without the events
    delivered inside it) when ``on``: which widgets' layouts and paints an edit costs."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication
    from shiboken6 import isValid

    class TimedApplication(QApplication):
        def __init__(self, argv: list[str]) -> None:
            super().__init__(argv)
            self.on = False
            self.spent: dict[tuple[str, str], list[float]] = {}
            self._inner: list[float] = []
            self.turn: Callable[[], int] = lambda: 0
            self.by_turn: dict[int, list[tuple[float, str, str]]] = {}

        def notify(self, receiver: QObject, event: QEvent) -> bool:
            if not self.on:
                return super().notify(receiver, event)
            self._inner.append(0.0)
            started = time.thread_time()
            try:
                return super().notify(receiver, event)
            finally:
                took = time.thread_time() - started
                nested = self._inner.pop()
                if self._inner:
                    self._inner[-1] += took
                if not isinstance(receiver, QObject):
                    name = ""
                else:  # the event may have deleted its receiver (an animation that finished)
                    name = receiver.objectName() if isValid(receiver) else "(deleted)"
                    if name.startswith("qt_scrollarea") and receiver.parent() is not None:  # whose: the area's
                        area = receiver.parent()
                        name += f" of {type(area).__name__} {area.objectName()}".rstrip()
                key = (event.type().name, f"{type(receiver).__name__}{' ' + name if name else ''}")
                kept = self.spent.setdefault(key, [0, 0.0])
                kept[0] += 1
                kept[1] += (took - nested) * 1000
                self.by_turn.setdefault(self.turn(), []).append(((took - nested) * 1000, *key))

    return TimedApplication(sys.argv[:1])


def answered(counts: dict[str, int], before: dict[str, int], tab: Any) -> bool:
    """Repriced, and checked with the server unless nothing could be priced to check."""
    return counts["priced"] > before["priced"] and (counts["checked"] > before["checked"] or not tab.requests)


def pricing_plan(tab: Any, rng: random.Random, n: int, vins: list[str]) -> list[tuple[str, Callable[[], None]]]:
    """``n`` edits of each kind, interleaved, each to a value other than the one on the desk then; a vehicle is
    picked as from the list (the soak's drive picks one in a fifth of its pricing edits)."""
    msrp = int(tab.vehicle["msrp"]) if tab.vehicle and tab.vehicle.get("msrp") else 35_000
    prices = [str(msrp - d) for d in (0, 250, 500, 1000, 1500, 2000)]
    cashes = ["0", "500", "1000", "2500", "4000"]
    terms = [36, 48, 60, 72]
    offer = tab.deals["finance"].offer if tab.deals.get("finance") else None
    buy, top = (offer.buy_rate, offer.max_sell_rate) if offer is not None else (Decimal(5), Decimal(7))
    rates = ["", *(f"{min(buy + step, top):f}" for step in (Decimal(0), Decimal("0.25"), Decimal("0.5")))]
    codes = [p.code for p in tab.products.products[:3]]
    state = {"price": "", "cash": tab.customer_cash.text(), "rate": ""}

    def pick(values: list[Any], now: Any) -> Any:
        return rng.choice([v for v in values if v != now])

    def price() -> None:
        state["price"] = pick(prices, state["price"])
        tab.desking.selling_price.setText(state["price"])

    def cash() -> None:
        state["cash"] = pick(cashes, state["cash"])
        tab.customer_cash.setText(state["cash"])

    def term() -> None:
        tab.finance_term.setValue(pick(terms, tab.finance_term.value()))

    def rate() -> None:
        state["rate"] = pick(rates, state["rate"])
        tab.desking.sell_rate.setText(state["rate"])

    def product() -> None:
        code = rng.choice(codes)
        tab.products.set_product(code, on=code not in tab.products.selected)

    def vehicle() -> None:
        now = tab.vehicle.get("vin") if tab.vehicle else None
        tab.choose_vehicle(pick(vins, now))

    actions = dict(zip(KINDS, (price, cash, term, rate, product, vehicle), strict=True))
    return [(kind, actions[kind]) for _ in range(n) for kind in KINDS]


def shown_then(window: Any, tab: Any, action: Callable[[], None]) -> None:
    """Deal Pricing shown in this turn, the edit in the next: a click on the tab, then a key."""
    from PySide6.QtCore import QTimer

    window.tabs.setCurrentWidget(tab)
    QTimer.singleShot(0, action)


def type_word(picker: Any, word: str) -> None:
    from PySide6.QtTest import QTest

    edit = picker.vin_edit.edit
    edit.clear()
    QTest.keyClicks(edit, word)


def idle_tick_us(probe: Any) -> float:
    """The median CPU of one tick of the idle loop (the probe's own work), subtracted from an edit's sum."""
    from PySide6.QtCore import QEventLoop, QTimer

    first = len(probe.gaps)
    loop = QEventLoop()
    QTimer.singleShot(500, loop.quit)
    loop.exec()
    return float(median(probe.cpu_us[first + 1 :] or [0]))


def report(edits: Edits, baseline: float, args: argparse.Namespace) -> None:
    print(
        f"Deal Pricing edits and picker words in the real window ({args.window}), {args.size:,} vehicles cached, "
        f"{args.edits} of each, load {os.getloadavg()[0]:.1f}"
    )
    print(HEADER)
    print(row("idle event loop, worst 5 ms tick (GUI CPU ms)", f"{baseline:.2f}", "—", "—", "", None))
    for kind, kept in edits.figures.items():
        worst = kept["worst"]
        top = max(worst)
        wall = kept["wall"]
        wall_text = f"; to painted: median {median(wall):.0f}, worst {max(wall):.0f} ms wall" if wall else ""
        print(
            frame_row(
                f"{kind}: busiest turn, GUI CPU ms (median {median(worst):.1f}; its own turn median "
                f"{median(kept['own']):.1f}, worst {max(kept['own']):.1f}; all its turns median "
                f"{median(kept['total']):.1f}, worst {max(kept['total']):.1f}{wall_text})",
                top,
                baseline,
                FRAME_MS,
            )
        )


if __name__ == "__main__":
    raise SystemExit(main())
