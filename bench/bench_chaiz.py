"""Chaiz pre-registration of N VINs (default 1,000) at 1 s registration latency and concurrency 8, against the
ideal N / 8 s, run through the app's TaskRunner while a 10 ms timer watches the GUI event loop.

    python bench/bench_chaiz.py [--vins 1000] [--latency 1.0] [--concurrency 8]

The sandbox runs in its own process (``dealer-desk sandbox --chaiz-latency``), so server and client do not share
one GIL. The VINs are generated (valid check digits); Chaiz does not need them to be in an inventory.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from bench._common import API_KEY, BENCH_DATA, HEADER, exit_without_teardown, free_port, gap_row, row, start_child
from bench._gui import StallProbe
from desktop.api.chaiz.client import ChaizClient
from desktop.domain.vin import with_check_digit
from desktop.sandbox.config import DEFAULT_CHAIZ_TOKEN
from desktop.services.chaiz_registrar import ChaizRegistrar, RegistrationReport, VehicleToRegister
from desktop.store.chaiz_cache import ChaizCache


def start_sandbox(latency: float) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    data_dir = BENCH_DATA / f"chaiz-{time.time_ns()}"
    url = f"http://127.0.0.1:{port}"
    command = ["sandbox", "--port", str(port), "--data-dir", str(data_dir), "--inventory-size", "10"]
    proc = start_child(
        [*command, "--chaiz-latency", str(latency)],
        url + "/sandbox/chaiz/stats",
        "sandbox",
        seconds=300,
        headers={"Authorization": f"Bearer {API_KEY}"},
    )
    return proc, url


def generated_vins(count: int) -> list[VehicleToRegister]:
    return [VehicleToRegister(with_check_digit(f"5NMJB3DE0TH{n:06d}"), 10 + n % 50) for n in range(count)]


def register_via_runner(url: str, folder: Path, vehicles: list[VehicleToRegister], concurrency: int) -> tuple:
    """The registrar in the TaskRunner; returns (elapsed s, longest event-loop gap ms, report)."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    cache = ChaizCache(folder / "chaiz.sqlite3")
    client = ChaizClient(url, DEFAULT_CHAIZ_TOKEN)
    registrar = ChaizRegistrar(client, cache, concurrency=concurrency)
    probe = StallProbe().start()
    result: dict[str, object] = {}
    started = time.perf_counter()

    def finished(report: RegistrationReport) -> None:
        result["elapsed"] = time.perf_counter() - started
        result["report"] = report
        app.quit()

    def failed(exc: BaseException) -> None:
        result["error"] = exc
        app.quit()

    runner.submit_job(lambda control: registrar.run(vehicles, control), finished, failed, on_progress=lambda *a: None)
    app.exec()
    probe.stop()
    runner.wait_idle()
    client.close()
    cache.close()
    worst = probe.worst(3)
    print("longest gaps (ms at ms):", ", ".join(f"{g} at {t}" for g, t in worst), file=sys.stderr)
    if "error" in result:
        raise RuntimeError(result["error"])
    return float(result["elapsed"]), probe.longest_ms, result["report"]  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vins", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    proc, url = start_sandbox(args.latency)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            elapsed, gap_ms, report = register_via_runner(url, Path(tmp), generated_vins(args.vins), args.concurrency)
        stats = httpx.get(url + "/sandbox/chaiz/stats", headers={"Authorization": f"Bearer {API_KEY}"}).json()
    finally:
        proc.terminate()
        proc.wait(10)
    assert len(report.registered) == args.vins, report.summary()
    ideal = args.vins * args.latency / args.concurrency
    print(HEADER)
    print(
        row(
            f"pre-register {args.vins:,} VINs, {args.latency:g} s latency, concurrency {args.concurrency} (s)",
            f"{elapsed:.1f}",
            f"ideal {args.vins:,} × {args.latency:g} / {args.concurrency} = {ideal:.1f}",
            f"{elapsed / ideal:.2f}×",
            "≤ 1.3×",
            elapsed / ideal <= 1.3,
        )
    )
    print(
        row(
            "peak concurrent registrations at the sandbox",
            str(stats["peak_concurrent_registrations"]),
            f"limit {args.concurrency}",
            f"{stats['peak_concurrent_registrations'] / args.concurrency:.2f}×",
            f"≤ {args.concurrency}",
            stats["peak_concurrent_registrations"] <= args.concurrency,
        )
    )
    print(gap_row("the batch", gap_ms))
    return 0


if __name__ == "__main__":
    exit_without_teardown(main())
