"""The Chaiz partner API (issue 5): pre-registration, plan search, start price, cache clean-up and the live flow.

Registration is asynchronous at Chaiz. Here it is time-based state in SQLite: a registration row gets
``ready_at = started_at + config.chaiz_latency``, and every request compares that with the clock, so nothing waits
on a background job. To make "concurrent registrations" a number the sandbox can measure, a ``VehicleRegistration``
request is a long poll: it is held open until the registration is done, but at most ``config.chaiz_hold`` seconds,
then answers 201 (done) or 202 (still in progress, poll again). The requests open at the same time are counted and
their peak is served at ``GET /sandbox/chaiz/stats``.

Decisions where the guides are silent:
- ``GetStartPrice`` on a vehicle that is not registered answers 200 with ``status: NotRegistered`` and
  ``startPrice: null`` and does NOT start a registration (a start-price column over a whole inventory must not turn
  into a thousand registrations); while one is running it answers 202 ``InProgress``; once registered, 200 with the
  lowest price of any plan for the vehicle (no state given: the national price).
- ``CleanVehicleCache`` takes ``{vin}`` (optionally ``mileage``: then only the registration within 5,000 miles of it)
  and answers ``{vin, removed}``.
- ``PlansSearchAsync/VIN`` for a vehicle with no registration (none running, none cached within 5,000 miles)
  answers 400 ``VehicleNotRegistered`` with the suggestion ``UseDifferentEndpoint`` naming ``VehicleRegistration``:
  "Searching for an unregistered vehicle requires registration first" (pre-registered flow guide, line 42).
  While a registration runs the search answers 202; once it is done, 201 with the plans.
- ``filters.categoryTypes`` keeps plans of the listed categories; every seeded plan is a vehicle service contract
  (``VehicleServiceContract``, also ``vsc``), so any other category finds none.
- Error numbers other than 4005 CantParseVIN are this sandbox's own (see ``ERRORS``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError

from desktop.api.chaiz import paths
from desktop.api.chaiz.schema import (
    COVERAGE_FILTERS,
    COVERAGE_TYPES,
    UNLIMITED_MILES,
    Addon,
    CleanCacheBody,
    Envelope,
    ErrorItem,
    ErrorResponse,
    Plan,
    PlanFilters,
    PlanSearchBody,
    RegistrationBody,
    StartPriceBody,
    Suggestion,
    UserPlansBody,
)
from desktop.domain.chaiz_rules import (
    CACHE_SECONDS,
    REREGISTER_MILES,
    STATES,
    mileage_problem,
    state_for_zip,
    user_details_problems,
)
from desktop.domain.vin import model_years, normalize_vin, vin_problem
from desktop.sandbox.config import SandboxConfig
from desktop.sandbox.db import SandboxDB
from desktop.sandbox.errors import SandboxError, error_response

router = APIRouter()

SCHEMA = """
CREATE TABLE IF NOT EXISTS chaiz_registrations (
    vin TEXT NOT NULL,
    mileage INTEGER NOT NULL,
    started_at REAL NOT NULL,
    ready_at REAL NOT NULL,
    PRIMARY KEY (vin, mileage)
);
"""

CHECKOUT_BASE = "https://checkout.chaiz.example"  # reserved domain: the sandbox's links lead nowhere real
POLL_AGAIN_SECONDS = 1.0

# (code, number) of each error this sandbox answers; 4005 CantParseVIN is the public one.
ERRORS = {
    "vin": ("CantParseVIN", 4005),
    "mileage": ("InvalidMileage", 4006),
    "state": ("InvalidState", 4007),
    "zip": ("InvalidZip", 4008),
    "user": ("InvalidUserDetails", 4010),
    "filters": ("InvalidFilter", 4011),
    "registration": ("VehicleNotRegistered", 4012),
}
# The only plan category the seeded providers sell; ``filters.categoryTypes`` without it finds nothing.
CATEGORY = "VehicleServiceContract"
CATEGORY_NAMES = frozenset({"vehicleservicecontract", "vsc", "service contract", "servicecontract"})
FAULT_STATUSES = (429, 500, 502, 503)


# --- state shared by the requests of one sandbox -------------------------------------------------------------


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
        db.connect().executescript(SCHEMA)

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


# --- answers ------------------------------------------------------------------------------------------------


def _ok(body: BaseModel, status: int) -> JSONResponse:
    return JSONResponse(Envelope(response=body.model_dump(mode="json"), errorResponse=None).model_dump(), status)


def _error(kind: str, message: str, field: str) -> SandboxError:
    code, number = ERRORS[kind]
    return SandboxError(400, message, field=field, code=code, number=number, action="CheckInput")


def _injected_fault(st: ChaizState, request: Request) -> JSONResponse | None:
    """The 429/5xx answer ``--chaiz-fault-rate`` draws for this request, or ``None`` to serve it."""
    status = st.fault()
    if status is None:
        return None
    path = request.url.path
    code = "TooManyRequests" if status == 429 else "ServiceUnavailable"
    err = SandboxError(status, f"Injected fault {status}; retry later.", code=code, action="RetryWithAlternative")
    return error_response(path, err, {"Retry-After": "1"} if status == 429 else None)


def _many_errors(problems: list[tuple[str, str]], prefix: str) -> JSONResponse:
    code, number = ERRORS["user"]
    items = [
        ErrorItem(
            errorMessage=message,
            errorField=f"{prefix}.{field}",
            errorCode=code,
            errorNumber=number,
            suggestions=[Suggestion(action="CheckInput", message=message)],
        )
        for field, message in problems
    ]
    return JSONResponse(Envelope(response=None, errorResponse=ErrorResponse(errors=items)).model_dump(), 400)


# --- input ----------------------------------------------------------------------------------------------------


def _vin(raw: object, field: str) -> str:
    text = raw if isinstance(raw, str) else ""
    problem = vin_problem(text)
    if problem:
        raise _error("vin", f"Can't parse VIN: {problem}", field)
    return normalize_vin(text)


def _mileage(raw: object, field: str) -> int:
    problem = mileage_problem(raw)
    if problem:
        raise _error("mileage", problem, field)
    assert isinstance(raw, int)
    return raw


def _state(criteria: Mapping[str, Any], prefix: str, *, required: bool) -> str | None:
    """``zip`` wins over ``stateShortName``, as the guide says."""
    zip_code = criteria.get("zip")
    if zip_code not in (None, ""):
        state = state_for_zip(str(zip_code))
        if state is None:
            raise _error("zip", f"ZIP {zip_code!r} is not a valid US ZIP code.", f"{prefix}.zip")
        return state
    short = criteria.get("stateShortName")
    if short in (None, ""):
        if required:
            raise _error("state", "Give stateShortName or zip.", f"{prefix}.stateShortName")
        return None
    if not isinstance(short, str) or short.upper() not in STATES:
        raise _error("state", f"{short!r} is not a US state code.", f"{prefix}.stateShortName")
    return short.upper()


def _filters(raw: object) -> PlanFilters:
    if raw is None:
        return PlanFilters()
    try:
        filters = PlanFilters.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise _error("filters", f"Invalid filter '{where}': {first['msg']}.", f"filters.{where}") from None
    for value in filters.coverageTypes:
        if _coverage(value) is None:
            known = ", ".join(COVERAGE_FILTERS)
            raise _error("filters", f"Unknown coverage type {value!r}; use {known}.", "filters.coverageTypes")
    return filters


def _coverage(value: str) -> str | None:
    lowered = value.lower()
    if lowered in COVERAGE_FILTERS:
        return COVERAGE_FILTERS[lowered]
    return next((c for c in COVERAGE_TYPES if c.lower() == lowered), None)


def _criteria(body: Mapping[str, Any]) -> Mapping[str, Any]:
    inner = body.get("searchCriteria", body)
    if not isinstance(inner, Mapping):
        raise _error("vin", "searchCriteria must be an object.", "searchCriteria")
    return inner


# --- the plan catalogue ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Provider:
    name: str
    factor: float
    terms: Mapping[str, tuple[tuple[int, int], ...]]  # coverage -> (months, thousand miles)
    deductibles: tuple[int, ...]


PROVIDERS = (
    _Provider(
        "Northstar Vehicle Protection",
        1.00,
        {
            "Powertrain": ((36, 36), (60, 60), (84, UNLIMITED_MILES)),
            "PowertrainPlus": ((48, 60),),
            "MostComprehensive": ((36, 45), (60, 75)),
        },
        (100, 250),
    ),
    _Provider(
        "Keystone Auto Care",
        0.94,
        {"Powertrain": ((48, 48),), "PowertrainPlus": ((36, 45), (60, 60)), "MostComprehensive": ((48, 60),)},
        (0, 100),
    ),
    _Provider(
        "Summit Warranty Group",
        1.07,
        {"Powertrain": ((60, 75),), "MostComprehensive": ((24, 30), (36, 45), (72, 100))},
        (100,),
    ),
    _Provider(
        "Harbor Mutual Motor",
        0.98,
        {"Powertrain": ((36, 45), (72, UNLIMITED_MILES)), "PowertrainPlus": ((48, 60), (72, 90))},
        (0, 250),
    ),
)
PLAN_NAMES = {
    "Powertrain": "Powertrain Guard",
    "PowertrainPlus": "Powertrain Plus",
    "MostComprehensive": "Exclusionary",
}
BASE_PER_YEAR = {"Powertrain": 390, "PowertrainPlus": 540, "MostComprehensive": 760}
DEDUCTIBLE_FACTOR = {0: 1.14, 100: 1.0, 250: 0.9}
STATE_FACTOR = {"CA": 1.12, "NY": 1.10, "FL": 1.08, "NJ": 1.07, "WA": 1.05, "IL": 1.03, "TX": 1.0, "GA": 0.98}
SCORES = {
    "Powertrain": {"engine": 10, "transmission": 10, "driveAxle": 9, "electrical": 2, "airConditioning": 1,
                   "suspension": 1, "steering": 2, "brakes": 1, "hiTech": 0},
    "PowertrainPlus": {"engine": 10, "transmission": 10, "driveAxle": 10, "electrical": 7, "airConditioning": 8,
                       "suspension": 6, "steering": 8, "brakes": 6, "hiTech": 3},
    "MostComprehensive": {"engine": 10, "transmission": 10, "driveAxle": 10, "electrical": 10, "airConditioning": 10,
                          "suspension": 10, "steering": 10, "brakes": 9, "hiTech": 9},
}  # fmt: skip
ELIGIBLE = {"Powertrain": (20, 250_000), "PowertrainPlus": (15, 200_000), "MostComprehensive": (12, 150_000)}


def vehicle_year(vin: str, now: float) -> int:
    """The model year position 10 means: the later of its two readings that is not in the future."""
    first, second = model_years(vin)
    this_year = datetime.fromtimestamp(now, UTC).year
    return second if second <= this_year + 1 else first


def _money(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _state_factor(state: str | None) -> float:
    if state is None:
        return 1.0
    if state in STATE_FACTOR:
        return STATE_FACTOR[state]
    return 0.97 + (_stable_hash(state) % 9) / 100


def _stable_hash(text: str) -> int:
    return int(hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:8], 16)


def plans_for(vin: str, mileage: int, state: str | None, now: float) -> Iterator[Plan]:
    """Every plan the seeded providers offer this vehicle; the price follows its age, mileage and state."""
    age = max(0, datetime.fromtimestamp(now, UTC).year - vehicle_year(vin, now))
    for provider in PROVIDERS:
        for coverage, terms in provider.terms.items():
            max_age, max_miles = ELIGIBLE[coverage]
            if age > max_age or mileage > max_miles:
                continue
            for months, miles in terms:
                for deductible in provider.deductibles:
                    years = months / 12
                    per_year = 1.25 if miles == UNLIMITED_MILES else (miles / years / 12) ** 0.3
                    price = _money(
                        BASE_PER_YEAR[coverage]
                        * years**0.85
                        * per_year
                        * (1 + 0.07 * age)
                        * (1 + mileage / 100_000)
                        * _state_factor(state)
                        * DEDUCTIBLE_FACTOR[deductible]
                        * provider.factor
                    )
                    key = f"{provider.name}|{coverage}|{months}|{miles}|{deductible}"
                    plan_id = hashlib.sha1(f"{vin}|{mileage}|{state}|{key}".encode(), usedforsecurity=False)
                    down = _money(price / 10)
                    payments = min(24, months // 2)
                    yield Plan(
                        searchResultPlanId=plan_id.hexdigest()[:16],
                        displayProviderName=provider.name,
                        planName=f"{PLAN_NAMES[coverage]} {months // 12}yr",
                        coverageType=coverage,
                        duration=months,
                        miles=miles,
                        deductible=float(deductible),
                        price=float(price),
                        monthlyPrice=float(_money((price - down) / payments)),
                        numberOfPayments=payments,
                        downpayment=float(down),
                        addons=[
                            Addon(name="24/7 roadside assistance", included=True),
                            Addon(
                                name="Rental car reimbursement",
                                included=coverage != "Powertrain",
                                price=0.0 if coverage != "Powertrain" else 95.0,
                            ),
                            Addon(name="Trip interruption", price=60.0),
                        ],
                        coverageScores=dict(SCORES[coverage]),
                        planContractUrl=f"{CHECKOUT_BASE}/contracts/{plan_id.hexdigest()[:16]}.pdf",
                    )


def apply_filters(plans: Iterator[Plan], filters: PlanFilters) -> list[Plan]:
    wanted = {_coverage(c) for c in filters.coverageTypes}
    excluded = {p.strip().lower() for p in filters.excludeProviders}
    categories = {c.strip().lower() for c in filters.categoryTypes}
    if categories and not categories & CATEGORY_NAMES:
        return []
    kept: list[Plan] = []
    for plan in plans:
        if wanted and plan.coverageType not in wanted:
            continue
        if plan.displayProviderName.lower() in excluded:
            continue
        if not _within(plan.duration, filters.duration) or not _within(plan.miles, filters.miles):
            continue
        kept.append(plan)
    return sorted(kept, key=lambda p: (p.price, p.displayProviderName, p.planName))


def _within(value: int, bounds: Any) -> bool:
    if bounds is None:
        return True
    return (bounds.from_ is None or value >= bounds.from_) and (bounds.to is None or value <= bounds.to)


# --- registrations ------------------------------------------------------------------------------------------


def _find(conn: sqlite3.Connection, vin: str, mileage: int, now: float) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(
        "SELECT mileage, started_at, ready_at FROM chaiz_registrations"
        " WHERE vin = ? AND ABS(mileage - ?) < ? AND ready_at > ? ORDER BY started_at DESC LIMIT 1",
        (vin, mileage, REREGISTER_MILES, now - CACHE_SECONDS),
    ).fetchone()
    return row


def _registration(st: ChaizState, vin: str, mileage: int, *, start: bool) -> tuple[float, float] | None:
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


def _hold(st: ChaizState, ready_at: float) -> None:
    """Long poll: keep the request open until the registration is done, at most ``chaiz_hold`` seconds."""
    remaining = ready_at - st.now()
    if remaining > 0 and st.config.chaiz_hold > 0:
        time.sleep(min(remaining, st.config.chaiz_hold))


# --- the partner endpoints ---------------------------------------------------------------------------------

JsonBody = Annotated[dict[str, Any], Body()]


@router.post(paths.VEHICLE_REGISTRATION)
def vehicle_registration(request: Request, body: JsonBody) -> JSONResponse:
    st = chaiz_state(request)
    with st.in_flight_registration():
        if (fault := _injected_fault(st, request)) is not None:
            return fault
        vin = _vin(body.get("vin"), "vin")
        mileage = _mileage(body.get("mileage"), "mileage")
        found = _registration(st, vin, mileage, start=True)
        assert found is not None
        _started, ready = found
        _hold(st, ready)
        now = st.now()
        if now >= ready:
            answer = RegistrationBody(
                vin=vin, mileage=mileage, status="Registered", registeredAt=ready, expiresAt=ready + CACHE_SECONDS
            )
            return _ok(answer, 201)
        wait = min(POLL_AGAIN_SECONDS, ready - now)
        return _ok(RegistrationBody(vin=vin, mileage=mileage, status="InProgress", retryAfterSeconds=wait), 202)


@router.post(paths.PLANS_SEARCH_VIN)
def plans_search_vin(request: Request, body: JsonBody) -> JSONResponse:
    st = chaiz_state(request)
    with st.lock:
        st.search_requests += 1
    if (fault := _injected_fault(st, request)) is not None:
        return fault
    criteria = _criteria(body)
    vin = _vin(criteria.get("vin"), "searchCriteria.vin")
    mileage = _mileage(criteria.get("mileage"), "searchCriteria.mileage")
    state = _state(criteria, "searchCriteria", required=True)
    filters = _filters(body.get("filters"))
    found = _registration(st, vin, mileage, start=False)
    if found is None:
        raise SandboxError(
            400,
            f"Vehicle {vin} is not registered at {mileage} miles; register it first, then search.",
            field="searchCriteria.vin",
            code=ERRORS["registration"][0],
            number=ERRORS["registration"][1],
            action="UseDifferentEndpoint",
            endpoint=paths.VEHICLE_REGISTRATION,
        )
    _hold(st, found[1])
    now = st.now()
    if now < found[1]:
        wait = min(POLL_AGAIN_SECONDS, found[1] - now)
        answer = PlanSearchBody(vin=vin, mileage=mileage, status="InProgress", retryAfterSeconds=wait)
        return _ok(answer, 202)
    plans = apply_filters(plans_for(vin, mileage, state, now), filters)
    answer = PlanSearchBody(
        vin=vin,
        mileage=mileage,
        status="Completed",
        stateShortName=state,
        vehicleYear=vehicle_year(vin, now),
        plans=plans,
    )
    return _ok(answer, 201)


@router.post(paths.START_PRICE)
def start_price(request: Request, body: JsonBody) -> JSONResponse:
    st = chaiz_state(request)
    if (fault := _injected_fault(st, request)) is not None:
        return fault
    criteria = _criteria(body)
    vin = _vin(criteria.get("vin"), "searchCriteria.vin")
    mileage = _mileage(criteria.get("mileage"), "searchCriteria.mileage")
    state = _state(criteria, "searchCriteria", required=False)
    found = _registration(st, vin, mileage, start=False)
    now = st.now()
    if found is None:
        return _ok(StartPriceBody(vin=vin, mileage=mileage, status="NotRegistered"), 200)
    if now < found[1]:
        return _ok(StartPriceBody(vin=vin, mileage=mileage, status="InProgress"), 202)
    plans = apply_filters(plans_for(vin, mileage, state, now), PlanFilters())
    cheapest = plans[0] if plans else None
    answer = StartPriceBody(
        vin=vin,
        mileage=mileage,
        status="Registered",
        startPrice=cheapest.price if cheapest else None,
        planName=cheapest.planName if cheapest else None,
        displayProviderName=cheapest.displayProviderName if cheapest else None,
    )
    return _ok(answer, 200)


@router.post(paths.CLEAN_VEHICLE_CACHE)
def clean_vehicle_cache(request: Request, body: JsonBody) -> JSONResponse:
    st = chaiz_state(request)
    if (fault := _injected_fault(st, request)) is not None:
        return fault
    criteria = _criteria(body)
    vin = _vin(criteria.get("vin"), "vin")
    raw_mileage = criteria.get("mileage")
    with st.db.write() as conn:
        if raw_mileage is None:
            removed = conn.execute("DELETE FROM chaiz_registrations WHERE vin = ?", (vin,)).rowcount
        else:
            mileage = _mileage(raw_mileage, "mileage")
            removed = conn.execute(
                "DELETE FROM chaiz_registrations WHERE vin = ? AND ABS(mileage - ?) < ?",
                (vin, mileage, REREGISTER_MILES),
            ).rowcount
    return _ok(CleanCacheBody(vin=vin, removed=removed), 200)


@router.post(paths.PLANS_WITH_USER_INFO)
def plans_with_user_info(request: Request, body: JsonBody) -> JSONResponse:
    st = chaiz_state(request)
    if (fault := _injected_fault(st, request)) is not None:
        return fault
    criteria = _criteria(body)
    vin = _vin(criteria.get("vin"), "searchCriteria.vin")
    mileage = _mileage(criteria.get("mileage"), "searchCriteria.mileage")
    details = body.get("userDetails")
    if not isinstance(details, Mapping):
        raise _error("user", "userDetails is required.", "userDetails")
    problems = user_details_problems(details)
    if problems:
        return _many_errors(problems, "userDetails")
    filters = _filters(body.get("filters"))
    state = str(details["state"]).strip().upper()
    token = user_token(details)
    plans = apply_filters(plans_for(vin, mileage, state, st.now()), filters)
    for plan in plans:
        query = urlencode({"plan": plan.searchResultPlanId, "partner": "dealer-desk-sandbox", "user": token})
        plan.planCheckoutUrl = f"{CHECKOUT_BASE}/checkout?{query}"
        plan.planSummaryUrl = f"{CHECKOUT_BASE}/plan-summary?{query}"
    return _ok(UserPlansBody(vin=vin, mileage=mileage, stateShortName=state, plans=plans), 200)


USER_FIELDS = ("firstName", "lastName", "email", "phone", "address", "city", "state", "zip")


def user_token(details: Mapping[str, Any]) -> str:
    """The user's details as the links carry them: URL-safe base64 of compact JSON (decode with :func:`read_token`)."""
    picked = {k: str(details[k]).strip() for k in USER_FIELDS if details.get(k) not in (None, "")}
    raw = json.dumps(picked, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def read_token(token: str) -> dict[str, str]:
    padded = token + "=" * (-len(token) % 4)
    data: dict[str, str] = json.loads(base64.urlsafe_b64decode(padded))
    return data


# --- sandbox-only controls ----------------------------------------------------------------------------------


class ClockRequest(BaseModel):
    advance_seconds: float = Field(ge=0, le=10 * CACHE_SECONDS)


@router.get("/sandbox/chaiz/stats")
def chaiz_stats(request: Request) -> dict[str, Any]:
    st = chaiz_state(request)
    stats = st.stats()
    stats["cached_registrations"] = int(
        st.db.connect()
        .execute("SELECT COUNT(*) FROM chaiz_registrations WHERE ready_at > ?", (st.now() - CACHE_SECONDS,))
        .fetchone()[0]
    )
    return stats


@router.delete("/sandbox/chaiz/stats")
def reset_chaiz_stats(request: Request) -> dict[str, str]:
    chaiz_state(request).reset()
    return {"status": "ok"}


@router.post("/sandbox/chaiz/clock")
def advance_chaiz_clock(request: Request, body: ClockRequest) -> dict[str, Any]:
    """Move the Chaiz clock forward (e.g. 31 days, to see a registration expire)."""
    st = chaiz_state(request)
    with st.lock:
        st.clock_offset += body.advance_seconds
    return {"status": "ok", "clock_offset": st.clock_offset}
