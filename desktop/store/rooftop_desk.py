"""What a finance manager sets once per rooftop: its F&I menu packages and its own district's tax rate.

Two small tables in a local SQLite file. Packages are one row per rooftop holding them as JSON, replaced whole
on save (a manager edits the menu as one thing); a rooftop never edited has no row and its menu starts from
packages built out of its catalog. The district rate is what local buyers pay; the desk offers it as the tax
source for buyers in the rooftop's ZIP, named as such.
"""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path

from desktop.domain.desking.menu import MenuPackage
from desktop.store.db import QUIET_IDLE, LocalDB

SCHEMA = """
CREATE TABLE IF NOT EXISTS menu_packages (
    dpid TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    updated_at REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS district_rates (
    dpid TEXT PRIMARY KEY,
    rate TEXT NOT NULL,
    updated_at REAL NOT NULL
) WITHOUT ROWID;
"""


class RooftopDeskStore:
    """Packages and district rate per rooftop in a SQLite file."""

    def __init__(self, path: Path) -> None:
        self.db = LocalDB(path, SCHEMA, max_idle=QUIET_IDLE)  # read at a rooftop switch, saved by hand

    def load(self, dpid: str) -> tuple[MenuPackage, ...] | None:
        """The rooftop's packages, or ``None`` when its manager never saved any."""
        row = self.db.connect().execute("SELECT body FROM menu_packages WHERE dpid = ?", (dpid,)).fetchone()
        if row is None:
            return None
        return tuple(MenuPackage.from_json(item) for item in json.loads(row[0]))

    def save(self, dpid: str, packages: tuple[MenuPackage, ...]) -> None:
        """Replace the rooftop's packages."""
        body = json.dumps([p.to_json() for p in packages])
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO menu_packages (dpid, body, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (dpid) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                (dpid, body, time.time()),
            )

    def district_rate(self, dpid: str) -> Decimal | None:
        """The rooftop's district sales-tax rate (a fraction), or ``None`` when never set."""
        row = self.db.connect().execute("SELECT rate FROM district_rates WHERE dpid = ?", (dpid,)).fetchone()
        return None if row is None else Decimal(row[0])

    def set_district_rate(self, dpid: str, rate: Decimal) -> None:
        """Remember the rooftop's district rate; kept as text so the Decimal comes back exactly."""
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO district_rates (dpid, rate, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (dpid) DO UPDATE SET rate = excluded.rate, updated_at = excluded.updated_at",
                (dpid, str(rate), time.time()),
            )

    def close(self) -> None:
        """Close every thread's connection."""
        self.db.close()
