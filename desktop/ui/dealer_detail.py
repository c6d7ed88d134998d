"""The current rooftop's dealer detail (fees, markups, unlock mode), brought up to date at each rooftop switch.

Deal Pricing prices from the detail the offline cache keeps. The Dealers tab used to refresh it, as a side effect of
selecting the new rooftop's row on every switch, shown or not; now that a hidden tab waits until it is shown, the
window owns the refresh: one request per switch (or connection), whatever tab is on screen, and
:attr:`Workspace.dealer_detail_changed` tells whoever prices from it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace


class DealerDetailRefresh(QObject):
    """Fetches the current rooftop's detail into the cache after each switch and each new connection."""

    def __init__(self, runner: TaskRunner, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.workspace = workspace
        self._job = 0
        workspace.rooftop_changed.connect(self._on_rooftop_changed)
        workspace.connection_changed.connect(self.refresh)

    def _on_rooftop_changed(self, _dpid: str) -> None:
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
        if detail.get("dpid") == self.workspace.dpid:
            self.workspace.dealer_detail_changed.emit(detail)
