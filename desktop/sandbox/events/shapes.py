"""The customer, dealer and vehicle of an event, shaped as the reference's sample has them."""

from __future__ import annotations

from typing import Any

from desktop.sandbox.db import SandboxDB

PARTNER_NAME = "Dealer Desk"


def event_customer(customer: dict[str, Any]) -> dict[str, Any]:
    """The reference sample's ``customer`` (lines 937-956): every key present, ``null`` where nothing is known."""
    shaped: dict[str, Any] = {"id": customer.get("id"), "email": customer.get("email"), "first_name": ""}
    if customer.get("first_name"):
        shaped["first_name"] = str(customer["first_name"])
    for key in ("last_name", "middle_name", "phone", "mobile", "gov_id", "gov_id_type"):
        shaped[key] = str(customer[key]) if customer.get(key) else None
    address = customer.get("address")
    if isinstance(address, dict) and address.get("city"):  # the receiver's schema needs a city in an address
        shaped["address"] = {k: address.get(k) for k in ("address1", "address2", "city", "country", "state", "zip")}
    shaped["communication_preference"] = str(customer.get("communication_preference") or "email")
    shaped["in_showroom"] = bool(customer.get("in_showroom", False))
    shaped["referral_type"] = str(customer.get("referral_type") or "api")
    return shaped


def event_dealer(db: SandboxDB, dpid: str) -> dict[str, Any]:
    dealer = db.dealer(dpid)
    if dealer is None:
        raise ValueError(f"unknown dealer {dpid!r}")
    return {
        "dpid": dpid,
        "name": dealer.get("name", dpid),
        "address": {
            "street": dealer.get("address", ""),
            "city": dealer.get("city", ""),
            "state": dealer.get("state", ""),
            "zip": dealer.get("zip_code", ""),
        },
        "partner_id": str(dealer.get("partner_id") or ""),
    }


def event_vehicle_of(db: SandboxDB, dpid: str, vin: str | None) -> dict[str, Any] | None:
    """The event schema's ``vehicle`` for a VIN of the dealer's inventory (``None`` when there is none)."""
    if not vin:
        return None
    stock = db.vehicle(dpid, vin)
    if stock is None:
        return {"vin": vin}
    return {
        "vin": stock["vin"],
        "make": stock["make"],
        "model": stock["model"],
        "year": int(stock["year"]),
        "trim": stock.get("trim") or "",
        "stock_number": stock.get("stock_number") or "",
        "type": "New",
        # The reference's vehicle carries the manufacturer's codes (lines 980-985); the seeded inventory has none.
        "trim_code": stock.get("trim_code"),
        "exterior_color_code": stock.get("exterior_color_code"),
        "interior_color_code": stock.get("interior_color_code"),
        "option_codes": list(stock.get("option_codes") or []),
    }
