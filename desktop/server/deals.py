"""Deals: created with a number a person can say, changed only at the version they were read at, every change
kept as an append-only history row, personal data sealed.

A save names the version it was read at; ``UPDATE ... WHERE version = :read`` is atomic on both engines, so of
two desks saving the same deal at once exactly one wins and the other gets the current deal back (409) to show
both values -- no lost update, whichever process each desk talks to.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from typing import Any

from sqlalchemy import Connection, and_, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from desktop.server import audit, schema
from desktop.server.crypto import Sealer
from desktop.server.db import Database
from desktop.server.models import PERSONAL_FIELDS, DealCreate, DealUpdate, Personal, mask
from desktop.server.users import User

FIRST_NUMBER = 1001
_MERGED = ("buyer", "co_buyer", "vehicle", "finance")  # a PUT changes only the sub-fields it names
_PLAIN = ("stage", "lost_reason", "owner_id", "structure", "notes")
# The buyer's and the co-buyer's personal data, sealed together in the ``pii`` column (the buyer's at the top
# level, as the first release stored it; the co-buyer's under ``co_buyer``).
PARTIES = {"buyer": "personal", "co_buyer": "co_buyer_personal"}
PersonalData = dict[str, dict[str, str]]


class NotFound(Exception):
    pass


class Forbidden(Exception):
    """The user's role or rooftops do not allow this; the message says which."""


class StaleVersion(Exception):
    """The deal changed since the version given; ``current`` is the deal as the user may see it now."""

    def __init__(self, current: dict[str, Any]) -> None:
        super().__init__("stale version")
        self.current = current


def rooftop_prefix(dpid: str) -> str:
    """Two letters for a rooftop's deal numbers: initials of a dpid's parts (``hyundai-demo`` -> ``HD``)."""
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", dpid) if p]
    letters = "".join(p[0] for p in parts[:2]) if len(parts) > 1 else (parts[0][:2] if parts else "DL")
    return letters.upper()


