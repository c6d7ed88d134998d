"""Follows the team server's change feed so a desk sees another desk's save within a second or two.

A worker thread owned by this service long-polls ``/api/v1/changes``: each changed deal is fetched into the local
copy and handed to ``on_deals`` (the window turns that into a Qt signal). When the server is out of reach it
waits and tries again; when it answers again the outbox is sent first, then the rooftop is synced (what changed
meanwhile). Nothing here touches Qt.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from desktop.api import errors
from desktop.domain.deals import Deal
from desktop.services.team.store import RemoteDealStore, is_unreachable

log = logging.getLogger(__name__)

WAIT_SECONDS = 20.0  # one long-poll; the server answers at once when something changed
RETRY_SECONDS = (1.0, 2.0, 5.0, 10.0)  # between attempts while the server is out of reach


class ChangeFollower:
    """One background thread per desk; :meth:`stop` ends it (within one long-poll at most; it is a daemon).

    Args:
        store: the shared store whose local copy is kept fresh.
        dpids: the rooftops to sync after a reconnect (a callable: the window's rooftop changes).
        on_deals: receives the deals that changed, already in the local copy (called from the thread).
        on_status: receives ``True``/``False`` when the server becomes reachable / unreachable.
    """

    def __init__(
        self,
        store: RemoteDealStore,
        dpids: Callable[[], list[str]],
        on_deals: Callable[[list[Deal]], None],
        on_status: Callable[[bool], None] = lambda online: None,
        wait: float | None = None,
        retry: tuple[float, ...] = RETRY_SECONDS,
    ) -> None:
        self.store = store
        self._dpids = dpids
        self._on_deals = on_deals
        self._on_status = on_status
        self._wait = WAIT_SECONDS if wait is None else wait
        self._retry = retry
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="team-change-follower", daemon=True)
        self.cursor: str | None = None

    def start(self) -> ChangeFollower:
        self._thread.start()
        return self

    def stop(self, timeout: float = 0.0) -> None:
        self._stop.set()
        if timeout:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        failures = 0
        needs_sync = True
        while not self._stop.is_set():
            try:
                if needs_sync:
                    self._catch_up()
                    needs_sync = False
                    if failures:
                        self._on_status(True)
                    failures = 0
                self._follow_once()
            except errors.ApiError as exc:
                if not is_unreachable(exc):
                    log.warning("Team server change feed: %s", exc.sentence())
                if not failures:
                    self._on_status(False)
                self.store.online = False
                needs_sync = True
                self._stop.wait(self._retry[min(failures, len(self._retry) - 1)])
                failures += 1

    def _catch_up(self) -> None:
        """After a start or a reconnect: send the outbox, then read what changed while this desk was away."""
        if self.cursor is None:  # skip to the newest change: the sync below reads the deals themselves
            page = self.store.client.changes(None, limit=500)
            self.cursor = page.cursor
            while page.changes:
                page = self.store.client.changes(self.cursor, limit=500)
                self.cursor = page.cursor
        if not self.store.replay():
            raise errors.ConnectionFailed("the outbox could not be sent", api="Team server")
        changed: list[Deal] = []
        for dpid in self._dpids():
            changed += self.store.sync(dpid)
        if changed:
            self._on_deals(changed)

    def _follow_once(self) -> None:
        page = self.store.client.changes(self.cursor, wait=self._wait)
        self.cursor = page.cursor
        seen: dict[str, Deal] = {}
        for change in page.changes:
            if change.kind == "deal" and change.id not in seen and not self._stop.is_set():
                deal = self.store.refresh(change.id)
                if deal is not None:
                    seen[change.id] = deal
        if seen:
            self._on_deals(list(seen.values()))
