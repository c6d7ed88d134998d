"""Incremental sync into the SQLite cache, against the sandbox over HTTP."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from desktop.api import errors
from desktop.api.errors import Cancelled
from desktop.api.roadster.client import RoadsterClient
from desktop.sandbox.server import SandboxServer
from desktop.services.cancel import JobControl
from desktop.services.inventory_sync import InventorySync, refresh_dealers
from desktop.store.inventory_cache import ROW_VIN, InventoryCache
from tests.conftest import TEST_INVENTORY, admin, roadster_for


@pytest.fixture
def cache(tmp_path: Path) -> InventoryCache:
    c = InventoryCache(tmp_path / "cache.sqlite3")
    yield c
    c.close()


def test_first_sync_fetches_everything_with_progress(sandbox: SandboxServer, cache: InventoryCache) -> None:
    client = roadster_for(sandbox)
    progress: list[tuple[int, int]] = []
    control = JobControl(on_progress=lambda done, total, _text: progress.append((done, total)))
    result = InventorySync(client, cache, page_size=100).run("hyundaidemo", control)
    assert result.full and result.fetched == TEST_INVENTORY and result.total_cached == TEST_INVENTORY
    assert progress[-1] == (TEST_INVENTORY, TEST_INVENTORY)
    rows = cache.vehicle_rows("hyundaidemo")
    assert [r[ROW_VIN] for r in rows] == sorted(r[ROW_VIN] for r in rows)
    state = cache.sync_state("hyundaidemo")
    assert state.complete and state.cursor is None and state.last_synced_at
    client.close()


def test_later_sync_asks_updated_since_and_merges(fresh_sandbox: SandboxServer, cache: InventoryCache) -> None:
    client = roadster_for(fresh_sandbox)
    sync = InventorySync(client, cache, page_size=100)
    sync.run("umazda")
    churn = admin(fresh_sandbox, "POST", "/inventory/umazda/churn", json={"count": 7, "seed": 1}).json()
    seen: list[dict[str, object]] = []
    client.http.event_hooks["request"] = [lambda r: seen.append(dict(r.url.params))]
    result = sync.run("umazda")
    assert not result.full
    assert all("updated_since" in p for p in seen)
    assert result.fetched >= 7  # the churned ones (and any sharing the old high-water second)
    assert result.total_cached == TEST_INVENTORY
    for vin in churn["changed"]:
        cached = cache.vehicle("umazda", vin)
        assert cached is not None and cached["updated_at"] == churn["updated_at"]
    client.close()


def test_sync_stopped_by_server_error_resumes_where_it_stopped(
    fresh_sandbox: SandboxServer, cache: InventoryCache
) -> None:
    client = roadster_for(fresh_sandbox)
    sync = InventorySync(client, cache, page_size=50)
    admin(
        fresh_sandbox, "POST", "/faults", json={"path_prefix": "/v1/inventory", "status": 500, "count": 5, "after": 2}
    )
    with pytest.raises(errors.ServerError):
        sync.run("toyotademo")
    state = cache.sync_state("toyotademo")
    assert state.cursor is not None and not state.complete and state.last_error
    kept = cache.vehicle_count("toyotademo")
    assert 50 <= kept < TEST_INVENTORY
    seen: list[str | None] = []
    client.http.event_hooks["request"] = [lambda r: seen.append(r.url.params.get("from_vin"))]
    result = sync.run("toyotademo")
    assert result.resumed and seen[0] == state.cursor
    assert result.fetched == TEST_INVENTORY - kept
    assert cache.vehicle_count("toyotademo") == TEST_INVENTORY
    assert cache.sync_state("toyotademo").complete
    client.close()


def test_cancel_keeps_what_was_fetched(sandbox: SandboxServer, cache: InventoryCache) -> None:
    client = roadster_for(sandbox)
    control = JobControl()
    pages = []

    def on_progress(done: int, _total: int, _text: str) -> None:
        pages.append(done)
        if done >= 100:
            control.cancel()

    control.on_progress = on_progress
    with pytest.raises(Cancelled):
        InventorySync(client, cache, page_size=50).run("hyundaidemo", control)
    assert 100 <= cache.vehicle_count("hyundaidemo") < TEST_INVENTORY
    assert cache.sync_state("hyundaidemo").cursor is not None
    client.close()


def test_refresh_dealers_keeps_them_for_offline_start(sandbox: SandboxServer, cache: InventoryCache) -> None:
    client = roadster_for(sandbox)
    dealers = refresh_dealers(client, cache)
    assert cache.dealers() == dealers
    client.close()


def _server_inventory(client: RoadsterClient, dpid: str) -> dict[str, dict[str, object]]:
    return {v["vin"]: v for page, _total in client.iter_inventory_pages(dpid, size=500) for v in page}


def _stale(cache: InventoryCache, server: dict[str, dict[str, object]], dpid: str) -> list[str]:
    return [vin for vin, vehicle in server.items() if cache.vehicle(dpid, vin) != vehicle]


@pytest.mark.parametrize("first_pass_full", [True, False])
def test_changes_made_during_a_sync_are_all_caught_by_the_next(
    fresh_sandbox: SandboxServer, cache: InventoryCache, first_pass_full: bool
) -> None:
    """The lost update of issue 18: vehicles churned between pages, some behind the cursor, some ahead, each batch
    stamped later than the previous (a sync that spans minutes). After one more sync every vehicle matches."""
    client = roadster_for(fresh_sandbox)
    sync = InventorySync(client, cache, page_size=40)
    dpid = "umazda"
    if not first_pass_full:
        sync.run(dpid)
        admin(fresh_sandbox, "POST", f"/inventory/{dpid}/churn", json={"count": 120, "seed": 7, "clock_offset": 1})
    churned: list[list[str]] = []

    def churn_between_pages(done: int, _total: int, _text: str) -> None:
        if done and len(churned) < 5:
            body = {"count": 25, "seed": 100 + len(churned), "clock_offset": 10 * (len(churned) + 1)}
            churned.append(admin(fresh_sandbox, "POST", f"/inventory/{dpid}/churn", json=body).json()["changed"])

    sync.run(dpid, JobControl(on_progress=churn_between_pages))
    server = _server_inventory(client, dpid)
    assert len(churned) >= 2 and _stale(cache, server, dpid)  # the pass itself could not see them all
    result = sync.run(dpid)
    assert not result.full
    assert _stale(cache, server, dpid) == []
    assert result.fetched < TEST_INVENTORY  # an incremental window, not a full re-read
    client.close()


def test_merge_keeps_the_newer_record_and_is_idempotent(cache: InventoryCache) -> None:
    newer = {"vin": "1HGCM82633A004352", "msrp": 30_000, "updated_at": 200, "in_stock": True}
    older = {**newer, "msrp": 25_000, "updated_at": 100}
    cache.upsert_vehicles("d", [newer])
    cache.upsert_vehicles("d", [older])
    cache.upsert_vehicles("d", [newer])
    assert cache.vehicle("d", newer["vin"]) == newer and cache.vehicle_count("d") == 1


def test_an_empty_window_still_moves_the_cursor_to_the_server_clock(
    fresh_sandbox: SandboxServer, cache: InventoryCache
) -> None:
    client = roadster_for(fresh_sandbox)
    sync = InventorySync(client, cache, page_size=100)
    sync.run("umazda")
    state = cache.sync_state("umazda")
    assert state.high_water is not None and abs(state.high_water - time.time()) < 30
    result = sync.run("umazda")
    assert result.fetched == 0 and cache.sync_state("umazda").high_water >= state.high_water
    client.close()