class DealBook:
    """Every deal operation, each checked against the asking user's role and rooftops."""

    def __init__(self, db: Database, sealer: Sealer) -> None:
        self.db = db
        self._sealer = sealer

    # rows to JSON
    def _personal(self, deal_id: str, sealed: str | None) -> PersonalData:
        """The clear personal values of both parties: ``{"personal": {...}, "co_buyer_personal": {...}}``."""
        data: dict[str, Any] = json.loads(self._sealer.open(f"deal:{deal_id}:personal", sealed)) if sealed else {}
        co_buyer = data.pop("co_buyer", None) or {}
        return {"personal": data, "co_buyer_personal": co_buyer}

    def _out(self, row: Any, user: User) -> dict[str, Any]:
        body = json.loads(row.body)
        if not user.sees_profit:
            body.pop("finance", None)
        personal = self._personal(row.id, row.pii)
        return {
            **body,
            **{
                key: {f: mask(f, held.get(f)) for f in PERSONAL_FIELDS if held.get(f)} for key, held in personal.items()
            },
            "id": row.id,
            "number": row.number,
            "version": row.version,
            "dpid": row.dpid,
            "stage": row.stage,
            "owner_id": row.owner_id,
            "created_at": row.created_at,
            "created_by": row.created_by,
            "updated_at": row.updated_at,
            "updated_by": row.updated_by,
        }

    # creating
    def create(self, user: User, new: DealCreate) -> tuple[dict[str, Any], bool]:
        """Store a new deal; returns it and whether it was made now (False: its id was already stored)."""
        if user.role == "documents":
            raise Forbidden("Document staff cannot start deals.")
        if not user.works_at(new.dpid):
            raise Forbidden(f"You are not given rooftop {new.dpid}.")
        if new.finance is not None and not user.sees_profit:
            raise Forbidden("Only finance managers and admins may set reserve and profit (finance).")
        if not (new.buyer.first_name.strip() or new.buyer.last_name.strip()):
            raise ValueError("buyer.first_name")
        deal_id = str(new.id or uuid.uuid4())
        owner = new.owner_id if new.owner_id is not None else (user.id if user.role == "agent" else None)
        if user.role == "agent" and owner != user.id:
            raise Forbidden("An agent starts deals they own (owner_id).")
        own = {"id", "dpid", "stage", "owner_id", *PARTIES.values()}
        body = new.model_dump(mode="json", exclude=own, exclude_none=False)
        personal = {
            key: given.model_dump(exclude_none=True) if (given := getattr(new, key)) else {} for key in PARTIES.values()
        }
        now = time.time()
        d = schema.deals
        with self.db.write() as conn:
            existing = conn.execute(select(d).where(d.c.id == deal_id)).first()
            if existing is not None:
                if not user.may_see(existing.dpid, existing.owner_id, existing.stage):
                    raise Forbidden("This deal id belongs to a deal you are not given.")
                return self._out(existing, user), False
            number = self._next_number(conn, new.dpid)
            conn.execute(
                insert(d).values(
                    id=deal_id,
                    dpid=new.dpid,
                    number=number,
                    version=1,
                    stage=new.stage,
                    owner_id=owner,
                    created_at=now,
                    created_by=user.name,
                    updated_at=now,
                    updated_by=user.name,
                    body=json.dumps(body),
                    pii=self._seal_personal(deal_id, personal),
                )
            )
            self._history(conn, deal_id, 1, now, user, "created", None, number)
            self._changed(conn, deal_id, new.dpid, owner, 1, now)
            row = conn.execute(select(d).where(d.c.id == deal_id)).one()
        return self._out(row, user), True

    def _seal_personal(self, deal_id: str, personal: PersonalData) -> str | None:
        data: dict[str, Any] = dict(personal["personal"])
        if personal["co_buyer_personal"]:
            data["co_buyer"] = personal["co_buyer_personal"]
        if not data:
            return None
        return self._sealer.seal(f"deal:{deal_id}:personal", json.dumps(data))

    def _next_number(self, conn: Connection, dpid: str) -> str:
        r = schema.rooftops
        values = {"dpid": dpid, "prefix": rooftop_prefix(dpid), "last_number": FIRST_NUMBER - 1}
        dialect = postgresql if self.db.is_postgresql else sqlite
        conn.execute(dialect.insert(r).values(values).on_conflict_do_nothing(index_elements=["dpid"]))
        prefix, n = conn.execute(
            update(r)
            .where(r.c.dpid == dpid)
            .values(last_number=r.c.last_number + 1)
            .returning(r.c.prefix, r.c.last_number)
        ).one()
        return f"{prefix}-{n}"

    def _history(
        self, conn: Connection, deal_id: str, version: int, at: float, user: User, field: str, old: Any, new: Any
    ) -> None:
        conn.execute(
            insert(schema.deal_history).values(
                deal_id=deal_id,
                version=version,
                at=at,
                user_name=user.name,
                field=field,
                old=json.dumps(old),
                new=json.dumps(new),
            )
        )

    def _changed(self, conn: Connection, deal_id: str, dpid: str, owner: int | None, version: int, at: float) -> None:
        self.db.serialize_feed(conn)
        conn.execute(
            insert(schema.changes).values(
                kind="deal", entity_id=deal_id, dpid=dpid, owner_id=owner, version=version, at=at
            )
        )

    # reading
    def _row(self, conn: Connection, user: User, deal_id: str) -> Any:
        d = schema.deals
        row = conn.execute(select(d).where(d.c.id == deal_id)).first()
        if row is None:
            raise NotFound
        if not user.may_see(row.dpid, row.owner_id, row.stage):
            raise Forbidden("This deal is not one you are given.")
        return row

    def get(self, user: User, deal_id: str) -> dict[str, Any]:
        with self.db.read() as conn:
            return self._out(self._row(conn, user, deal_id), user)

    def find(self, user: User, dpid: str | None, stage: str | None, limit: int) -> list[dict[str, Any]]:
        d = schema.deals
        if dpid is not None and not user.works_at(dpid):
            raise Forbidden(f"You are not given rooftop {dpid}.")
        query = select(d).order_by(d.c.updated_at.desc()).limit(limit)
        if dpid is not None:
            query = query.where(d.c.dpid == dpid)
        elif not user.every_rooftop:
            query = query.where(d.c.dpid.in_(sorted(user.rooftops)))
        if stage is not None:
            query = query.where(d.c.stage == stage)
        if user.role == "agent":
            query = query.where(or_(d.c.owner_id == user.id, and_(d.c.owner_id.is_(None), d.c.stage == "lead")))
        with self.db.read() as conn:
            return [self._out(row, user) for row in conn.execute(query)]

    def history(self, user: User, deal_id: str) -> list[dict[str, Any]]:
        h = schema.deal_history
        with self.db.read() as conn:
            self._row(conn, user, deal_id)
            rows = conn.execute(select(h).where(h.c.deal_id == deal_id).order_by(h.c.seq)).all()
        out = []
        for r in rows:
            hidden = r.field.startswith("finance") and not user.sees_profit
            out.append(
                {
                    "version": r.version,
                    "at": r.at,
                    "user": r.user_name,
                    "field": r.field,
                    "old": None if hidden else json.loads(r.old),
                    "new": None if hidden else json.loads(r.new),
                }
            )
        return out

    # changing
    def update(self, user: User, deal_id: str, patch: DealUpdate) -> dict[str, Any]:
        """Apply the fields ``patch`` names at its version; :class:`StaleVersion` when someone saved first."""
        named = patch.model_fields_set - {"version"}
        if "finance" in named and not user.sees_profit:
            raise Forbidden("Only finance managers and admins may change reserve and profit (finance).")
        if "owner_id" in named and user.role == "agent" and patch.owner_id != user.id:
            raise Forbidden("An agent can take a deal, not give it to someone else (owner_id).")
        d = schema.deals
        now = time.time()
        with self.db.write() as conn:
            row = self._row(conn, user, deal_id)
            if row.version != patch.version:
                raise StaleVersion(self._out(row, user))
            body = json.loads(row.body)
            current = {**body, "stage": row.stage, "owner_id": row.owner_id}
            changes: list[tuple[str, Any, Any]] = []
            for name in sorted(named):
                value = getattr(patch, name)
                if name in _MERGED and value is not None:
                    old_part = current.get(name) or {}
                    new_part = {**old_part, **value.model_dump(mode="json", include=value.model_fields_set)}
                    for sub in sorted(value.model_fields_set):
                        if old_part.get(sub) != new_part.get(sub):
                            changes.append((f"{name}.{sub}", old_part.get(sub), new_part.get(sub)))
                    current[name] = new_part
                elif name in _MERGED or name in _PLAIN:
                    if current.get(name) != value:
                        changes.append((name, current.get(name), value))
                    current[name] = value
            personal = self._personal(deal_id, row.pii)
            if "co_buyer" in named and patch.co_buyer is None:  # the co-buyer left the deal: so do their data
                patch.co_buyer_personal = Personal.model_validate(dict.fromkeys(personal["co_buyer_personal"]))
            for key in PARTIES.values():
                given = getattr(patch, key)
                if given is None:
                    continue
                held = personal[key]
                for sub in sorted(given.model_fields_set):
                    new_value = getattr(given, sub)
                    if held.get(sub) != new_value:
                        changes.append((f"{key}.{sub}", "(sealed)", "(sealed)"))
                    if new_value is None:
                        held.pop(sub, None)
                    else:
                        held[sub] = new_value
            if not changes:
                return self._out(row, user)
            stage, owner = current.pop("stage"), current.pop("owner_id")
            if "owner_id" in named and user.role == "agent" and row.owner_id not in (None, user.id):
                raise Forbidden("This deal belongs to another agent (owner_id).")
            version = row.version + 1
            saved = conn.execute(
                update(d)
                .where(d.c.id == deal_id, d.c.version == patch.version)
                .values(
                    version=version,
                    stage=stage,
                    owner_id=owner,
                    updated_at=now,
                    updated_by=user.name,
                    body=json.dumps(current),
                    pii=self._seal_personal(deal_id, personal),
                )
                .returning(*d.c)
            ).first()
            if saved is None:  # another process saved between our read and this update
                raise StaleVersion(self._out(self._row(conn, user, deal_id), user))
            conn.execute(
                insert(schema.deal_history),
                [
                    {"deal_id": deal_id, "version": version, "at": now, "user_name": user.name, "field": field}
                    | {"old": json.dumps(old), "new": json.dumps(new)}
                    for field, old, new in changes
                ],
            )
            self._changed(conn, deal_id, row.dpid, owner, version, now)  # last: it holds the feed's lock to commit
            return self._out(saved, user)

    def reveal(self, user: User, deal_id: str, field: str, party: str = "buyer") -> str | None:
        """The clear value of one personal field of the buyer or the co-buyer, written to the audit log with who
        and when (the co-buyer's as ``co_buyer.<field>``)."""
        with self.db.write() as conn:
            row = self._row(conn, user, deal_id)
            value = self._personal(deal_id, row.pii)[PARTIES[party]].get(field)
            named = field if party == "buyer" else f"{party}.{field}"
            audit.record(self.db, conn, user.name, audit.REVEAL, "deal", deal_id, named)
        return value
