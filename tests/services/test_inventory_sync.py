"""Incremental sync into the SQLite cache, against the sandbox over HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.api import errors
from desktop.api.errors import Cancelled
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
