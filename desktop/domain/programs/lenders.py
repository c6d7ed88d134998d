"""Lender programs: a retail-installment program's APR by credit tier and term, a lease program's money
factor by tier and residual by term and mileage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from desktop.domain.money import ZERO


@dataclass(frozen=True, slots=True)
class FinanceProgram:
    """A lender's retail-installment program: APR by credit tier and term.

    Attributes:
        name: the program's title as the lender publishes it.
        lender: lender code ("MAZ").
        lender_name: lender's name.
        min_scores: lowest credit score of each tier, best tier first, e.g. ``(720, 680, 620, 300)``.
        rates: term in months → buy-rate APR in percent per tier (same order as ``min_scores``); ``None``
            where the tier is not offered that term.
        expires_on: last day the program can be used.
        special: a subvented (promotional) rate; dealers' markup rules treat it apart and it rarely comes with
            dealer cash.
        used: for used vehicles rather than new.
        dealer_cash: manufacturer money passed to the customer as a price reduction with this program.
        days_to_first_payment: the lender's standard first-payment date.
        min_amount_financed: the smallest loan the lender books.
        max_vehicle_age: oldest vehicle (in model years) the program finances; ``None`` for no limit.
    """

    name: str
    lender: str
    lender_name: str
    min_scores: tuple[int, ...]
    rates: Mapping[int, tuple[Decimal | None, ...]]
    expires_on: date
    special: bool = False
    used: bool = False
    dealer_cash: Decimal = ZERO
    days_to_first_payment: int = 30
    min_amount_financed: Decimal = Decimal(1000)
    max_vehicle_age: int | None = None

    def buy_rate(self, credit_score: int, term: int) -> Decimal | None:
        """The lender's APR for this score and term, or ``None`` if not offered."""
        by_tier = self.rates.get(term)
        if by_tier is None:
            return None
        for tier, floor in enumerate(self.min_scores):
            if credit_score >= floor:
                return by_tier[tier]
        return None

    def covers(self, used: bool, vehicle_age: int, as_of: date) -> bool:
        """Whether the program can finance this vehicle on ``as_of`` (condition, age, expiry)."""
        too_old = self.max_vehicle_age is not None and vehicle_age > self.max_vehicle_age
        return self.used == used and as_of <= self.expires_on and not too_old


@dataclass(frozen=True, slots=True)
class LeaseProgram:
    """A lender's lease program: money factor by credit tier, residual by term and annual mileage.

    Attributes:
        name: the program's title.
        lender: lender code.
        lender_name: lender's name.
        min_scores: lowest credit score of each tier, best first; scores below the last tier are not leased.
        money_factors: buy-rate money factor per tier.
        residuals: term → annual mileage → residual as a percent of the residual MSRP.
        base_annual_mileage: the mileage the lender's bulletin quotes its base residual at.
        expires_on: last day the program can be used.
        special: subvented rate (markup rules treat it apart).
        dealer_cash: manufacturer money passed to the customer as a cap cost reduction.
        security_deposit: refundable deposit due at signing.
        overage_per_mile: charged at turn-in for miles beyond the contract.
        prepaid_per_mile: price of miles bought upfront beyond the highest residual mileage (capitalized).
        max_annual_mileage: most miles a year the lender writes, prepaid miles included.
    """

    name: str
    lender: str
    lender_name: str
    min_scores: tuple[int, ...]
    money_factors: tuple[Decimal, ...]
    residuals: Mapping[int, Mapping[int, Decimal]]
    base_annual_mileage: int
    expires_on: date
    special: bool = False
    dealer_cash: Decimal = ZERO
    security_deposit: Decimal = ZERO
    overage_per_mile: Decimal = Decimal("0.15")
    prepaid_per_mile: Decimal = Decimal("0.10")
    max_annual_mileage: int = 30_000
    _tiers: Mapping[int, tuple[tuple[int, Decimal], ...]] = field(init=False, repr=False, compare=False)

    def buy_money_factor(self, credit_score: int) -> Decimal | None:
        """The lender's money factor for this score, or ``None`` below the lowest tier."""
        for tier, floor in enumerate(self.min_scores):
            if credit_score >= floor:
                return self.money_factors[tier]
        return None

    def residual_tier(self, term: int, annual_mileage: int) -> tuple[int, Decimal]:
        """The residual mileage tier for ``annual_mileage`` and its percent at ``term`` months.

        Mileage between tiers takes the next tier up (more miles, lower residual); mileage above the highest
        tier takes the highest and the extra miles are prepaid.

        Raises:
            KeyError: the program does not offer ``term`` (:meth:`ProgramSet.lease_program` never picks such a
                program).
        """
        tiers = self._tiers[term]
        for tier in tiers:
            if tier[0] >= annual_mileage:
                return tier
        return tiers[-1]

    def __post_init__(self) -> None:
        tiers = {term: tuple(sorted(by_mileage.items())) for term, by_mileage in self.residuals.items()}
        object.__setattr__(self, "_tiers", tiers)
