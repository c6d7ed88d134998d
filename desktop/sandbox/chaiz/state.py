"""State shared by the Chaiz requests of one sandbox: counters, the fault RNG and a movable clock."""

from __future__ import annotations

import random
import threading
import time
from typing import Any

from fastapi import Request

from desktop.sandbox.config import SandboxConfig
from desktop.sandbox.db import SandboxDB

SCHEMA = """
CREATE TABLE IF NOT EXISTS chaiz_registrations (
    vin TEXT NOT NULL,
    mileage INTEGER NOT NULL,
    started_at REAL NOT NULL,
    ready_at REAL NOT NULL,
    PRIMARY KEY (vin, mileage)
);
"""
FAULT_STATUSES = (429, 500, 502, 503)


class ChaizState:
    """Counters, the fault RNG and a movable clock (tests jump 30 days ahead with ``POST /sandbox/chaiz/clock``)."""

    def __init__(self, config: SandboxConfig, db: SandboxDB) -> None:
        self.config = config
        self.db = db
        self._lock = threading.Lock()
        self._rng = random.Random(config.seed)
        self.clock_offset = 0.0
        self.in_flight = 0
        self.peak = 0
        self.registration_requests = 0
        self.registrations_started = 0
        self.search_requests = 0
        self.faults_injected = 0
        db.ensure_tables("chaiz", SCHEMA)

    def now(self) -> float:
        return time.time() + self.clock_offset

    def fault(self) -> int | None:
        """The status to fail this request with, drawn at ``config.chaiz_fault_rate`` from a seeded RNG."""
        if self.config.chaiz_fault_rate <= 0:
            return None
        with self._lock:
            if self._rng.random() >= self.config.chaiz_fault_rate:
                return None
            self.faults_injected += 1
            return self._rng.choice(FAULT_STATUSES)

    @property
    def lock(self) -> threading.Lock:
        return self._lock

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return {
                "peak_concurrent_registrations": self.peak,
                "in_flight_registrations": self.in_flight,
                "registration_requests": self.registration_requests,
                "registrations_started": self.registrations_started,
                "search_requests": self.search_requests,
                "faults_injected": self.faults_injected,
                "latency_seconds": self.config.chaiz_latency,
                "fault_rate": self.config.chaiz_fault_rate,
            }

    def reset(self) -> None:
        with self._lock:
            self.peak = self.in_flight
            self.registration_requests = self.registrations_started = self.search_requests = 0
            self.faults_injected = 0

    def in_flight_registration(self) -> _InFlight:
        return _InFlight(self)


class _InFlight:
    def __init__(self, state: ChaizState) -> None:
        self.state = state

    def __enter__(self) -> None:
        s = self.state
        with s.lock:
            s.in_flight += 1
            s.registration_requests += 1
            s.peak = max(s.peak, s.in_flight)

    def __exit__(self, *exc: object) -> None:
        with self.state.lock:
            self.state.in_flight -= 1


_STATE_LOCK = threading.Lock()


def chaiz_state(request: Request) -> ChaizState:
    sandbox = request.app.state.sandbox
    with _STATE_LOCK:
        found = sandbox.extras.get("chaiz")
        if found is None:
            found = sandbox.extras["chaiz"] = ChaizState(sandbox.config, sandbox.db)
    assert isinstance(found, ChaizState)
    return found
