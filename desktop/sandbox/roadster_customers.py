"""Roadster customers, agents, trade-in offers, links and the browser link (issue 3).

Requests are checked by hand rather than by pydantic models so every 400 names the field the way the partner
API does (``customer.email``, ``dealer``, ``vehicle.vin`` ...), with a sentence a person can act on.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import threading
import time
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Query, Request

from desktop.api import mem_token
from desktop.api.roadster import paths
from desktop.domain.contact import PhoneError, email_problem, phone_e164
from desktop.domain.vin import normalize_vin, vin_problem
from desktop.sandbox.db import SandboxDB
from desktop.sandbox.errors import bad_request, not_found
from desktop.sandbox.events import emit_event, event_vehicle_of
from desktop.sandbox.ids import path_id

router = APIRouter()

SCHEMA = """
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dpid TEXT NOT NULL,
    email TEXT NOT NULL COLLATE NOCASE,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    partner_id TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    body TEXT NOT NULL DEFAULT '{}',
    UNIQUE (dpid, email)
);
CREATE TABLE IF NOT EXISTS agents (
    customer_id INTEGER PRIMARY KEY REFERENCES customers (id),
    agent_id TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tradein_offers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dpid TEXT NOT NULL,
    email TEXT NOT NULL COLLATE NOCASE,
    vin TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    value INTEGER NOT NULL,
    year INTEGER,
    make TEXT,
    model TEXT,
    trim TEXT,
    mileage INTEGER,
    updated_at INTEGER NOT NULL,
    UNIQUE (dpid, email, vin)
);
CREATE TABLE IF NOT EXISTS leads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dpid TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    type TEXT NOT NULL,
    vin TEXT NOT NULL DEFAULT '',
    custid TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL,
    dpid TEXT NOT NULL,
    vin TEXT NOT NULL,
    payment TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (customer_id, vin)
);
"""
FIRST_CUSTOMER_ID = 12345  # ids look like the reference's, and never collide with small test numbers

DEAL_TYPES = ("lease", "finance")
PAYMENT_INTS = ("lease_down", "lease_months", "lease_miles", "finance_down", "finance_months")
_UTM = re.compile(r"^utm_[a-z_]{1,40}$")
MAX_TEXT = 200
MAX_WHOLE = 10**12  # past any price, mileage or year; far below what SQLite and float can hold exactly

_ready_lock = threading.Lock()


def ensure_schema(db: SandboxDB) -> None:
    """Create this module's tables once per sandbox file (``CREATE ... IF NOT EXISTS``: safe on old data)."""
    with _ready_lock:
        if getattr(db, "_customers_ready", False):
            return
        with db.write() as conn:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO sqlite_sequence (name, seq) SELECT 'customers', ? "
                "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'customers')",
                (FIRST_CUSTOMER_ID - 1,),
            )
        db._customers_ready = True  # type: ignore[attr-defined]


def _db(request: Request) -> SandboxDB:
    db: SandboxDB = request.app.state.sandbox.db
    ensure_schema(db)
    return db


# request checking
def _object(value: Any, name: str, *, required: bool = False) -> dict[str, Any]:
    if value is None:
        if required:
            raise bad_request(f"'{name}' is required.", name)
        return {}
    if not isinstance(value, dict):
        raise bad_request(f"'{name}' must be an object.", name)
    return value


def _text(obj: dict[str, Any], key: str, name: str, *, required: bool = False) -> str:
    value = obj.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise bad_request(f"'{name}' is required.", name)
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise bad_request(f"'{name}' must be a string.", name)
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise bad_request(f"'{name}' is longer than {MAX_TEXT} characters.", name)
    return text


def _int(obj: dict[str, Any], key: str, name: str, *, required: bool = False, minimum: int = 0) -> int | None:
    value = obj.get(key)
    if value is None or value == "":
        if required:
            raise bad_request(f"'{name}' is required.", name)
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise bad_request(f"'{name}' must be a whole number.", name)
    if isinstance(value, str) and not (value.strip().isascii() and value.strip().lstrip("-").isdigit()):
        # "1e999", "NaN", "١٢٣" and "²" all convert somewhere in Python; none is a number a partner sends as text.
        raise bad_request(f"'{name}' must be a whole number, not {value[:24]!r}.", name)
    try:
        number = float(value)
    except ValueError:
        raise bad_request(f"'{name}' must be a whole number, not {value!r}.", name) from None
    if not math.isfinite(number) or number != int(number) or abs(number) > MAX_WHOLE:
        raise bad_request(f"'{name}' must be a whole number within range, not {str(value)[:24]!r}.", name)
    if number < minimum:
        raise bad_request(f"'{name}' must be at least {minimum}; got {int(number)}.", name)
    return int(number)


def _email(obj: dict[str, Any], key: str, name: str) -> str:
    value = _text(obj, key, name, required=True)
    problem = email_problem(value)
    if problem:
        raise bad_request(f"'{name}': {problem}", name)
    return value.lower()


def _phone(obj: dict[str, Any], key: str, name: str) -> str:
    value = _text(obj, key, name)
    if not value:
        return ""
    try:
        return phone_e164(value)
    except PhoneError as exc:
        raise bad_request(f"'{name}': {exc}", name) from None


