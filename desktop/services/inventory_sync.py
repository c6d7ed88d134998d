"""Incremental inventory sync into the offline cache.

The first sync pages through the whole inventory with ``from_vin``. Each pass notes the server's clock (the
``Date`` of its first answer) and keeps it as ``high_water`` once the pass is under way; the next pass asks for
changes since that moment minus :data:`OVERLAP_SECONDS`. A change made while a pass runs, to a vehicle that pass
already fetched, carries an ``updated_at`` after the pass started, so the next pass fetches it: no change is skipped
for good, whatever the order of pages and changes. Windows overlap, so a vehicle may come twice; the merge keeps
the newer ``updated_at`` and is idempotent. Each page and its checkpoint commit together: a sync stopped by an
error, a cancel or a crash resumes from the last page it stored, with the window and clock of the pass it resumes.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from desktop.api.errors import ApiError
from desktop.api.roadster.client import MAX_PAGE_SIZE, InventoryPage, RoadsterClient
from desktop.services.cancel import JobControl
from desktop.store.inventory_cache import InventoryCache, SyncState, now_epoch

log = logging.getLogger(__name__)

# How far each window reaches back before the previous pass's start: covers the Date header's whole-second
# resolution, the time between the server reading a page and stamping its answer, and a server whose clock steps
# back a little. Re-fetching a minute of changes costs one small page.
OVERLAP_SECONDS = 60


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
        # Without a server clock the newest change already cached is a safe (if less tight) start for the
        # next window: every later change is stamped after it.
        fallback_clock = self.cache.max_updated_at(dpid)
        if not resumed:
            state.since = self.window_start(state)
        full = state.since is None
        fetched = 0
        first = True
        control.progress(0, 0, f"Syncing {dpid}…")
        try:
            for page in self._pages(dpid, state.cursor, state.since):
                control.check()
                if first and not resumed:
                    state.high_water = page.server_time if page.server_time is not None else fallback_clock
                first = False
                state.last_error = None
                if page.vehicles:
                    state.cursor = page.vehicles[-1]["vin"]
                    self.cache.upsert_vehicles(dpid, page.vehicles, state)
                fetched += len(page.vehicles)
                control.progress(fetched, max(page.total, fetched), f"Syncing {dpid}: {fetched:,} of {page.total:,}")
        except ApiError as exc:
            state.last_error = exc.sentence()
            self.cache.save_sync_state(state)
            raise
        state.complete = True
        state.cursor = None
        state.since = None
        state.last_synced_at = now_epoch()
        self.cache.save_sync_state(state)
        return SyncResult(dpid, fetched, full, resumed, self.cache.vehicle_count(dpid))

    @staticmethod
    def window_start(state: SyncState) -> int | None:
        """Where a new pass starts: the previous complete pass's server clock minus the overlap; ``None`` = all."""
        if not state.complete or state.high_water is None:
            return None
        return max(0, state.high_water - OVERLAP_SECONDS)

    def _pages(self, dpid: str, cursor: str | None, since: int | None) -> Any:
        """Pages in order, the next one already in flight while the caller stores the current one.

        The first page comes even when empty: its ``Date`` still moves the window on.
        """
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-prefetch") as pool:

            def fetch(from_vin: str | None) -> InventoryPage:
                return self.client.inventory_window(dpid, size=self.page_size, from_vin=from_vin, updated_since=since)

            pending: Future[InventoryPage] | None = pool.submit(fetch, cursor)
            while pending is not None:
                page = pending.result()
                full_page = len(page.vehicles) == self.page_size
                pending = pool.submit(fetch, page.vehicles[-1]["vin"]) if full_page else None
                try:
                    yield page
                except GeneratorExit:
                    if pending is not None:
                        pending.cancel()
                    raise
