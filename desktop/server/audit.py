"""The audit log: who revealed, viewed or changed which personal value, when -- append-only and hash-chained.

Each row's hash covers the previous row's hash, so a row removed or edited by hand in the database breaks the
chain at that point (:func:`verify` finds it). The database triggers of migration 2 refuse updates and deletes;
the chain catches whoever drops the triggers first.
"""

from __future__ import annotations

import hashlib
import time

from sqlalchemy import Connection, insert, select

from desktop.server import schema
from desktop.server.db import Database

GENESIS = "0" * 64


def _digest(prev: str, at: float, user: str, action: str, entity: str, entity_id: str, field: str) -> str:
    line = "\x1f".join([prev, repr(at), user, action, entity, entity_id, field])
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def record(db: Database, conn: Connection, user: str, action: str, entity: str, entity_id: str, field: str) -> None:
    """Append one entry inside the caller's write transaction (the chain needs the writers in order)."""
    db.serialize_feed(conn)
    a = schema.audit_log
    prev = conn.scalar(select(a.c.hash).order_by(a.c.seq.desc()).limit(1)) or GENESIS
    at = time.time()
    conn.execute(
        insert(a).values(
            at=at,
            user_name=user,
            action=action,
            entity=entity,
            entity_id=entity_id,
            field=field,
            prev_hash=prev,
            hash=_digest(prev, at, user, action, entity, entity_id, field),
        )
    )


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


def verify(db: Database) -> bool:
    """True when every row's hash follows from the row before it."""
    a = schema.audit_log
    prev = GENESIS
    with db.read() as conn:
        for r in conn.execute(select(a).order_by(a.c.seq)).mappings():
            expected = _digest(prev, r["at"], r["user_name"], r["action"], r["entity"], r["entity_id"], r["field"])
            if r["prev_hash"] != prev or r["hash"] != expected:
                return False
            prev = r["hash"]
    return True
