"""Follows the team server's change feed so a desk sees another desk's save within a second or two.

A worker thread owned by this service long-polls ``/api/v1/changes``: each changed deal is fetched into the local
copy and handed to ``on_deals`` (the window turns that into a Qt signal). When the server is out of reach it
waits and tries again; when it answers again the outbox is sent first, then the change feed is paged from where
the desk left it until caught up (every deal changed meanwhile, however many). Nothing here touches Qt.
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
PAGE = 1000  # changes per request while catching up (the server's largest page)


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
        """After a start or a reconnect: send the outbox, then read every deal that changed while this desk was
        away, however many.

        At start the rooftops' most recent deals come in one list each (the server lists 500 at most); then the
        change feed is paged from the cursor (from the beginning at start) until caught up, and every deal whose
        newest change is beyond the local copy's version is fetched -- the 501st deal included.
        """
        if not self.store.replay():
            raise errors.ConnectionFailed("the outbox could not be sent", api="Team server")
        changed: dict[str, Deal] = {}
        if self.cursor is None:
            for dpid in self._dpids():
                changed.update((d.id, d) for d in self.store.sync(dpid))
        for deal_id, version in self._changed_deals().items():
            if self._stop.is_set():
                return
            held = self.store.held_version(deal_id)
            if held is None or held < version:
                deal = self.store.refresh(deal_id)
                if deal is not None:
                    changed[deal_id] = deal
        if changed:
            self._on_deals(list(changed.values()))

    def _changed_deals(self) -> dict[str, int]:
        """The newest version of each deal changed after the cursor, paging the feed to its end (moves the cursor)."""
        newest: dict[str, int] = {}
        while not self._stop.is_set():
            page = self.store.client.changes(self.cursor, limit=PAGE)
            self.cursor = page.cursor
            for change in page.changes:
                if change.kind == "deal":
                    newest[change.id] = max(change.version, newest.get(change.id, 0))
            if len(page.changes) < PAGE:
                break
        return newest

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
