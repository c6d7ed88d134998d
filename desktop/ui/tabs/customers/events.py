"""The customer events the webhook receiver got: read every few seconds into the local log and the timeline."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal

from desktop.config import Settings, settings_file
from desktop.services.events import EventInbox, describe
from desktop.services.retention import apply_retention
from desktop.store.customers import CustomerRecord
from desktop.store.events import EventLog
from desktop.ui.errors import sentence
from desktop.ui.tabs.customers.records import CustomerRecords
from desktop.ui.workspace import CUSTOMERS, ORDERS


class CustomerEvents(CustomerRecords):
    """Customer events into the timeline, the register and the other tabs."""

    events_arrived = Signal(list)  # customer events new to this desktop

    def event_log(self) -> EventLog:
        """The profile's local copy of its customer events (the file opens on first use, in a worker)."""
        log = self.workspace.event_log()
        if self._events is not log:
            self._events = log
            self.timeline.set_log(self.workspace.audit_log(), self.workspace.actor())
            events, register = self._events, self.register()
            paths = self.workspace.paths
            self.runner.submit(
                lambda: apply_retention(events, register, Settings.load(settings_file(paths)).retention_days),
                on_error=lambda exc: self.timeline.banner.show_error(
                    f"Customer data past its retention could not be deleted: {sentence(exc)}"
                ),
                label="Deleting customer data past its retention",
                write=True,
                owner=self,
            )
        return self._events

    def pull_events(self) -> None:
        """Read what the webhook receiver got since last time; new events join the timeline and the register."""
        connection = self.workspace.connection
        if connection is None or connection.events is None:
            return
        if self.runner.is_running(self._pull_job):
            self._pull_again = True  # what arrived meanwhile is read as soon as this pull ends
            return
        self._pull_again = False
        inbox = EventInbox(connection.events, self.event_log(), self.register(), roster=self.roster())
        self._pull_job = self.runner.submit_job(
            lambda control: inbox.pull(control), self._on_events_pulled, self._on_events_failed, label="Customer events"
        )

    def _on_events_pulled(self, new: list[dict[str, Any]]) -> None:
        if self._pull_again:
            self.pull_events()
        if self._events is not None and self._events.notice and self.timeline.banner.text() != self._events.notice:
            self.timeline.banner.show_info(self._events.notice)
        if not new:
            return
        self.timeline.add_events(new)
        self.events_arrived.emit(new)
        self.workspace.notice.emit(f"New customer event: {describe(new[-1], self.agent_picker.agents())}")
        self.when_shown.run("lists", self.reload_lists)
        for dpid in sorted({str((e.get("dealer") or {}).get("dpid") or self.workspace.dpid) for e in new}):
            self.workspace.announce(CUSTOMERS, dpid)  # another desk or the shopper changed something
            self.workspace.announce(ORDERS, dpid)

    def _on_events_failed(self, exc: BaseException) -> None:
        self.timeline.banner.show_error(f"Customer events could not be read: {sentence(exc)}")

    def _show_timeline(self, record: CustomerRecord | None) -> None:
        if record is None:
            self.timeline.show_customer("", 0, [])
            return
        log, dpid, customer_id = self.event_log(), record.dpid, record.id
        self.runner.cancel(self._timeline_job)
        self._timeline_job = self.runner.submit(
            lambda: log.for_customer(dpid, customer_id),
            lambda events: self.timeline.show_customer(dpid, customer_id, events),
            self._on_events_failed,
            label="Reading timeline",
            owner=self,
        )
