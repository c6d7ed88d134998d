"""``POST /sandbox/simulate``: a shopper's journey played as the customer events Roadster would send.

Saved vehicle, message, price, purchase, trade, credit application, credit decision: the order grows as the deal
is built, and each event is shaped as the reference's event sample (lines 936-1134).
"""

from __future__ import annotations

import json
import random
import time
import uuid
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request

from desktop.sandbox.db import SandboxDB
from desktop.sandbox.errors import bad_request, not_found
from desktop.sandbox.events.emit import emit_event
from desktop.sandbox.events.shapes import event_vehicle_of
from desktop.sandbox.events.store import outbox_status, sandbox_db
from desktop.sandbox.roadster_customers import store as customers_store
from desktop.sandbox.times import iso_time, now_iso

router = APIRouter()


AGENTS = (
    (7101, "Judy Agent"),
    (7102, "Marcus Reyes"),
    (7103, "Priya Natarajan"),
    (7104, "Tom Becker"),
)
FIRST_NAMES = ("Carlos", "Avery", "Mina", "Jordan", "Elena", "Sam", "Noah", "Grace")
LAST_NAMES = ("Silva", "Chen", "Okafor", "Miller", "Haddad", "Novak", "Park", "Rossi")
LENDERS = ("Ally Financial", "Capital One Auto", "Chase Auto", "Hyundai Motor Finance")


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _monthly(principal: int, apr: Decimal, months: int) -> Decimal:
    rate = apr / Decimal(1200)
    if rate == 0:
        return _cents(Decimal(principal) / months)
    return _cents(Decimal(principal) * rate / (1 - (1 + rate) ** -months))