def _vin(value: str, name: str) -> str:
    problem = vin_problem(value)
    if problem:
        raise bad_request(f"'{name}': {problem}", name)
    return normalize_vin(value)


def _dealer(db: SandboxDB, raw: Any, name: str = "dealer") -> dict[str, Any]:
    """Exactly one of ``dpid`` / ``partner_id``; 404 when it names no dealer."""
    spec = _object(raw, name, required=True)
    dpid = _text(spec, "dpid", f"{name}.dpid")
    partner_id = _text(spec, "partner_id", f"{name}.partner_id")
    if bool(dpid) == bool(partner_id):
        which = "both" if dpid else "neither"
        raise bad_request(f"'{name}' must give exactly one of dpid or partner_id; this request gave {which}.", name)
    dealer = db.dealer(dpid) if dpid else db.dealer_by_partner_id(partner_id)
    if dealer is None:
        raise not_found("Dealer not found.")
    return dealer


def _analytics(raw: Any) -> dict[str, str]:
    spec = _object(raw, "analytics")
    out: dict[str, str] = {}
    for key in spec:
        name = f"analytics.{key}"
        if not _UTM.match(str(key)):
            raise bad_request(
                f"'{name}' is not an analytics parameter; use utm_source, utm_medium, utm_campaign ...", name
            )
        value = _text(spec, key, name)
        if value:
            out[key] = value
    return out


def _vehicle(raw: Any) -> dict[str, Any]:
    spec = _object(raw, "vehicle")
    vehicle: dict[str, Any] = {}
    vin = _text(spec, "vin", "vehicle.vin")
    if vin:
        vehicle["vin"] = _vin(vin, "vehicle.vin")
    for key in ("make", "model", "trim"):
        value = _text(spec, key, f"vehicle.{key}")
        if value:
            vehicle[key] = value
    year = _text(spec, "year", "vehicle.year")
    if year:
        if not (year.isascii() and year.isdigit() and len(year) == 4 and 1900 <= int(year) <= 2100):
            raise bad_request(f"'vehicle.year' must be a four-digit model year, not {year!r}.", "vehicle.year")
        vehicle["year"] = int(year)
    return vehicle


def _payment(raw: Any) -> dict[str, Any]:
    spec = _object(raw, "payment")
    payment: dict[str, Any] = {}
    deal_type = _text(spec, "deal_type", "payment.deal_type")
    if deal_type:
        if deal_type not in DEAL_TYPES:
            raise bad_request(f"'payment.deal_type' must be lease or finance, not {deal_type!r}.", "payment.deal_type")
        payment["deal_type"] = deal_type
    for key in PAYMENT_INTS:
        minimum = 1 if key.endswith(("months", "miles")) else 0
        value = _int(spec, key, f"payment.{key}", minimum=minimum)
        if value is not None:
            payment[key] = value
    return payment


