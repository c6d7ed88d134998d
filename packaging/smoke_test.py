"""Smoke test of the frozen build: start it offscreen on its embedded sandbox, open every tab, expect exit 0.

    .venv/bin/python packaging/smoke_test.py [path/to/dist/dealer-desk/dealer-desk]

The app runs with DEALER_DESK_SMOKE=1 (see desktop/ui/smoke.py) in a fresh temporary DEALER_DESK_HOME, so the
sandbox seeds its demo data from scratch, as on a dealership's first start. Also checks that the bundled
command line answers (``dealer-desk --help``). Exit 0 when both pass.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = "dealer-desk.exe" if os.name == "nt" else "dealer-desk"
DEFAULT = ROOT / "dist" / "dealer-desk" / EXE
TIMEOUT = 180  # the app itself gives up (exit 2) after 120 s


def main() -> int:
    exe = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not exe.exists():
        print(f"smoke test: {exe} does not exist; build first: python3 dev.py package", file=sys.stderr)
        return 2
    # S603: the command is our own build, named by the developer who runs this
    help_run = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=60, check=False)  # noqa: S603
    if help_run.returncode != 0 or "sandbox" not in help_run.stdout:
        print(f"smoke test: `{exe.name} --help` failed ({help_run.returncode}):\n{help_run.stderr}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="dealer-desk-smoke-") as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DEALER_DESK_SMOKE="1", DEALER_DESK_HOME=home)
        started = time.perf_counter()
        try:
            run = subprocess.run(  # noqa: S603
                [str(exe)], env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired:
            print(f"smoke test: the app did not exit within {TIMEOUT} s", file=sys.stderr)
            return 1
        elapsed = time.perf_counter() - started
    lines = [line for line in run.stdout.splitlines() if line.startswith("smoke:")]
    print("\n".join(lines))
    noise = "This plugin does not support propagateSizeHints()"  # offscreen platform only
    errors = [line for line in run.stderr.splitlines() if line.strip() and noise not in line]
    if run.returncode != 0 or any("Traceback" in line for line in errors):
        print(f"smoke test FAILED: exit {run.returncode} after {elapsed:.1f} s", file=sys.stderr)
        print("\n".join(errors[-40:]), file=sys.stderr)
        return 1
    if errors:
        print("stderr (not fatal):\n" + "\n".join(errors[-20:]))
    print(f"smoke test passed: {exe} started, connected to its sandbox, opened every tab, exit 0 in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
