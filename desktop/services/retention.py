"""The retention rule: customer events and customers not seen for longer than the setting are deleted.

A dealership keeps what a deal needs and no more; the default (:data:`desktop.config.DEFAULT_RETENTION_DAYS`,
about 13 months) covers a year of follow-up and a lease's first anniversary. The audit log is not purged: it
records who saw the data, which outlives the data itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from desktop.store.customers import CustomerRegister
from desktop.store.events import EventLog


@dataclass(frozen=True)
class RetentionResult:
    events_deleted: int
    customers_deleted: int


def apply_retention(
    events: EventLog, register: CustomerRegister, days: int, now: datetime | None = None
) -> RetentionResult:
    """Delete events that happened, and customers last updated, more than ``days`` days before ``now``."""
    if days < 1:
        raise ValueError(f"Retention must be at least one day; got {days}.")
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    return RetentionResult(events.purge_before(cutoff), register.purge_before(cutoff))
