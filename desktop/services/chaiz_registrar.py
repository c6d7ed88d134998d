"""Chaiz pre-registration of a dealer's inventory, as the pre-registered-flow guide recommends.

- controlled concurrency: ``concurrency`` workers (default 8, 5-10 as the guide advises), each with at most one
  request open, so Chaiz never sees more than ``concurrency`` registration requests at once;
- exponential backoff with full jitter on 429, 5xx, timeouts and dropped connections; other errors (a VIN Chaiz
  cannot parse) fail the vehicle at once with Chaiz's reason;
- the local registration cache (:class:`ChaizCache`) decides what is due: nothing is registered twice within 30
  days unless its mileage moved 5,000+ miles. Each vehicle's outcome is stored as soon as it is known, so a batch
  that is cancelled or crashes resumes with what is missing.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any, Literal

from desktop.api.chaiz.client import ChaizClient
from desktop.api.chaiz.registration import (
    DEFAULT_POLL_INTERVAL,
    StillInProgress,
    clean_vehicle_cache,
    register_and_wait,
)
from desktop.api.errors import ApiError, Cancelled, ConnectionFailed, RateLimited, RequestTimedOut, ServerError
from desktop.domain.chaiz_rules import DEFAULT_CONCURRENCY, MAX_CONCURRENCY, MIN_CONCURRENCY
from desktop.services.cancel import JobControl
from desktop.store.chaiz_cache import ChaizCache

log = logging.getLogger(__name__)

NEW_VEHICLE_MILEAGE = 10  # a new vehicle's delivery miles when the inventory gives none (Chaiz needs 1..250,000)
TRANSIENT = (RateLimited, ServerError, RequestTimedOut, ConnectionFailed, StillInProgress)

Outcome = Literal["registered", "failed", "cancelled"]


@dataclass(frozen=True)
class VehicleToRegister:
    vin: str
    mileage: int


def vehicles_from_inventory(vehicles: Iterable[Mapping[str, Any]]) -> list[VehicleToRegister]:
    """Inventory records as registration work; a record without an odometer reading counts as new."""
    found: list[VehicleToRegister] = []
    for v in vehicles:
        raw = v.get("mileage") or v.get("odometer") or NEW_VEHICLE_MILEAGE
        found.append(VehicleToRegister(str(v["vin"]).upper(), max(1, int(raw))))
    return found


class Backoff:
    """Exponential backoff with full jitter: attempt n waits uniform(0, min(cap, base * 2**n))."""

    def __init__(self, attempts: int = 6, base: float = 0.5, cap: float = 10.0, rng: random.Random | None = None):
        self.attempts = attempts
        self.base = base
        self.cap = cap
        self._rng = rng or random.Random()
        self._lock = threading.Lock()

    def delay(self, attempt: int) -> float:
        with self._lock:
            return self._rng.uniform(0, min(self.cap, self.base * 2**attempt))


@dataclass
class RegistrationReport:
    """How a batch ended. Every vehicle asked for is in exactly one of the lists (or ``not_done`` if cancelled)."""

    registered: list[str] = field(default_factory=list)
    already_cached: list[str] = field(default_factory=list)
    skipped_not_new: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    not_done: list[str] = field(default_factory=list)
    retries: int = 0
    cancelled: bool = False
    elapsed: float = 0.0

    @property
    def total(self) -> int:
        return (
            len(self.registered)
            + len(self.already_cached)
            + len(self.skipped_not_new)
            + len(self.failed)
            + len(self.not_done)
        )

    def summary(self) -> str:
        parts = [
            f"{len(self.registered):,} registered",
            f"{len(self.already_cached):,} already cached",
            f"{len(self.failed):,} failed",
        ]
        if self.skipped_not_new:
            parts.append(f"{len(self.skipped_not_new):,} skipped (not new)")
        if self.not_done:
            parts.append(f"{len(self.not_done):,} not done (cancelled; they run next time)")
        return ", ".join(parts) + f" in {self.elapsed:.1f} s."


class ChaizRegistrar:
    """Registers vehicles with Chaiz; see the module docstring for the rules."""

    def __init__(
        self,
        client: ChaizClient,
        cache: ChaizCache,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        backoff: Backoff | None = None,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        wait_timeout: float = 120.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        if not MIN_CONCURRENCY <= concurrency <= MAX_CONCURRENCY:
            raise ValueError(f"Concurrency must be between {MIN_CONCURRENCY} and {MAX_CONCURRENCY}; got {concurrency}.")
        self.client = client
        self.cache = cache
        self.concurrency = concurrency
        self.backoff = backoff or Backoff()
        self.poll_interval = poll_interval
        self.wait_timeout = wait_timeout
        self.clock = clock
        self._sleep = sleep
        self._retries = 0
        self._lock = threading.Lock()

    def due(
        self, vehicles: Sequence[VehicleToRegister], *, only_new: bool = False, report: RegistrationReport | None = None
    ) -> list[VehicleToRegister]:
        """The vehicles that need a registration now (each VIN once); the rest are noted in ``report``."""
        report = report if report is not None else RegistrationReport()
        known = self.cache.all()
        now = self.clock()
        seen: set[str] = set()
        todo: list[VehicleToRegister] = []
        for v in vehicles:
            if v.vin in seen:
                continue
            seen.add(v.vin)
            cached = known.get(v.vin)
            if cached is not None and cached.covers(v.mileage, now):
                report.already_cached.append(v.vin)
            elif only_new and cached is not None and cached.status == "registered":
                # "New" means never registered: a vehicle whose registration failed is retried, not skipped.
                report.skipped_not_new.append(v.vin)
            else:
                todo.append(v)
        return todo

    def run(
        self,
        vehicles: Sequence[VehicleToRegister],
        control: JobControl | None = None,
        *,
        only_new: bool = False,
        dpid: str | None = None,
    ) -> RegistrationReport:
        control = control or JobControl()
        started = time.monotonic()
        self._retries = 0
        report = RegistrationReport()
        todo = self.due(vehicles, only_new=only_new, report=report)
        total = len(todo)
        control.progress(0, total, f"Registering {total:,} vehicles with Chaiz…")
        sleep = self._sleep or _interruptible_sleep(control)
        with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="chaiz-register") as pool:
            futures: dict[Future[tuple[Outcome, str | None]], VehicleToRegister] = {
                pool.submit(self._register_one, v, control, sleep, dpid): v for v in todo
            }
            for done, future in enumerate(as_completed(futures), start=1):
                vehicle = futures[future]
                try:
                    outcome, reason = future.result()
                except Exception as exc:  # a bug or a broken store must not hide the other vehicles' outcomes
                    log.exception("registering %s", vehicle.vin)
                    outcome, reason = "failed", f"Unexpected error: {type(exc).__name__}"
                if outcome == "registered":
                    report.registered.append(vehicle.vin)
                elif outcome == "failed":
                    report.failed[vehicle.vin] = reason or "unknown error"
                else:
                    report.not_done.append(vehicle.vin)
                control.progress(done, total, f"Chaiz: {done:,} of {total:,} vehicles")
        report.retries = self._retries
        report.cancelled = control.cancelled
        report.elapsed = time.monotonic() - started
        return report

    def _register_one(
        self, vehicle: VehicleToRegister, control: JobControl, sleep: Callable[[float], None], dpid: str | None
    ) -> tuple[Outcome, str | None]:
        attempt = 0
        while True:
            if control.cancelled:
                return "cancelled", None
            try:
                answer = register_and_wait(
                    self.client,
                    vehicle.vin,
                    vehicle.mileage,
                    poll_interval=self.poll_interval,
                    timeout=self.wait_timeout,
                    sleep=sleep,
                    should_stop=lambda: control.cancelled,
                )
            except TRANSIENT as exc:
                attempt += 1
                with self._lock:
                    self._retries += 1
                if attempt >= self.backoff.attempts:
                    reason = f"{exc.sentence()} (gave up after {attempt} attempts)"
                    self.cache.mark_failed(vehicle.vin, vehicle.mileage, reason, dpid=dpid, attempts=attempt)
                    return "failed", reason
                sleep(self.backoff.delay(attempt))
                continue
            except ApiError as exc:
                reason = exc.sentence()
                self.cache.mark_failed(vehicle.vin, vehicle.mileage, reason, dpid=dpid, attempts=attempt + 1)
                return "failed", reason
            except Cancelled:
                return "cancelled", None
            if not answer.done:
                return "cancelled", None
            self.cache.mark_registered(vehicle.vin, vehicle.mileage, self.clock(), dpid=dpid, attempts=attempt + 1)
            return "registered", None


def clear_vehicle(client: ChaizClient, cache: ChaizCache, vin: str) -> int:
    """Drop a vehicle from Chaiz's cache and from ours (e.g. a customer reported wrong data); the next batch
    registers it again. Returns how many registrations Chaiz removed."""
    removed = clean_vehicle_cache(client, vin)
    cache.forget(vin)
    return removed


def _interruptible_sleep(control: JobControl) -> Callable[[float], None]:
    """A sleep that ends early when the job is cancelled, so a cancel never waits out a backoff."""

    def sleep(seconds: float) -> None:
        end = time.monotonic() + seconds
        while not control.cancelled:
            left = end - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, 0.05))

    return sleep
