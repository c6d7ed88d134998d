"""What changed since a cursor, for desks that keep a local copy: long-poll over the ``changes`` table.

Every write of a deal or customer appends a row in the same transaction, in commit order (see
:meth:`Database.serialize_feed`), so a desk that asks from the last ``seq`` it saw misses nothing. A request with
nothing new waits up to ``wait`` seconds: woken at once by a save through this process, and checking the table
every second for saves through another process on the same database.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

from sqlalchemy import and_, or_, select

from desktop.server import schema
from desktop.server.db import Database
from desktop.server.users import User

POLL_SECONDS = 1.0
MAX_WAIT = 30.0  # seconds: under the idle timeouts of common reverse proxies (60 s)


class ChangeFeed:
    def __init__(self, db: Database, max_wait: float = MAX_WAIT) -> None:
        self.db = db
        self.max_wait = max_wait
        self._waiters: set[asyncio.Event] = set()
        self._loop: asyncio.AbstractEventLoop | None = None

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def notify(self) -> None:
        """Wake the waiting readers of this process (callable from any thread)."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        for waiter in self._waiters:
            waiter.set()

    def page(self, user: User, since: int, limit: int) -> list[dict[str, Any]]:
        ch = schema.changes
        query = select(ch).where(ch.c.seq > since).order_by(ch.c.seq).limit(limit)
        if not user.every_rooftop:
            query = query.where(ch.c.dpid.in_(sorted(user.rooftops)))
        if user.role == "agent":
            query = query.where(or_(ch.c.owner_id == user.id, and_(ch.c.owner_id.is_(None), ch.c.kind == "deal")))
        query = query.with_only_columns(ch.c.seq, ch.c.kind, ch.c.entity_id, ch.c.dpid, ch.c.version, ch.c.at)
        with self.db.read() as conn:
            rows = conn.execute(query).all()
        keys = ("seq", "kind", "id", "dpid", "version", "at")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    async def wait(self, user: User, since: int, limit: int, wait: float) -> list[dict[str, Any]]:
        deadline = time.monotonic() + wait
        waiter = asyncio.Event()
        self._waiters.add(waiter)
        try:
            while True:
                waiter.clear()
                found = await asyncio.to_thread(self.page, user, since, limit)
                left = deadline - time.monotonic()
                if found or left <= 0:
                    return found
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(waiter.wait(), timeout=min(left, POLL_SECONDS))
        finally:
            self._waiters.discard(waiter)
