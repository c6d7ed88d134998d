"""The offline cache of dealers and inventory: what the app shows at start, before (or without) the network."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from desktop.store.db import LocalDB, profile_file

if TYPE_CHECKING:  # imported where used: the window builds its stores before it is shown
    import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS dealers (
    dpid TEXT PRIMARY KEY, position INTEGER NOT NULL, body TEXT NOT NULL, detail TEXT
);
CREATE TABLE IF NOT EXISTS vehicles (
    dpid TEXT NOT NULL,
    vin TEXT NOT NULL,
    stock_number TEXT NOT NULL,
    year INTEGER NOT NULL,
    make TEXT NOT NULL,
    model TEXT NOT NULL,
    trim TEXT NOT NULL,
    body_style TEXT NOT NULL,
    color TEXT NOT NULL,
    rgb TEXT NOT NULL,
    msrp REAL,
    in_stock INTEGER NOT NULL,
    reserved INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    raw TEXT NOT NULL,
    choice_text TEXT NOT NULL DEFAULT '',
    UNIQUE (dpid, vin)
);
CREATE TABLE IF NOT EXISTS sync_state (
    dpid TEXT PRIMARY KEY,
    complete INTEGER NOT NULL DEFAULT 0,
    high_water INTEGER,
    cursor TEXT,
    since INTEGER,
    last_synced_at INTEGER,
    last_error TEXT
);
"""


VehicleRow = tuple[str, str, int, str, str, str, str, str, str, float | None, int, int, int]
"""The columns the inventory table shows (the full record stays in ``raw``), read with the ``ROW_*`` indexes.

A plain tuple of strings and numbers on purpose: CPython stops tracking such a tuple in the cyclic garbage collector
the first time a collection sees it, so 100,000 cached rows cost a full collection nothing. A ``NamedTuple`` (a
tuple subclass) stays tracked for life: with those rows every full collection walked them all, holding the GIL for
tens of milliseconds.
"""

ROW_VIN: Final = 0
ROW_STOCK_NUMBER: Final = 1
ROW_YEAR: Final = 2
ROW_MAKE: Final = 3
ROW_MODEL: Final = 4
ROW_TRIM: Final = 5
ROW_BODY: Final = 6
ROW_COLOR: Final = 7
ROW_RGB: Final = 8
ROW_MSRP: Final = 9
ROW_IN_STOCK: Final = 10
ROW_RESERVED: Final = 11
ROW_UPDATED_AT: Final = 12


class VehicleChoice(NamedTuple):
    """What a vehicle picker shows of one vehicle: one page of these is read at a time, never the whole rooftop."""

    vin: str
    stock_number: str
    year: int
    make: str
    model: str
    trim: str
    msrp: float | None
    in_stock: bool


# What a vehicle picker reads and filters (vehicle_choices), in VIN order. A filter's word is looked for in
# ``choice_text``, the fields it searches joined by CHOICE_SEPARATOR and lower-cased (ASCII) when the row is written:
# one instr() a row, on this index alone, instead of a LIKE for each field on an index of the fields. A word that
# matches nothing walks the rooftop's 100,000 entries in 17-21 ms (the LIKEs took 48-63; the joined text built at
# each read, 79). The rows of the page are then looked up by VIN.
_CHOICE_FIELDS = ("vin", "stock_number", "year", "make", "model", "trim")
_CHOICE_TEXT_SQL = "lower(" + " || char(31) || ".join(_CHOICE_FIELDS) + ")"  # what choice_text holds
_NEW_CHOICE_TEXT_SQL = "lower(" + " || char(31) || ".join(f"NEW.{f}" for f in _CHOICE_FIELDS) + ")"
# The triggers mend a row an older version of the app wrote (it knows nothing of choice_text): this version writes
# the text itself, so their WHEN is false and they cost a comparison a row.
_CHOICE_INDEX = f"""
CREATE INDEX IF NOT EXISTS vehicle_choice_text ON vehicles (dpid, vin, choice_text, in_stock);
DROP INDEX IF EXISTS vehicle_choices;
CREATE TRIGGER IF NOT EXISTS vehicle_choice_text_inserted AFTER INSERT ON vehicles
    WHEN NEW.choice_text IS NOT {_NEW_CHOICE_TEXT_SQL}
    BEGIN UPDATE vehicles SET choice_text = {_CHOICE_TEXT_SQL} WHERE rowid = NEW.rowid; END;
CREATE TRIGGER IF NOT EXISTS vehicle_choice_text_updated AFTER UPDATE ON vehicles
    WHEN NEW.choice_text IS NOT {_NEW_CHOICE_TEXT_SQL}
    BEGIN UPDATE vehicles SET choice_text = {_CHOICE_TEXT_SQL} WHERE rowid = NEW.rowid; END;
"""
CHOICE_SEPARATOR = "\x1f"  # a word holds none (str.split() splits on it): it matches within one field, as before


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
Interruptible = Callable[[Callable[[], None]], contextlib.AbstractContextManager[None]]


