"""What a deal is priced from: the customer's request, the vehicle, and the dealer's configuration.

Inputs are validated when they are built, so a form refuses bad input with the field named before anything is
priced or sent; field names are the partner API's request paths (``customer.credit_score``, ``payment.term``),
which is what both the sandbox's 400 answers and the UI's field highlighting key on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Any, NamedTuple

from desktop.domain.money import ZERO, MoneyLike, to_money
from desktop.domain.tax import TaxRule, state_for_zip

MIN_CREDIT_SCORE = 300
MAX_CREDIT_SCORE = 850
MAX_DAYS_TO_FIRST_PAYMENT = 90

# Dealer-config fee keys → the keys of the API's ``fees`` object, in the order the reference lists them.
FEE_KEYS: dict[str, str] = {
    "lease_acquisition_fee": "acquisition",
    "doc_fee": "doc",
    "filing_fee": "filing",
    "handling_fee": "handling",
    "inspection_fee": "inspection",
    "license_fee": "license",
    "misc_fee": "misc",
    "out_of_state_fee": "out_of_state",
    "tire_fee": "tire",
}
API_FEE_ORDER: tuple[str, ...] = tuple(FEE_KEYS.values())
LEASE_ONLY_FEES = frozenset({"acquisition"})
_MAX_MONEY_FACTOR_MARKUP = Decimal("0.01")


class PricingInputError(ValueError):
    """Input that cannot be priced, naming the request field so the UI can mark it.

    Attributes:
        field: the partner API's path of the offending field, e.g. ``"payment.term"``.
        message: a sentence saying what is wrong and what to do.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class Ownership(StrEnum):
    """How the customer holds the trade-in; only a financed or leased one can carry a payoff."""

    OWNED = "owned"
    FINANCED = "financed"
    LEASED = "leased"


@dataclass(frozen=True, slots=True)
class Markup:
    """One row of the dealer's rate markups: what the dealer adds to the lender's buy rate.

    ``finance`` values are APR percentage points; ``lease`` values are money-factor units (0.0004), the way
    lease desks state them. ``None`` in the config means the lender forbids a markup there (typical of special
    programs), which prices as zero.

    Attributes:
        make: the make it applies to, or ``"All"``.
        rates: ``(deal_type, "new"|"used", model or "global", "standard"|"special") → markup``.
    """

    make: str
    rates: Mapping[tuple[str, str, str, str], Decimal]


class FeeSchedule(NamedTuple):
    """The fees one kind of deal carries, with their totals worked out once per dealer.

    Attributes:
        fees: amount per API fee key, every key present (zero when not charged).
        total: all of them.
        capitalized: the part a lease adds to the cap cost (the acquisition fee); zero on a purchase.
    """

    fees: Mapping[str, Decimal]
    total: Decimal
    capitalized: Decimal


NO_FEES = FeeSchedule(MappingProxyType(dict.fromkeys(API_FEE_ORDER, ZERO)), ZERO, ZERO)


