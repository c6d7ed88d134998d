"""Registration rows: a vehicle is registered within 5,000 miles for 30 days; a request may wait for one (long poll)."""

from __future__ import annotations

import sqlite3
import time

from desktop.domain.chaiz_rules import CACHE_SECONDS, REREGISTER_MILES
from desktop.sandbox.chaiz.state import ChaizState


def _find(conn: sqlite3.Connection, vin: str, mileage: int, now: float) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(
        "SELECT mileage, started_at, ready_at FROM chaiz_registrations"
        " WHERE vin = ? AND ABS(mileage - ?) < ? AND ready_at > ? ORDER BY started_at DESC LIMIT 1",
        (vin, mileage, REREGISTER_MILES, now - CACHE_SECONDS),
    ).fetchone()
    return row


def registration(st: ChaizState, vin: str, mileage: int, *, start: bool) -> tuple[float, float] | None:
    """``(started_at, ready_at)`` of the live registration within 5,000 miles, started now if ``start``."""
    now = st.now()
    row = _find(st.db.connect(), vin, mileage, now)
    if row is not None or not start:
        return None if row is None else (float(row["started_at"]), float(row["ready_at"]))
    with st.db.write() as conn:
        row = _find(conn, vin, mileage, now)
        if row is not None:
            return float(row["started_at"]), float(row["ready_at"])
        ready = now + st.config.chaiz_latency
        conn.execute(
            "INSERT OR REPLACE INTO chaiz_registrations (vin, mileage, started_at, ready_at) VALUES (?, ?, ?, ?)",
            (vin, mileage, now, ready),
        )
    with st.lock:
        st.registrations_started += 1
    return now, ready


def hold(st: ChaizState, ready_at: float) -> None:
    """Long poll: keep the request open until the registration is done, at most ``chaiz_hold`` seconds."""
    remaining = ready_at - st.now()
    if remaining > 0 and st.config.chaiz_hold > 0:
        time.sleep(min(remaining, st.config.chaiz_hold))


def clean(st: ChaizState, vin: str, mileage: int | None) -> int:
    """Forget the vehicle's registrations (only the one within 5,000 miles of ``mileage`` when given); how many."""
    with st.db.write() as conn:
        if mileage is None:
            removed: int = conn.execute("DELETE FROM chaiz_registrations WHERE vin = ?", (vin,)).rowcount
        else:
            removed = conn.execute(
                "DELETE FROM chaiz_registrations WHERE vin = ? AND ABS(mileage - ?) < ?",
                (vin, mileage, REREGISTER_MILES),
            ).rowcount
    return removed


def cached_count(st: ChaizState) -> int:
    """Registrations still within their 30 days on the Chaiz clock."""
    row = (
        st.db.connect()
        .execute("SELECT COUNT(*) FROM chaiz_registrations WHERE ready_at > ?", (st.now() - CACHE_SECONDS,))
        .fetchone()
    )
    return int(row[0])
