"""The audit log: who revealed, viewed, listed or downloaded which personal data, when -- append-only and
hash-chained.

Each row's hash covers the previous row's hash, and rows are numbered one after the other by the writer that
holds the chain's lock, so a row removed or edited by hand in the database breaks the chain at that point
(:func:`verify` finds it; ``dealer-desk server verify-audit`` and ``GET /api/v1/audit/verify`` run it). The
database triggers of migration 2 refuse updates and deletes; the chain catches whoever drops the triggers first.

A reveal is recorded inside the transaction that reads the value (:func:`record`): no clear value leaves without
its entry. Views, lists and downloads (masked records, contact details) go through :class:`AuditTrail`: one
writer thread commits the entries that arrived meanwhile in one transaction, a few milliseconds after the answer
-- fifty desks opening deals cost a few commits a second, and an open does not wait behind a group of Roadster
events for SQLite's one writer. Stopping the server commits what is queued; only a process killed outright can
lose the entries of its last moments. Reading the log (:meth:`AuditTrail.flush`) first commits what is queued.
"""

from __future__ import annotations

import hashlib
import logging
import time
from concurrent.futures import Future
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select, text

from desktop.server import schema
from desktop.server.db import Database
from desktop.server.group_writer import GroupWriter

log = logging.getLogger(__name__)

GENESIS = "0" * 64
REVEAL, VIEW, LIST, DOWNLOAD = "reveal", "view", "list", "download"
_CHAIN_LOCK = 7316002  # PostgreSQL advisory lock: one writer of the chain at a time, across processes
MAX_GROUP = 256


@dataclass(frozen=True)
class Entry:
    """One line of the log: never personal data itself, only who, what kind of access, and which record."""

    user: str
    action: str
    entity: str
    entity_id: str
    field: str
    at: float = 0.0


@dataclass(frozen=True)
class ChainCheck:
    """The result of walking the chain: how many entries, and the first one that does not follow (if any)."""

    entries: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def _digest(prev: str, at: float, user: str, action: str, entity: str, entity_id: str, field: str) -> str:
    line = "\x1f".join([prev, repr(at), user, action, entity, entity_id, field])
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def _append(db: Database, conn: Connection, entries: list[Entry]) -> None:
    """Chain ``entries`` after the newest row, inside the caller's write transaction."""
    if db.is_postgresql:
        conn.execute(text(f"SELECT pg_advisory_xact_lock({_CHAIN_LOCK})"))
    a = schema.audit_log
    last = conn.execute(select(a.c.seq, a.c.hash).order_by(a.c.seq.desc()).limit(1)).first()
    seq, prev = (int(last[0]), str(last[1])) if last is not None else (0, GENESIS)
    rows = []
    for e in entries:
        seq += 1
        at = e.at or time.time()
        digest = _digest(prev, at, e.user, e.action, e.entity, e.entity_id, e.field)
        rows.append(
            {
                "seq": seq,
                "at": at,
                "user_name": e.user,
                "action": e.action,
                "entity": e.entity,
                "entity_id": e.entity_id[:36],
                "field": e.field[:64],
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    conn.execute(insert(a), rows)


def record(db: Database, conn: Connection, user: str, action: str, entity: str, entity_id: str, field: str) -> None:
    """Append one entry inside the caller's write transaction (a reveal: the value is read in the same one)."""
    _append(db, conn, [Entry(user, action, entity, entity_id, field)])


class AuditTrail(GroupWriter[tuple[Entry | None, Future[None]]]):
    """Views, lists and downloads, committed in groups by one thread, in the order they were recorded."""

    def __init__(self, db: Database) -> None:
        self.db = db
        super().__init__("audit-writer", MAX_GROUP)

    def record(self, user: str, action: str, entity: str, entity_id: str, field: str) -> Future[None]:
        """Queue one entry (stamped now); the future is done once it is committed."""
        done: Future[None] = Future()
        self._put((Entry(user, action, entity, entity_id, field, time.time()), done))
        return done

    def flush(self, timeout: float = 30.0) -> None:
        """Return once every entry recorded before this call is committed (raises if the commit failed)."""
        done: Future[None] = Future()
        self._put((None, done))
        done.result(timeout)

    def _write_group(self, group: list[tuple[Entry | None, Future[None]]]) -> None:
        try:
            entries = [entry for entry, _ in group if entry is not None]
            if entries:
                with self.db.write() as conn:
                    _append(self.db, conn, entries)
        except Exception as exc:  # the database refused or is gone: every waiting request fails with it
            log.error("could not write %d audit entries (%s)", len(group), type(exc).__name__)
            for _, done in group:
                done.set_exception(exc)
        else:
            for _, done in group:
                done.set_result(None)


def entries(db: Database, since: int, limit: int) -> list[dict[str, object]]:
    a = schema.audit_log
    with db.read() as conn:
        rows = conn.execute(select(a).where(a.c.seq > since).order_by(a.c.seq).limit(limit)).mappings().all()
    return [
        {
            "seq": int(r["seq"]),
            "at": float(r["at"]),
            "user": r["user_name"],
            "action": r["action"],
            "entity": r["entity"],
            "entity_id": r["entity_id"],
            "field": r["field"],
            "hash": r["hash"],
        }
        for r in rows
    ]


def verify(db: Database) -> ChainCheck:
    """Walk the chain from the start; the first entry whose number, link or hash is wrong is reported."""
    a = schema.audit_log
    prev, expected, count = GENESIS, 1, 0
    with db.read() as conn:
        for r in conn.execute(select(a).order_by(a.c.seq)).mappings():
            count += 1
            seq = int(r["seq"])
            if seq != expected:
                return ChainCheck(count, seq, f"entry {expected} is missing (entry {seq} comes next)")
            if r["prev_hash"] != prev:
                return ChainCheck(count, seq, f"entry {seq} does not follow entry {seq - 1}")
            digest = _digest(prev, r["at"], r["user_name"], r["action"], r["entity"], r["entity_id"], r["field"])
            if r["hash"] != digest:
                return ChainCheck(count, seq, f"entry {seq} was changed after it was written")
            prev, expected = r["hash"], seq + 1
    return ChainCheck(count)
