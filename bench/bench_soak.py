"""Soak: the real window driven for minutes on the sandbox with 100,000 vehicles; crashes, leaks and stalls.

    python bench/bench_soak.py [--minutes 10] [--size 100000]

The sandbox and a webhook receiver run in their own processes, and so does the window: a crash (a signal, a fatal
Python error) is then a row of the report, not the end of it. The window syncs hyundaidemo's inventory through the
Inventory tab, then does one thing a person does every STEP_MS: switch tabs, page and filter the inventory, switch
rooftops, pick vehicles and edit Deal Pricing fields (one edit a step), filter a Customers vehicle picker, and every
UPLOAD_EVERY_S upload a document in the Binder; the Customers tab polls the timeline while this process posts
customer events to the receiver. A 30 s lap of this comes first; then, back on hyundaidemo with its table loaded,
the start figures are taken, the drive runs ``--minutes``, and the end figures are taken back in the same state.

Reported: the longest GUI stall after the first sync (the gap of a 5 ms timer), open file descriptors, threads and
resident memory at the start and the end, the reference counts of None and True, the machine's load (stalls on a
shared machine are partly other processes'), and whether the window crashed.

Two kinds of evidence for the stalls go to stderr. The gaps in which the GUI thread itself computed longest, with
its Python stack sampled during them. And the LONGEST WALL-CLOCK gaps of the drive (``bench/_wallgaps.py``), whatever
filled them, each with: the GUI thread's CPU time in it; every thread's Python stacks sampled every few ms while it
was open (what the GUI thread sat in, and who ran meanwhile); the system call the GUI thread's OS thread sat in at
each sample (``fdatasync``, ``futex`` -- a lock or the interpreter lock -- or ``running``: a stack that stops at
``app.exec()`` is C++ code); the sampler's own lateness (it needs the interpreter lock: a late sample means some
thread held it); each OS thread's run time and time waiting for a core across the gap; the machine's busy and stolen
share. The table has one row per such gap (GUI CPU, core wait, where the GUI thread sat, the busiest other thread)
and the cyclic collector's pauses during the drive, by generation.
Reading them: a GUI thread in a system call with little CPU was blocked (I/O, a lock); little CPU, no system call
and a worker running was waiting for the interpreter lock; a large core wait is the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from bench._common import API_KEY, HEADER, ROOT, SandboxProcess, free_port, row, start_child

DPID = "hyundaidemo"
WEBHOOK_KEY = "soak-webhook-key"
STEP_MS = 250
UPLOAD_EVERY_S = 60
SAMPLE_EVERY_MS = 10_000
EVENT_EVERY_S = 10
WARMUP_MS = 30_000  # a lap of the drive before the start figures: first visits and lazily opened stores
SETTLE_MS = 5_000  # back on the first rooftop with its table loaded, before figures are taken
STALL_TARGET_MS = 16
WALL_GAPS_KEPT = 8


# --- the parent: servers, the event sender, the window's process, the report ------------------------------------


class Receiver:
    """``dealer-desk webhooks serve`` in a child process, registered with the sandbox as its webhook."""

    def __init__(self, folder: Path, sandbox_url: str) -> None:
        self.url = f"http://127.0.0.1:{free_port()}"
        port = self.url.rsplit(":", 1)[1]
        serve = ["webhooks", "serve", "--data-dir", str(folder), "--port", port, "--api-key", WEBHOOK_KEY]
        self.proc = start_child(serve, self.url + "/", "the webhook receiver", seconds=60)
        httpx.post(
            sandbox_url + "/sandbox/webhook",
            json={"url": self.url + "/roadster/events", "api_key": WEBHOOK_KEY},
            headers={"Authorization": f"Bearer {API_KEY}"},
            timeout=10,
        ).raise_for_status()

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def make_customer(sandbox_url: str) -> int:
    body = {
        "customer": {"first_name": "Sam", "last_name": "Soak", "email": f"soak.{time.time_ns()}@example.com"},
        "dealer": {"dpid": DPID},
    }
    answer = httpx.post(
        sandbox_url + "/v1/customers", json=body, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=30
    )
    answer.raise_for_status()
    return int(answer.json()["customer"]["id"])


def send_events(receiver_url: str, customer: int, stop: threading.Event, sent: list[int]) -> None:
    """A customer event every EVENT_EVERY_S, as Roadster sends them, for the Customers tab's poll to find."""
    with httpx.Client(timeout=30) as client:
        n = 0
        while not stop.wait(EVENT_EVERY_S):
            n += 1
            event = {
                "event_type": "customer_requested_price",
                "event_id": f"soak-{n}-{time.time_ns()}",
                "event_time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "api_partner": {"name": "Dealer Desk", "customer_id": str(customer)},
                "customer": {"id": customer, "email": "soak@example.com", "first_name": "Sam"},
                "dealer": {"dpid": DPID, "name": "Hyundai Demo"},
                "vehicle": {"vin": "KMHLM4AG5PU000001", "make": "Hyundai", "model": "Elantra", "year": 2023},
            }
            answer = client.post(
                receiver_url + "/roadster/events", json=event, headers={"Authorization": f"Bearer {WEBHOOK_KEY}"}
            )
            if answer.status_code == 200:
                sent.append(n)


