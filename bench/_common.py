"""Shared bits of the benchmarks: a sandbox in its own process, and a GUI-stall probe."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
BENCH_DATA = Path(os.environ.get("DEALER_DESK_BENCH_DATA", "/tmp/dealer-desk-bench"))
API_KEY = "sandbox-roadster-key"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_child(
    command: list[str],
    probe_url: str,
    what: str,
    *,
    seconds: float,
    headers: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
    poll_s: float = 0.2,
    background: bool = False,
) -> subprocess.Popen[bytes]:
    """``dealer-desk <command>`` in a child process, returned once ``probe_url`` answers.

    A server in its own process does not share the benchmark's GIL, so what is measured is the client. A child that
    exits, or does not answer within ``seconds``, is an error naming ``what`` (and is not left running).
    ``background`` runs it at the priority the app gives its built-in sandbox (``desktop.services.priority``).
    """
    from desktop.services.priority import BACKGROUND_NICE

    lowered = ["nice", "-n", str(BACKGROUND_NICE)] if background and shutil.which("nice") else []
    proc = subprocess.Popen(
        [*lowered, sys.executable, "-m", "desktop.cli", *command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + seconds
    while True:
        try:
            httpx.get(probe_url, headers=headers, timeout=1)
            return proc
        except httpx.HTTPError:
            if proc.poll() is not None:
                raise RuntimeError(f"{what} exited") from None
            if time.monotonic() > deadline:
                proc.kill()
                proc.wait(10)
                raise RuntimeError(f"{what} did not start") from None
            time.sleep(poll_s)


class SandboxProcess:
    """``dealer-desk sandbox`` in a child process, with ``inventory_size`` vehicles a rooftop in a reused folder."""

    def __init__(self, inventory_size: int, name: str, *, background: bool = False) -> None:
        self.port = free_port()
        self.data_dir = BENCH_DATA / f"{name}-{inventory_size}"
        self.url = f"http://127.0.0.1:{self.port}"
        command = ["sandbox", "--port", str(self.port), "--data-dir", str(self.data_dir)]
        self.proc = start_child(
            [*command, "--inventory-size", str(inventory_size)],
            self.url + "/v1/dealers",
            "sandbox",
            seconds=900,
            headers={"Authorization": f"Bearer {API_KEY}"},
            background=background,
        )

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def row(figure: str, value: str, baseline: str, ratio: str, target: str, ok: bool | None) -> str:
    verdict = "" if ok is None else ("PASS" if ok else "MISS")
    return f"| {figure} | {value} | {baseline} | {ratio} | {target} | {verdict} |"


def frame_row(figure: str, worst_ms: float, idle_tick_ms: float, frame_ms: float = 16.0) -> str:
    """The row of a GUI turn's worst CPU against one frame, beside the idle event loop's tick measured in the run."""
    return row(
        figure,
        f"{worst_ms:.1f}",
        f"idle tick {idle_tick_ms:.2f} ms",
        f"{worst_ms / frame_ms:.2f}× a frame",
        f"≤ {frame_ms:.0f} ms",
        worst_ms <= frame_ms,
    )


def gap_row(during: str, gap_ms: float) -> str:
    """The row of the longest gap of a 10 ms timer on the GUI thread (a :class:`~bench._gui.StallProbe`)."""
    return row(
        f"longest GUI event-loop gap during {during} (ms)",
        f"{gap_ms:.0f}",
        "10 ms timer",
        f"{gap_ms / 10:.1f}×",
        "≤ 50 ms",
        gap_ms <= 50,
    )


def exit_without_teardown(code: int) -> None:
    """Leave with ``code`` once the figures are out, skipping the interpreter's teardown.

    After a long run PySide can crash while the interpreter tears down Qt objects made outside a QApplication's
    lifetime ("bool_dealloc"); the figures are printed by then, and the crash would only hide the exit code.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def run_on_sandbox(inventory_size: int, name: str, run: Callable[[SandboxProcess, Path], int]) -> int:
    """``run(sandbox, folder)`` against a :class:`SandboxProcess`, the app's home in the temporary ``folder``; then
    the sandbox stopped and the process left with ``run``'s code (see :func:`exit_without_teardown`)."""
    sandbox = SandboxProcess(inventory_size, name)
    code = 1
    try:
        with tempfile.TemporaryDirectory() as folder:
            os.environ["DEALER_DESK_HOME"] = str(Path(folder) / "home")
            code = run(sandbox, Path(folder))
    finally:
        sandbox.stop()
    exit_without_teardown(code)
    return code


HEADER = "| figure | value | baseline (same run) | ratio | target | |\n|---|---|---|---|---|---|"


def cached_vehicle(i: int, prefix: str = "KMH", stock: str = "H", *, in_stock: bool = True) -> dict[str, object]:
    """A synthetic Hyundai for the inventory cache (``prefix`` + 14 digits is its VIN), as the benches fill it."""
    return {
        "vin": f"{prefix}{i:014d}",
        "stock_number": f"{stock}{i:06d}",
        "year": 2026,
        "make": "Hyundai",
        "model": ("Elantra", "Tucson", "Santa Fe", "Ioniq 5")[i % 4],
        "trim": ("SE", "SEL", "Limited")[i % 3],
        "body": "SUV",
        "exterior_color": {"label": "Ultimate Red", "rgb": "9B1B1E"},
        "msrp": 30000.0 + i % 9000,
        "in_stock": in_stock,
        "updated_at": 1_700_000_000 + i,
    }
