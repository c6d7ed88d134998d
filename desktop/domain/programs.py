"""Lender programs and manufacturer incentives: the data a deal's rate, residual and cash come from.

Programs are plain data handed to the engine (the sandbox seeds them per make; production would load the
lenders' monthly bulletins), so the engine never guesses a rate. A :class:`ProgramSet` answers "which program,
at what rate, for this score and term" and caches the answer, because a payment grid asks the same question
dozens of times per keystroke.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from desktop.domain.deal import PricingInputError
from desktop.domain.money import THOUSAND, ZERO, json_number

DEAL_TYPES = frozenset({"cash", "finance", "lease"})
_CACHE_LIMIT = 4096
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Incentive:
    """Manufacturer cash toward a deal.

    A rebate (``code is None``) goes to every buyer of an eligible vehicle; a bonus needs the customer to
    claim its eligibility ``code`` ("loyalty", "military", "college", "conquest", "first responders").

    Attributes:
        name: shown to the customer, e.g. "Military Appreciation Bonus Cash".
        amount: cash toward the deal.
        taxable: the amount stays in the taxed price (most states tax the price before manufacturer rebates);
            a non-taxable incentive reduces the taxed price.
        expires_on: last day it can be used.
        code: eligibility code, or ``None`` for a rebate every buyer gets.
        deal_types: deals it applies to.
        new_only: manufacturer incentives are almost always for new vehicles only.
        program_id: the manufacturer's program number of a rebate (``"X202-210803-WE2-01"`` in the reference).
        recipient: who the manufacturer pays a rebate to, ``"Customer"`` or ``"Dealer"``.
        models: the model lines it is limited to (case-insensitive), or ``None`` for every model of the make.
    """

    name: str
    amount: Decimal
    taxable: bool
    expires_on: date
    code: str | None = None
    deal_types: frozenset[str] = DEAL_TYPES
    new_only: bool = True
    program_id: str = ""
    recipient: str = "Customer"
    models: frozenset[str] | None = None

    def offered(self, deal_type: str, used: bool, as_of: date, model: str | None = None) -> bool:
        """Whether a ``deal_type`` deal on this vehicle can have this incentive on ``as_of``; ``model`` ``None``
        asks about any model of the make."""
        if self.models is not None and model is not None and model.casefold() not in self.models:
            return False
        return deal_type in self.deal_types and as_of <= self.expires_on and not (used and self.new_only)

    def applies(self, deal_type: str, claimed: tuple[str, ...], used: bool, as_of: date, model: str = "") -> bool:
        """Whether this incentive reduces a ``deal_type`` deal on a ``model`` for a customer claiming ``claimed``."""
        return self.offered(deal_type, used, as_of, model) and (self.code is None or self.code in claimed)

    def to_api(self) -> dict[str, Any]:
        """The reference's ``incentives`` entry, or its ``rebates`` entry with ``id``, ``program_id`` and
        ``recipient`` (reference lines 805-813)."""
        entry: dict[str, Any] = {
            "name": self.code if self.code is not None else self.name,
            "display_name": self.name,
            "cash": json_number(self.amount),
            "taxable": self.taxable,
            "expires_at": _api_date(self.expires_on),
        }
        if self.code is None:
            program = self.program_id or self.name
            entry = {"id": zlib.crc32(program.encode()) & 0x7FFFFFFF, "program_id": program, **entry}
            entry["recipient"] = self.recipient
        return entry


@dataclass(frozen=True, slots=True)
class AppliedIncentives:
    """The incentives applied to one deal and their totals, which the tax and the reference's fields split by
    kind: bonus cash (claimed with a code) or rebate (every buyer), taxable or not.
    """

    items: tuple[Incentive, ...]
    taxable_bonus: Decimal
    nontaxable_bonus: Decimal
    taxable_rebate: Decimal
    nontaxable_rebate: Decimal

    @classmethod
    def of(cls, items: tuple[Incentive, ...]) -> AppliedIncentives:
        """Total ``items`` by kind."""

        def total(rebate: bool, taxable: bool) -> Decimal:
            return sum((i.amount for i in items if (i.code is None) == rebate and i.taxable == taxable), ZERO)

        return cls(items, total(False, True), total(False, False), total(True, True), total(True, False))

    @property
    def total(self) -> Decimal:
        """Every incentive applied."""
        return self.taxable_bonus + self.nontaxable_bonus + self.taxable_rebate + self.nontaxable_rebate

    @property
    def taxable(self) -> Decimal:
        """Incentives that stay in the taxed price."""
        return self.taxable_bonus + self.taxable_rebate

    @property
    def nontaxable(self) -> Decimal:
        """Incentives that reduce the taxed price."""
        return self.nontaxable_bonus + self.nontaxable_rebate


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


@dataclass(frozen=True, slots=True, eq=False)
class ProgramSet:
    """Every program and incentive for one make, with cached selection.

    Compared by identity: the caches are keyed on the set being unchanged, and programs are replaced (a new
    month's bulletin) rather than edited. Safe to share between threads: the cache only memoizes, so a race
    computes the same answer twice.
    """

    make: str
    finance: tuple[FinanceProgram, ...]
    lease: tuple[LeaseProgram, ...]
    incentives: tuple[Incentive, ...] = ()
    cash_dealer_cash: Decimal = ZERO
    _cache: dict[tuple[Any, ...], Any] = field(default_factory=dict, init=False, repr=False)

    def finance_program(
        self, credit_score: int, term: int, used: bool, vehicle_age: int, as_of: date
    ) -> tuple[FinanceProgram, Decimal]:
        """The program with the lowest APR for this customer (ties: more dealer cash), with its buy rate.

        The lowest rate is what a desk offers first, and what the reference's example shows (a special
        0.9 % program over standard programs with dealer cash).

        Raises:
            PricingInputError: naming ``vehicle.year``, ``payment.deal_type``, ``payment.term`` or
                ``customer.credit_score`` — whichever rules out every program.
        """
        key = ("finance", credit_score, term, used, vehicle_age, as_of)
        cached: tuple[FinanceProgram, Decimal] | None = self._cache.get(key)
        if cached is not None:
            return cached
        covering = [p for p in self.finance if p.covers(used, vehicle_age, as_of)]
        if not covering:
            raise self._no_program_error("finance", used, vehicle_age, as_of)
        offers = [(p, p.buy_rate(credit_score, term)) for p in covering if term in p.rates]
        if not offers:
            terms = sorted({t for p in covering for t in p.rates})
            raise PricingInputError("payment.term", _term_message("finance", term, terms))
        rated = [(p, rate) for p, rate in offers if rate is not None]
        if not rated:
            raise PricingInputError(
                "customer.credit_score",
                f"no {self.make} finance program approves a score of {credit_score} for {term} months; "
                "a shorter term, a co-signer or a cash deal may work.",
            )
        chosen = min(rated, key=lambda pr: (pr[1], -pr[0].dealer_cash))
        return self._remember(key, chosen)

    def lease_program(self, credit_score: int, term: int, used: bool, as_of: date) -> tuple[LeaseProgram, Decimal]:
        """The lease program with the lowest money factor for this customer (ties: more dealer cash).

        Raises:
            PricingInputError: naming ``payment.deal_type`` (no lease for this vehicle), ``payment.term`` or
                ``customer.credit_score``.
        """
        key = ("lease", credit_score, term, used, as_of)
        cached: tuple[LeaseProgram, Decimal] | None = self._cache.get(key)
        if cached is not None:
            return cached
        covering = [p for p in self.lease if as_of <= p.expires_on] if not used else []
        if not covering:
            raise self._no_program_error("lease", used, 0, as_of)
        offers = [p for p in covering if term in p.residuals]
        if not offers:
            terms = sorted({t for p in covering for t in p.residuals})
            raise PricingInputError("payment.term", _term_message("lease", term, terms))
        rated = [(p, mf) for p in offers if (mf := p.buy_money_factor(credit_score)) is not None]
        if not rated:
            lowest = min(p.min_scores[-1] for p in offers)
            raise PricingInputError(
                "customer.credit_score",
                f"{self.make} leases need a credit score of at least {lowest} (got {credit_score}); "
                "price a finance or cash deal instead.",
            )
        chosen = min(rated, key=lambda pm: (pm[1], -pm[0].dealer_cash))
        return self._remember(key, chosen)

    def incentives_for(
        self, deal_type: str, claimed: tuple[str, ...], used: bool, as_of: date, model: str = ""
    ) -> AppliedIncentives:
        """The incentives that apply to a deal on a ``model``, in program order, with their totals by kind."""
        key = ("incentives", deal_type, claimed, used, as_of, model.casefold())
        cached: AppliedIncentives | None = self._cache.get(key)
        if cached is None:
            items = tuple(i for i in self.incentives if i.applies(deal_type, claimed, used, as_of, model))
            cached = self._remember(key, AppliedIncentives.of(items))
        return cached

    def to_api(self, as_of: date, used: bool = False, model: str | None = None) -> dict[str, Any]:
        """The reference's ``programs`` object: what was available on ``as_of``, flattened per term and tier,
        for a ``model`` (``None``: any model of the make).

        Lease money factors are shown times 1,000 (3.1 for 0.0031), as the reference's program list does.
        """

        def offered(deal_type: str) -> dict[str, list[dict[str, Any]]]:
            current = [i for i in self.incentives if i.offered(deal_type, used, as_of, model)]
            return {
                "incentives": [i.to_api() for i in current if i.code is not None],
                "rebates": [i.to_api() for i in current if i.code is None],
            }

        cash = offered("cash")
        finance_rows = [
            {
                "name": p.name,
                "lender": p.lender,
                "lender_name": p.lender_name,
                "expires_at": _api_date(p.expires_on),
                "min_score": floor,
                "deal_type": "finance",
                "term": term,
                "interest_rate": json_number(rate),
                **offered("finance"),
            }
            for p in self.finance
            if p.used == used and as_of <= p.expires_on
            for term, by_tier in sorted(p.rates.items())
            for floor, rate in zip(p.min_scores, by_tier, strict=True)
            if rate is not None
        ]
        lease_rows = [
            {
                "name": p.name,
                "lender": p.lender,
                "lender_name": p.lender_name,
                "expires_at": _api_date(p.expires_on),
                "min_score": floor,
                "deal_type": "lease",
                "term": term,
                "money_factor": json_number(mf * THOUSAND),
                "base_residual": json_number(by_mileage.get(p.base_annual_mileage, ZERO)),
                "base_annual_mileage": p.base_annual_mileage,
                **offered("lease"),
            }
            for p in self.lease
            if not used and as_of <= p.expires_on
            for term, by_mileage in sorted(p.residuals.items())
            for floor, mf in zip(p.min_scores, p.money_factors, strict=True)
        ]
        rebates = (i.amount for i in self.incentives if i.code is None and i.offered("cash", used, as_of, model))
        return {
            "cash": {"deal_type": "cash", "rebate": json_number(sum(rebates, ZERO)), **cash},
            "finance": finance_rows,
            "lease": lease_rows,
        }

    def _remember(self, key: tuple[Any, ...], value: _T) -> _T:
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = value
        return value

    def _no_program_error(self, deal_type: str, used: bool, vehicle_age: int, as_of: date) -> PricingInputError:
        condition = "used" if used else "new"
        if deal_type == "finance":
            ages = [
                p.max_vehicle_age
                for p in self.finance
                if p.used == used and as_of <= p.expires_on and p.max_vehicle_age is not None
            ]
            if ages and vehicle_age > max(ages):
                return PricingInputError(
                    "vehicle.year",
                    f"{self.make} lenders finance {condition} vehicles up to {max(ages)} model years old; "
                    f"this one is {vehicle_age}.",
                )
        return PricingInputError(
            "payment.deal_type",
            f"no {self.make} {deal_type} program covers a {condition} vehicle on {as_of.isoformat()}.",
        )


def _term_message(deal_type: str, term: int, terms: list[int]) -> str:
    listed = ", ".join(str(t) for t in terms)
    return f"no {deal_type} program offers {term} months; choose one of {listed}."


def _api_date(day: date) -> str:
    return f"{day.isoformat()}T00:00:00.000Z"


# Captive lenders: (finance code, lease code, name); the reference's Mazda example uses two codes.
_CAPTIVES: dict[str, tuple[str, str, str]] = {
    "mazda": ("MAZ", "MAZDA", "Mazda Financial Services"),
    "toyota": ("TFS", "TFS", "Toyota Financial Services"),
    "lexus": ("LFS", "LFS", "Lexus Financial Services"),
    "honda": ("AHFC", "AHFC", "American Honda Finance"),
    "acura": ("AFS", "AFS", "Acura Financial Services"),
    "subaru": ("SMF", "SMF", "Subaru Motors Finance"),
    "ford": ("FMCC", "FMCC", "Ford Credit"),
    "chevrolet": ("GMF", "GMF", "GM Financial"),
    "gmc": ("GMF", "GMF", "GM Financial"),
    "hyundai": ("HMF", "HMF", "Hyundai Motor Finance"),
    "kia": ("KMF", "KMF", "Kia Finance America"),
    "nissan": ("NMAC", "NMAC", "Nissan Motor Acceptance"),
    "bmw": ("BMWFS", "BMWFS", "BMW Financial Services"),
}
_BANK = ("ALLY", "ALLY", "Ally Financial")
# Residual percentage points relative to the Mazda bulletin the reference quotes: brands that hold value
# better lease for less.
_RESIDUAL_OFFSET = {
    "toyota": 3,
    "lexus": 2,
    "honda": 3,
    "acura": 1,
    "subaru": 3,
    "hyundai": -2,
    "kia": -2,
    "nissan": -4,
    "ford": -3,
    "chevrolet": -3,
    "gmc": -1,
    "bmw": -2,
}

_TIERS = (720, 680, 620, 300)  # Tier 1+, Tier 1, Tier 2, Tier 3 (sub-prime)
_FINANCE_TERMS = (24, 36, 48, 60, 72, 84)
_STANDARD_APR = {  # new vehicles; per tier, 84 months is not written below Tier 2
    24: ("4.49", "5.99", "8.99", "13.99"),
    36: ("4.69", "6.19", "9.29", "14.49"),
    48: ("4.89", "6.49", "9.59", "14.99"),
    60: ("5.19", "6.79", "9.99", "15.49"),
    72: ("5.79", "7.39", "10.79", "16.49"),
    84: ("6.49", "8.19", "11.89", None),
}
_USED_APR_PREMIUM = Decimal("1.50")
_SPECIAL_APR = {24: "0", 36: "0", 48: "0.9", 60: "0.9", 72: "2.9"}  # Tier 1+ only
_LEASE_TIERS = (720, 680, 620)
_LEASE_MONEY_FACTORS = ("0.00310", "0.00360", "0.00440")
_BASE_RESIDUALS = {24: 71, 36: 61, 39: 59, 48: 53}  # percent at 15,000 miles a year
_MILEAGE_RESIDUAL_BONUS = {7_500: 4, 10_000: 3, 12_000: 2, 15_000: 0}
_BASE_MILEAGE = 15_000
_DEALER_CASH = Decimal(500)
_USED_MAX_AGE = 10
_BONUS_CASH = (  # (code, name, amount, taxable)
    ("loyalty", "Owner Loyalty Cash", 500, True),
    ("conquest", "Competitive Conquest Cash", 750, True),
    ("military", "Military Appreciation Bonus Cash", 500, False),
    ("first responders", "First Responders Bonus Cash", 500, False),
    ("college", "College Graduate Bonus Cash", 400, False),
)
# (make, model, program id, name, amount, recipient): customer cash every buyer of a new one gets, not taxed
# (manufacturer rebates reduce the taxed price in most states). None on Mazda, whose programs the reference's
# example reproduces to the cent.
_REBATES = (("hyundai", "Tucson", "H24-TUC-CC-Q", "Tucson Customer Cash", 1000, "Customer"),)


def default_programs(make: str, today: date) -> ProgramSet:
    """Realistic programs for ``make``, valid until the end of ``today``'s quarter, for the sandbox and demos.

    Four credit tiers (720+, 680-719, 620-679, below 620), finance terms 24-84 months with a special-APR
    program for the best tier, used-vehicle rates 1.5 points higher for vehicles up to 10 years old, lease
    residuals for 24/36/39/48 months at 7,500-15,000 miles, dealer cash on cash and lease deals, and bonus
    cash for loyalty, conquest, military, first responders and college graduates, and customer-cash rebates on
    a few models (the Hyundai Tucson's). For Mazda these are the
    programs behind the reference's example (0.9 % for 60 months; money factor 0.0031; 63 % residual at 36
    months and 12,000 miles).
    """
    key = make.casefold()
    finance_code, lease_code, lender_name = _CAPTIVES.get(key, _BANK)
    expires = _quarter_end(today)
    offset = _RESIDUAL_OFFSET.get(key, 0)

    def standard_rates(premium: Decimal, terms: tuple[int, ...]) -> dict[int, tuple[Decimal | None, ...]]:
        return {term: tuple(None if r is None else Decimal(r) + premium for r in _STANDARD_APR[term]) for term in terms}

    finance = (
        FinanceProgram(
            name=f"{lender_name} (Special APR Program) Flat Fee Tier 1+ - Credit Score 720+ - Verify Eligibility",
            lender=finance_code,
            lender_name=lender_name,
            min_scores=_TIERS[:1],
            rates={term: (Decimal(rate),) for term, rate in _SPECIAL_APR.items()},
            expires_on=expires,
            special=True,
        ),
        FinanceProgram(
            name=f"{lender_name} (Standard Retail Program)",
            lender=finance_code,
            lender_name=lender_name,
            min_scores=_TIERS,
            rates=standard_rates(ZERO, _FINANCE_TERMS),
            expires_on=expires,
            dealer_cash=_DEALER_CASH,
        ),
        FinanceProgram(
            name=f"{lender_name} (Pre-Owned Retail Program)",
            lender=finance_code,
            lender_name=lender_name,
            min_scores=_TIERS,
            rates=standard_rates(_USED_APR_PREMIUM, _FINANCE_TERMS[:-1]),
            expires_on=expires,
            used=True,
            max_vehicle_age=_USED_MAX_AGE,
        ),
    )
    lease = (
        LeaseProgram(
            name=f"{lender_name} (Standard Lease Program)- Credit - Zero Sec. Dep.",
            lender=lease_code,
            lender_name=lender_name,
            min_scores=_LEASE_TIERS,
            money_factors=tuple(Decimal(mf) for mf in _LEASE_MONEY_FACTORS),
            residuals={
                term: {miles: Decimal(base + bonus + offset) for miles, bonus in _MILEAGE_RESIDUAL_BONUS.items()}
                for term, base in _BASE_RESIDUALS.items()
            },
            base_annual_mileage=_BASE_MILEAGE,
            expires_on=expires,
            dealer_cash=_DEALER_CASH,
        ),
    )
    incentives = tuple(
        Incentive(name=name, amount=Decimal(amount), taxable=taxable, expires_on=expires, code=code)
        for code, name, amount, taxable in _BONUS_CASH
    ) + tuple(
        Incentive(
            name=name,
            amount=Decimal(amount),
            taxable=False,
            expires_on=expires,
            program_id=program_id,
            recipient=recipient,
            models=frozenset({model.casefold()}),
        )
        for rebate_make, model, program_id, name, amount, recipient in _REBATES
        if rebate_make == key
    )
    return ProgramSet(make=make, finance=finance, lease=lease, incentives=incentives, cash_dealer_cash=_DEALER_CASH)


def _quarter_end(today: date) -> date:
    first_month_of_next = (today.month - 1) // 3 * 3 + 4
    if first_month_of_next > 12:
        return date(today.year, 12, 31)
    return date(today.year, first_month_of_next, 1) - timedelta(days=1)
