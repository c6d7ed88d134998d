"""The programs of one make: which program, at what rate, for this score and term, cached, and the
reference's ``programs`` object."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from desktop.domain.deal import PricingInputError
from desktop.domain.money import THOUSAND, ZERO, json_number
from desktop.domain.programs.incentives import AppliedIncentives, Incentive, api_date
from desktop.domain.programs.lenders import FinanceProgram, LeaseProgram

_CACHE_LIMIT = 4096
_T = TypeVar("_T")


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
                "expires_at": api_date(p.expires_on),
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
                "expires_at": api_date(p.expires_on),
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
