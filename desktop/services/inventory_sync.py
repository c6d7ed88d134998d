"""Incremental inventory sync into the offline cache.

The first sync pages through the whole inventory with ``from_vin``. Later syncs ask only for what changed since
the newest ``updated_at`` already cached (the server's clock, so a wrong clock here cannot skip a change) and
merge it. Each page and its checkpoint commit together: a sync stopped by an error, a cancel or a crash resumes
from the last page it stored.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from desktop.api.errors import ApiError
from desktop.api.roadster.client import MAX_PAGE_SIZE, RoadsterClient
from desktop.services.cancel import JobControl
from desktop.store.inventory_cache import InventoryCache, now_epoch

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncResult:
    dpid: str
    fetched: int
    full: bool
    resumed: bool
    total_cached: int


def refresh_dealers(client: RoadsterClient, cache: InventoryCache) -> list[dict[str, Any]]:
    """Fetch the active dealers and keep them for offline starts."""
    dealers = [d.model_dump() for d in client.dealers()]
    cache.save_dealers(dealers)
    return dealers


def refresh_dealer_detail(client: RoadsterClient, cache: InventoryCache, dpid: str) -> dict[str, Any]:
    detail = client.dealer(dpid).model_dump()
    cache.save_dealer_detail(dpid, detail)
    return detail


class InventorySync:
    """Brings one dealer's cached inventory up to date with the server."""

    def __init__(self, client: RoadsterClient, cache: InventoryCache, page_size: int = MAX_PAGE_SIZE) -> None:
        self.client = client
        self.cache = cache
        self.page_size = page_size

    def run(self, dpid: str, control: JobControl | None = None) -> SyncResult:
        control = control or JobControl()
        state = self.cache.sync_state(dpid)
        resumed = state.cursor is not None
        if not resumed:
            state.since = self.cache.max_updated_at(dpid) if state.complete else None
        full = state.since is None
        fetched = 0
        control.progress(0, 0, f"Syncing {dpid}…")
        try:
            for vehicles, total in self._pages(dpid, state.cursor, state.since):
                control.check()
                state.cursor = vehicles[-1]["vin"]
                state.last_error = None
                self.cache.upsert_vehicles(dpid, vehicles, state)
                fetched += len(vehicles)
                control.progress(fetched, max(total, fetched), f"Syncing {dpid}: {fetched:,} of {total:,}")
        except ApiError as exc:
            state.last_error = exc.sentence()
            self.cache.save_sync_state(state)
            raise
        state.complete = True
        state.cursor = None
        state.since = None
        state.high_water = self.cache.max_updated_at(dpid)
        state.last_synced_at = now_epoch()
        self.cache.save_sync_state(state)
        return SyncResult(dpid, fetched, full, resumed, self.cache.vehicle_count(dpid))

    def _pages(self, dpid: str, cursor: str | None, since: int | None) -> Any:
        """Pages in order, the next one already in flight while the caller stores the current one."""
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-prefetch") as pool:

            def fetch(from_vin: str | None) -> tuple[list[dict[str, Any]], int]:
                return self.client.inventory_page(dpid, size=self.page_size, from_vin=from_vin, updated_since=since)

            pending: Future[tuple[list[dict[str, Any]], int]] | None = pool.submit(fetch, cursor)
            while pending is not None:
                vehicles, total = pending.result()
                pending = pool.submit(fetch, vehicles[-1]["vin"]) if len(vehicles) == self.page_size else None
                if not vehicles:
                    return
                try:
                    yield vehicles, total
                except GeneratorExit:
                    if pending is not None:
                        pending.cancel()
                    raise
