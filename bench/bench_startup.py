"""Start of ``dealer-desk`` to its first painted window, against a bare PySide6 QMainWindow script.

    python bench/bench_startup.py [--runs 7]

Both run offscreen in a fresh process each time, timed from process start to the first paint event; the median
of the runs is compared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import HEADER, ROOT, row

BARE = """
import os, sys, time
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMainWindow
class W(QMainWindow):
    def event(self, e):
        r = super().event(e)
        if e.type() == QEvent.Type.Paint:
            os._exit(0)
        return r
app = QApplication(sys.argv)
w = W(); w.setWindowTitle("bare"); w.resize(1280, 800); w.show()
app.exec()
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DEALER_DESK_EXIT_AFTER_PAINT="1", DEALER_DESK_HOME=home)
        app_cmd = [sys.executable, "-m", "desktop.cli"]
        bare_cmd = [sys.executable, "-c", BARE]
        timed(app_cmd, env)  # first start creates the data folders; not what a user waits for every day
        bare, ours = [], []
        for _ in range(args.runs):
            bare.append(timed(bare_cmd, env))
            ours.append(timed(app_cmd, env))
    b, o = statistics.median(bare), statistics.median(ours)
    print(HEADER)
    print(
        row(
            "start to first painted window (s, median)",
            f"{o:.3f}",
            f"bare QMainWindow {b:.3f}",
            f"{o / b:.2f}×",
            "≤ 1.5×",
            o / b <= 1.5,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