def blank_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    with path.open("wb") as f:
        writer.write(f)


def crash_words(code: int, stderr: str) -> str:
    if code < 0:
        return f"killed by {signal.Signals(-code).name}"
    fatal = [line for line in stderr.splitlines() if "Fatal Python error" in line or "Segmentation" in line]
    return fatal[0][:120] if fatal else f"exit {code}"


def report(results: dict[str, Any], code: int, stderr: str, events_sent: int) -> None:
    crashed = code != 0
    start, end = results.get("start", {}), results.get("end", {})
    print(HEADER)
    print(row("crashed", crash_words(code, stderr) if crashed else "no", "—", "—", "no crash", not crashed))
    if not start or not end:
        print(row("window did not reach the end of the drive", results.get("error", "no results"), "", "", "", False))
        return
    minutes = results["drive_ms"] / 60_000
    stall = results["longest_stall_ms"]
    print(
        row(
            f"longest GUI stall after the first sync, {minutes:.1f} min drive (ms)",
            f"{stall:.0f}",
            "5 ms timer",
            f"{stall / STALL_TARGET_MS:.1f}× a frame",
            f"≤ {STALL_TARGET_MS} ms",
            stall <= STALL_TARGET_MS,
        )
    )
    worst = ", ".join(f"{g} ms at {t / 1000:.0f} s" for g, t in results["worst"][:3])
    print(row("worst stalls after the first sync", worst, "", "", "", None))
    cpu_ms, gap_ms, at_ms = results["busiest"]
    print(
        row(
            "longest GUI-thread work in one gap after the first sync (CPU ms)",
            f"{cpu_ms:.0f}",
            f"in a {gap_ms} ms gap at {at_ms / 1000:.0f} s",
            f"{cpu_ms / STALL_TARGET_MS:.1f}× a frame",
            f"≤ {STALL_TARGET_MS} ms",
            cpu_ms <= STALL_TARGET_MS,
        )
    )
    for gap in results.get("wall_gaps", [])[:WALL_GAPS_KEPT]:
        print(
            row(
                f"wall gap of {gap['gap_ms']} ms at {gap['at_s']:.0f} s: what filled it",
                f"GUI CPU {gap['gui_cpu_ms']} ms, core wait {gap['gui_core_wait_ms']} ms; "
                f"GUI thread mostly in {gap.get('gui_in') or '?'}; sampler {gap['sampler_late_ms']} ms late; "
                f"busiest other thread: {gap['busiest_other'] or 'none'}",
                f"machine {gap['machine_busy']:.0%} busy, {gap.get('machine_stolen', 0):.0%} stolen",
                "",
                "",
                None,
            )
        )
    pauses = results.get("gc_pauses", {})
    if pauses:
        shown = "; ".join(
            f"generation {g}: {int(n)} collections, longest {top:.0f} ms, total {total:.0f} ms"
            for g, (n, top, total) in sorted(pauses.items())
        )
        print(row("cyclic collections during the drive", shown, "", "", "", None))
    over, ticks = results["over_frame"], max(results["ticks"], 1)
    print(row(f"gaps over {STALL_TARGET_MS} ms during the drive", f"{over:,} of {ticks:,} ticks", "", "", "", None))
    load = f"{start['load']:.1f} at the start, {end['load']:.1f} at the end ({os.cpu_count()} cores)"
    print(row("machine load average (1 min)", load, "", "", "", None))
    for key, label in (("fds", "open file descriptors"), ("threads", "threads (OS)")):
        print(
            row(
                f"{label}, start → end (max)",
                f"{start[key]} → {end[key]} ({results['max'][key]})",
                f"start {start[key]}",
                f"{end[key] - start[key]:+d}",
                "flat",
                end[key] <= start[key],
            )
        )
    growth = end["rss_mb"] / start["rss_mb"] - 1
    print(
        row(
            "resident memory, start → end (MB)",
            f"{start['rss_mb']:.0f} → {end['rss_mb']:.0f} (max {results['max']['rss_mb']:.0f})",
            f"start {start['rss_mb']:.0f}",
            f"{growth:+.1%}",
            "< +10 %",
            growth < 0.10,
        )
    )
    series = results["rss_series"]
    every = max(1, len(series) // 10)
    shown = " ".join(map(str, series[::every]))
    print(row(f"resident memory every {every * SAMPLE_EVERY_MS // 1000} s of the drive (MB)", shown, "", "", "", None))
    for key in ("none_refs", "true_refs"):
        name = "None" if key == "none_refs" else "True"
        print(
            row(
                f"sys.getrefcount({name}), start → end",
                f"{start[key]:,} → {end[key]:,}",
                "—",
                f"{end[key] - start[key]:+,}",
                "no steady fall",
                None,
            )
        )
    opened = Counter(end["fd_targets"].values()) - Counter(start["fd_targets"].values())
    if opened:
        more = "; ".join(f"{target} +{n}" for target, n in sorted(opened.items()))
        print(row("descriptors open at the end, more than at the start", more[:400], "", "", "", None))
    steps = ", ".join(f"{k} {v}" for k, v in sorted(results["steps"].items()))
    first_sync = results["first_sync_ms"] / 1000
    print(row("what the drive did", f"{steps}; {events_sent} events posted", "", "", "", None))
    print(row("first sync of the rooftop, to the loaded table (s)", f"{first_sync:.1f}", "", "", "", None))
    if results["errors"]:
        print(row("errors the window showed", "; ".join(results["errors"][:3])[:300], "", "", "none", False))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="1 minute on 10,000 vehicles")
    parser.add_argument(
        "--trace-memory",
        action="store_true",
        help="trace allocations during the drive (slower) and print what grew, by line and by type, to stderr",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.minutes, args.size = 1.0, 10_000
    if args.child is not None:
        return drive(json.loads(args.child.read_text()))

    sandbox = SandboxProcess(args.size, "soak")
    stop_events = threading.Event()
    sent: list[int] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            receiver = Receiver(folder / "receiver", sandbox.url)
            try:
                customer = make_customer(sandbox.url)
                pdf = folder / "buyers_order.pdf"
                blank_pdf(pdf)
                config = {
                    "sandbox_url": sandbox.url,
                    "receiver_url": receiver.url,
                    "customer": customer,
                    "minutes": args.minutes,
                    "size": args.size,
                    "pdf": str(pdf),
                    "results": str(folder / "results.json"),
                    "trace_memory": args.trace_memory,
                }
                (folder / "config.json").write_text(json.dumps(config))
                sender = threading.Thread(target=send_events, args=(receiver.url, customer, stop_events, sent))
                sender.start()
                env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DEALER_DESK_HOME=str(folder / "home"))
                child = subprocess.run(
                    [sys.executable, __file__, "--child", str(folder / "config.json")],
                    cwd=ROOT,
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=args.minutes * 60 + 900,
                    check=False,
                )
                stop_events.set()
                sender.join()
                sys.stderr.write(child.stderr)
                results_file = folder / "results.json"
                results = json.loads(results_file.read_text()) if results_file.exists() else {}
                report(results, child.returncode, child.stderr, len(sent))
            finally:
                stop_events.set()
                receiver.stop()
    finally:
        sandbox.stop()
    return 0


