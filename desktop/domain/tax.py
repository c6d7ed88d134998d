"""Vehicle sales tax by state: a dated table of rates and methods, and ZIP → state.

States differ less in their rates than in *what* they tax, and that is what moves a payment:

- a purchase (cash or finance) is taxed on the selling price everywhere in this table; the states differ in
  whether a trade-in reduces the taxed amount (California: never; Illinois: up to 10,000 since 2022) and which
  dealer fees are taxable;
- a lease is taxed on each monthly payment plus what reduces the cap cost at signing (CA, WA, FL, and IL since
  2015), upfront on the total of payments (NY), or upfront on the selling price as if the lessor bought the
  car for the customer (TX, GA's title ad valorem tax, IL before 2015). Upfront lease tax is capitalized.

Rules carry the date they took effect, so a deal priced as of a past date uses the law of that date.
Local rates are a representative average for the state; deals in a particular district differ by a fraction of
a percent, which a quote tolerates and the contract (priced by the dealer's DMS) does not need from us.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from desktop.domain.money import ONE, ZERO, round_cents


class LeaseTaxMethod(StrEnum):
    """How a state taxes a lease; the value is what ``to_api`` and the UI show."""

    NONE = "none"
    MONTHLY_PAYMENT = "monthly_payment"
    TOTAL_OF_PAYMENTS = "total_of_payments"
    SELLING_PRICE = "selling_price"


class TaxAmounts(NamedTuple):
    """Tax on one amount, split as the reference reports it (primary = state, secondary, local)."""

    primary: Decimal
    secondary: Decimal
    local: Decimal

    @property
    def total(self) -> Decimal:
        """The three parts together: each is rounded to the cent on its own, as a tax return reports them."""
        return self.primary + self.secondary + self.local


NO_TAX = TaxAmounts(ZERO, ZERO, ZERO)


@dataclass(frozen=True, slots=True)
class TaxRule:
    """One state's vehicle tax law from ``effective`` until the next rule for that state.

    Attributes:
        state: two-letter postal code.
        effective: first day the rule applies.
        state_rate: the state's rate as a fraction (0.0725), the reference's ``tax_rate``.
        secondary_rate: a second state-level levy (Washington's 0.3 % motor vehicle tax),
            ``secondary_tax_rate``.
        local_rate: representative county/city rate, ``local_tax_rate``.
        local_cap: local tax applies to at most this much of one sale (Florida's surtax on the first 5,000).
        lease_method: how leases are taxed.
        trade_credit: a purchase is taxed on the price less the trade-in's value.
        trade_credit_cap: the most of a trade-in's value the credit may use, if limited.
        lease_trade_credit: trade equity applied to a lease is not taxed at signing (or reduces the upfront
            base).
        taxable_fees: fee keys (as in the API's ``fees`` object) that are part of the taxable price.
    """

    state: str
    effective: date
    state_rate: Decimal
    secondary_rate: Decimal
    local_rate: Decimal
    lease_method: LeaseTaxMethod
    trade_credit: bool
    lease_trade_credit: bool
    taxable_fees: frozenset[str]
    local_cap: Decimal | None = None
    trade_credit_cap: Decimal | None = None
    combined_rate: Decimal = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "combined_rate", self.state_rate + self.secondary_rate + self.local_rate)

    def tax(self, amount: Decimal) -> TaxAmounts:
        """Tax on ``amount``; nothing on a negative amount (a refund is never taxed back)."""
        if amount <= ZERO or not self.combined_rate:
            return NO_TAX
        secondary = round_cents(amount * self.secondary_rate) if self.secondary_rate else ZERO
        local = ZERO
        if self.local_rate:
            local_base = amount if self.local_cap is None or amount < self.local_cap else self.local_cap
            local = round_cents(local_base * self.local_rate)
        return TaxAmounts(round_cents(amount * self.state_rate), secondary, local)

    def untaxed_part(self, gross: Decimal) -> Decimal:
        """The amount ``x`` (to the cent) for which ``x`` plus its tax is ``gross``.

        A lease customer hands over one sum; what is left after the first payment and fees pays both the cap
        cost reduction and the tax on it, so the reduction is the sum with its tax backed out.
        """
        if gross <= ZERO or not self.combined_rate:
            return gross
        amount = gross / (ONE + self.combined_rate)
        if self.local_cap is not None and amount > self.local_cap:
            amount = (gross - self.local_cap * self.local_rate) / (ONE + self.state_rate + self.secondary_rate)
        return round_cents(amount)

    def trade_credit_base(self, trade_value: Decimal) -> Decimal:
        """How much of a trade-in's value comes off the taxed price (0 where the state allows none)."""
        if not self.trade_credit or trade_value <= ZERO:
            return ZERO
        if self.trade_credit_cap is not None:
            return min(trade_value, self.trade_credit_cap)
        return trade_value


def _rule(
    state: str,
    effective: date,
    rates: tuple[str, str, str],
    lease_method: LeaseTaxMethod,
    *,
    trade_credit: bool,
    lease_trade_credit: bool,
    taxable_fees: frozenset[str] = frozenset(),
    local_cap: int | None = None,
    trade_credit_cap: int | None = None,
) -> TaxRule:
    return TaxRule(
        state=state,
        effective=effective,
        state_rate=Decimal(rates[0]),
        secondary_rate=Decimal(rates[1]),
        local_rate=Decimal(rates[2]),
        lease_method=lease_method,
        trade_credit=trade_credit,
        lease_trade_credit=lease_trade_credit,
        taxable_fees=taxable_fees,
        local_cap=None if local_cap is None else Decimal(local_cap),
        trade_credit_cap=None if trade_credit_cap is None else Decimal(trade_credit_cap),
    )


_DOC = frozenset({"doc"})
_MONTHLY = LeaseTaxMethod.MONTHLY_PAYMENT
_UPFRONT_PRICE = LeaseTaxMethod.SELLING_PRICE

TAX_TABLE: dict[str, tuple[TaxRule, ...]] = {
    # California: Prop 30 added 0.25 % for 2013-2016. No trade-in credit on a purchase or a lease.
    "CA": (
        _rule(
            "CA",
            date(2013, 1, 1),
            ("0.075", "0", "0.015"),
            _MONTHLY,
            trade_credit=False,
            lease_trade_credit=False,
            taxable_fees=_DOC,
        ),
        _rule(
            "CA",
            date(2017, 1, 1),
            ("0.0725", "0", "0.015"),
            _MONTHLY,
            trade_credit=False,
            lease_trade_credit=False,
            taxable_fees=_DOC,
        ),
    ),
    # Washington: 6.5 % state + 0.3 % motor vehicle sales tax + local; trade-in deducted from the price.
    "WA": (
        _rule(
            "WA",
            date(2003, 1, 1),
            ("0.065", "0.003", "0.027"),
            _MONTHLY,
            trade_credit=True,
            lease_trade_credit=True,
            taxable_fees=_DOC,
        ),
    ),
    # Texas: 6.25 % motor vehicle tax, no local; the lessor pays it on the price, so a lease carries it
    # upfront.
    "TX": (
        _rule(
            "TX",
            date(1991, 7, 1),
            ("0.0625", "0", "0"),
            _UPFRONT_PRICE,
            trade_credit=True,
            lease_trade_credit=False,
        ),
    ),
    # New York: 4 % state + local; a lease is taxed upfront on the total of payments and the down payment.
    "NY": (
        _rule(
            "NY",
            date(2005, 6, 1),
            ("0.04", "0", "0.045"),
            LeaseTaxMethod.TOTAL_OF_PAYMENTS,
            trade_credit=True,
            lease_trade_credit=True,
            taxable_fees=_DOC,
        ),
    ),
    # Georgia: one-time title ad valorem tax on the value less trade-in (6.5 % from March 2013, 7 % from July
    # 2015).
    "GA": (
        _rule(
            "GA",
            date(2013, 3, 1),
            ("0.065", "0", "0"),
            _UPFRONT_PRICE,
            trade_credit=True,
            lease_trade_credit=False,
        ),
        _rule(
            "GA",
            date(2015, 7, 1),
            ("0.07", "0", "0"),
            _UPFRONT_PRICE,
            trade_credit=True,
            lease_trade_credit=False,
        ),
    ),
    # Illinois: leases moved from the lessor's upfront use tax to tax on each payment in 2015; the trade-in
    # credit is capped at 10,000 since 2022.
    "IL": (
        _rule(
            "IL",
            date(2000, 1, 1),
            ("0.0625", "0", "0.025"),
            _UPFRONT_PRICE,
            trade_credit=True,
            lease_trade_credit=False,
            taxable_fees=_DOC,
        ),
        _rule(
            "IL",
            date(2015, 1, 1),
            ("0.0625", "0", "0.025"),
            _MONTHLY,
            trade_credit=True,
            lease_trade_credit=True,
            taxable_fees=_DOC,
        ),
        _rule(
            "IL",
            date(2022, 1, 1),
            ("0.0625", "0", "0.025"),
            _MONTHLY,
            trade_credit=True,
            lease_trade_credit=True,
            taxable_fees=_DOC,
            trade_credit_cap=10_000,
        ),
    ),
    # Florida: 6 % state + county discretionary surtax, which applies to the first 5,000 of a sale only.
    "FL": (
        _rule(
            "FL",
            date(2000, 1, 1),
            ("0.06", "0", "0.01"),
            _MONTHLY,
            trade_credit=True,
            lease_trade_credit=True,
            taxable_fees=frozenset({"doc", "handling"}),
            local_cap=5_000,
        ),
    ),
    # No general sales tax: the reference's example (taxes all zero) is reproduced with a buyer here.
    "NH": (
        _rule(
            "NH",
            date(2000, 1, 1),
            ("0", "0", "0"),
            LeaseTaxMethod.NONE,
            trade_credit=False,
            lease_trade_credit=False,
        ),
    ),
    "MT": (
        _rule(
            "MT",
            date(2000, 1, 1),
            ("0", "0", "0"),
            LeaseTaxMethod.NONE,
            trade_credit=False,
            lease_trade_credit=False,
        ),
    ),
}

# 3-digit ZIP prefixes (inclusive ranges) of the states the table covers.
_ZIP_PREFIX_RANGES: tuple[tuple[int, int, str], ...] = (
    (5, 5, "NY"),
    (30, 38, "NH"),
    (100, 149, "NY"),
    (300, 319, "GA"),
    (320, 339, "FL"),
    (341, 349, "FL"),
    (398, 399, "GA"),
    (590, 599, "MT"),
    (600, 629, "IL"),
    (750, 799, "TX"),
    (885, 885, "TX"),
    (900, 961, "CA"),
    (980, 994, "WA"),
)
_STATE_BY_PREFIX: dict[int, str] = {
    prefix: state for low, high, state in _ZIP_PREFIX_RANGES for prefix in range(low, high + 1)
}
_ZIP_LENGTH = 5
_ZIP4_LENGTH = 10


def state_for_zip(zip_code: str) -> str:
    """The state whose sales tax applies to a buyer at ``zip_code`` (``"94113"`` or ``"94113-1234"``).

    Raises:
        ValueError: ``zip_code`` is not a 5-digit ZIP (or ZIP+4), or lies in a state the table does not cover;
            the message is a sentence for the person who typed it.
    """
    text = zip_code.strip()
    five = text[:_ZIP_LENGTH]
    plus_four_ok = len(text) == _ZIP4_LENGTH and text[_ZIP_LENGTH] == "-" and text[_ZIP_LENGTH + 1 :].isdigit()
    if not (five.isdigit() and len(five) == _ZIP_LENGTH and (len(text) == _ZIP_LENGTH or plus_four_ok)):
        raise ValueError(f"{zip_code!r} is not a ZIP code; enter 5 digits, such as 94113.")
    state = _STATE_BY_PREFIX.get(int(five[:3]))
    if state is None:
        covered = ", ".join(sorted(TAX_TABLE))
        raise ValueError(
            f"ZIP {five} is outside the states whose sales tax Dealer Desk knows ({covered}); "
            "this deal cannot be taxed for that buyer."
        )
    return state


@lru_cache(maxsize=256)
def tax_rule(state: str, as_of: date) -> TaxRule | None:
    """The rule in force in ``state`` on ``as_of``; ``None`` for a date before the table's first rule."""
    current = None
    for rule in TAX_TABLE.get(state, ()):
        if rule.effective <= as_of:
            current = rule
    return current
