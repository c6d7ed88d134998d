"""The desktop's own deals in SQLite: always there, offline too; history rows protected by triggers.

Personal data (licence number, date of birth, SSN of the buyer and co-buyer) is sealed with AES-256-GCM, bound to
the deal's id, under a per-install key kept in the OS keyring; the columns the list searches (name, phone, VIN,
stock number) are contact and vehicle data only. Without a keyring the key lives in this process: deals are still
kept, and the personal data typed this session cannot be read after a restart (:attr:`SqliteDealStore.notice`).
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.domain.deals import PII_FIELDS, Deal, HistoryEntry, Stage, deal_from_dict, deal_number, deal_to_dict, diff
from desktop.domain.deals.number import FIRST_SEQUENCE
from desktop.secrets import SecretStore
from desktop.store.db import QUIET_IDLE, LocalDB, profile_file
from desktop.store.deals.interface import DealConflict, DealNotFound, DealQuery, DealRow, deal_row
from desktop.store.sealing import InvalidTag, Sealer, data_key

if TYPE_CHECKING:
    import sqlite3

KEY_NAME = "deal-pii-key"
_PARTIES = ("buyer", "co_buyer")
_MASKS = "server_masks"

SCHEMA = """
CREATE TABLE IF NOT EXISTS deals (
    id TEXT PRIMARY KEY,
    dpid TEXT NOT NULL,
    number TEXT NOT NULL,
    stage TEXT NOT NULL,
    agent TEXT NOT NULL DEFAULT '',
    customer_id INTEGER,
    email TEXT NOT NULL DEFAULT '',
    buyer TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    vin TEXT NOT NULL DEFAULT '',
    stock_number TEXT NOT NULL DEFAULT '',
    vehicle TEXT NOT NULL DEFAULT '',
    search TEXT NOT NULL DEFAULT '',
    updated_at REAL NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    pii BLOB,
    created_by TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX IF NOT EXISTS deals_number ON deals (dpid, number);
CREATE INDEX IF NOT EXISTS deals_customer ON deals (dpid, customer_id);
CREATE INDEX IF NOT EXISTS deals_email ON deals (dpid, email);
CREATE TABLE IF NOT EXISTS deal_numbers (dpid TEXT PRIMARY KEY, next INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS deal_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    deal_id TEXT NOT NULL,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    field TEXT NOT NULL,
    old TEXT NOT NULL,
    new TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS deal_history_deal ON deal_history (deal_id, id);
CREATE TRIGGER IF NOT EXISTS deal_history_no_update BEFORE UPDATE ON deal_history
BEGIN SELECT RAISE(ABORT, 'deal history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS deal_history_no_delete BEFORE DELETE ON deal_history
BEGIN SELECT RAISE(ABORT, 'deal history is append-only'); END;
-- Changes made while the team server was out of reach, sent in order when it is back (see outbox.py).
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    deal_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    base TEXT,
    base_pii BLOB,
    conflict_version INTEGER
);
-- The team server account a shared copy's token signs in as (see account.py).
CREATE TABLE IF NOT EXISTS team_account (one INTEGER PRIMARY KEY CHECK (one = 1), name TEXT NOT NULL);
"""
_ROW = (
    "id, number, dpid, stage, buyer, phone, email, vin, stock_number, vehicle, agent, customer_id, updated_at, search,"
    " created_by"
)
# Covers the list and its search: reading 50,000 lines never touches the deals' JSON bodies. Made after the
# migration, which gives a file of an older version the ``created_by`` column it covers.
_LIST_INDEX = """
DROP INDEX IF EXISTS deals_list;
CREATE INDEX IF NOT EXISTS deals_list_by ON deals (
    dpid, updated_at DESC, id, number, stage, buyer, phone, email, vin, stock_number, vehicle, agent, customer_id,
    search, created_by
);
"""
_STAGES = {s.value: s for s in Stage}


def deals_file(data_dir: Path, profile: str) -> Path:
    """One deals file per profile, beside its other stores: the sandbox's deals are not production's."""
    return profile_file(data_dir, "deals", profile)


class SqliteDealStore:
    """The desktop's own deals, always there (offline too). Thread-safe.

    Args:
        path: the SQLite file.
        secrets: where the per-install key for the personal data is kept.
    """

    def __init__(self, path: Path, secrets: SecretStore) -> None:
        self.path = path
        self.db = LocalDB(path, SCHEMA, self._migrate, max_idle=QUIET_IDLE)  # a list read, a deal saved
        self._secrets = secrets
        self._sealing: Sealer | None = None
        self._lock = threading.Lock()

    @property
    def notice(self) -> str:
        if not self._secrets.memory_only:
            return ""
        return (
            "No system keyring is available: personal data in deals (licence, birth date, SSN) is sealed with a "
            "key kept in memory only and cannot be read after Dealer Desk quits."
        )

    def close(self) -> None:
        self.db.close()

    @staticmethod
    def _migrate(conn: sqlite3.Connection) -> None:
        """A file of a version whose list had no creator gets the column, filled from each deal's JSON body."""
        columns = {str(row[1]) for row in conn.execute("PRAGMA table_info(deals)")}
        if "created_by" not in columns:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ALTER TABLE deals ADD COLUMN created_by TEXT NOT NULL DEFAULT ''")
            conn.execute("UPDATE deals SET created_by = coalesce(json_extract(body, '$.created_by'), '')")
            conn.execute("COMMIT")
        conn.executescript(_LIST_INDEX)

    # sealing
    def _sealer(self) -> Sealer:
        """The install's deal key, read (or made) once; the keyring may prompt, so stores are used off the GUI."""
        with self._lock:
            if self._sealing is None:
                self._sealing = Sealer(data_key(self._secrets, KEY_NAME))
            return self._sealing

    def _seal(self, deal_id: str, pii: dict[str, str]) -> bytes | None:
        if not pii:
            return None
        return self._sealer().seal(deal_id, "pii", json.dumps(pii).encode())

    def _unseal(self, deal_id: str, sealed: bytes | None) -> dict[str, str]:
        if not sealed:
            return {}
        try:
            plain = self._sealer().open(deal_id, "pii", sealed)
        except InvalidTag:
            return {}  # sealed under a key this install no longer has (a memory-only session): retype it
        result: dict[str, str] = json.loads(plain)
        return result

    # rows
    @staticmethod
    def _split(deal: Deal) -> tuple[dict[str, Any], dict[str, str]]:
        """The deal's JSON without personal data, and the personal data by ``party.field``.

        The team server's masks go with the sealed values (``party.server_masks.field``): a mask still shows an
        SSN's last four, so nothing of a personal value is left in the file in clear.
        """
        body = deal_to_dict(deal)
        pii: dict[str, str] = {}
        for party in _PARTIES:
            person = body.get(party)
            if person:
                for name in PII_FIELDS:
                    if person.get(name):
                        pii[f"{party}.{name}"] = person[name]
                    person[name] = ""
                for name, shown in (person.pop(_MASKS, None) or {}).items():
                    pii[f"{party}.{_MASKS}.{name}"] = shown
        return body, pii

    def sealed_row(self, deal: Deal) -> tuple[str, bytes | None]:
        """``deal`` as this store writes it: JSON without personal data, and the personal data sealed."""
        body, pii = self._split(deal)
        return json.dumps(body), self._seal(deal.id, pii)

    def from_row(self, body: str, sealed: bytes | None, deal_id: str) -> Deal:
        """The deal :meth:`sealed_row` wrote."""
        return self._deal(body, sealed, deal_id)

    def _deal(self, body: str, sealed: bytes | None, deal_id: str) -> Deal:
        data = json.loads(body)
        for path, value in self._unseal(deal_id, sealed).items():
            party, _, name = path.partition(".")
            if not data.get(party):
                continue
            if name.startswith(f"{_MASKS}."):
                data[party].setdefault(_MASKS, {})[name[len(_MASKS) + 1 :]] = value
            else:
                data[party][name] = value
        return deal_from_dict(data)

    @staticmethod
    def _columns(deal: Deal) -> tuple[Any, ...]:
        row = deal_row(deal)
        return (
            row.number,
            row.stage.value,
            row.agent,
            row.customer_id,
            row.email,
            row.buyer,
            row.phone,
            row.vin,
            row.stock_number,
            row.vehicle,
            row.haystack,
            row.updated_at,
        )

    # the interface
    def search(self, query: DealQuery) -> list[DealRow]:
        """Most recent activity first."""
        where, args = ["dpid = ?"], list[str | None]([query.dpid])
        for word in query.text.lower().split():
            where.append("search LIKE ?")
            args.append(f"%{word}%")
        if query.stages:
            where.append(f"stage IN ({', '.join('?' * len(query.stages))})")
            args += sorted(s.value for s in query.stages)
        if query.agent or query.creator:
            where.append("(agent = ? OR created_by = ?)")
            args += [query.agent or None, query.creator or None]  # NULL: the empty one matches no deal
        rows = (
            self.db.connect()
            .execute(
                f"SELECT {_ROW} FROM deals WHERE {' AND '.join(where)} ORDER BY updated_at DESC LIMIT ?",
                [*args, query.limit],
            )
            .fetchall()
        )
        stages, make = _STAGES, DealRow._make
        return [make((r[0], r[1], r[2], stages[r[3]], *r[4:])) for r in rows]

    def get(self, deal_id: str) -> Deal:
        row = self.db.connect().execute("SELECT body, pii FROM deals WHERE id = ?", (deal_id,)).fetchone()
        if row is None:
            raise DealNotFound(deal_id)
        return self._deal(row[0], row[1], deal_id)

    def creator(self, who: str) -> str:
        """The desk's own store records the desk's user as the creator of the deals they start."""
        return who

    def next_number(self, dpid: str, prefix: str) -> str:
        """Reserve the rooftop's next number (never handed out twice, even if the deal is never saved)."""
        with self.db.write() as conn:
            return self._take_number(conn, dpid, prefix)

    @staticmethod
    def _take_number(conn: Any, dpid: str, prefix: str) -> str:
        row = conn.execute("SELECT next FROM deal_numbers WHERE dpid = ?", (dpid,)).fetchone()
        sequence = FIRST_SEQUENCE if row is None else int(row[0])
        conn.execute(
            "INSERT INTO deal_numbers (dpid, next) VALUES (?, ?) ON CONFLICT (dpid) DO UPDATE SET next = excluded.next",
            (dpid, sequence + 1),
        )
        return deal_number(prefix, sequence)

    def create(self, deal: Deal, who: str, prefix: str) -> Deal:
        """Store a new deal at version 1, numbered now if it has no number; its first history rows say who."""
        when = datetime.now(UTC)
        with self.db.write() as conn:
            if not deal.number:
                deal.number = self._take_number(conn, deal.dpid, prefix)
            deal.version, deal.created_by, deal.updated_by = 1, deal.created_by or who, who
            deal.created_at = deal.updated_at = when
            body, pii = self._split(deal)
            conn.execute(
                "INSERT INTO deals (id, dpid, number, stage, agent, customer_id, email, buyer, phone, vin,"
                " stock_number, vehicle, search, updated_at, version, body, pii, created_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    deal.id,
                    deal.dpid,
                    *self._columns(deal),
                    1,
                    json.dumps(body),
                    self._seal(deal.id, pii),
                    deal.created_by,
                ),
            )
            self._append_history(conn, diff(None, deal, who, when))
        return deal

    def save(self, deal: Deal, expected_version: int, who: str) -> Deal:
        """Store ``deal`` if the store still holds ``expected_version``; returns it at its new version.

        Raises:
            DealConflict: someone saved the deal since ``expected_version`` was read.
            DealNotFound: no such deal.
        """
        when = datetime.now(UTC)
        with self.db.write() as conn:
            row = conn.execute("SELECT body, pii, version FROM deals WHERE id = ?", (deal.id,)).fetchone()
            if row is None:
                raise DealNotFound(deal.id)
            current = self._deal(row[0], row[1], deal.id)
            if int(row[2]) != expected_version:
                raise DealConflict(current, expected_version)
            entries = diff(current, deal, who, when)
            if not entries:
                return deal
            deal.version, deal.updated_by, deal.updated_at = expected_version + 1, who, when
            body, pii = self._split(deal)
            conn.execute(
                "UPDATE deals SET number = ?, stage = ?, agent = ?, customer_id = ?, email = ?, buyer = ?,"
                " phone = ?, vin = ?, stock_number = ?, vehicle = ?, search = ?, updated_at = ?, version = ?,"
                " body = ?, pii = ? WHERE id = ?",
                (*self._columns(deal), deal.version, json.dumps(body), self._seal(deal.id, pii), deal.id),
            )
            self._append_history(conn, entries)
        return deal

    def put(self, deal: Deal, who: str) -> Deal:
        """Store ``deal`` as another store holds it (the team server's copy), at its own number and version.

        No version check: the other store has already decided. The change is appended to the local history, so
        the desk can show what arrived while it was offline too.
        """
        when = datetime.now(UTC)
        with self.db.write() as conn:
            row = conn.execute("SELECT body, pii FROM deals WHERE id = ?", (deal.id,)).fetchone()
            before = None if row is None else self._deal(row[0], row[1], deal.id)
            body, pii = self._split(deal)
            conn.execute(
                "INSERT INTO deals (id, dpid, number, stage, agent, customer_id, email, buyer, phone, vin,"
                " stock_number, vehicle, search, updated_at, version, body, pii, created_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET number = excluded.number, stage = excluded.stage,"
                " agent = excluded.agent, customer_id = excluded.customer_id, email = excluded.email,"
                " buyer = excluded.buyer, phone = excluded.phone, vin = excluded.vin,"
                " stock_number = excluded.stock_number, vehicle = excluded.vehicle, search = excluded.search,"
                " updated_at = excluded.updated_at, version = excluded.version, body = excluded.body,"
                " pii = excluded.pii, created_by = excluded.created_by",
                (
                    deal.id,
                    deal.dpid,
                    *self._columns(deal),
                    deal.version,
                    json.dumps(body),
                    self._seal(deal.id, pii),
                    deal.created_by,
                ),
            )
            self._append_history(conn, diff(before, deal, who, when))
        return deal

    @staticmethod
    def _append_history(conn: Any, entries: list[HistoryEntry]) -> None:
        conn.executemany(
            "INSERT INTO deal_history (deal_id, at, who, field, old, new) VALUES (?, ?, ?, ?, ?, ?)",
            [(e.deal_id, e.when.isoformat(), e.who, e.field, e.old, e.new) for e in entries],
        )

    def history(self, deal_id: str) -> list[HistoryEntry]:
        """Oldest first, as appended."""
        rows = (
            self.db.connect()
            .execute(
                "SELECT deal_id, field, old, new, who, at FROM deal_history WHERE deal_id = ? ORDER BY id", (deal_id,)
            )
            .fetchall()
        )
        return [HistoryEntry(r[0], r[1], r[2], r[3], r[4], datetime.fromisoformat(r[5])) for r in rows]

    def for_customer(self, dpid: str, customer_id: int | None, email: str) -> Deal | None:
        """The customer's most recently active open deal (by Roadster id, else by email), for a customer event."""
        open_stages = tuple(s.value for s in Stage if s not in (Stage.LOST, Stage.DELIVERED))
        marks = ", ".join("?" * len(open_stages))
        conn = self.db.connect()
        row = None
        if customer_id is not None:
            row = conn.execute(
                f"SELECT id FROM deals WHERE dpid = ? AND customer_id = ? AND stage IN ({marks})"
                " ORDER BY updated_at DESC LIMIT 1",
                (dpid, customer_id, *open_stages),
            ).fetchone()
        if row is None and email.strip():
            row = conn.execute(
                f"SELECT id FROM deals WHERE dpid = ? AND email = ? AND stage IN ({marks})"
                " ORDER BY updated_at DESC LIMIT 1",
                (dpid, email.strip().lower(), *open_stages),
            ).fetchone()
        return None if row is None else self.get(str(row[0]))
