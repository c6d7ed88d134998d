"""Roadster customer events: every accepted event committed before it is answered, its body sealed at rest.

One writer thread takes events from a queue and commits them in groups: eight senders each waiting for their own
fsync would be eight fsyncs, one commit for all that arrived meanwhile is one. Inside the group each event is its
own transaction (a SAVEPOINT): an event the database refuses is rolled back alone and its sender gets a 400,
while the others of the group are committed and answered 200.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DataError, IntegrityError

from desktop.server import schema
from desktop.server.crypto import Sealer
from desktop.server.db import EVENTS_FEED, Database
from desktop.server.group_writer import GroupWriter

log = logging.getLogger(__name__)

MAX_GROUP = 256  # events per commit; bounds the time the first of a group waits


@dataclass(frozen=True)
class Incoming:
    """One validated event: its id, the fields the mapping needs, and the body exactly as received."""

    event_id: str
    event_type: str
    dpid: str
    customer_id: int
    agent_id: int | None
    body: str


@dataclass(frozen=True)
class Stored:
    """The answer to a sender: our local ids, and whether the event was already there."""

    customer_id: str
    lead_id: str
    agent_id: str | None
    dealer_id: str
    duplicate: bool

    def answer(self) -> dict[str, Any]:
        return {
            "customer_id": self.customer_id,
            "lead_id": self.lead_id,
            "agent_id": self.agent_id,
            "dealer_id": self.dealer_id,
        }


class EventRefusedByDatabase(Exception):
    """The database refused this one event (its own transaction was rolled back); the sender gets a 400."""


Done = Callable[[Stored | BaseException], None]


class EventStore(GroupWriter[tuple[Incoming, Done]]):
    """Events and the Roadster -> local id mapping; ``submit`` queues, ``put`` waits for the commit."""

    def __init__(self, db: Database, sealer: Sealer) -> None:
        self.db = db
        self._sealer = sealer
        # Local ids never change once given: the writer thread remembers them instead of asking every time. Ids
        # learnt inside a transaction that is rolled back are forgotten again (the journal says which).
        self._known: dict[tuple[str, object], Any] = {}
        self._journal: list[tuple[str, object]] = []
        self._dialect: Any = postgresql if db.is_postgresql else sqlite
        super().__init__("event-writer", MAX_GROUP)

    # writing
    def submit(self, item: Incoming, done: Done) -> None:
        """Queue an event; ``done`` is called from the writer thread once it is committed (or failed)."""
        self._put((item, done))

    def put(self, item: Incoming, timeout: float = 30.0) -> Stored:
        """Store one event and wait for its commit (tests and scripts; the app uses ``submit``)."""
        future: Future[Stored] = Future()

        def done(result: Stored | BaseException) -> None:
            if isinstance(result, BaseException):
                future.set_exception(result)
            else:
                future.set_result(result)

        self.submit(item, done)
        return future.result(timeout)

    def _remember(self, key: tuple[str, object], value: Any) -> None:
        self._known[key] = value
        self._journal.append(key)

    def _forget_since(self, mark: int) -> None:
        while len(self._journal) > mark:
            self._known.pop(self._journal.pop(), None)

    def _write_group(self, group: list[tuple[Incoming, Done]]) -> None:
        results: list[Stored | BaseException] = []
        self._journal.clear()
        try:
            with self.db.write() as conn:
                self.db.serialize_feed(conn, EVENTS_FEED)
                now = time.time()
                for item, _ in group:
                    results.append(self._write_alone(conn, item, now))
        except Exception as exc:  # the commit itself failed (disk, connection): every sender retries
            self._forget_since(0)
            log.error("could not store %d events (%s)", len(group), type(exc).__name__)
            results = [exc] * len(group)
        for (_, done), result in zip(group, results, strict=True):
            done(result)

    def _write_alone(self, conn: Connection, item: Incoming, now: float) -> Stored | BaseException:
        mark = len(self._journal)
        try:
            with conn.begin_nested():
                return self._write_one(conn, item, now)
        except (IntegrityError, DataError, OverflowError) as exc:  # this event's values, not the database's state
            self._forget_since(mark)  # ids learnt inside the rolled-back savepoint were never stored
            reason = type(getattr(exc, "orig", exc)).__name__
            log.warning("event refused by the database (%s)", reason)
            return EventRefusedByDatabase(f"The database refused the event ({reason}).")

    def _write_one(self, conn: Connection, item: Incoming, now: float) -> Stored:
        dealer_id = self._local_id(conn, schema.dealer_map, "dpid", item.dpid, "D")
        ids = self._customer_ids(conn, item.dpid, item.customer_id)
        agent_id = None
        if item.agent_id is not None:
            agent_id = self._local_id(conn, schema.agent_map, "roadster_id", item.agent_id, "A")
        ev = schema.events
        # One statement stores the event or finds it already stored (a sender's retry): no lookup first.
        seq = conn.scalar(
            self._dialect.insert(ev)
            .values(
                event_id=item.event_id,
                event_type=item.event_type,
                dpid=item.dpid,
                roadster_customer_id=item.customer_id,
                received_at=now,
                body=self._sealer.seal(f"event:{item.event_id}", item.body),
            )
            .on_conflict_do_nothing(index_elements=["event_id"])
            .returning(ev.c.seq)
        )
        return Stored(ids[0], ids[1], agent_id, dealer_id, duplicate=seq is None)

    def _customer_ids(self, conn: Connection, dpid: str, roadster_id: int) -> tuple[str, str]:
        """Our customer and lead ids for a Roadster customer of a rooftop, given on their first event."""
        key = ("customer_map", (dpid, roadster_id))
        remembered = self._known.get(key)
        if remembered is not None:
            return str(remembered[0]), str(remembered[1])
        cm = schema.customer_map
        row = conn.execute(
            select(cm.c.local_id, cm.c.lead_id).where(cm.c.dpid == dpid, cm.c.roadster_id == roadster_id)
        ).first()
        if row is None:
            n = int(conn.scalar(select(func.count()).select_from(cm)) or 0) + 1
            ids = (f"C-{n:06d}", f"L-{n:06d}")
            conn.execute(insert(cm).values(dpid=dpid, roadster_id=roadster_id, local_id=ids[0], lead_id=ids[1]))
        else:
            ids = (str(row[0]), str(row[1]))
        self._remember(key, ids)
        return ids

    def _local_id(self, conn: Connection, table: Any, key: str, value: object, prefix: str) -> str:
        remembered = self._known.get((table.name, value))
        if remembered is not None:
            return str(remembered)
        found = conn.scalar(select(table.c.local_id).where(table.c[key] == value))
        if found is None:
            n = int(conn.scalar(select(func.count()).select_from(table)) or 0) + 1
            found = f"{prefix}-{n:06d}"
            conn.execute(insert(table).values({key: value, "local_id": found}))
        self._remember((table.name, value), str(found))
        return str(found)

    # reading
    def page(self, since: int, limit: int, dpids: frozenset[str] | None = None) -> tuple[list[str], int]:
        """Bodies of the events stored after cursor ``since``, oldest first, and the cursor to ask from next.

        ``dpids`` limits the page to those rooftops' events (a user's token); ``None`` is every rooftop (the
        webhook key, an admin).
        """
        ev = schema.events
        query = select(ev.c.seq, ev.c.event_id, ev.c.body).where(ev.c.seq > since).order_by(ev.c.seq).limit(limit)
        if dpids is not None:
            query = query.where(ev.c.dpid.in_(sorted(dpids)))
        with self.db.read() as conn:
            rows = conn.execute(query).all()
        cursor = int(rows[-1][0]) if rows else since
        return [self._sealer.open(f"event:{r[1]}", str(r[2])) for r in rows], cursor

    def count(self) -> int:
        with self.db.read() as conn:
            return int(conn.scalar(select(func.count()).select_from(schema.events)) or 0)

    def event_ids(self) -> list[str]:
        ev = schema.events
        with self.db.read() as conn:
            return [str(r) for r in conn.scalars(select(ev.c.event_id).order_by(ev.c.seq))]

    def forget_before(self, cutoff: float) -> int:
        """Delete events received before ``cutoff`` (epoch seconds): the retention setting. Returns how many."""
        with self.db.write() as conn:
            result = conn.execute(delete(schema.events).where(schema.events.c.received_at < cutoff))
        return int(result.rowcount or 0)
