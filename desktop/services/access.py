"""Personal data leaves the app only through :func:`audited`: the access is recorded, then it happens.

Used for what the binder shows (a licence photo previewed: "viewed") and writes out ("downloaded" to the path
the user chose), and for anything sent on a customer's behalf ("sent"); the timeline's reveal records through
:func:`desktop.services.events.reveal`. An access the audit log cannot record does not happen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from desktop.store.audit import Actor, AuditLog

T = TypeVar("T")


def document_subject(customer_id: int, doc_id: int) -> str:
    return f"document:{customer_id}/{doc_id}"


def audited(audit: AuditLog, actor: Actor, action: str, subject: str, detail: str, work: Callable[[], T]) -> T:
    """Record ``action`` on ``subject`` by ``actor``, then run ``work``; runs in a worker (SQLite write)."""
    audit.record(actor, action, subject, detail)
    return work()
