"""Everything one server process holds: the database, the sealing key and the stores built on them."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, insert, select

from desktop.server import schema
from desktop.server.audit import AuditTrail
from desktop.server.changes import ChangeFeed
from desktop.server.crypto import CHECK_TEXT, KEY_FILE_ENV, KeyProblem, Sealer, load_key
from desktop.server.db import Database, sqlite_url
from desktop.server.deals import DealBook
from desktop.server.events import EventStore
from desktop.server.migrations import migrate
from desktop.server.register import Register
from desktop.server.users import User, authenticate

log = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 730  # two years: a deal's paperwork questions come back within that
TOKEN_CACHE_SECONDS = 30.0


@dataclass
class Services:
    db: Database
    sealer: Sealer
    webhook_key: str
    events: EventStore
    deals: DealBook
    register: Register
    feed: ChangeFeed
    audit: AuditTrail
    retention_days: float | None = DEFAULT_RETENTION_DAYS
    _users: dict[str, tuple[float, User | None]] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    def cached_user(self, token: str) -> tuple[bool, User | None]:
        """``(True, user)`` when ``token`` was looked up in the last 30 s (``user`` None: unknown), without the
        database -- so the event loop can answer most requests' sign-in itself; ``(False, None)`` otherwise."""
        cached = self._users.get(token)
        if cached is not None and time.monotonic() - cached[0] < TOKEN_CACHE_SECONDS:
            return True, cached[1]
        return False, None

    def user_for(self, token: str) -> User | None:
        """The user holding ``token`` (looked up at most every 30 s per token: every request asks)."""
        known, cached = self.cached_user(token)
        if known:
            return cached
        now = time.monotonic()
        found = authenticate(self.db, token)
        if len(self._users) > 10_000:
            self._users.clear()
        self._users[token] = (now, found)
        return found

    def forget_old(self) -> int:
        """Delete events and register entries older than the retention (``None``: keep everything)."""
        if self.retention_days is None:
            return 0
        cutoff = time.time() - self.retention_days * 86400
        gone = self.events.forget_before(cutoff)
        with self.db.write() as conn:
            result = conn.execute(delete(schema.customers).where(schema.customers.c.updated_at < cutoff))
        return gone + int(result.rowcount or 0)

    def start_retention(self, every: float = 3600.0) -> None:
        def loop() -> None:
            pause = 0.0
            while not self._stop.wait(pause):
                pause = every
                try:
                    removed = self.forget_old()
                except Exception as exc:
                    log.error("retention pass failed (%s)", type(exc).__name__)
                else:
                    if removed:
                        log.warning("retention: removed %d records older than %s days", removed, self.retention_days)

        threading.Thread(target=loop, name="retention", daemon=True).start()

    def close(self) -> None:
        self._stop.set()
        self.events.close()
        self.audit.close()
        self.db.dispose()


def _check_key(db: Database, sealer: Sealer) -> None:
    """Refuse to start with another key than the one this database's personal data was sealed with.

    Two processes of a group given different keys would each store data the other cannot open; better a clear
    refusal at start than errors on the first customer's record.
    """
    sc = schema.seal_check
    with db.write() as conn:
        sealed = conn.scalar(select(sc.c.sealed).where(sc.c.id == 1))
        if sealed is None:
            conn.execute(insert(sc).values(id=1, sealed=sealer.seal("seal-check", CHECK_TEXT)))
            return
    if not sealer.opens("seal-check", str(sealed)):
        raise KeyProblem(
            "This database's personal data was sealed with another key. Give every server process of the "
            f"database the same key ({KEY_FILE_ENV} or --key-file)."
        )


def open_services(
    data_dir: Path,
    webhook_key: str,
    database: str | None = None,
    key_file: Path | None = None,
    retention_days: float | None = DEFAULT_RETENTION_DAYS,
    key_dir: Path | None = None,
) -> Services:
    """Open (and migrate) the database, load the key (from ``key_dir``, default the data dir), build the stores."""
    db = Database(database or sqlite_url(data_dir))
    migrate(db)
    sealer = Sealer(load_key(key_dir or data_dir, key_file))
    try:
        _check_key(db, sealer)
    except KeyProblem:
        db.dispose()
        raise
    return Services(
        db=db,
        sealer=sealer,
        webhook_key=webhook_key,
        events=EventStore(db, sealer),
        deals=DealBook(db, sealer),
        register=Register(db, sealer),
        feed=ChangeFeed(db),
        audit=AuditTrail(db),
        retention_days=retention_days,
    )
