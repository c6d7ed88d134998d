"""Creating a customer (with the order a form packet is made for) and assigning the customer's agent."""

from __future__ import annotations

import json
import time
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request

from desktop.api.roadster import paths
from desktop.sandbox.errors import bad_request, not_found
from desktop.sandbox.events.emit import emit_event
from desktop.sandbox.events.shapes import event_vehicle_of
from desktop.sandbox.ids import path_id
from desktop.sandbox.roadster_customers import fields, sections
from desktop.sandbox.roadster_customers.links import landing_url
from desktop.sandbox.roadster_customers.store import create_or_match, customers_db

router = APIRouter()


@router.post(paths.CUSTOMERS)
def create_customer(request: Request, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    payload = fields.json_object(body, "request", required=True)
    db = customers_db(request)
    customer = fields.json_object(payload.get("customer"), "customer", required=True)
    names = {
        "first_name": fields.text(customer, "first_name", "customer.first_name", required=True),
        "last_name": fields.text(customer, "last_name", "customer.last_name", required=True),
    }
    email = fields.email(customer, "email", "customer.email")
    names["phone"] = fields.phone(customer, "phone", "customer.phone")
    names["partner_id"] = fields.text(customer, "partner_id", "customer.partner_id")
    dealer = sections.dealer(db, payload.get("dealer"))
    vehicle = sections.vehicle(payload.get("vehicle"))
    payment = sections.payment(payload.get("payment"))
    plans = sections.plans(payload.get("plans"))
    accessories = sections.accessories(payload.get("accessories"))
    analytics = sections.analytics(payload.get("analytics"))
    checkout = fields.flag(payload.get("checkout"), "checkout")
    dpid = str(dealer["dpid"])
    record = {"vehicle": vehicle, "payment": payment, "plans": plans, "accessories": accessories}
    order_id: int | None = None
    with db.write() as conn:
        customer_id, duplicate = create_or_match(conn, dpid, email, names, record)
        if vehicle.get("vin") and payment:
            conn.execute(
                "INSERT INTO orders (customer_id, dpid, vin, payment, created_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (customer_id, vin) DO UPDATE SET payment = excluded.payment",
                (customer_id, dpid, vehicle["vin"], json.dumps(payment), int(time.time())),
            )
            order_id = int(
                conn.execute(
                    "SELECT id FROM orders WHERE customer_id = ? AND vin = ?", (customer_id, vehicle["vin"])
                ).fetchone()[0]
            )
    answer: dict[str, Any] = {
        "status": "ok",
        "customer": {
            "id": customer_id,
            "dpid": dpid,
            "redirect_url": landing_url(dpid, vehicle, analytics, checkout=checkout),
        },
    }
    if order_id is not None:
        answer["customer"]["order_id"] = order_id  # sandbox extra: the order a form packet is made for
    if duplicate:
        answer["duplicate"] = True
    event_vehicle = event_vehicle_of(db, dpid, vehicle.get("vin"))
    emit_event(
        request.app.state.sandbox,
        "customer_requested_vehicle_info" if event_vehicle else "customer_referred",
        {"id": customer_id, "dpid": dpid, "email": email, **names},
        **({"vehicle": event_vehicle} if event_vehicle else {}),
        # The order made for the customer's vehicle and payment: the reference's events carry "all the latest data
        # as it relates to the purchase (vehicle, trade in, order ...)", and a desk learns its order id from them.
        **({"order": {"id": order_id, "financing": order_financing(payment)}} if order_id is not None else {}),
    )
    return answer


def order_financing(payment: dict[str, Any]) -> dict[str, Any]:
    """An order's ``financing`` as the reference's events give it, from the payment the customer was created
    with: its deal type (the one whose figures were given, when none is named), term and down payment."""
    kind = payment.get("deal_type") or (
        "finance" if any(k.startswith("finance") for k in payment) else "lease" if payment else "cash"
    )
    side = "lease" if kind == "lease" else "finance"
    return {"type": kind, "term": payment.get(f"{side}_months"), "down_payment": payment.get(f"{side}_down")}


@router.put(paths.CUSTOMER_AGENT)
def assign_agent(request: Request, customer_id: str, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    number = path_id(customer_id)
    if number is None:
        raise bad_request(f"'id' must be a customer number, not {customer_id[:24]!r}.", "id")
    payload = fields.json_object(body, "request", required=True)
    db = customers_db(request)
    agent = fields.json_object(payload.get("agent"), "agent", required=True)
    agent_id = fields.text(agent, "id", "agent.id")
    agent_email = fields.email(agent, "email", "agent.email") if agent.get("email") not in (None, "") else ""
    if not agent_id and not agent_email:
        raise bad_request("'agent' needs an id or an email.", "agent")
    dealer = sections.dealer(db, payload.get("dealer"))
    with db.write() as conn:
        row = conn.execute("SELECT * FROM customers WHERE id = ? AND dpid = ?", (number, dealer["dpid"])).fetchone()
        if row is None:
            raise not_found("Customer not found.")
        conn.execute(
            "INSERT OR REPLACE INTO agents (customer_id, agent_id, email, updated_at) VALUES (?, ?, ?, ?)",
            (number, agent_id, agent_email, int(time.time())),
        )
    emit_event(
        request.app.state.sandbox,
        "agent_checked_in_customer",
        {**dict(row), "id": number, "dpid": dealer["dpid"]},
        agent={
            "id": int(agent_id) if agent_id.isascii() and agent_id.isdigit() and len(agent_id) < 19 else 0,
            "full_name": agent_id or agent_email,
            "email": agent_email,
        },
    )
    return {
        "status": "ok",
        "customer": {k: row[k] for k in ("first_name", "last_name", "email", "phone")},
    }