def _shopper(db: SandboxDB, dpid: str, body: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    customers_store.ensure_schema(db)
    first = str(body.get("first_name") or rng.choice(FIRST_NAMES))
    last = str(body.get("last_name") or rng.choice(LAST_NAMES))
    email = str(body.get("email") or f"{first}.{last}.{uuid.uuid4().hex[:6]}@example.com").lower()
    if "@" not in email:
        raise bad_request("'email' must be an email address.", "email")
    phone = f"+1555{rng.randrange(1000000, 9999999)}"
    with db.write() as conn:
        conn.execute(
            "INSERT INTO customers (dpid, email, first_name, last_name, phone, created_at) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (dpid, email) DO NOTHING",
            (dpid, email, first, last, phone, int(time.time())),
        )
        row = conn.execute(
            "SELECT id, email, first_name, last_name, phone FROM customers WHERE dpid = ? AND email = ?", (dpid, email)
        ).fetchone()
    dealer = db.dealer(dpid) or {}
    # A shopper from the dealer's town: events carry the customer's address as the reference's sample does.
    address = {"address1": None, "address2": None, "city": dealer.get("city") or "Springfield", "country": "US"}
    address |= {"state": dealer.get("state") or "CA", "zip": str(dealer.get("zip_code") or "94103")}
    return {**dict(row), "dpid": dpid, "address": address}


def _credit_applicant(customer: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A made-up applicant in the reference sample's shape (lines 1037-1103), every key present."""
    address = customer.get("address") or {}
    home = {
        "address": f"{rng.randrange(100, 9999)} Main St.",
        "city": address.get("city"),
        "state": address.get("state"),
    }
    home |= {"zip": address.get("zip"), "country": "US", "years": rng.randrange(0, 12), "months": rng.randrange(0, 12)}
    home |= {"own_rent": rng.choice(("own", "rent")), "housing_cost": rng.randrange(900, 3500)}
    phone = customer.get("phone")
    born = f"{rng.randrange(1960, 2003)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T00:00:00.000Z"
    job_address = {"country": "US", "address": "1 Commerce Way", "city": home["city"], "state": home["state"]}
    job_address["zip"] = home["zip"]
    person = {"first_name": "Alex", "last_name": "Reed", "phone": phone, "relationship": "Sibling"}
    return {
        "first_name": customer.get("first_name"),
        "last_name": customer.get("last_name"),
        "email": customer.get("email"),
        "home_phone": phone,
        "work_phone": phone,
        "license_number": f"D{rng.randrange(1000000, 9999999)}",
        "license_state": home["state"],
        "birth_date": born,
        "ssn": f"{rng.randrange(100, 899)}-{rng.randrange(10, 99)}-{rng.randrange(1000, 9999)}",
        "addresses": [home],
        "jobs": [
            {
                "address": job_address,
                "employer": "Valley Logistics",
                "job_title": "Coordinator",
                "phone": phone,
                "income": rng.randrange(3000, 9000),
                "years": rng.randrange(0, 10),
                "months": rng.randrange(0, 12),
                "other_income": 0,
                "other_sources": "",
            }
        ],
        "relative": {"address": dict(job_address), **person},
        "references": [{"address": dict(job_address), **person, "relationship": "Friend"}],
        "which_form": "long_credit_app",
        "terms_and_conditions_accepted_at": now_iso(),
        "ip_address": "192.0.2.10",
    }


@router.post("/simulate")
def simulate(request: Request, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    """Saved vehicle → message → price → purchase → trade → credit application → credit decision."""
    body = body if isinstance(body, dict) else {}
    db = sandbox_db(request)
    dpid = str(body.get("dpid") or "hyundaidemo")
    dealer = db.dealer(dpid)
    if dealer is None:
        raise not_found(f"Dealer {dpid!r} not found.")
    seed = body.get("seed")
    rng = random.Random(seed if isinstance(seed, int) else None)
    conn = db.connect()
    count = conn.execute("SELECT COUNT(*) FROM vehicles WHERE dpid = ? AND in_stock = 1", (dpid,)).fetchone()[0]
    if not count:
        raise bad_request(f"Dealer {dpid!r} has no vehicle in stock to shop for.", "dpid")
    stock = json.loads(
        conn.execute(
            "SELECT body FROM vehicles WHERE dpid = ? AND in_stock = 1 ORDER BY vin LIMIT 1 OFFSET ?",
            (dpid, rng.randrange(count)),
        ).fetchone()[0]
    )
    customer = _shopper(db, dpid, body, rng)
    agent_id, agent_name = rng.choice(AGENTS)
    agent = {"id": agent_id, "full_name": agent_name, "email": f"{agent_name.split()[0].lower()}@{dpid}.example.com"}
    vehicle = event_vehicle_of(db, dpid, stock["vin"]) or {"vin": stock["vin"]}
    msrp = int(stock.get("msrp") or 30000)
    price = msrp - rng.choice((500, 750, 1000, 1500))
    fees = (dealer.get("configuration") or {}).get("fees") or {}
    doc_fee = int(fees.get("doc_fee") or 85)
    down = rng.choice((2000, 3000, 5000))
    apr = Decimal(rng.choice(("3.9", "4.9", "5.9")))
    term = rng.choice((48, 60, 72))
    financing: dict[str, Any] = {
        "type": "finance",
        "term": str(term),
        "msrp": msrp,
        "purchase_price": price,
        "doc_fee": doc_fee,
        "license_fee": float(_cents(Decimal(price) * Decimal("0.011"))),
        "rebate": 0,
        "down_payment": down,
        "monthly_payment": str(_monthly(price + doc_fee - down, apr, term)),
    }
    order_id = 300000 + int(customer["id"])
    plans = [
        {
            "title": "Vehicle Service Contract",
            "price": 2470,
            "tier_code": "B80",
            "tier_term": 96,
            "tier_mileage": "100000",
            "tier_title": "8 years/ 100K miles",
            "retail_add_on_id": 1619,
            "backend_profit": True,
            "taxable": False,
            "residualize": False,
        }
    ]
    accessories = [
        {
            "retail_accessory_id": 2023988,
            "title": "Cargo Area Cover",
            "installed_price": 196,
            "residual_amount": 0,
            "labor_calc": "included",
            "taxable": True,
            "backend_profit": False,
            "residualize": False,
        }
    ]
    trade = {"vin": "1HGCM82633A004352", "make": "Honda", "model": "Accord", "year": 2018, "value": 11250}
    name = f"{customer['first_name']} {customer['last_name']}".strip()
    message = {
        "from": agent_name,
        "from_email": agent["email"],
        "to": name,
        "to_email": customer["email"],
        "subject": f"Your {vehicle['year']} {vehicle['make']} {vehicle['model']}",
        "body": f"{customer['first_name']}, the {vehicle['model']} you saved is on the lot. Want to see it this week?",
        "channels": ["email", "sms"],
    }
    applicant = _credit_applicant(customer, rng)
    decision = {
        "status": "approved",
        "finance_company": rng.choice(LENDERS),
        "application_number": f"APP-{rng.randrange(100000, 999999)}",
        "term": term,
        "rate": int(apr * 100),  # basis points: the reference types the rate as an integer
        "payment": int(_monthly(price + doc_fee + 2470 + 196 - down - 11250, apr, term)),
        "approved_amount": price + doc_fee + 2470 + 196 - down - 11250,
        "min_down_payment": down,
        # A finance approval: the lease figures of the reference's sample (lines 1110-1113) are null here.
        "customer_money_factor": None,
        "lender_money_factor": None,
        "residual": None,
        "stipulations": "Vehicle must be for personal use.",
        "comments": "",
        "max_loan": price + doc_fee + 2470 + 196 - down - 11250,
        "min_loan": price + doc_fee + 2470 + 196 - down - 11250,
        "expires_at": iso_time(datetime.now(UTC) + timedelta(days=30)),
        "received_at": now_iso(),
    }
    steps: list[tuple[str, dict[str, Any]]] = [
        ("customer_saved_vehicle", {"vehicle": vehicle}),
        ("agent_sent_message", {"agent": agent, "message": message}),
        ("customer_requested_price", {"order": {"id": order_id, "financing": financing}}),
        ("customer_started_purchase", {"order": {"plans": plans}}),
        ("customer_made_trade_valuation", {"order": {"trade_in": {**trade, "is_offer": True}}}),
        ("customer_started_credit_application", {"order": {"accessories": accessories}}),
        ("customer_completed_credit_application", {"credit_applicant": applicant}),
        ("service_made_credit_decision", {"credit_decision": decision}),
    ]
    events = [emit_event(db, event_type, customer, **data) for event_type, data in steps]
    status = outbox_status(db)
    return {
        "status": "ok",
        "customer": {k: customer[k] for k in ("id", "email", "first_name", "last_name", "dpid")},
        "events": [{k: e[k] for k in ("event_id", "event_type", "event_time")} for e in events],
        "delivering": status["url"] is not None,
    }
