"""The customer register shared by the desks: contact details in clear, personal data sealed, versioned."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from sqlalchemy import insert, select, update

from desktop.server import audit, schema
from desktop.server.crypto import Sealer
from desktop.server.db import Database
from desktop.server.deals import Forbidden, NotFound, StaleVersion
from desktop.server.models import PERSONAL_FIELDS, CustomerCreate, CustomerUpdate, mask
from desktop.server.users import User


class Register:
    """Customers of the rooftops a user is given (an agent: of any rooftop they work at)."""

    def __init__(self, db: Database, sealer: Sealer) -> None:
        self.db = db
        self._sealer = sealer

    def _personal(self, customer_id: str, sealed: str | None) -> dict[str, str]:
        if not sealed:
            return {}
        data: dict[str, str] = json.loads(self._sealer.open(f"customer:{customer_id}:personal", sealed))
        return data

    def _seal(self, customer_id: str, personal: dict[str, str]) -> str | None:
        if not personal:
            return None
        return self._sealer.seal(f"customer:{customer_id}:personal", json.dumps(personal))

    def _out(self, row: Any) -> dict[str, Any]:
        personal = self._personal(row.id, row.pii)
        return {
            "id": row.id,
            "dpid": row.dpid,
            "version": row.version,
            "person": json.loads(row.body),
            "personal": {f: mask(f, personal.get(f)) for f in PERSONAL_FIELDS if personal.get(f)},
            "updated_at": row.updated_at,
        }

    def _row(self, conn: Any, user: User, customer_id: str) -> Any:
        c = schema.customers
        row = conn.execute(select(c).where(c.c.id == customer_id)).first()
        if row is None:
            raise NotFound
        if not user.works_at(row.dpid):
            raise Forbidden(f"You are not given rooftop {row.dpid}.")
        return row

    def create(self, user: User, new: CustomerCreate) -> dict[str, Any]:
        if not user.works_at(new.dpid):
            raise Forbidden(f"You are not given rooftop {new.dpid}.")
        customer_id = str(new.id or uuid.uuid4())
        c = schema.customers
        personal = new.personal.model_dump(exclude_none=True) if new.personal else {}
        now = time.time()
        with self.db.write() as conn:
            existing = conn.execute(select(c).where(c.c.id == customer_id)).first()
            if existing is not None:
                return self._out(self._row(conn, user, customer_id))
            conn.execute(
                insert(c).values(
                    id=customer_id,
                    dpid=new.dpid,
                    roadster_customer_id=new.person.roadster_customer_id,
                    version=1,
                    updated_at=now,
                    body=new.person.model_dump_json(),
                    pii=self._seal(customer_id, personal),
                )
            )
            self.db.serialize_feed(conn)
            conn.execute(
                insert(schema.changes).values(
                    kind="customer", entity_id=customer_id, dpid=new.dpid, owner_id=None, version=1, at=now
                )
            )
            return self._out(conn.execute(select(c).where(c.c.id == customer_id)).one())

    def get(self, user: User, customer_id: str) -> dict[str, Any]:
        with self.db.read() as conn:
            return self._out(self._row(conn, user, customer_id))

    def find(self, user: User, dpid: str, query: str | None, limit: int) -> list[dict[str, Any]]:
        if not user.works_at(dpid):
            raise Forbidden(f"You are not given rooftop {dpid}.")
        c = schema.customers
        with self.db.read() as conn:
            rows = conn.execute(select(c).where(c.c.dpid == dpid).order_by(c.c.updated_at.desc())).all()
        out = [self._out(r) for r in rows]
        if query:
            needle = query.casefold()
            out = [o for o in out if any(needle in str(v).casefold() for v in o["person"].values())]
        return out[:limit]

    def update(self, user: User, customer_id: str, patch: CustomerUpdate) -> dict[str, Any]:
        c = schema.customers
        now = time.time()
        with self.db.write() as conn:
            row = self._row(conn, user, customer_id)
            if row.version != patch.version:
                raise StaleVersion(self._out(row))
            person = json.loads(row.body)
            if patch.person is not None:
                person.update(patch.person.model_dump(mode="json", include=patch.person.model_fields_set))
            personal = self._personal(customer_id, row.pii)
            if patch.personal is not None:
                for sub in patch.personal.model_fields_set:
                    value = getattr(patch.personal, sub)
                    if value is None:
                        personal.pop(sub, None)
                    else:
                        personal[sub] = value
            done = conn.execute(
                update(c)
                .where(c.c.id == customer_id, c.c.version == patch.version)
                .values(
                    version=row.version + 1,
                    updated_at=now,
                    body=json.dumps(person),
                    pii=self._seal(customer_id, personal),
                    roadster_customer_id=person.get("roadster_customer_id"),
                )
            )
            if done.rowcount != 1:
                raise StaleVersion(self._out(self._row(conn, user, customer_id)))
            self.db.serialize_feed(conn)
            conn.execute(
                insert(schema.changes).values(
                    kind="customer",
                    entity_id=customer_id,
                    dpid=row.dpid,
                    owner_id=None,
                    version=row.version + 1,
                    at=now,
                )
            )
            return self._out(conn.execute(select(c).where(c.c.id == customer_id)).one())

    def reveal(self, user: User, customer_id: str, field: str) -> str | None:
        with self.db.write() as conn:
            row = self._row(conn, user, customer_id)
            value = self._personal(customer_id, row.pii).get(field)
            audit.record(self.db, conn, user.name, audit.REVEAL, "customer", customer_id, field)
        return value