@dataclass(frozen=True, slots=True, eq=False)
class DealerConfig:
    """The dealer's fees and markups, parsed from the ``GET /dealers/{dpid}`` configuration.

    Attributes:
        fees: amount per API fee key (``doc``, ``acquisition`` ...); missing keys are zero.
        markups: markup rows; a row for the make wins over the ``"All"`` row.
        price_unlock_mode: carried for the UI, which gates the display of prices on it; pricing ignores it.
    """

    fees: Mapping[str, Decimal]
    markups: tuple[Markup, ...] = ()
    price_unlock_mode: str = ""
    lease_fees: FeeSchedule = field(init=False, repr=False)
    purchase_fees: FeeSchedule = field(init=False, repr=False)
    _markup_cache: dict[tuple[str, str, bool, str, bool], Decimal] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.fees) - set(API_FEE_ORDER))
        if unknown:
            raise PricingInputError(
                f"dealer.fees.{unknown[0]}", f"is not a fee; use one of {', '.join(API_FEE_ORDER)}."
            )
        fees = {key: _config_amount(self.fees.get(key, ZERO), f"dealer.fees.{key}") for key in API_FEE_ORDER}
        object.__setattr__(self, "fees", MappingProxyType(fees))
        capitalized = sum((fees[key] for key in LEASE_ONLY_FEES), ZERO)
        total = sum(fees.values(), ZERO)
        object.__setattr__(self, "lease_fees", FeeSchedule(self.fees, total, capitalized))
        purchase = {key: ZERO if key in LEASE_ONLY_FEES else amount for key, amount in fees.items()}
        object.__setattr__(self, "purchase_fees", FeeSchedule(MappingProxyType(purchase), total - capitalized, ZERO))

    @classmethod
    def from_api(cls, config: Mapping[str, Any]) -> DealerConfig:
        """Parse the dealer configuration: ``{"price_unlock_mode", "fees": {"doc_fee", ...}, "markups"}``.

        Unknown ``*_fee`` keys are added to ``misc``, so no fee the dealer configured is silently left out.

        Raises:
            PricingInputError: a fee or markup that is not a non-negative amount (field ``dealer.fees.<key>``
                or ``dealer.markups[i]...``), or a lease markup too large to be a money factor.
        """
        fees = dict.fromkeys(API_FEE_ORDER, ZERO)
        for key, raw in (config.get("fees") or {}).items():
            fees[FEE_KEYS.get(key, "misc")] += _config_amount(raw, f"dealer.fees.{key}")
        markups = tuple(_parse_markup(i, row) for i, row in enumerate(config.get("markups") or ()))
        return cls(fees=fees, markups=markups, price_unlock_mode=str(config.get("price_unlock_mode") or ""))

    def rate_markup(self, deal_type: str, make: str, used: bool, model: str, special: bool) -> Decimal:
        """The markup for a finance (APR points) or lease (money factor) program; cached per combination."""
        key = (deal_type, make, used, model, special)
        cached = self._markup_cache.get(key)
        if cached is not None:
            return cached
        make_key, model_key = make.casefold(), model.casefold()
        condition, kind = ("used" if used else "new"), ("special" if special else "standard")
        found = ZERO
        for row in sorted(self.markups, key=lambda m: m.make.casefold() != make_key):
            if row.make.casefold() not in (make_key, "all"):
                continue
            value = row.rates.get((deal_type, condition, model_key, kind))
            if value is None:
                value = row.rates.get((deal_type, condition, "global", kind))
            if value is not None:
                found = value
                break
        self._markup_cache[key] = found
        return found


def _config_amount(raw: Any, path: str) -> Decimal:
    amount = _money(raw, path)
    if amount < ZERO:
        raise PricingInputError(path, f"must not be negative (got {amount}).")
    return amount


def _parse_markup(index: int, row: Mapping[str, Any]) -> Markup:
    rates: dict[tuple[str, str, str, str], Decimal] = {}
    for deal_type in ("finance", "lease"):
        for condition, scopes in (row.get(deal_type) or {}).items():
            for scope, kinds in (scopes or {}).items():
                for kind, raw in (kinds or {}).items():
                    path = f"dealer.markups[{index}].{deal_type}.{condition}.{scope}.{kind}"
                    value = ZERO if raw is None else _config_amount(raw, path)
                    if deal_type == "lease" and value >= _MAX_MONEY_FACTOR_MARKUP:
                        raise PricingInputError(path, f"{value} is not a money-factor markup; use e.g. 0.0004.")
                    rates[(deal_type, str(condition), str(scope).casefold(), str(kind))] = value
    return Markup(make=str(row.get("make") or "All"), rates=rates)


