"""The reference's ``POST /pricing`` request read into a :class:`DealInput`, the same way on both ends.

The sandbox prices a request with it and the pricing tab builds its local quote from the very request it
sends, so "the server's quote equals the local engine's" compares two prices of one interpretation of the
request, and any difference that remains is a real one (programs, dealer configuration, catalog prices).

Every problem raises :class:`PricingInputError` naming the request field (``payment.term``,
``trade_in.payoff``, ``plans[1].tier`` ...), as the sandbox's 400 answers and the tab's field messages do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.domain.deal import DealerConfig, DealInput, PricingInputError, Product, TradeIn
from desktop.domain.money import ZERO, MoneyLike, to_money
from desktop.domain.trade_appraisal import appraised_value
from desktop.domain.vehicle_codes import CodedItem, price_codes

DEAL_TYPES = ("cash", "finance", "lease")
DEFAULT_TERMS = {"cash": 60, "finance": 60, "lease": 36}
DEFAULT_ANNUAL_MILEAGE = 12_000

PlanResolver = Callable[[int, Mapping[str, Any]], Product]


def selling_price(vehicle: Mapping[str, Any]) -> Decimal:
    """The dealer's asking price for an inventory vehicle before incentives and dealer cash: its MSRP.

    Inventory carries no separate asking price, so the sticker is the starting point of every deal.
    """
    return vehicle_msrp(vehicle)


def vehicle_msrp(vehicle: Mapping[str, Any]) -> Decimal:
    """The inventory record's MSRP, or a field error when the record has none."""
    raw = vehicle.get("msrp")
    if raw is None:
        raise PricingInputError(
            "vehicle.vin", "this vehicle has no MSRP in the dealer's inventory; it cannot be priced."
        )
    return to_money(raw)


def product_for(plan: Mapping[str, Any], tier: Mapping[str, Any], price: MoneyLike | None = None) -> Product:
    """The engine's product for one tier of a catalog plan (``GET /service_protection_plans``).

    ``price`` is the selling price agreed for it; by default the tier's ``offer``. ``invoice_price`` becomes
    the dealer cost, for the deal's back-end profit.
    """
    amount = to_money(tier.get("offer", tier.get("msrp", 0)) if price is None else price)
    cost = tier.get("invoice_price")
    return Product(
        name=f"{plan.get('title', 'Protection plan')} — {tier.get('title', tier.get('code', ''))}",
        price=amount,
        taxable=bool(plan.get("taxable", False)),
        residualize=bool(plan.get("residualize", False)),
        dealer_cost=None if cost in (None, 0) else to_money(cost),
    )


def _section(body: Mapping[str, Any], name: str, required: bool) -> Mapping[str, Any]:
    value = body.get(name)
    if value is None:
        if required:
            raise PricingInputError(name, "is required.")
        return {}
    if not isinstance(value, Mapping):
        raise PricingInputError(name, "must be an object.")
    return value


def _int(section: Mapping[str, Any], path: str, key: str, default: int | None = None) -> int:
    raw = section.get(key)
    if raw is None or raw == "":
        if default is None:
            raise PricingInputError(path, "is required.")
        return default
    if isinstance(raw, bool):
        raise PricingInputError(path, f"{raw!r} is not a whole number.")
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        return int(raw.strip())
    raise PricingInputError(path, f"{raw!r} is not a whole number.")


def _money_field(section: Mapping[str, Any], path: str, key: str, default: Decimal = ZERO) -> Decimal:
    raw = section.get(key)
    if raw is None or raw == "":
        return default
    if isinstance(raw, bool):
        raise PricingInputError(path, f"{raw!r} is not an amount.")
    try:
        return to_money(raw)
    except (ValueError, TypeError):
        raise PricingInputError(path, f"{raw!r} is not an amount.") from None


def _optional_int(section: Mapping[str, Any], path: str, key: str) -> int | None:
    if section.get(key) is None:
        return None
    return _int(section, path, key)


def _trade_in(trade: Mapping[str, Any], as_of: date) -> TradeIn:
    """The request's ``trade_in``, its value appraised for mileage unless ``is_offer`` makes it a firm offer."""
    value = _money_field(trade, "trade_in.value", "value")
    payoff = _money_field(trade, "trade_in.payoff", "payoff")
    ownership = str(trade.get("ownership") or ("financed" if payoff else "owned"))
    is_offer = trade.get("is_offer")
    if is_offer is not None and not isinstance(is_offer, bool):
        raise PricingInputError("trade_in.is_offer", "must be true or false.")
    mileage = _optional_int(trade, "trade_in.mileage", "mileage")
    if mileage is not None and not 0 <= mileage < 10**7:
        raise PricingInputError("trade_in.mileage", f"{mileage} is not an odometer reading.")
    year = _optional_int(trade, "trade_in.year", "year")
    if year is not None and not 1900 <= year <= as_of.year + 1:
        raise PricingInputError("trade_in.year", f"{year} is not a model year.")
    if value >= ZERO:
        value = appraised_value(value, mileage=mileage, is_offer=is_offer, year=year, as_of=as_of)
    return TradeIn(value, payoff, ownership)  # type: ignore[arg-type]  # checked by DealInput


