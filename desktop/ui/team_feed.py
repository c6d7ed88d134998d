"""The window's end of the team server's change feed: other desks' saves reach the Deals list and the open deal.

The follower (:class:`~desktop.services.team.ChangeFollower`) runs on its own thread and calls back from it; this
object turns those calls into queued Qt signals, so every update lands on the GUI thread between two frames.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.ui.current_deal import CurrentDeal
from desktop.ui.errors import sentence


class TeamFeed(QObject):
    deals_arrived = Signal(object)  # list of deals another desk saved, already in the local copy
    reachable = Signal(bool)  # the team server answers again (True) / is out of reach (False)
    replay_conflict = Signal(object)  # a DealConflict met while sending the offline outbox
    message = Signal(str)  # for the status bar

    def __init__(self, current: CurrentDeal, parent: QObject | None = None, wait: float | None = None) -> None:
        super().__init__(parent)
        self.current = current
        self._wait = wait  # seconds of one long-poll (None: the follower's default)
        self.dpids: list[str] = []  # read by the follower's thread: replaced whole, never changed in place
        self._follower: Any = None
        self._stopped = threading.Event()
        self.deals_arrived.connect(current.arrived)
        self.replay_conflict.connect(self._on_replay_conflict)
        self.reachable.connect(self._on_reachable)
        self._checked = ""  # the open deal already checked for a conflict left from an offline replay
        current.changed.connect(self._on_deal_changed)

    @property
    def following(self) -> bool:
        return self._follower is not None

    def follow(self, store: Any) -> None:
        """Follow ``store``'s server when it is a shared store (a desk-only store has nothing to follow)."""
        from desktop.services.team import ChangeFollower, RemoteDealStore

        self.stop()
        if not isinstance(store, RemoteDealStore):
            return
        stopped = self._stopped = threading.Event()

        def guard(signal: Any) -> Any:
            return lambda value: None if stopped.is_set() else signal.emit(value)

        store.on_conflict(guard(self.replay_conflict))
        self._follower = ChangeFollower(
            store, lambda: self.dpids, guard(self.deals_arrived), guard(self.reachable), wait=self._wait
        ).start()

    def set_rooftop(self, dpid: str) -> None:
        self.dpids = [dpid] if dpid else []

    def stop(self, wait: float = 0.0) -> None:
        """No more updates from the current follower; its thread ends after its current long-poll, which
        ``wait`` seconds are allowed for (the window never waits: the thread is a daemon)."""
        self._stopped.set()
        if self._follower is not None:
            self._follower.stop(wait)
            self._follower = None

    def _on_replay_conflict(self, conflict: Any) -> None:
        self.current.show_conflict(conflict)

    def _on_deal_changed(self) -> None:
        """A deal just opened may carry a conflict its offline changes met: offer the choice at once."""
        from desktop.services.team import RemoteDealStore

        deal, store = self.current.deal, self.current.store
        if deal is None or deal.id == self._checked or not isinstance(store, RemoteDealStore):
            return
        self._checked = deal_id = deal.id
        self.current.runner.submit(
            lambda: store.waiting_conflict(deal_id),
            lambda found: None if found is None else self.current.show_conflict(found),
            lambda exc: self.message.emit(f"Deal {deal.number}: {sentence(exc)}"),
            label="Checking the deal against the team server",
            owner=self,
        )

    def _on_reachable(self, reachable: bool) -> None:
        self.message.emit(
            "Team server reached again: changes made meanwhile were sent."
            if reachable
            else "Team server out of reach: working from this desk's copy; changes are sent when it is back."
        )
