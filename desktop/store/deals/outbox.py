"""The outbox: deal changes made while the team server was out of reach, kept on disk until it is back.

One row per deal, in the order the deal was first changed offline. The row keeps the deal as the server last
had it (``base``, sealed like the deal itself) and that version; the values to send are the local copy's, so
later offline edits of the same deal need no second row, and the replay sends ``base → local copy`` as one save.
A replay the server refuses as stale keeps the row, marked with the server's version, until the person chooses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from desktop.domain.deals import Deal
from desktop.store.deals.sqlite import SqliteDealStore

Kind = Literal["create", "save"]


@dataclass(frozen=True)
class Pending:
    seq: int
    deal_id: str
    kind: Kind
    base_version: int
    base: Deal | None  # None for a deal created offline
    conflict_version: int | None  # the server's version when a replay was refused as stale


class Outbox:
    """The outbox table in the local deals file (thread-safe like the store)."""

    def __init__(self, store: SqliteDealStore) -> None:
        self._store = store

    def queue(self, kind: Kind, deal_id: str, base: Deal | None) -> None:
        """Remember that ``deal_id`` has changes to send; a deal already queued keeps its first base."""
        body, sealed = self._store.sealed_row(base) if base is not None else (None, None)
        with self._store.db.write() as conn:
            conn.execute(
                "INSERT INTO outbox (deal_id, kind, base_version, base, base_pii) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (deal_id) DO NOTHING",
                (deal_id, kind, base.version if base is not None else 0, body, sealed),
            )

    def pending(self) -> list[Pending]:
        """Every queued deal, oldest first."""
        rows = (
            self._store.db.connect()
            .execute(
                "SELECT seq, deal_id, kind, base_version, base, base_pii, conflict_version FROM outbox ORDER BY seq"
            )
            .fetchall()
        )
        return [
            Pending(r[0], r[1], r[2], r[3], None if r[4] is None else self._store.from_row(r[4], r[5], r[1]), r[6])
            for r in rows
        ]

    def get(self, deal_id: str) -> Pending | None:
        return next((p for p in self.pending() if p.deal_id == deal_id), None)

    def mark_conflict(self, deal_id: str, server_version: int) -> None:
        with self._store.db.write() as conn:
            conn.execute("UPDATE outbox SET conflict_version = ? WHERE deal_id = ?", (server_version, deal_id))

    def done(self, deal_id: str) -> None:
        with self._store.db.write() as conn:
            conn.execute("DELETE FROM outbox WHERE deal_id = ?", (deal_id,))

    def __len__(self) -> int:
        return int(self._store.db.connect().execute("SELECT count(*) FROM outbox").fetchone()[0])
