"""Times as the reference writes them: ISO 8601 in UTC with milliseconds and ``Z`` (``2024-02-26T17:35:43.741Z``)."""

from __future__ import annotations

from datetime import UTC, datetime


def iso_time(moment: datetime) -> str:
    """``moment`` (timezone-aware, in UTC) in the reference's format."""
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def iso_from_epoch(epoch: float) -> str:
    """Epoch seconds, as stored in the sandbox's tables, in the reference's format."""
    return iso_time(datetime.fromtimestamp(epoch, UTC))


def now_iso() -> str:
    return iso_time(datetime.now(UTC))
