"""What the sandbox adds to the engine's ``deals.<type>`` objects so they carry what the reference shows.

The engine (:mod:`desktop.domain.pricing`) knows money, not inventory: it answers the terms and a bare ``data``
block. The reference's sample (lines 258-872) also gives each deal its ``id``, each plan its catalog identity
(``retail_add_on_id``, tier code, term, mileage, title), the accessories, the vehicle's attributes as the dealer's
inventory has them, and the trade valuation with its mileage. This module fills those from the request, the
inventory record and the dealer's catalog, and checks the types of the request fields the reference defines
beyond the engine's (the vehicle's codes, ``trade_in.mileage`` and ``is_offer``), naming the field it refuses.
The codes the make's code catalog knows are priced by the engine's request reader
(:func:`desktop.domain.vehicle_codes.price_codes`); here they are listed in ``options[]`` and
``premium_colors`` and split into ``prices.colors`` and ``prices.options``.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from typing import Any

from desktop.domain.money import json_number
from desktop.domain.vehicle_codes import CodedItem, PricedCodes
from desktop.sandbox.errors import bad_request

VEHICLE_CODES = ("trim_code", "exterior_color_code")


def check_request(body: Mapping[str, Any]) -> None:
    """Refuse, naming the field, the request fields the engine does not read but the reference defines."""
    vehicle = body.get("vehicle")
    if isinstance(vehicle, Mapping):
        for key in VEHICLE_CODES:
            if key in vehicle and not isinstance(vehicle[key], str | None):
                raise bad_request(f"Parameter 'vehicle.{key}' must be a string.", f"vehicle.{key}")
        interior = vehicle.get("interior_color_code")
        # The sample sends 218 (a number) where the other codes are strings: both are taken, as text.
        if interior is not None and (isinstance(interior, bool) or not isinstance(interior, str | int)):
            raise bad_request("Parameter 'vehicle.interior_color_code' must be a code.", "vehicle.interior_color_code")
        options = vehicle.get("option_codes")
        if options is not None and (not isinstance(options, list) or not all(isinstance(o, str) for o in options)):
            raise bad_request("Parameter 'vehicle.option_codes' must be a list of codes.", "vehicle.option_codes")
    trade = body.get("trade_in")
    if isinstance(trade, Mapping):
        mileage = trade.get("mileage")
        if mileage is not None and (
            isinstance(mileage, bool) or not isinstance(mileage, int) or not 0 <= mileage < 10**7
        ):
            raise bad_request("Parameter 'trade_in.mileage' must be a whole number of miles.", "trade_in.mileage")
        offer = trade.get("is_offer")
        if offer is not None and not isinstance(offer, bool):
            raise bad_request("Parameter 'trade_in.is_offer' must be true or false.", "trade_in.is_offer")


def deal_id(dpid: str, vin: str) -> int:
    """One id for the deal on this vehicle at this dealer; the sample's three deals share theirs (4550)."""
    return zlib.crc32(f"{dpid}/{vin}".encode()) & 0x7FFFFFFF


def complete(
    deal: dict[str, Any],
    body: Mapping[str, Any],
    dealer: Mapping[str, Any],
    vehicle: Mapping[str, Any],
    catalog: list[dict[str, Any]],
    codes: PricedCodes,
) -> dict[str, Any]:
    """``deal`` with its ``id`` and the reference's ``data`` block (plans, accessories, vehicle, trade);
    ``codes`` are the request's vehicle codes as the engine priced them."""
    data = dict(deal.get("data") or {})
    data["plans"] = _plans(body, data.get("plans") or [], catalog)
    accessories = body.get("accessories")
    data["accessories"] = list(accessories) if isinstance(accessories, list) else []
    data["vehicle"] = _vehicle(body, dealer, vehicle, codes)
    data["trade"] = _trade(body, data.get("trade"))
    return {"id": deal_id(str(dealer["dpid"]), str(vehicle["vin"])), **deal, "data": data}


def _plans(body: Mapping[str, Any], priced: list[dict[str, Any]], catalog: list[dict[str, Any]]) -> list[Any]:
    """Each requested plan as the sample's ``data.plans[]``: catalog identity plus the engine's price."""
    asked = body.get("plans") if isinstance(body.get("plans"), list) else []
    by_id = {p["id"]: p for p in catalog}
    by_code = {p["code"]: p for p in catalog}
    out = []
    for plan, engine in zip(asked or [], priced, strict=False):
        product = by_id.get(plan.get("id")) or by_code.get(plan.get("code")) if isinstance(plan, Mapping) else None
        if product is None:
            out.append(engine)
            continue
        tier_code = plan.get("tier")
        tier = next((t for t in product["tiers"] if t["code"] == tier_code), product["tiers"][0])
        out.append(
            {
                "retail_add_on_id": product["id"],
                "taxable": product["taxable"],
                "residualize": product["residualize"],
                "title": product["category"],
                "pricing_source": "static" if product["pricing"] != "amount_financed" else "dynamic",
                "backend_profit": True,
                "product_code": product["code"],
                "price": engine.get("price", 0),
                "tier_code": tier["code"],
                "tier_mileage": tier["mileage"] or None,
                "tier_term": tier["term"] or None,
                "tier_title": tier["title"],
                "surcharges": None,
            }
        )
    return out


