"""Shared bits of the benchmarks: a sandbox in its own process, and a GUI-stall probe."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
BENCH_DATA = Path(os.environ.get("DEALER_DESK_BENCH_DATA", "/tmp/dealer-desk-bench"))
API_KEY = "sandbox-roadster-key"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SandboxProcess:
    """``dealer-desk sandbox`` in a child process, so server and client do not share one GIL."""

    def __init__(self, inventory_size: int, name: str) -> None:
        self.port = free_port()
        self.data_dir = BENCH_DATA / f"{name}-{inventory_size}"
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "desktop.cli",
                "sandbox",
                "--port",
                str(self.port),
                "--data-dir",
                str(self.data_dir),
                "--inventory-size",
                str(inventory_size),
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/v1/dealers", headers={"Authorization": f"Bearer {API_KEY}"}, timeout=1)
                return
            except httpx.HTTPError:
                if self.proc.poll() is not None:
                    raise RuntimeError("sandbox process exited") from None
                time.sleep(0.2)
        raise RuntimeError("sandbox did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def row(figure: str, value: str, baseline: str, ratio: str, target: str, ok: bool | None) -> str:
    verdict = "" if ok is None else ("PASS" if ok else "MISS")
    return f"| {figure} | {value} | {baseline} | {ratio} | {target} | {verdict} |"


HEADER = "| figure | value | baseline (same run) | ratio | target | |\n|---|---|---|---|---|---|"
