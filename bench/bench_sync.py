"""First sync of N vehicles (default 100,000) against a bare httpx loop over the same pages, and the longest
GUI event-loop gap while the app's TaskRunner runs the sync.

    python bench/bench_sync.py [--size 100000]

The sandbox runs in its own process (seeded once into /tmp/dealer-desk-bench; the first run takes a minute).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from bench._common import API_KEY, HEADER, SandboxProcess, exit_without_teardown, gap_row, row
from bench._gui import StallProbe
from desktop.api.roadster.client import RoadsterClient
from desktop.services.inventory_sync import InventorySync
from desktop.store.inventory_cache import InventoryCache

DPID = "hyundaidemo"


def bare_loop(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    count, cursor = 0, None
    with httpx.Client(base_url=url + "/v1", headers={"Authorization": f"Bearer {API_KEY}"}, timeout=60) as c:
        while True:
            params = {"dpid": DPID, "size": 500}
            if cursor:
                params["from_vin"] = cursor
            vehicles = c.get("/inventory", params=params).json()["vehicles"]
            count += len(vehicles)
            if len(vehicles) < 500:
                break
            cursor = vehicles[-1]["vin"]
    return time.perf_counter() - started, count


def app_sync(url: str, folder: Path) -> tuple[float, int]:
    cache = InventoryCache(folder / "cache.sqlite3")
    client = RoadsterClient(url + "/v1", API_KEY)
    started = time.perf_counter()
    result = InventorySync(client, cache).run(DPID)
    elapsed = time.perf_counter() - started
    client.close()
    cache.close()
    return elapsed, result.fetched


def gui_sync(url: str, folder: Path) -> tuple[float, float, int]:
    """Sync through the TaskRunner while a 10 ms timer watches the event loop; then load the table."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.ui.models.inventory import InventoryModel
    from desktop.ui.models.inventory_search import prepare_rows
    from desktop.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    cache = InventoryCache(folder / "gui-cache.sqlite3")
    client = RoadsterClient(url + "/v1", API_KEY)
    model = InventoryModel(runner)
    model.sort(0, Qt.SortOrder.AscendingOrder)  # as the tab does: sorted by VIN
    probe = StallProbe().start()
    result: dict[str, object] = {}
    started = time.perf_counter()

    def loaded(payload: tuple[list, object]) -> None:
        model.set_rows(*payload)
        result["elapsed"] = time.perf_counter() - started
        app.quit()

    def synced(res: object) -> None:
        result["fetched"] = getattr(res, "fetched", 0)
        query = model.query()

        def load() -> tuple[list, object]:
            rows = cache.vehicle_rows(DPID)
            prepared = prepare_rows(rows, query)
            return rows, prepared

        runner.submit(load, loaded)

    runner.submit_job(lambda control: InventorySync(client, cache).run(DPID, control), synced, print)
    app.exec()
    probe.stop()
    client.close()
    cache.close()
    return float(result["elapsed"]), probe.longest_ms, int(result.get("fetched", 0))  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()
    server = SandboxProcess(args.size, "sync")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            bare_loop(server.url)  # warm the server's page cache
            base, n0 = bare_loop(server.url)
            ours, n1 = app_sync(server.url, folder)
            gui_elapsed, gap_ms, n2 = gui_sync(server.url, folder)
    finally:
        server.stop()
    assert n0 == n1 == n2, (n0, n1, n2)
    print(HEADER)
    print(
        row(
            f"first sync of {n1:,} vehicles (s)",
            f"{ours:.2f}",
            f"bare httpx loop {base:.2f}",
            f"{ours / base:.2f}×",
            "≤ 1.5×",
            ours / base <= 1.5,
        )
    )
    print(
        row(
            "first sync via TaskRunner + table load (s)",
            f"{gui_elapsed:.2f}",
            f"bare httpx loop {base:.2f}",
            f"{gui_elapsed / base:.2f}×",
            "≤ 1.5×",
            gui_elapsed / base <= 1.5,
        )
    )
    print(gap_row("sync", gap_ms))
    return 0


if __name__ == "__main__":
    exit_without_teardown(main())