def _coded(item: CodedItem) -> dict[str, Any]:
    """A priced code as an ``options[]`` / ``premium_colors`` entry (the sample's ``dealer_options`` fields)."""
    entry = {
        "code": item.code,
        "name": item.name,
        "msrp": json_number(item.msrp),
        "residual": json_number(item.msrp),  # factory equipment residualizes in full
        "invoice_price": json_number(item.invoice),
    }
    return entry | ({"kind": item.kind, "rgb": item.rgb} if item.kind != "option" else {})


def _vehicle(
    body: Mapping[str, Any], dealer: Mapping[str, Any], vehicle: Mapping[str, Any], codes: PricedCodes
) -> dict[str, Any]:
    """The inventory record in the sample's ``data.vehicle`` shape, with the codes the request named and the
    colours and options they added."""
    raw = body.get("vehicle")
    asked: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
    added_colors = codes.of_kind("exterior_color", "interior_color")
    added_options = codes.of_kind("option")
    msrp = (vehicle.get("msrp") or 0) + json_number(codes.msrp)
    options = sum(o.get("msrp", 0) for o in vehicle.get("options", [])) + sum(float(o.msrp) for o in added_options)
    packages = sum(p.get("msrp", 0) for p in vehicle.get("packages", []))
    colors = sum(vehicle.get(k, {}).get("msrp", 0) for k in ("exterior_color", "interior_color"))
    colors += sum(float(c.msrp) for c in added_colors) - float(codes.replaced)
    dio = sum(o.get("msrp", 0) for o in vehicle.get("dealer_options", []))
    used = bool(vehicle.get("used", False))
    city, highway = vehicle.get("city_mpg"), vehicle.get("highway_mpg")
    return {
        "used": used,
        "demo": bool(vehicle.get("demo", False)),
        "certified": bool(vehicle.get("certified", False)),
        "stock_number": vehicle.get("stock_number", ""),
        "msrp": msrp,
        "invoice": (vehicle.get("invoice") or 0) + json_number(codes.invoice),
        "prices": {
            "base": msrp - options - packages - colors,
            "destination": 0,
            "gas_guzzler": 0,
            "excise_tax": 0,
            "registration_fee": 0,
            "colors": colors,
            "packages": packages,
            "options": options,
            "fees": 0,
            "dio": dio,
            "total": msrp + dio,
            "tax_credit": 0,
        },
        "fees": [],
        "packages": list(vehicle.get("packages", [])),
        "options": [*vehicle.get("options", []), *(_coded(o) for o in added_options)],
        "interior_color": _color(vehicle.get("interior_color", {}), asked.get("interior_color_code"), codes),
        "exterior_color": _color(vehicle.get("exterior_color", {}), asked.get("exterior_color_code"), codes),
        "premium_colors": [_coded(c) for c in added_colors],
        "dealer_options": [
            {"name": o["name"], "msrp": o.get("msrp", 0), "residual": 0, "invoice_price": o.get("msrp", 0)}
            for o in vehicle.get("dealer_options", [])
        ],
        "mpg": round((city + highway) / 2) if city and highway else 0,
        "mileage": vehicle.get("mileage", 0),
        "make": vehicle.get("make", ""),
        "model": vehicle.get("model", ""),
        "style_edmunds_id": "",
        "submodel": vehicle.get("model", ""),
        "title": f"{vehicle.get('model', '')} {vehicle.get('trim', '')}".strip(),
        "trim": vehicle.get("trim", ""),
        "trim_code": asked.get("trim_code"),
        "option_codes": list(asked.get("option_codes") or []),
        "unpriced_codes": list(codes.unknown),
        "transmission": {"speeds": 0, **vehicle.get("transmission", {})},
        "drivetrain": vehicle.get("drivetrain", ""),
        "engine": {"horsepower": 0, "mfg_code": "", **vehicle.get("engine", {})},
        "dealer_name": dealer.get("name", ""),
        "body": vehicle.get("body", ""),
        "weight": 0,
        "year": vehicle.get("year", 0),
        "mfg_codes": [],
    }


def _color(color: Mapping[str, Any], code: Any, codes: PricedCodes) -> dict[str, Any]:
    """The sample's colour object: the colour a known ``code`` asks for, else the vehicle's own. ``rgb`` stays
    a hex string (the sample's interior 191919 is a number, its exterior "E0E2E1" a string: a hex colour can
    only be a string)."""
    chosen = next((c for c in codes.added if code is not None and c.code == str(code)), None)
    return {
        "secondary_rgb": None,
        "msrp": color.get("msrp", 0) if chosen is None else json_number(chosen.msrp),
        "id": None if code is None else str(code),
        "label": color.get("label", "") if chosen is None else chosen.name,
        "rgb": color.get("rgb", "") if chosen is None else chosen.rgb,
    }


def _trade(body: Mapping[str, Any], engine: Any) -> Any:
    """The engine's valuation (``trade_in_value`` is what the deal is priced with, appraised for mileage when
    the request's value is an estimate) plus the mileage, ``is_offer`` and the estimate the request gave."""
    trade = body.get("trade_in")
    if not isinstance(trade, Mapping) or not isinstance(engine, Mapping):
        return engine
    valuation = dict(engine["valuation"]["valuation"])
    if valuation.get("trade_in_value") != trade.get("value"):
        valuation["trade_in_estimate"] = trade.get("value")
    if trade.get("mileage") is not None:
        valuation["trade_in_mileage"] = trade["mileage"]
    if trade.get("is_offer") is not None:
        valuation["trade_in_is_offer"] = trade["is_offer"]
    return {"valuation": {"valuation": valuation}}
