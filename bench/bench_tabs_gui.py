"""What a tab switch costs the GUI thread in the real window: the worst CPU in one event-loop turn, per tab shown.

    python bench/bench_tabs_gui.py [--size 100000] [--rounds 4] [--profile TITLE] [--stacks]

The soak's busiest GUI turns are tab switches (its report names each busy turn by the step before it). This bench
isolates them: the real MainWindow (1280x720, the application's style sheet) on the sandbox (its own process), with
``--size`` cached vehicles at hyundaidemo (as bench_rooftop_gui.py builds them), every tab shown once first; then
each round shows every tab from every other (in a shuffled order, the same every run), waiting for the window's work
to drain and a settle time after each. A switch's figure is the worst GUI-thread CPU (``time.thread_time``) of the
5 ms timer's gaps from the switch to the next one, so its deferred work (a pane painted a turn later, a list read in
the TaskRunner) is counted too. ``--profile TITLE`` prints the GUI thread's hottest functions (cProfile) over the
switches to that tab; ``--stacks`` the GUI thread's stack in the busiest turns (sampled past half a frame).

``--workers N`` runs N Python threads in the window's process, each busy all the time in pure Python, as TaskRunner
jobs preparing rows or building a picker's page are: the window's turns then wait for the interpreter lock at each
call from Qt into Python, and the report adds each switch's longest wall-clock gap beside its CPU.

``--documents N`` opens a customer with N documents in the Document Binder first (as the soak's Binder shows its
customer's uploads), so a switch there paints a customer's documents, not an empty binder.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import sys
import tempfile
import threading
from pathlib import Path
from statistics import median
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import HEADER, SandboxProcess, exit_without_teardown, frame_row, row
from bench.bench_pricing_gui import REAL_VEHICLES, idle_baseline
from bench.bench_rooftop_gui import cached_profile, wait

FRAME_MS = 16.0
BUSY_MS = 12.0
SETTLE_MS = 400
DPID = "hyundaidemo"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--profile", metavar="TITLE", help="profile the switches to this tab")
    parser.add_argument("--stacks", action="store_true", help="print the GUI thread's stack in the busiest turns")
    parser.add_argument("--workers", type=int, default=0, help="Python threads busy all the time beside the window")
    parser.add_argument("--documents", type=int, default=0, help="a customer with this many documents in the Binder")
    parser.add_argument(
        "--window",
        default="1280x720",
        help="the window's size; 'screen' leaves it as a first start sizes it (the soak)",
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sandbox = SandboxProcess(REAL_VEHICLES, "tabs-gui")
    code = 1
    try:
        with tempfile.TemporaryDirectory() as folder:
            os.environ["DEALER_DESK_HOME"] = str(Path(folder) / "home")
            code = run(args, sandbox, Path(folder))
    finally:
        sandbox.stop()
    exit_without_teardown(code)
    return code


def build_window(sandbox: SandboxProcess, size: int, window_size: str = "1280x720") -> tuple[Any, Any]:
    """The real window on the sandbox with ``size`` vehicles cached at DPID: (window, runner)."""
    from bench._gui import bench_window
    from desktop.ui.app import qt_environment, share_the_interpreter

    qt_environment()  # as the app sets it up (the raster engine's fills on the GUI thread alone)
    share_the_interpreter()
    app, paths, profile, _rooftops = cached_profile(sandbox.url, size, "T", lambda _dealers: [DPID])
    window, runner = bench_window(app, paths, profile, window_size)
    wait(lambda: window.inventory_tab is not None and window.workspace.connection is not None)
    window.rooftop.setCurrentIndex(window.rooftop.findData(DPID))
    return window, runner


def open_customer_with_documents(window: Any, url: str, folder: Path, count: int) -> None:
    """A customer of DPID with ``count`` documents (the upload bench's sample files, in turn), open in the Binder."""
    import shutil

    from bench.bench_upload_gui import AS_NAMED, SAMPLES, make_customer_with_documents

    named = folder / "documents"
    named.mkdir()
    samples = list(AS_NAMED.items())
    files = [
        Path(shutil.copy(SAMPLES / sample, named / f"{i}_{name}"))
        for i, (sample, name) in ((i, samples[i % len(samples)]) for i in range(count))
    ]
    customer = make_customer_with_documents(url, files)
    binder = window.tab_widgets["Document Binder"]
    binder.open_customer(customer)
    wait(lambda: binder.model.rowCount() >= count, 300)


def run(args: argparse.Namespace, sandbox: SandboxProcess, folder: Path) -> int:
    from bench._gui import StallProbe

    window, runner = build_window(sandbox, args.size, args.window)
    if args.documents:
        open_customer_with_documents(window, sandbox.url, folder, args.documents)
    probe = StallProbe(5, stack_after_ms=FRAME_MS / 2 if args.stacks else None, keep_stacks=6).start()
    titles = list(window.tab_widgets)

    def drained() -> bool:
        return not runner.running()

    def show(title: str) -> None:
        window.tabs.setCurrentWidget(window.tab_widgets[title])

    for title in [*titles, *titles]:  # every tab built and shown, its first reads done
        show(title)
        wait(drained, SETTLE_MS)
    baseline = idle_baseline(probe)
    probe.stacks.clear()
    stop_worker = threading.Event()
    for _ in range(args.workers):
        threading.Thread(target=busy, args=(stop_worker,), daemon=True).start()
    pairs = [(a, b) for a in titles for b in titles if a != b]
    rng = random.Random(7)
    worst: dict[str, list[float]] = {}
    walls: dict[str, list[float]] = {}
    profiler = cProfile.Profile() if args.profile else None
    for _ in range(args.rounds):
        rng.shuffle(pairs)
        for left, shown in pairs:
            show(left)
            wait(drained, SETTLE_MS)
            start = len(probe.gaps)
            profiling = profiler is not None and shown == args.profile
            if profiling:
                profiler.enable()
            show(shown)
            wait(drained, SETTLE_MS)
            if profiling:
                profiler.disable()
            worst.setdefault(shown, []).append(max(probe.cpu_us[start:], default=0) / 1000)
            walls.setdefault(shown, []).append(float(max(probe.gaps[start:], default=0)))
    stop_worker.set()
    probe.stop()
    report(worst, baseline, args)
    if args.workers:
        every = [v for values in walls.values() for v in values]
        for label, values in [*sorted(walls.items()), ("any tab", every)]:
            over = sum(1 for v in values if v > FRAME_MS)
            text = f"median {median(values):.0f}, {over} of {len(values)} over a frame"
            print(
                row(
                    f"switch to {label} beside {args.workers} busy thread(s), longest wall gap (ms; {text})",
                    f"{max(values):.0f}",
                    "5 ms timer",
                    "",
                    "",
                    None,
                )
            )
    for gap, _at, cpu_ms, stacks in probe.stacks if args.stacks else []:
        print(f"--- a {gap} ms turn, GUI thread CPU {cpu_ms:.1f} ms ---")
        for stack in stacks[:2]:
            print(stack)
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
        print(out.getvalue())
    return 0


def busy(stop: threading.Event) -> None:
    """Pure Python until ``stop``: a worker that wants the interpreter lock all the time, at a job's priority."""
    from desktop.services.priority import lower_this_thread

    lower_this_thread()  # as every TaskRunner job does: the window's thread takes a core first
    total = 0
    while not stop.is_set():
        total += sum(i * i for i in range(50))


def report(worst: dict[str, list[float]], baseline: float, args: argparse.Namespace) -> None:
    print(
        f"Tab switches in the real window ({args.window}), {args.size:,} vehicles cached, load {os.getloadavg()[0]:.1f}"
    )
    print(HEADER)
    print(row("idle event loop, worst 5 ms tick (GUI CPU ms)", f"{baseline:.2f}", "—", "—", "", None))
    every = [v for values in worst.values() for v in values]
    for label, values in [*sorted(worst.items()), ("any tab", every)]:
        top, busy = max(values), sum(1 for v in values if v > BUSY_MS)
        print(
            frame_row(
                f"switch to {label}, worst GUI-thread CPU in one turn (ms; median {median(values):.1f}, "
                f"{busy} of {len(values)} over {BUSY_MS:.0f} ms)",
                top,
                baseline,
                FRAME_MS,
            )
        )


if __name__ == "__main__":
    raise SystemExit(main())
