"""The local Chaiz registration cache: which vehicles are registered, when, at what mileage, and why one failed.

It is the registrar's checkpoint too: each vehicle's row is written as soon as its registration ends, so a batch
stopped by a cancel or a crash resumes with what is still missing and never registers a vehicle twice within
Chaiz's 30-day cache window (unless its mileage moved 5,000+ miles).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from desktop.domain.chaiz_rules import CACHE_SECONDS, REREGISTER_MILES
from desktop.store.db import LocalDB, profile_file

SCHEMA = """
CREATE TABLE IF NOT EXISTS chaiz_registrations (
    vin TEXT PRIMARY KEY,
    dpid TEXT,
    mileage INTEGER NOT NULL,
    registered_at REAL,
    status TEXT NOT NULL,
    last_error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    updated_at REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS chaiz_registrations_dpid ON chaiz_registrations (dpid);
"""

Status = Literal["registered", "failed"]


@dataclass(frozen=True)
class CachedRegistration:
    vin: str
    dpid: str | None
    mileage: int
    registered_at: float | None
    status: Status
    last_error: str | None
    attempts: int

    def covers(self, mileage: int, now: float) -> bool:
        """Chaiz still has this vehicle cached for ``mileage``: registered < 30 days ago, within 5,000 miles."""
        return (
            self.status == "registered"
            and self.registered_at is not None
            and now - self.registered_at < CACHE_SECONDS
            and abs(mileage - self.mileage) < REREGISTER_MILES
        )


def chaiz_cache_path(data_dir: Path, name: str) -> Path:
    """The registration cache of one profile (or one Chaiz URL); the CLI and the app share it."""
    return profile_file(data_dir, "chaiz", name)


class ChaizCache:
    """One row per VIN: its latest registration (or failed attempt)."""

    def __init__(self, path: Path) -> None:
        self.db = LocalDB(path, SCHEMA)

    def close(self) -> None:
        self.db.close()

    def get(self, vin: str) -> CachedRegistration | None:
        row = (
            self.db.connect()
            .execute(
                "SELECT vin, dpid, mileage, registered_at, status, last_error, attempts"
                " FROM chaiz_registrations WHERE vin = ?",
                (vin,),
            )
            .fetchone()
        )
        return None if row is None else CachedRegistration(*row)

    def all(self, dpid: str | None = None) -> dict[str, CachedRegistration]:
        sql = "SELECT vin, dpid, mileage, registered_at, status, last_error, attempts FROM chaiz_registrations"
        rows = self.db.connect().execute(sql + (" WHERE dpid = ?" if dpid else ""), (dpid,) if dpid else ()).fetchall()
        return {r[0]: CachedRegistration(*r) for r in rows}

    def mark_registered(
        self, vin: str, mileage: int, registered_at: float, *, dpid: str | None = None, attempts: int = 1
    ) -> None:
        self._put(vin, dpid, mileage, registered_at, "registered", None, attempts)

    def mark_failed(self, vin: str, mileage: int, reason: str, *, dpid: str | None = None, attempts: int = 1) -> None:
        """Record a failure; a registration still valid for this mileage is kept (only the error is noted)."""
        previous = self.get(vin)
        now = time.time()
        if previous is not None and previous.covers(mileage, now):
            with self.db.write() as conn:
                conn.execute(
                    "UPDATE chaiz_registrations SET last_error = ?, updated_at = ? WHERE vin = ?", (reason, now, vin)
                )
            return
        self._put(vin, dpid, mileage, None, "failed", reason, attempts)

    def forget(self, vin: str) -> None:
        """After ``CleanVehicleCache``: the vehicle is not registered any more."""
        with self.db.write() as conn:
            conn.execute("DELETE FROM chaiz_registrations WHERE vin = ?", (vin,))

    def _put(
        self,
        vin: str,
        dpid: str | None,
        mileage: int,
        registered_at: float | None,
        status: Status,
        error: str | None,
        attempts: int,
    ) -> None:
        with self.db.write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO chaiz_registrations"
                " (vin, dpid, mileage, registered_at, status, last_error, attempts, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (vin, dpid, mileage, registered_at, status, error, attempts, time.time()),
            )