# --- the child: the real window, driven --------------------------------------------------------------------------


def snapshot() -> dict[str, Any]:
    """What must stay flat: descriptors, OS threads, resident memory, and the refcounts a Qt defect lowers; and
    the machine's load, which the stalls depend on."""
    status = Path("/proc/self/status").read_text()
    rss_kb = int(status.split("VmRSS:", 1)[1].split()[0])
    targets = {}
    for fd in os.listdir("/proc/self/fd"):
        try:
            targets[fd] = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue  # the listing's own descriptor, closed already
    return {
        "fds": len(targets),
        "fd_targets": targets,
        "threads": len(os.listdir("/proc/self/task")),
        "rss_mb": rss_kb / 1024,
        "none_refs": sys.getrefcount(None),
        "true_refs": sys.getrefcount(True),
        "load": os.getloadavg()[0],
    }


def drive(config: dict[str, Any]) -> int:
    from keyring.backends import fail
    from PySide6.QtWidgets import QApplication

    from bench._gui import StallProbe
    from bench._wallgaps import WallGapRecorder
    from desktop.composition import connect
    from desktop.config import KEY_CHAIZ, KEY_ROADSTER, KEY_WEBHOOK, AppPaths, Profile, Settings, default_profiles
    from desktop.sandbox.config import DEFAULT_CHAIZ_TOKEN
    from desktop.secrets import SecretStore
    from desktop.ui.app import qt_environment
    from desktop.ui.main_window import MainWindow
    from desktop.ui.style import STYLE
    from desktop.ui.tasks import TaskRunner

    qt_environment()  # as the app sets it up
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    paths = AppPaths.default()
    url = config["sandbox_url"]
    profile = Profile("Soak", "remote", url + "/v1", url, config["receiver_url"])
    settings = Settings([default_profiles()[0], profile], active="Soak")
    secrets = SecretStore(fail.Keyring())  # memory only: the bench never touches a real keyring
    for name, value in ((KEY_ROADSTER, API_KEY), (KEY_CHAIZ, DEFAULT_CHAIZ_TOKEN), (KEY_WEBHOOK, WEBHOOK_KEY)):
        secrets.set(profile.name, name, value)

    probe = StallProbe(5, stack_after_ms=STALL_TARGET_MS).start()
    walls = WallGapRecorder(lambda: probe._tick_ns, probe.now_ms, after_ms=STALL_TARGET_MS, keep=WALL_GAPS_KEPT)
    walls.start()
    pauses = CollectorPauses().start()
    runner = TaskRunner(app)
    window = MainWindow(paths, settings, runner, lambda: secrets, connect)
    window.first_paint.connect(lambda: app.setStyleSheet(STYLE))
    driver = Driver(app, window, probe, walls, config)
    window.show()
    app.exec()
    probe.stop()
    walls.stop()
    pauses.stop()
    results = driver.results()
    results["gc_pauses"] = pauses.longest(driver.first_sync_at, driver.drive_ended or None, probe.now_ms() - time_ms())
    results["wall_gaps"] = walls.summary(driver.first_sync_at, driver.drive_ended or None)
    results["wall_gaps_counted"] = walls.counted
    Path(config["results"]).write_text(json.dumps(results))
    for gap, at, cpu_ms, stacks in probe.stacks:
        if at > driver.first_sync_at:
            print(
                f"--- stall of {gap} ms ending at {at / 1000:.1f} s, GUI thread CPU {cpu_ms:.0f} ms ---",
                file=sys.stderr,
            )
            for stack in stacks[:2]:
                print(stack, file=sys.stderr)
    print("--- the longest wall-clock gaps after the first sync, with every thread's stacks ---", file=sys.stderr)
    walls.print(sys.stderr, driver.first_sync_at, driver.drive_ended or None)
    return 0