def _plans(raw: Any) -> list[dict[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise bad_request("'plans' must be a list.", "plans")
    plans = []
    for i, item in enumerate(raw):
        spec = _object(item, f"plans[{i}]", required=True)
        plan: dict[str, Any] = {"id": _int(spec, "id", f"plans[{i}].id", required=True)}
        for key in ("code", "tier"):
            plan[key] = _text(spec, key, f"plans[{i}].{key}")
        plans.append(plan)
    return plans


def _accessories(raw: Any) -> list[dict[str, str]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise bad_request("'accessories' must be a list.", "accessories")
    return [
        {
            "code": _text(
                _object(item, f"accessories[{i}]", required=True), "code", f"accessories[{i}].code", required=True
            )
        }
        for i, item in enumerate(raw)
    ]


def _bool(value: Any, name: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise bad_request(f"'{name}' must be true or false.", name)
    return value


# links
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


def _price_locked(dealer: dict[str, Any]) -> bool:
    mode = str((dealer.get("configuration") or {}).get("price_unlock_mode", ""))
    return mode != "unlock"


# customers
def _find_customer(conn: sqlite3.Connection, dpid: str, email: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM customers WHERE dpid = ? AND email = ?", (dpid, email)
    ).fetchone()
    return row


def _create_or_match(
    conn: sqlite3.Connection, dpid: str, email: str, names: dict[str, str], body: dict[str, Any]
) -> tuple[int, bool]:
    """The customer's id and whether they existed (the email is the customer's identity at a dealer)."""
    found = _find_customer(conn, dpid, email)
    if found is not None:
        return int(found["id"]), True
    cur = conn.execute(
        "INSERT INTO customers (dpid, email, first_name, last_name, phone, partner_id, created_at, body)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            dpid,
            email,
            names.get("first_name", ""),
            names.get("last_name", ""),
            names.get("phone", ""),
            names.get("partner_id", ""),
            int(time.time()),
            json.dumps(body),
        ),
    )
    return int(cur.lastrowid or 0), False


@router.post(paths.CUSTOMERS)
def create_customer(request: Request, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    payload = _object(body, "request", required=True)
    db = _db(request)
    customer = _object(payload.get("customer"), "customer", required=True)
    names = {
        "first_name": _text(customer, "first_name", "customer.first_name", required=True),
        "last_name": _text(customer, "last_name", "customer.last_name", required=True),
    }
    email = _email(customer, "email", "customer.email")
    names["phone"] = _phone(customer, "phone", "customer.phone")
    names["partner_id"] = _text(customer, "partner_id", "customer.partner_id")
    dealer = _dealer(db, payload.get("dealer"))
    vehicle = _vehicle(payload.get("vehicle"))
    payment = _payment(payload.get("payment"))
    plans = _plans(payload.get("plans"))
    accessories = _accessories(payload.get("accessories"))
    analytics = _analytics(payload.get("analytics"))
    checkout = _bool(payload.get("checkout"), "checkout")
    dpid = str(dealer["dpid"])
    record = {"vehicle": vehicle, "payment": payment, "plans": plans, "accessories": accessories}
    order_id: int | None = None
    with db.write() as conn:
        customer_id, duplicate = _create_or_match(conn, dpid, email, names, record)
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
    )
    return answer


@router.put(paths.CUSTOMER_AGENT)
def assign_agent(request: Request, customer_id: str, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    number = path_id(customer_id)
    if number is None:
        raise bad_request(f"'id' must be a customer number, not {customer_id[:24]!r}.", "id")
    payload = _object(body, "request", required=True)
    db = _db(request)
    agent = _object(payload.get("agent"), "agent", required=True)
    agent_id = _text(agent, "id", "agent.id")
    agent_email = _email(agent, "email", "agent.email") if agent.get("email") not in (None, "") else ""
    if not agent_id and not agent_email:
        raise bad_request("'agent' needs an id or an email.", "agent")
    dealer = _dealer(db, payload.get("dealer"))
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


@router.post(paths.TRADEIN_OFFER)
def create_tradein_offer(request: Request, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    payload = _object(body, "request", required=True)
    db = _db(request)
    dpid = _text(payload, "dpid", "dpid", required=True)
    email = _email(payload, "email", "email")
    vin = _vin(_text(payload, "vin", "vin", required=True), "vin")
    value = _int(payload, "value", "value", required=True)
    year = _int(payload, "year", "year", minimum=1900)
    if year is not None and year > 2100:
        raise bad_request(f"'year' must be a model year, not {year}.", "year")
    mileage = _int(payload, "mileage", "mileage")
    details = {k: _text(payload, k, k) or None for k in ("make", "model", "trim")}
    if db.dealer(dpid) is None:
        raise not_found("Dealer not found.")
    now = int(time.time())
    with db.write() as conn:
        customer_id, _existed = _create_or_match(conn, dpid, email, {}, {})
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


@router.post(paths.LINKS)
def create_link(request: Request, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    payload = _object(body, "request", required=True)
    db = _db(request)
    dealer = _dealer(db, payload.get("dealer"))
    vehicle = _vehicle(payload.get("vehicle"))
    analytics = _analytics(payload.get("analytics"))
    dpid = str(dealer["dpid"])
    in_stock: bool | None = None
    if vehicle.get("vin"):
        found = db.vehicle(dpid, vehicle["vin"])
        if found is None:
            raise not_found("Vehicle not found at this dealer.")
        in_stock = bool(found.get("in_stock"))
    return {
        "status": "ok",
        "vehicle": {"price_locked": _price_locked(dealer), "in_stock": in_stock, "grade": "new"},
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
    clean_vin = _vin(vin, "vin")
    if not mem:
        raise bad_request("'mem' is required: the encrypted customer data.", "mem")
    db = _db(request)
    dealer = db.dealer(dpid)
    if dealer is None:
        raise not_found("Dealer not found.")
    try:
        fields = mem_token.decode_token(mem, request.app.state.sandbox.config.link_key)
    except mem_token.TokenError as exc:
        raise bad_request(f"'mem': {exc}", "mem") from None
    problem = email_problem(fields["email"])
    if problem:
        raise bad_request(f"'mem': the token's email is not valid. {problem}", "mem")
    names = {
        "first_name": fields.get("fname", ""),
        "last_name": fields.get("lname", ""),
        "phone": fields.get("phone", ""),
    }
    with db.write() as conn:
        customer_id, duplicate = _create_or_match(conn, dpid, fields["email"].strip().lower(), names, {})
        conn.execute(
            "INSERT INTO leads (dpid, customer_id, type, vin, custid, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (dpid, customer_id, "Unlock Inquiry", clean_vin, fields.get("custid", ""), int(time.time())),
        )
    emit_event(
        request.app.state.sandbox,
        "customer_unlocked_pricing",
        {"id": customer_id, "dpid": dpid, "email": fields["email"].strip().lower(), **names},
        **({"vehicle": v} if (v := event_vehicle_of(db, dpid, clean_vin)) else {}),
    )
    return {
        "status": "ok",
        "link": {"dpid": dpid, "redirect_url": landing_url(dpid, {"vin": clean_vin}, {}, ucid=customer_id)},
        "customer": {"id": customer_id, "duplicate": duplicate},
        "lead": {"type": "Unlock Inquiry"},
    }