def choice_text(vin: str, stock_number: str, year: int, make: str, model: str, trim: str) -> str:
    """The text a picker's words are looked for in: as ``_CHOICE_TEXT_SQL`` makes it from the row."""
    return CHOICE_SEPARATOR.join((vin, stock_number, str(year), make, model, trim)).translate(_ASCII_LOWER)


def choice_matches(choice: VehicleChoice, words: tuple[str, ...]) -> bool:
    """Whether ``vehicle_choices`` would list ``choice`` for ``words`` (lower-cased): each word within its text."""
    text = choice_text(*choice[:6])  # _CHOICE_FIELDS, in VehicleChoice's order
    return all(word.translate(_ASCII_LOWER) in text for word in words)


def narrows(words: tuple[str, ...], than: tuple[str, ...]) -> bool:
    """Whether every vehicle ``words`` match is one ``than`` matches: each word of ``than`` within a word of
    ``words`` (a field holding the longer word holds the shorter)."""
    return all(any(old in new for new in words) for old in than)


ROW_COLUMNS = "vin, stock_number, year, make, model, trim, body_style, color, rgb, msrp, in_stock, reserved, updated_at"

_UPDATE_ALL = ", ".join(f"{c} = excluded.{c}" for c in (*ROW_COLUMNS.split(", ")[1:], "raw", "choice_text"))


@dataclass
class SyncState:
    """Where a dealer's sync stands. ``cursor`` set means a run stopped mid-way and will resume from it.

    ``high_water`` is the server's clock when the latest pass (complete, or stopped at ``cursor``) began: the next
    pass asks for changes since it. ``since`` is the window of the pass in progress, kept so a resume asks the same.
    """

    dpid: str
    complete: bool = False
    high_water: int | None = None
    cursor: str | None = None
    since: int | None = None
    last_synced_at: int | None = None
    last_error: str | None = None


def _row_values(dpid: str, v: dict[str, Any], dumps: Any) -> tuple[Any, ...]:
    color = v.get("exterior_color") or {}
    vin, stock, year = v["vin"], str(v.get("stock_number") or ""), int(v.get("year") or 0)
    make, model, trim = str(v.get("make") or ""), str(v.get("model") or ""), str(v.get("trim") or "")
    return (
        dpid,
        vin,
        stock,
        year,
        make,
        model,
        trim,
        str(v.get("body") or ""),
        str(color.get("label") or ""),
        str(color.get("rgb") or ""),
        v.get("msrp"),
        int(bool(v.get("in_stock", True))),
        int(bool(v.get("reserved", False))),
        int(v.get("updated_at") or 0),
        dumps(v),
        choice_text(vin, stock, year, make, model, trim),
    )


RECENT_ROWS: Final = 2
"""Rooftops whose rows the cache keeps: the one on screen and the one before, for the switch back."""


def cache_file(data_dir: Path, profile: str) -> Path:
    """The profile's inventory cache, ``cache-<profile>.sqlite3``."""
    return profile_file(data_dir, "cache", profile)