@dataclass(frozen=True, slots=True)
class Product:
    """An F&I product (service contract, GAP, ...) added to the deal, as the ``plans`` of the request.

    Attributes:
        name: shown on the deal's lines.
        price: retail price charged to the customer.
        taxable: the price is part of the taxed amount.
        residualize: on a lease, the lender adds the price to the residual MSRP (so it costs only its rent
            charge, not its depreciation).
        dealer_cost: what the dealer pays, for the deal's back-end profit; ``None`` when unknown.
    """

    name: str
    price: Decimal
    taxable: bool
    residualize: bool = False
    dealer_cost: Decimal | None = None


@dataclass(frozen=True, slots=True)
class TradeIn:
    """The customer's trade-in: equity is ``value - payoff`` and may be negative (rolled into the deal).

    ``mileage``, ``is_offer`` and ``year`` say how ``value`` was given (the request's ``trade_in``): an estimate is
    appraised for its mileage before the deal is priced, a firm offer is taken as it stands
    (:func:`desktop.domain.trade_appraisal.appraised_trade`). The engine prices ``value`` as it finds it.
    """

    value: Decimal
    payoff: Decimal = ZERO
    ownership: Ownership = Ownership.OWNED
    mileage: int | None = None
    is_offer: bool = False
    year: int | None = None

    @property
    def equity(self) -> Decimal:
        """What the trade contributes to the deal (negative equity adds to what the customer owes)."""
        return self.value - self.payoff


@dataclass(frozen=True, slots=True)
class DealInput:
    """Everything one deal is priced from.

    Money fields accept ``int``, ``str`` and ``float`` (read through their repr, as JSON gives them) and are
    stored as Decimal. Construction validates everything that does not depend on lender programs and raises
    :class:`PricingInputError` naming the request field; what programs decide (terms, credit tiers) is
    checked when pricing.

    Attributes:
        msrp: manufacturer's suggested retail price; lease residuals are a percentage of it.
        price: the dealer's selling price for the vehicle before incentives and dealer cash.
        make: selects programs and markups.
        year: model year; used-vehicle programs limit the vehicle's age.
        used: used (or certified) rather than new.
        dealer: fees and markups.
        credit_score: 300-850.
        zip_code: the buyer's ZIP, which decides the sales tax.
        term: months, for finance and lease.
        as_of: the day the deal is priced; programs and tax law are taken as of this date.
        customer_cash: what the customer pays at signing (finance: down payment; lease: total due at signing).
        annual_mileage: lease miles a year.
        incentives: eligibility codes the customer claims ("loyalty", "military", ...).
        no_taxes_or_fees: price without taxes and fees, as the request's ``payment.no_taxes_or_fees``.
        trade_in: the customer's trade-in, if any.
        products: F&I products added.
        model: optional; a markup for the model wins over the make's ``global`` one.
        days_to_first_payment: finance only; ``None`` uses the lender program's (30 in the reference).
        tax_rule_override: the state's rule at the buyer's own jurisdiction rate (a district rate, a rate the
            server quoted for the ZIP, or one typed for the deal), used instead of the state's average; the
            method stays the state's (see :mod:`desktop.domain.desking.tax_choice`).
        state: the buyer's state, from the ZIP; set on construction.
    """

    msrp: Decimal
    price: Decimal
    make: str
    year: int
    dealer: DealerConfig
    credit_score: int
    zip_code: str
    term: int
    as_of: date
    used: bool = False
    customer_cash: Decimal = ZERO
    annual_mileage: int = 12_000
    incentives: tuple[str, ...] = ()
    no_taxes_or_fees: bool = False
    trade_in: TradeIn | None = None
    products: tuple[Product, ...] = ()
    model: str = ""
    days_to_first_payment: int | None = None
    tax_rule_override: TaxRule | None = None
    state: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "msrp", _money(self.msrp, "vehicle.msrp"))
        object.__setattr__(self, "price", _money(self.price, "vehicle.price"))
        object.__setattr__(self, "customer_cash", _money(self.customer_cash, "payment.customer_cash"))
        if self.msrp <= ZERO:
            raise PricingInputError("vehicle.msrp", "must be more than zero.")
        if self.price <= ZERO:
            raise PricingInputError("vehicle.price", "must be more than zero.")
        if not self.make.strip():
            raise PricingInputError("vehicle.make", "is required; programs and markups are chosen by make.")
        if not MIN_CREDIT_SCORE <= self.credit_score <= MAX_CREDIT_SCORE:
            raise PricingInputError(
                "customer.credit_score",
                f"{self.credit_score} is not a credit score; scores run from {MIN_CREDIT_SCORE} to {MAX_CREDIT_SCORE}.",
            )
        if self.customer_cash < ZERO:
            raise PricingInputError("payment.customer_cash", "cannot be negative; enter 0 for no money down.")
        if self.term <= 0:
            raise PricingInputError("payment.term", f"{self.term} is not a number of months.")
        if self.annual_mileage <= 0:
            raise PricingInputError("payment.annual_mileage", "must be more than zero miles a year.")
        days = self.days_to_first_payment
        if days is not None and not 1 <= days <= MAX_DAYS_TO_FIRST_PAYMENT:
            raise PricingInputError(
                "payment.days_until_first_payment",
                f"must be between 1 and {MAX_DAYS_TO_FIRST_PAYMENT} days (got {days}).",
            )
        zip_code: object = self.zip_code
        if isinstance(zip_code, int):  # the reference's request sends the ZIP as a JSON number
            object.__setattr__(self, "zip_code", f"{zip_code:05d}")
        try:
            object.__setattr__(self, "state", state_for_zip(self.zip_code))
        except ValueError as exc:
            raise PricingInputError("customer.zip_code", str(exc)) from None
        if self.trade_in is not None:
            object.__setattr__(self, "trade_in", _checked_trade_in(self.trade_in))
        object.__setattr__(self, "products", tuple(_checked_product(i, p) for i, p in enumerate(self.products)))
        object.__setattr__(self, "incentives", tuple(self.incentives))


