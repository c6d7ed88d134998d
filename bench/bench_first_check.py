"""How long the first upload check of a session takes in the real window: with the document workers started once the
window's start-up is over (as the app does), or left to start at that first check (``--lazy``, as before).

    python bench/bench_first_check.py [--lazy] [--settle 5]

The real MainWindow on the sandbox (its own process). Once the tabs are built and the profile connected, the bench
waits ``--settle`` seconds (a user reaching the Document Binder and choosing a customer), then drops one real file
(``../shared/sample-pdfs/``, a 4-page PDF) on the Binder and measures, in wall time, how long the upload dialog says
"Checking…": from the drop until its check is back. A second drop is the warm reference. The longest gap of a 5 ms
timer on the GUI thread from the window ready until the first check is back says whether the workers' start (the
warm-up, or the check's) held the window. Each run is one process, so one first check: run it several times,
alternating ``--lazy``, on a machine doing the same other work.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import HEADER, SandboxProcess, row, run_on_sandbox
from bench.bench_rooftop_gui import wait
from bench.bench_upload_gui import DPID, SAMPLES, make_customer_with_documents

SAMPLE = "004-pdflatex-4-pages_pdflatex-4-pages.pdf"
VEHICLES = 300  # a rooftop: the bench is about the workers, not the lists


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lazy", action="store_true", help="leave the workers to the first check (as before)")
    parser.add_argument("--settle", type=float, default=5.0, help="seconds from the window ready to the drop")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.lazy:
        os.environ["DEALER_DESK_LAZY_WORKERS"] = "1"  # desktop.ui.main_window.LAZY_WORKERS
    return run_on_sandbox(VEHICLES, "first-check", lambda sandbox, folder: run(args, sandbox, folder))


def run(args: argparse.Namespace, sandbox: SandboxProcess, folder: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from bench._gui import StallProbe, bench_window
    from desktop.config import AppPaths, Profile
    from desktop.services.doc_worker.pool import shared_workers

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    paths = AppPaths.default()
    paths.data.mkdir(parents=True, exist_ok=True)
    profile = Profile("Bench", "remote", sandbox.url + "/v1", sandbox.url)
    customer = make_customer_with_documents(sandbox.url, [])
    window, runner = bench_window(app, paths, profile)
    wait(lambda: len(window.tab_widgets) == 7 and window.workspace.connection is not None)
    ready = time.monotonic()
    probe = StallProbe(5).start()  # the event loop's longest gap while the workers start (warm-up or first check)
    window.rooftop.setCurrentIndex(window.rooftop.findData(DPID))
    tab = window.tab_widgets["Document Binder"]
    window.tabs.setCurrentWidget(tab)
    wait(lambda: tab.binder is not None)
    tab.open_customer(customer)
    wait(lambda: not runner.running() and time.monotonic() - ready >= args.settle)
    pool = shared_workers()
    running_before = len(pool.pids())
    checks = []
    for i in range(2):
        dropped = Path(shutil.copy(SAMPLES / SAMPLE, folder / f"buyers_order_{i}.pdf"))
        started_before = pool.stats.started
        began = time.monotonic()
        tab.add_files([dropped])
        dialog = tab.upload_dialog
        assert dialog is not None
        wait(lambda dialog=dialog: dialog.checks_running() == 0)
        checks.append(((time.monotonic() - began) * 1000, pool.stats.started - started_before))
        if i == 0:
            probe.stop()
        dialog.reject()
    mode = "lazy (started by the first check)" if args.lazy else "started after the start-up"
    print(f"First upload check, workers {mode}, drop {args.settle:g} s after ready, load {os.getloadavg()[0]:.1f}")
    print(HEADER)
    print(row("workers running at the drop", str(running_before), "", "", "", None))
    (first, spawned), (second, _spawned) = checks
    ratio = f"{first / second:.1f}× the second" if second else ""
    print(row("first check, drop to checked (wall ms)", f"{first:.0f}", f"second {second:.0f}", ratio, "", None))
    print(row("workers started by the first check", str(spawned), "", "", "0", spawned == 0))
    gap = max(probe.gaps, default=0)
    print(row("longest event-loop gap, ready to first check done (ms)", str(gap), "5 ms timer", "", "", None))
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
