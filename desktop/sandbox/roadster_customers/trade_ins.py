"""Trade-in offers: one per dealer, email and VIN, updated in place when it is made again."""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request

from desktop.api.roadster import paths
from desktop.sandbox.errors import bad_request, not_found
from desktop.sandbox.events.emit import emit_event
from desktop.sandbox.roadster_customers import fields
from desktop.sandbox.roadster_customers.links import landing_url
from desktop.sandbox.roadster_customers.store import create_or_match, customers_db

router = APIRouter()


@router.post(paths.TRADEIN_OFFER)
def create_tradein_offer(request: Request, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    payload = fields.json_object(body, "request", required=True)
    db = customers_db(request)
    dpid = fields.text(payload, "dpid", "dpid", required=True)
    email = fields.email(payload, "email", "email")
    vin = fields.vin(fields.text(payload, "vin", "vin", required=True), "vin")
    value = fields.whole(payload, "value", "value", required=True)
    year = fields.whole(payload, "year", "year", minimum=1900)
    if year is not None and year > 2100:
        raise bad_request(f"'year' must be a model year, not {year}.", "year")
    mileage = fields.whole(payload, "mileage", "mileage")
    details = {k: fields.text(payload, k, k) or None for k in ("make", "model", "trim")}
    if db.dealer(dpid) is None:
        raise not_found("Dealer not found.")
    now = int(time.time())
    with db.write() as conn:
        customer_id, _existed = create_or_match(conn, dpid, email, {}, {})
        existing = conn.execute(
            "SELECT id FROM tradein_offers WHERE dpid = ? AND email = ? AND vin = ?", (dpid, email, vin)
        ).fetchone()
        conn.execute(
            "INSERT INTO tradein_offers (dpid, email, vin, customer_id, value, year, make, model, trim, mileage,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (dpid, email, vin) DO UPDATE SET value = excluded.value, year = excluded.year,"
            " make = excluded.make, model = excluded.model, trim = excluded.trim, mileage = excluded.mileage,"
            " updated_at = excluded.updated_at",
            (
                dpid,
                email,
                vin,
                customer_id,
                value,
                year,
                details["make"],
                details["model"],
                details["trim"],
                mileage,
                now,
            ),
        )
    trade = {"vin": vin, "value": value, "year": year, "mileage": mileage, "is_offer": True, **details}
    emit_event(
        request.app.state.sandbox,
        "agent_made_trade_valuation",
        {"id": customer_id, "dpid": dpid, "email": email},
        trade_in={k: v for k, v in trade.items() if v is not None},
    )
    return {
        "status": "ok",
        "customer": {"id": customer_id, "redirect_url": landing_url(dpid, {"vin": vin}, {}, ucid=customer_id)},
        "updated": existing is not None,  # sandbox extra: an offer for this email + dealer + VIN existed
    }
