"""Deal pricing and the F&I catalog (issue 4): ``POST /pricing`` and ``GET /service_protection_plans``.

Pricing runs the same engine the desktop app runs (:mod:`desktop.domain.pricing`) on lender programs seeded
per make (:func:`desktop.domain.programs.default_programs`, valid to the end of the quarter), the dealer's own
configuration and the vehicle from the dealer's inventory. One :class:`DealerConfig` per dealer and one
:class:`ProgramSet` per make and day are kept, because their lookup caches are what makes pricing fast.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request

from desktop.api.roadster import paths
from desktop.domain.deal import DealerConfig, PricingInputError, Product
from desktop.domain.deal_request import deal_type_of, parse_pricing_request, product_for
from desktop.domain.pricing import price_all
from desktop.domain.programs import ProgramSet, default_programs
from desktop.domain.vehicle_codes import price_codes
from desktop.domain.vin import vin_problem
from desktop.sandbox import fi_catalog, pricing_answer
from desktop.sandbox.db import SandboxDB
from desktop.sandbox.errors import bad_request, not_found
from desktop.sandbox.seed.codes import codes_for

router = APIRouter()
MAX_TERM_MONTHS = 240
MAX_AMOUNT = 10**8  # dollars: no vehicle deal comes near, and Decimal arithmetic stays exact

_lock = threading.Lock()
_configs: dict[tuple[str, str], DealerConfig] = {}
_programs: dict[tuple[str, date], ProgramSet] = {}


def today() -> date:
    return date.today()


def programs_for(make: str, as_of: date) -> ProgramSet:
    """One program set per make and day (the seeded programs expire at the quarter's end)."""
    key = (make.casefold(), as_of)
    with _lock:
        found = _programs.get(key)
        if found is None:
            if len(_programs) > 64:
                _programs.clear()
            found = _programs[key] = default_programs(make, as_of)
        return found


def dealer_config(dealer: Mapping[str, Any]) -> DealerConfig:
    """The dealer's parsed configuration, rebuilt only when the stored configuration changes."""
    configuration = dealer.get("configuration") or {}
    key = (str(dealer["dpid"]), repr(configuration))
    with _lock:
        found = _configs.get(key)
        if found is None:
            found = _configs[key] = DealerConfig.from_api(configuration)
        return found


def _find_dealer(db: SandboxDB, ref: Any) -> dict[str, Any]:
    if not isinstance(ref, Mapping):
        raise bad_request('Parameter \'dealer\' is required: {"dpid": ...} or {"partner_id": ...}.', "dealer")
    dpid, partner_id = ref.get("dpid"), ref.get("partner_id")
    if bool(dpid) == bool(partner_id):
        raise bad_request("Name the dealer with exactly one of 'dpid' and 'partner_id'.", "dealer")
    dealer = db.dealer(str(dpid)) if dpid else db.dealer_by_partner_id(str(partner_id))
    if dealer is None:
        raise not_found("Dealer not found.")
    return dealer


def _find_vehicle(db: SandboxDB, dealer: Mapping[str, Any], vin: Any, field: str) -> dict[str, Any]:
    if not vin or not isinstance(vin, str):
        raise bad_request(f"Parameter '{field}' is required.", field)
    problem = vin_problem(vin)
    if problem:
        raise bad_request(f"Parameter '{field}': {problem}", field)
    vehicle = db.vehicle(str(dealer["dpid"]), vin.upper())
    if vehicle is None:
        raise not_found("Vehicle not found.")
    return vehicle


def _plan_resolver(
    catalog: list[dict[str, Any]], terms: fi_catalog.DealTerms
) -> Any:  # Callable[[int, Mapping], Product]; Any keeps the closure's signature readable
    by_id = {p["id"]: p for p in catalog}
    by_code = {p["code"]: p for p in catalog}

    def resolve(index: int, plan: Mapping[str, Any]) -> Product:
        product = by_id.get(plan.get("id")) or by_code.get(plan.get("code"))
        if product is None:
            raise PricingInputError(f"plans[{index}].id", f"{plan.get('id')!r} is not in this dealer's plan catalog.")
        tier_code = plan.get("tier")
        tiers = product["tiers"]
        tier = next((t for t in tiers if t["code"] == tier_code), None) if tier_code else tiers[0]
        if tier is None:
            codes = ", ".join(t["code"] for t in tiers)
            raise PricingInputError(
                f"plans[{index}].tier", f"{product['title']} has no tier {tier_code!r}; use {codes}."
            )
        retail, _cost = fi_catalog.price(product, tier, terms)
        api_plan = fi_catalog.to_api("", product, terms, 0)
        api_tier = next(t for t in api_plan["tiers"] if t["code"] == tier["code"])
        chosen = plan.get("price")
        if chosen is not None:
            try:
                Decimal(str(chosen))
            except InvalidOperation:
                raise PricingInputError(f"plans[{index}].price", f"{chosen!r} is not an amount.") from None
        return product_for(api_plan, api_tier, retail if chosen is None else chosen)

    return resolve


def _catalog_terms(deal_type: str, payment: Any, vehicle: Mapping[str, Any]) -> fi_catalog.DealTerms:
    """What a plan sent without its ``price`` is priced at: the deal's term and the vehicle less the cash.

    The engine checks the fields themselves; a value it will refuse only falls back to a default here.
    """
    payment = payment if isinstance(payment, Mapping) else {}
    try:
        term: int | None = int(payment.get("term") or 0) or None
    except (TypeError, ValueError):
        term = None
    try:
        cash = Decimal(str(payment.get("customer_cash") or 0))
        financed = max(Decimal(str(vehicle.get("msrp") or 0)) - cash, Decimal(0))
    except InvalidOperation:
        financed = Decimal(str(vehicle.get("msrp") or 0))
    return fi_catalog.DealTerms(deal_type, term, financed)


@router.post(paths.PRICING)
def pricing(request: Request, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    db: SandboxDB = request.app.state.sandbox.db
    dealer = _find_dealer(db, body.get("dealer"))
    vehicle_ref = body.get("vehicle")
    if not isinstance(vehicle_ref, Mapping):
        raise bad_request("Parameter 'vehicle' is required: {\"vin\": ...}.", "vehicle")
    vehicle = _find_vehicle(db, dealer, vehicle_ref.get("vin"), "vehicle.vin")
    as_of = today()
    pricing_answer.check_request(body)
    try:
        deal_type = deal_type_of(body)
        config = dealer_config(dealer)
        terms = _catalog_terms(deal_type, body.get("payment"), vehicle)
        catalog = fi_catalog.stored_products(db, dealer)
        known = codes_for(str(vehicle.get("make") or ""))
        codes = price_codes(vehicle_ref, vehicle, known)
        inp = parse_pricing_request(body, config, vehicle, as_of, _plan_resolver(catalog, terms), known)
        quote = price_all(inp, programs_for(inp.make, as_of))
    except PricingInputError as exc:
        raise bad_request(f"{exc.field}: {exc.message}", exc.field) from None
    except (ValueError, TypeError, InvalidOperation) as exc:
        raise bad_request(f"Invalid payment: {exc}", "payment") from None
    asked = quote.unavailable.get(deal_type)
    if asked is not None:
        raise bad_request(f"{asked.field}: {asked.message}", asked.field)
    response = {"status": "ok", **quote.to_api()}
    response["deals"] = {
        kind: pricing_answer.complete(deal, body, dealer, vehicle, catalog, codes)
        for kind, deal in response["deals"].items()
    }
    response["programs"] = programs_for(inp.make, as_of).to_api(as_of, inp.used, inp.model)
    response["unavailable"] = {
        kind: {"field": exc.field, "error": exc.message} for kind, exc in quote.unavailable.items()
    }
    return response


def _number(name: str, raw: str | None, *, integer: bool, maximum: int) -> Decimal:
    if raw is None or raw.strip() == "":
        raise bad_request(f"Parameter '{name}' is required for finance and lease deals.", name)
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        raise bad_request(f"Parameter '{name}' must be a number, not {raw!r}.", name) from None
    if not value.is_finite() or not 0 <= value <= maximum or (integer and value != value.to_integral_value()):
        kind = "a whole number" if integer else "a number"
        raise bad_request(f"Parameter '{name}' must be {kind} from 0 to {maximum}; got {raw[:24]!r}.", name)
    return value


@router.get(paths.PROTECTION_PLANS)
def protection_plans(
    request: Request,
    vin: Annotated[str | None, Query()] = None,
    deal_type: Annotated[str | None, Query()] = None,
    deal_rate: Annotated[str | None, Query()] = None,
    deal_term: Annotated[str | None, Query()] = None,
    amount_financed: Annotated[str | None, Query()] = None,
) -> dict[str, Any]:
    partner_id = request.query_params.get("dealer[partner_id]")
    if not partner_id:
        raise bad_request("Parameter 'dealer[partner_id]' is required.", "dealer[partner_id]")
    if not deal_type:
        raise bad_request("Parameter 'deal_type' is required: cash, finance or lease.", "deal_type")
    if deal_type not in fi_catalog.DEAL_TYPES:
        raise bad_request(f"Parameter 'deal_type' must be cash, finance or lease, not {deal_type!r}.", "deal_type")
    terms = fi_catalog.DealTerms(deal_type)
    if deal_type != "cash":
        _number("deal_rate", deal_rate, integer=False, maximum=100)
        term = _number("deal_term", deal_term, integer=True, maximum=MAX_TERM_MONTHS)
        financed = _number("amount_financed", amount_financed, integer=False, maximum=MAX_AMOUNT)
        if term < 1:
            raise bad_request("Parameter 'deal_term' must be at least 1 month.", "deal_term")
        terms = fi_catalog.DealTerms(deal_type, int(term), financed)
    db: SandboxDB = request.app.state.sandbox.db
    dealer = db.dealer_by_partner_id(partner_id)
    if dealer is None:
        raise not_found("Dealer not found.")
    _find_vehicle(db, dealer, vin, "vin")
    catalog = fi_catalog.stored_products(db, dealer)
    plans = [
        fi_catalog.to_api(str(dealer["dpid"]), p, terms, rank)
        for rank, p in enumerate((p for p in catalog if fi_catalog.offered(p, terms)), start=1)
    ]
    return {"status": "ok", "plans": plans}
