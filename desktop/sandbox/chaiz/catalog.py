"""The plans the seeded providers sell: which ones a vehicle may have, and what each costs."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from desktop.api.chaiz.schema import COVERAGE_FILTERS, COVERAGE_TYPES, UNLIMITED_MILES, Addon, Plan, PlanFilters
from desktop.domain.vin import model_years

CHECKOUT_BASE = "https://checkout.chaiz.example"  # reserved domain: the sandbox's links lead nowhere real
# The names of the only plan category the seeded providers sell (VehicleServiceContract):
# ``filters.categoryTypes`` without one of them finds nothing.
CATEGORY_NAMES = frozenset({"vehicleservicecontract", "vsc", "service contract", "servicecontract"})


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


def coverage_of(value: str) -> str | None:
    """The coverage type a filter value names (a filter word or the type itself, any case), or ``None``."""
    lowered = value.lower()
    if lowered in COVERAGE_FILTERS:
        return COVERAGE_FILTERS[lowered]
    return next((c for c in COVERAGE_TYPES if c.lower() == lowered), None)


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
    wanted = {coverage_of(c) for c in filters.coverageTypes}
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
