"""Each rooftop's F&I menu packages, as its finance manager last edited them.

A small table in the desk's local database: one row per rooftop holding its packages as JSON, replaced whole on
save (a manager edits the menu as one thing). A rooftop never edited has no row, and the menu starts from
packages built out of its catalog.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from desktop.domain.desking.menu import MenuPackage
from desktop.store.db import LocalDB

SCHEMA = """
CREATE TABLE IF NOT EXISTS menu_packages (
    dpid TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    updated_at REAL NOT NULL
) WITHOUT ROWID;
"""


class MenuPackageStore:
    """Packages per rooftop in a SQLite file (the desk's local database or its own)."""

    def __init__(self, path: Path) -> None:
        self.db = LocalDB(path, SCHEMA)

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

    def close(self) -> None:
        """Close every thread's connection."""
        self.db.close()