def trade_in_request(trade: TradeIn) -> dict[str, Any]:
    """The request's ``trade_in`` for the desk's ``trade``: value, payoff and ownership, with the mileage, firm-offer
    flag and model year the server appraises an estimate with (the year is the sandbox's; the reference omits it)."""
    body: dict[str, Any] = {
        "value": float(trade.value),
        "payoff": float(trade.payoff),
        "ownership": trade.ownership.value,
        "is_offer": trade.is_offer,
    }
    if trade.mileage is not None:
        body["mileage"] = trade.mileage
    if trade.year is not None:
        body["year"] = trade.year
    return body


def deal_type_of(body: Mapping[str, Any]) -> str:
    """The request's ``payment.deal_type`` (``finance`` when absent), checked."""
    payment = _section(body, "payment", False)
    deal_type = payment.get("deal_type") or "finance"
    if deal_type not in DEAL_TYPES:
        raise PricingInputError("payment.deal_type", f"{deal_type!r} is not one of {', '.join(DEAL_TYPES)}.")
    return str(deal_type)


def parse_pricing_request(
    body: Mapping[str, Any],
    dealer: DealerConfig,
    vehicle: Mapping[str, Any],
    as_of: date,
    resolve_plan: PlanResolver,
    codes: Mapping[str, CodedItem] | None = None,
) -> DealInput:
    """Read a ``POST /pricing`` body priced against the inventory ``vehicle`` (found by ``vehicle.vin``).

    The vehicle's MSRP, make, model and year come from the dealer's inventory, not from the request (the
    reference's request names a vehicle; its price is the dealer's). ``resolve_plan(index, plan)`` turns each
    entry of ``plans`` into a product and raises :class:`PricingInputError` for one it cannot find. ``codes``
    is the make's code catalog: the colours and options the request's vehicle names that it knows are added
    to the price (:mod:`desktop.domain.vehicle_codes`). A trade-in's value is appraised for its mileage unless
    it is a firm offer (:mod:`desktop.domain.trade_appraisal`).

    Raises:
        PricingInputError: naming the first field that cannot be priced.
    """
    customer = _section(body, "customer", True)
    payment = _section(body, "payment", False)
    trade = _section(body, "trade_in", False)
    deal_type = deal_type_of(body)
    credit_score = _int(customer, "customer.credit_score", "credit_score")
    zip_raw = customer.get("zip_code")
    if zip_raw is None or zip_raw == "":
        raise PricingInputError("customer.zip_code", "is required; the buyer's ZIP decides the sales tax.")
    zip_code = f"{zip_raw:05d}" if isinstance(zip_raw, int) and not isinstance(zip_raw, bool) else str(zip_raw)
    incentives = customer.get("incentives") or []
    if not isinstance(incentives, list) or not all(isinstance(i, str) for i in incentives):
        raise PricingInputError("customer.incentives", 'must be a list of eligibility codes such as "loyalty".')
    no_taxes = payment.get("no_taxes_or_fees", False)
    if not isinstance(no_taxes, bool):
        raise PricingInputError("payment.no_taxes_or_fees", "must be true or false.")
    trade_in = _trade_in(trade, as_of) if trade else None
    plans = body.get("plans") or []
    if not isinstance(plans, list):
        raise PricingInputError("plans", "must be a list of plans from the service and protection plans catalog.")
    products = []
    for index, plan in enumerate(plans):
        if not isinstance(plan, Mapping):
            raise PricingInputError(f"plans[{index}]", "must be an object with the plan's id and tier.")
        products.append(resolve_plan(index, plan))
    asked = _section(body, "vehicle", False)
    extra = price_codes(asked, vehicle, codes or {}).msrp
    return DealInput(
        msrp=vehicle_msrp(vehicle) + extra,
        price=selling_price(vehicle) + extra,
        make=str(vehicle.get("make") or ""),
        year=int(vehicle.get("year") or as_of.year),
        used=bool(vehicle.get("used", False)),
        model=str(vehicle.get("model") or ""),
        dealer=dealer,
        credit_score=credit_score,
        zip_code=zip_code,
        term=_int(payment, "payment.term", "term", DEFAULT_TERMS[deal_type]),
        as_of=as_of,
        customer_cash=_money_field(payment, "payment.customer_cash", "customer_cash"),
        annual_mileage=_int(payment, "payment.annual_mileage", "annual_mileage", DEFAULT_ANNUAL_MILEAGE),
        incentives=tuple(incentives),
        no_taxes_or_fees=no_taxes,
        trade_in=trade_in,
        products=tuple(products),
    )