def _money(raw: MoneyLike, path: str) -> Decimal:
    if type(raw) is Decimal and raw.is_finite():
        return raw
    try:
        return to_money(raw)
    except (ValueError, TypeError):
        raise PricingInputError(path, f"{raw!r} is not an amount.") from None


def payoff_marks_financed(ownership: str, payoff: Decimal | None) -> bool:
    """Whether a trade marked ``ownership`` becomes financed for its ``payoff``: one still marked owned (the
    default) with money owed on it, since a lender holds it. Priced, an owned trade with a payoff is refused
    (below); the deal's jacket and Deal Pricing's form mark it financed as the payoff is typed instead."""
    return ownership == Ownership.OWNED.value and payoff is not None and payoff > 0


def _checked_trade_in(trade: TradeIn) -> TradeIn:
    value = _money(trade.value, "trade_in.value")
    payoff = _money(trade.payoff, "trade_in.payoff")
    try:
        ownership = Ownership(trade.ownership)
    except ValueError:
        raise PricingInputError("trade_in.ownership", "must be owned, financed or leased.") from None
    if value < ZERO:
        raise PricingInputError("trade_in.value", "cannot be negative.")
    if payoff < ZERO:
        raise PricingInputError("trade_in.payoff", "cannot be negative.")
    if ownership is Ownership.OWNED and payoff > ZERO:
        raise PricingInputError("trade_in.payoff", "an owned trade-in has no payoff; mark it financed or leased.")
    return TradeIn(value, payoff, ownership)


def _checked_product(index: int, product: Product) -> Product:
    price = _money(product.price, f"plans[{index}].price")
    if price < ZERO:
        raise PricingInputError(f"plans[{index}].price", f"{product.name}: a price cannot be negative.")
    cost = None if product.dealer_cost is None else _money(product.dealer_cost, f"plans[{index}].dealer_cost")
    return Product(product.name, price, product.taxable, product.residualize, cost)