class InventoryCache:
    """One SQLite file per profile (sandbox and production data never mix)."""

    def __init__(self, path: Path) -> None:
        self.db = LocalDB(path, SCHEMA, _add_choice_text)
        # The rows of the last RECENT_ROWS rooftops read, kept while no write touched them: switching back to a
        # rooftop hands the same 100,000 tuples again (already untracked by the collector) instead of 100,000 new
        # ones that the GUI thread's next collection must walk (24-31 ms in the soak). This process is the file's
        # only writer of vehicles, so a write's generation is known here.
        self._rows_lock = threading.Lock()
        self._generation: dict[str, int] = {}
        self._recent_rows: dict[str, tuple[int, tuple[VehicleRow, ...]]] = {}

    def close(self) -> None:
        with self._rows_lock:
            self._recent_rows.clear()
        self.db.close()

    # dealers
    def save_dealers(self, dealers: list[dict[str, Any]]) -> None:
        with self.db.write() as conn:
            keep = [d["dpid"] for d in dealers]
            conn.execute(f"DELETE FROM dealers WHERE dpid NOT IN ({','.join('?' * len(keep))})", keep)
            for position, d in enumerate(dealers):
                conn.execute(
                    "INSERT INTO dealers (dpid, position, body) VALUES (?, ?, ?) "
                    "ON CONFLICT (dpid) DO UPDATE SET position = excluded.position, body = excluded.body",
                    (d["dpid"], position, json.dumps(d)),
                )

    def dealers(self) -> list[dict[str, Any]]:
        rows = self.db.connect().execute("SELECT body FROM dealers ORDER BY position").fetchall()
        return [json.loads(r[0]) for r in rows]

    def save_dealer_detail(self, dpid: str, detail: dict[str, Any]) -> None:
        with self.db.write() as conn:
            conn.execute("UPDATE dealers SET detail = ? WHERE dpid = ?", (json.dumps(detail), dpid))

    def dealer_detail(self, dpid: str) -> dict[str, Any] | None:
        row = self.db.connect().execute("SELECT detail FROM dealers WHERE dpid = ?", (dpid,)).fetchone()
        return None if row is None or row[0] is None else dict(json.loads(row[0]))

    # vehicles
    def upsert_vehicles(self, dpid: str, vehicles: list[dict[str, Any]], state: SyncState | None = None) -> None:
        """Merge one page; with ``state``, its checkpoint is saved in the same transaction (so a crash never
        leaves the cursor ahead of the data).

        Idempotent: windows overlap, so the same record may come twice; a record older than the one cached (a
        late page of an earlier pass) never replaces it.
        """
        import orjson  # only sync needs it; importing it at start-up would delay the first paint

        with self.db.write() as conn:
            conn.executemany(
                f"INSERT INTO vehicles (dpid, {ROW_COLUMNS}, raw, choice_text) VALUES ({', '.join('?' * 16)}) "
                f"ON CONFLICT (dpid, vin) DO UPDATE SET {_UPDATE_ALL} WHERE excluded.updated_at >= vehicles.updated_at",
                [_row_values(dpid, v, orjson.dumps) for v in vehicles],
            )
            if state is not None:
                self._save_state(conn, state)
        with self._rows_lock:
            self._generation[dpid] = self._generation.get(dpid, 0) + 1
            self._recent_rows.pop(dpid, None)

    def vehicle_rows(self, dpid: str) -> tuple[VehicleRow, ...]:
        """The dealer's vehicles in VIN order, as SQLite's own row tuples (no wrapper per row).

        A tuple rather than a list: once the collector has untracked the rows it untracks this tuple too, so a
        full collection does not even walk the 100,000 references (a list of them cost it ~25 ms). The same
        tuple again while nothing was written for ``dpid`` (one of the last :data:`RECENT_ROWS` rooftops read).
        """
        with self._rows_lock:
            generation = self._generation.get(dpid, 0)
            recent = self._recent_rows.pop(dpid, None)
            if recent is not None and recent[0] == generation:
                self._recent_rows[dpid] = recent  # the most recently used now
                return recent[1]
        cur = self.db.connect().execute(f"SELECT {ROW_COLUMNS} FROM vehicles WHERE dpid = ? ORDER BY vin", (dpid,))
        rows = tuple(cur.fetchall())
        with self._rows_lock:
            if self._generation.get(dpid, 0) == generation:  # no write since the read began
                self._recent_rows.pop(dpid, None)
                self._recent_rows[dpid] = (generation, rows)
                while len(self._recent_rows) > RECENT_ROWS:
                    del self._recent_rows[next(iter(self._recent_rows))]
        return rows

    def vehicle_choices(
        self,
        dpid: str,
        *,
        after_vin: str = "",
        words: tuple[str, ...] = (),
        in_stock_only: bool = False,
        limit: int = 200,
        interruptible: Interruptible | None = None,
    ) -> list[VehicleChoice]:
        """One page of a rooftop's vehicles in VIN order, after ``after_vin``, whose text holds every word.

        Keyset paging on the pickers' index, (dpid, vin, ...): the next page costs the same at row 99,800 as at row
        0, and a filter stops scanning once the page is full. A word that matches nothing scans the whole rooftop
        (~20 ms at 100,000 vehicles): ``interruptible`` (a job's ``JobControl.interrupting``) lets a cancel stop it.
        """
        page = "SELECT vin FROM vehicles WHERE dpid = ?1 AND vin > ?2"  # on vehicle_choice_text alone
        if in_stock_only:
            page += " AND in_stock = 1"
        args: list[Any] = [dpid, after_vin, limit]
        for word in words:
            args.append(word.translate(_ASCII_LOWER))
            page += f" AND instr(choice_text, ?{len(args)}) > 0"
        sql = (
            "SELECT vin, stock_number, year, make, model, trim, msrp, in_stock FROM vehicles"
            f" WHERE dpid = ?1 AND vin IN ({page} ORDER BY vin LIMIT ?3) ORDER BY vin"
        )
        conn = self.db.connect()
        with interruptible(conn.interrupt) if interruptible is not None else contextlib.nullcontext():
            rows = conn.execute(sql, args).fetchall()
        return [VehicleChoice._make((*r[:7], bool(r[7]))) for r in rows]

    def vehicle(self, dpid: str, vin: str) -> dict[str, Any] | None:
        row = self.db.connect().execute("SELECT raw FROM vehicles WHERE dpid = ? AND vin = ?", (dpid, vin)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def vehicle_count(self, dpid: str) -> int:
        """How many vehicles ``dpid`` has; the length of its rows when they are kept (a picker asks at each switch)."""
        with self._rows_lock:
            recent = self._recent_rows.get(dpid)
            if recent is not None and recent[0] == self._generation.get(dpid, 0):
                return len(recent[1])
        return int(self.db.connect().execute("SELECT COUNT(*) FROM vehicles WHERE dpid = ?", (dpid,)).fetchone()[0])

    def max_updated_at(self, dpid: str) -> int | None:
        row = self.db.connect().execute("SELECT MAX(updated_at) FROM vehicles WHERE dpid = ?", (dpid,)).fetchone()
        return None if row[0] is None else int(row[0])

    # sync state
    def sync_state(self, dpid: str) -> SyncState:
        row = (
            self.db.connect()
            .execute(
                "SELECT complete, high_water, cursor, since, last_synced_at, last_error FROM sync_state WHERE dpid = ?",
                (dpid,),
            )
            .fetchone()
        )
        if row is None:
            return SyncState(dpid)
        return SyncState(dpid, bool(row[0]), row[1], row[2], row[3], row[4], row[5])

    def save_sync_state(self, state: SyncState) -> None:
        with self.db.write() as conn:
            self._save_state(conn, state)

    @staticmethod
    def _save_state(conn: Any, s: SyncState) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO sync_state (dpid, complete, high_water, cursor, since, last_synced_at, last_error)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (s.dpid, int(s.complete), s.high_water, s.cursor, s.since, s.last_synced_at, s.last_error),
        )


def _add_choice_text(conn: sqlite3.Connection) -> None:
    """Give a cache written before ``choice_text`` its column, filled from the rows (about a second a 100,000
    vehicles, once), and the pickers' index."""
    if not any(column[1] == "choice_text" for column in conn.execute("PRAGMA table_info(vehicles)")):
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("ALTER TABLE vehicles ADD COLUMN choice_text TEXT NOT NULL DEFAULT ''")
            conn.execute(f"UPDATE vehicles SET choice_text = {_CHOICE_TEXT_SQL}")
            conn.executescript(_CHOICE_INDEX)  # commits
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    else:
        conn.executescript(_CHOICE_INDEX)


def now_epoch() -> int:
    return int(time.time())
