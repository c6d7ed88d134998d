"""The parts of a customers request: the dealer it names, the vehicle, the payment, plans, accessories, analytics."""

from __future__ import annotations

import re
from typing import Any

from desktop.sandbox.db import SandboxDB
from desktop.sandbox.errors import bad_request, not_found
from desktop.sandbox.roadster_customers import fields

DEAL_TYPES = ("lease", "finance")
PAYMENT_INTS = ("lease_down", "lease_months", "lease_miles", "finance_down", "finance_months")
_UTM = re.compile(r"^utm_[a-z_]{1,40}$")


def dealer(db: SandboxDB, raw: Any, name: str = "dealer") -> dict[str, Any]:
    """Exactly one of ``dpid`` / ``partner_id``; 404 when it names no dealer."""
    spec = fields.json_object(raw, name, required=True)
    dpid = fields.text(spec, "dpid", f"{name}.dpid")
    partner_id = fields.text(spec, "partner_id", f"{name}.partner_id")
    if bool(dpid) == bool(partner_id):
        which = "both" if dpid else "neither"
        raise bad_request(f"'{name}' must give exactly one of dpid or partner_id; this request gave {which}.", name)
    dealer = db.dealer(dpid) if dpid else db.dealer_by_partner_id(partner_id)
    if dealer is None:
        raise not_found("Dealer not found.")
    return dealer


def analytics(raw: Any) -> dict[str, str]:
    spec = fields.json_object(raw, "analytics")
    out: dict[str, str] = {}
    for key in spec:
        name = f"analytics.{key}"
        if not _UTM.match(str(key)):
            raise bad_request(
                f"'{name}' is not an analytics parameter; use utm_source, utm_medium, utm_campaign ...", name
            )
        value = fields.text(spec, key, name)
        if value:
            out[key] = value
    return out


def vehicle(raw: Any) -> dict[str, Any]:
    spec = fields.json_object(raw, "vehicle")
    vehicle: dict[str, Any] = {}
    vin = fields.text(spec, "vin", "vehicle.vin")
    if vin:
        vehicle["vin"] = fields.vin(vin, "vehicle.vin")
    for key in ("make", "model", "trim"):
        value = fields.text(spec, key, f"vehicle.{key}")
        if value:
            vehicle[key] = value
    year = fields.text(spec, "year", "vehicle.year")
    if year:
        if not (year.isascii() and year.isdigit() and len(year) == 4 and 1900 <= int(year) <= 2100):
            raise bad_request(f"'vehicle.year' must be a four-digit model year, not {year!r}.", "vehicle.year")
        vehicle["year"] = int(year)
    return vehicle


def payment(raw: Any) -> dict[str, Any]:
    spec = fields.json_object(raw, "payment")
    payment: dict[str, Any] = {}
    deal_type = fields.text(spec, "deal_type", "payment.deal_type")
    if deal_type:
        if deal_type not in DEAL_TYPES:
            raise bad_request(f"'payment.deal_type' must be lease or finance, not {deal_type!r}.", "payment.deal_type")
        payment["deal_type"] = deal_type
    for key in PAYMENT_INTS:
        minimum = 1 if key.endswith(("months", "miles")) else 0
        value = fields.whole(spec, key, f"payment.{key}", minimum=minimum)
        if value is not None:
            payment[key] = value
    return payment


def plans(raw: Any) -> list[dict[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise bad_request("'plans' must be a list.", "plans")
    plans = []
    for i, item in enumerate(raw):
        spec = fields.json_object(item, f"plans[{i}]", required=True)
        plan: dict[str, Any] = {"id": fields.whole(spec, "id", f"plans[{i}].id", required=True)}
        for key in ("code", "tier"):
            plan[key] = fields.text(spec, key, f"plans[{i}].{key}")
        plans.append(plan)
    return plans


def accessories(raw: Any) -> list[dict[str, str]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise bad_request("'accessories' must be a list.", "accessories")
    return [
        {
            "code": fields.text(
                fields.json_object(item, f"accessories[{i}]", required=True),
                "code",
                f"accessories[{i}].code",
                required=True,
            )
        }
        for i, item in enumerate(raw)
    ]
