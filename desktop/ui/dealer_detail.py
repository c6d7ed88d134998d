"""The current rooftop's dealer detail (fees, markups, unlock mode), kept fresh in the cache whatever tab is shown.

Deal Pricing prices from the detail the offline cache keeps. The Dealers tab used to refresh it, as a side effect of
selecting the new rooftop's row on every switch, shown or not; now that a hidden tab waits until it is shown, the
window owns the refresh, and :attr:`Workspace.dealer_detail_changed` tells whoever prices from it. A rooftop's fees
change a few times a year: a copy fetched in the last few minutes of this connection is not asked for again on a
switch back (the soak's sixty switches in two minutes were sixty requests); a new connection asks again.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QObject

from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace

FRESH_FOR_S = 300.0  # a detail fetched this recently in this connection is current enough for a switch back


class DealerDetailRefresh(QObject):
    """Fetches the current rooftop's detail into the cache after a switch and after each new connection."""

    def __init__(self, runner: TaskRunner, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.workspace = workspace
        self._job = 0
        self._fetched: dict[str, float] = {}  # dpid -> time.monotonic() of its last fetch on this connection
        workspace.rooftop_changed.connect(self._on_rooftop_changed)
        workspace.connection_changed.connect(self._on_connection_changed)

    def _on_rooftop_changed(self, dpid: str) -> None:
        fetched = self._fetched.get(dpid)
        if fetched is None or time.monotonic() - fetched > FRESH_FOR_S:
            self.refresh()
        else:
            self.runner.cancel(self._job)  # the last rooftop's answer is of no use now

    def _on_connection_changed(self) -> None:
        self._fetched.clear()
        self.refresh()

    def refresh(self) -> None:
        """Ask the server for the current rooftop's detail (nothing to ask offline: the cached copy stays)."""
        dpid, cache, connection = self.workspace.dpid, self.workspace.cache, self.workspace.connection
        self.runner.cancel(self._job)
        if not dpid or connection is None:
            return

        def load() -> dict[str, Any]:
            from desktop.services import inventory_sync

            return inventory_sync.refresh_dealer_detail(connection.roadster, cache, dpid)

        # A failure is said in the status bar by the runner; the cached copy stays what prices.
        self._job = self.runner.submit(load, self._on_loaded, label=f"Refreshing {dpid}'s fees and markups")

    def _on_loaded(self, detail: dict[str, Any]) -> None:
        dpid = str(detail.get("dpid") or "")
        self._fetched[dpid] = time.monotonic()
        if dpid == self.workspace.dpid:
            self.workspace.dealer_detail_changed.emit(detail)
