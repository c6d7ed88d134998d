"""The team server account a shared deals copy signs in as, kept in the copy's file.

The server records that account as the creator of the deals this desk starts, so it is who "deals I started" means
in team mode. Kept here, the desk still knows it on a day it starts with the server out of reach.
"""

from __future__ import annotations

from desktop.store.deals.sqlite import SqliteDealStore


class TeamAccount:
    """The account name in the local copy's ``team_account`` table (one row; thread-safe like the store)."""

    def __init__(self, store: SqliteDealStore) -> None:
        self._store = store

    def name(self) -> str:
        """The name last learnt from the server ("" before it ever answered)."""
        row = self._store.db.connect().execute("SELECT name FROM team_account").fetchone()
        return "" if row is None else str(row[0])

    def keep(self, name: str) -> None:
        with self._store.db.write() as conn:
            conn.execute(
                "INSERT INTO team_account (one, name) VALUES (1, ?)"
                " ON CONFLICT (one) DO UPDATE SET name = excluded.name",
                (name,),
            )
