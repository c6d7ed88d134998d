"""The dealer's Express Store links: made for a partner, and opened by a shopper's browser (the ``mem`` token)."""

from __future__ import annotations

import time
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Query, Request

from desktop.api import mem_token
from desktop.api.roadster import paths
from desktop.domain.contact import email_problem
from desktop.sandbox.errors import bad_request, not_found
from desktop.sandbox.events.emit import emit_event
from desktop.sandbox.events.shapes import event_vehicle_of
from desktop.sandbox.roadster_customers import fields, sections
from desktop.sandbox.roadster_customers.store import create_or_match, customers_db

router = APIRouter()


def landing_url(
    dpid: str, vehicle: dict[str, Any], analytics: dict[str, str], *, checkout: bool = False, ucid: int | None = None
) -> str:
    """The dealer's Express Store page for what the request named: a VIN's page, its checkout, or a search."""
    base = f"https://express.{dpid}.com"
    query: dict[str, Any] = {}
    if vehicle.get("vin"):
        path = f"/express/{vehicle['vin']}" + ("/checkout" if checkout else "")
    else:
        path = "/inventory/new"
        query.update({k: vehicle[k] for k in ("make", "model", "trim", "year") if vehicle.get(k)})
    if ucid is not None:
        query["ucid"] = ucid
    query.update(analytics)
    return base + path + ("?" + urlencode(query) if query else "")


def price_locked(dealer: dict[str, Any]) -> bool:
    mode = str((dealer.get("configuration") or {}).get("price_unlock_mode", ""))
    return mode != "unlock"


@router.post(paths.LINKS)
def create_link(request: Request, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    payload = fields.json_object(body, "request", required=True)
    db = customers_db(request)
    dealer = sections.dealer(db, payload.get("dealer"))
    vehicle = sections.vehicle(payload.get("vehicle"))
    analytics = sections.analytics(payload.get("analytics"))
    dpid = str(dealer["dpid"])
    in_stock: bool | None = None
    if vehicle.get("vin"):
        found = db.vehicle(dpid, vehicle["vin"])
        if found is None:
            raise not_found("Vehicle not found at this dealer.")
        in_stock = bool(found.get("in_stock"))
    return {
        "status": "ok",
        "vehicle": {"price_locked": price_locked(dealer), "in_stock": in_stock, "grade": "new"},
        "link": {"dpid": dpid, "redirect_url": landing_url(dpid, vehicle, analytics)},
    }


@router.get(paths.EXPRESS)
def express_link(
    request: Request,
    vin: str,
    mem: Annotated[str | None, Query()] = None,
    dpid: Annotated[str | None, Query()] = None,
) -> dict[str, Any]:
    """The browser link; the real one knows the dealer from its host name, the sandbox from ``dpid``."""
    if not dpid:
        raise bad_request("'dpid' is required (the sandbox's stand-in for the express.<dpid>.com host).", "dpid")
    clean_vin = fields.vin(vin, "vin")
    if not mem:
        raise bad_request("'mem' is required: the encrypted customer data.", "mem")
    db = customers_db(request)
    dealer = db.dealer(dpid)
    if dealer is None:
        raise not_found("Dealer not found.")
    try:
        token = mem_token.decode_token(mem, request.app.state.sandbox.config.link_key)
    except mem_token.TokenError as exc:
        raise bad_request(f"'mem': {exc}", "mem") from None
    problem = email_problem(token["email"])
    if problem:
        raise bad_request(f"'mem': the token's email is not valid. {problem}", "mem")
    names = {
        "first_name": token.get("fname", ""),
        "last_name": token.get("lname", ""),
        "phone": token.get("phone", ""),
    }
    with db.write() as conn:
        customer_id, duplicate = create_or_match(conn, dpid, token["email"].strip().lower(), names, {})
        conn.execute(
            "INSERT INTO leads (dpid, customer_id, type, vin, custid, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (dpid, customer_id, "Unlock Inquiry", clean_vin, token.get("custid", ""), int(time.time())),
        )
    emit_event(
        request.app.state.sandbox,
        "customer_unlocked_pricing",
        {"id": customer_id, "dpid": dpid, "email": token["email"].strip().lower(), **names},
        **({"vehicle": v} if (v := event_vehicle_of(db, dpid, clean_vin)) else {}),
    )
    return {
        "status": "ok",
        "link": {"dpid": dpid, "redirect_url": landing_url(dpid, {"vin": clean_vin}, {}, ucid=customer_id)},
        "customer": {"id": customer_id, "duplicate": duplicate},
        "lead": {"type": "Unlock Inquiry"},
    }