def time_ms() -> float:
    return time.monotonic() * 1000


class CollectorPauses:
    """Each cyclic collection in the window's process, by generation: how long it held the thread that ran it."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float, float]] = []  # (generation, ms, ended at: time_ms())
        self._began = 0.0

    def start(self) -> CollectorPauses:
        import gc

        gc.callbacks.append(self._on_gc)
        return self

    def stop(self) -> None:
        import gc

        gc.callbacks.remove(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time_ms()
        else:
            now = time_ms()
            self.pauses.append((info["generation"], now - self._began, now))

    def longest(self, since_ms: float, until_ms: float | None, offset_ms: float) -> dict[str, list[float]]:
        """Per generation: [collections, longest ms, total ms] in the drive (probe clock = time_ms() + offset)."""
        end = until_ms if until_ms is not None else float("inf")
        found: dict[str, list[float]] = {}
        for generation, ms, at in self.pauses:
            if since_ms < at + offset_ms <= end:
                entry = found.setdefault(str(generation), [0, 0.0, 0.0])
                entry[0] += 1
                entry[1] = max(entry[1], ms)
                entry[2] += ms
        return found


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


class Driver:
    """Does what a person at the desk does, one step every STEP_MS, from timers on the event loop."""

    def __init__(self, app: Any, window: Any, probe: Any, walls: Any, config: dict[str, Any]) -> None:
        import random

        from PySide6.QtCore import QTimer

        self.app, self.window, self.probe, self.walls, self.config = app, window, probe, walls, config
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
        self.error = ""
        self._state = "starting"
        self._last_upload = 0.0
        self._rooftops = 0
        self.timer = QTimer()
        self.timer.setInterval(STEP_MS)
        self.timer.timeout.connect(self._on_step)
        self.timer.start()
        self.sampler = QTimer()
        self.sampler.setInterval(SAMPLE_EVERY_MS)
        self.sampler.timeout.connect(self._on_sample)
        self._home_then: Any = None
        self.growth: MemoryGrowth | None = None
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
        if self.config.get("trace_memory"):
            self.growth = MemoryGrowth()
        self.start = snapshot()
        self.max = dict(self.start)
        self.drive_started = self.probe.now_ms()
        self._state = "driving"
        self.sampler.start()
        self._after(int(self.config["minutes"] * 60_000), self._on_deadline)

    def _on_deadline(self) -> None:
        self.drive_ended = self.probe.now_ms()
        self.walls.keep_until_ms = self.drive_ended
        self._go_home(self._on_done)

    def _on_done(self) -> None:
        self.timer.stop()
        self.sampler.stop()
        self.end = snapshot()
        self._on_sample()
        if self.growth is not None:
            self.growth.report(sys.stderr)
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

    def _on_sample(self) -> None:
        now = snapshot()
        self.rss_series.append(round(now["rss_mb"]))
        for key in ("fds", "threads", "rss_mb"):
            self.max[key] = max(self.max.get(key, 0), now[key])

    def _on_status(self, text: str) -> None:
        if self._state == "driving" and text and any(w in text.lower() for w in ("could not", "failed", "error")):
            self.errors.append(text)

    # one step of the drive
    def _act(self) -> None:
        if time.monotonic() - self._last_upload >= UPLOAD_EVERY_S:
            self._last_upload = time.monotonic()
            self._count("upload")
            self._upload()
            return
        kind = self.rng.choices(("tab", "page", "rooftop", "pricing", "picker"), weights=(3, 3, 1, 4, 1))[0]
        self._count(kind)
        getattr(self, f"_{kind}")()

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
        from PySide6.QtTest import QTest

        tab = self._show("Customers")
        edit = tab.create_vehicle.vin_edit.edit
        edit.clear()
        QTest.keyClicks(edit, self.rng.choice(("kona", "tucson sel", "santa", "h-00")))

    def _upload(self) -> None:
        import shutil

        tab = self._show("Document Binder")
        if tab.customer_id != self.config["customer"]:
            tab.open_customer(self.config["customer"])
        copy = Path(self.config["pdf"]).with_name(f"buyers_order_{self.steps['upload']}.pdf")
        shutil.copy(self.config["pdf"], copy)
        tab.add_files([copy])
        if tab.upload_dialog is not None:
            tab.upload_dialog.accept()

    def results(self) -> dict[str, Any]:
        since = self.first_sync_at
        return {
            "error": self.error,
            "first_sync_ms": self.first_sync_at,
            "drive_ms": self.drive_ended - self.drive_started,
            "longest_stall_ms": self.probe.longest_after(since),
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
        }


if __name__ == "__main__":
    sys.exit(main())
