"""Realistic demo programs per make (captive lenders, tiers, rates, residuals, bonus cash, rebates), valid to
the end of the quarter; for Mazda, the programs behind the reference's example."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from desktop.domain.money import ZERO
from desktop.domain.programs.incentives import Incentive
from desktop.domain.programs.lenders import FinanceProgram, LeaseProgram
from desktop.domain.programs.program_set import ProgramSet

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
