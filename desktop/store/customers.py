"""The local customer register: the API has no list endpoint, so the app remembers every customer it meets.

Customers created here, those seen in customer events, and their trade-in offers. Contact data only (name,
email, phone); never a social security or licence number. The file is the owner's only (see
:mod:`desktop.store.db`) and customers not updated within the retention setting are purged.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.store.db import QUIET_IDLE, LocalDB, profile_file

SCHEMA = """
CREATE TABLE IF NOT EXISTS customers (
    dpid TEXT NOT NULL,
    id INTEGER NOT NULL,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    vin TEXT NOT NULL DEFAULT '',
    redirect_url TEXT NOT NULL DEFAULT '',
    agent_id TEXT NOT NULL DEFAULT '',
    agent_email TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'created',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (dpid, id)
);
CREATE INDEX IF NOT EXISTS customers_email ON customers (dpid, email);
CREATE TABLE IF NOT EXISTS tradeins (
    dpid TEXT NOT NULL,
    email TEXT NOT NULL,
    vin TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    value INTEGER NOT NULL,
    year INTEGER,
    make TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    trim TEXT NOT NULL DEFAULT '',
    mileage INTEGER,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (dpid, email, vin)
);
"""

_COLUMNS = (
    "dpid, id, first_name, last_name, email, phone, vin, redirect_url, agent_id, agent_email, source, "
    "created_at, updated_at"
)


@dataclass
class CustomerRecord:
    dpid: str
    id: int
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    vin: str = ""
    redirect_url: str = ""
    agent_id: str = ""
    agent_email: str = ""
    source: str = "created"
    created_at: int = field(default_factory=lambda: int(time.time()))
    updated_at: int = field(default_factory=lambda: int(time.time()))

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass
class TradeInRecord:
    dpid: str
    email: str
    vin: str
    customer_id: int
    value: int
    year: int | None = None
    make: str = ""
    model: str = ""
    trim: str = ""
    mileage: int | None = None
    updated_at: int = field(default_factory=lambda: int(time.time()))


def register_file(data_dir: Path, profile: str) -> Path:
    """Beside the profile's inventory cache: one register per profile, as customers differ per server."""
    return profile_file(data_dir, "customers", profile)


class CustomerRegister:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = LocalDB(path, SCHEMA, max_idle=QUIET_IDLE)  # listed, searched and joined a few times a minute

    def close(self) -> None:
        self.db.close()

    def upsert(self, record: CustomerRecord) -> CustomerRecord:
        """Add or update; blank fields of ``record`` never overwrite what is known (an event may carry less)."""
        now = int(time.time())
        with self.db.write() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM customers WHERE dpid = ? AND id = ?", (record.dpid, record.id))
            found = row.fetchone()
            if found is not None:
                known = CustomerRecord(*found)
                for name in (
                    "first_name",
                    "last_name",
                    "email",
                    "phone",
                    "vin",
                    "redirect_url",
                    "agent_id",
                    "agent_email",
                ):
                    value = getattr(record, name)
                    if value:
                        setattr(known, name, value)
                known.updated_at = now
                record = known
            else:
                record.created_at = record.created_at or now
                record.updated_at = now
            conn.execute(
                f"INSERT OR REPLACE INTO customers ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.dpid,
                    record.id,
                    record.first_name,
                    record.last_name,
                    record.email,
                    record.phone,
                    record.vin,
                    record.redirect_url,
                    record.agent_id,
                    record.agent_email,
                    record.source,
                    record.created_at,
                    record.updated_at,
                ),
            )
        return record

    def set_agent(self, dpid: str, customer_id: int, agent_id: str, agent_email: str) -> None:
        with self.db.write() as conn:
            conn.execute(
                "UPDATE customers SET agent_id = ?, agent_email = ?, updated_at = ? WHERE dpid = ? AND id = ?",
                (agent_id, agent_email, int(time.time()), dpid, customer_id),
            )

    def get(self, dpid: str, customer_id: int) -> CustomerRecord | None:
        row = (
            self.db.connect()
            .execute(f"SELECT {_COLUMNS} FROM customers WHERE dpid = ? AND id = ?", (dpid, customer_id))
            .fetchone()
        )
        return None if row is None else CustomerRecord(*row)

    def by_email(self, dpid: str, email: str) -> CustomerRecord | None:
        row = (
            self.db.connect()
            .execute(
                f"SELECT {_COLUMNS} FROM customers WHERE dpid = ? AND lower(email) = lower(?)", (dpid, email.strip())
            )
            .fetchone()
        )
        return None if row is None else CustomerRecord(*row)

    def search(self, dpid: str, text: str = "", limit: int = 1000) -> list[CustomerRecord]:
        """Newest first; every word of ``text`` must match the name, email or phone (digits match any format)."""
        where = ["dpid = ?"]
        args: list[Any] = [dpid]
        for word in text.lower().split():
            digits = "".join(ch for ch in word if ch.isdigit())
            clause = "(lower(first_name || ' ' || last_name) LIKE ? OR lower(email) LIKE ?"
            args += [f"%{word}%", f"%{word}%"]
            if digits and len(digits) >= 3:
                clause += " OR phone LIKE ?"
                args.append(f"%{digits}%")
            where.append(clause + ")")
        rows = (
            self.db.connect()
            .execute(
                f"SELECT {_COLUMNS} FROM customers WHERE {' AND '.join(where)}"
                " ORDER BY updated_at DESC, id DESC LIMIT ?",
                [*args, limit],
            )
            .fetchall()
        )
        return [CustomerRecord(*r) for r in rows]

    def save_tradein(self, offer: TradeInRecord) -> None:
        with self.db.write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO tradeins (dpid, email, vin, customer_id, value, year, make, model, trim,"
                " mileage, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    offer.dpid,
                    offer.email.lower(),
                    offer.vin,
                    offer.customer_id,
                    offer.value,
                    offer.year,
                    offer.make,
                    offer.model,
                    offer.trim,
                    offer.mileage,
                    int(time.time()),
                ),
            )

    def tradeins(self, dpid: str, email: str) -> list[TradeInRecord]:
        rows = (
            self.db.connect()
            .execute(
                "SELECT dpid, email, vin, customer_id, value, year, make, model, trim, mileage, updated_at"
                " FROM tradeins WHERE dpid = ? AND email = ? ORDER BY updated_at DESC",
                (dpid, email.lower()),
            )
            .fetchall()
        )
        return [TradeInRecord(*r) for r in rows]

    def purge_before(self, cutoff: datetime) -> int:
        """Delete customers (and trade-in offers) last updated before ``cutoff``; returns how many customers."""
        stamp = int(cutoff.timestamp())
        with self.db.write() as conn:
            conn.execute("DELETE FROM tradeins WHERE updated_at < ?", (stamp,))
            cur = conn.execute("DELETE FROM customers WHERE updated_at < ?", (stamp,))
        return int(cur.rowcount)
