"""An order as a form packet fills it in: the customer, the vehicle, the dealer and the sandbox's deal figures."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.domain.payments import amortized_payment, lease_payment
from desktop.sandbox.db import SandboxDB
from desktop.sandbox.errors import not_found
from desktop.sandbox.ids import path_id

STATE_TAX_PERCENT = {"CA": "7.25", "NY": "4", "WA": "6.5", "TX": "6.25", "IL": "6.25", "GA": "4"}
FINANCE_APR = Decimal("5.9")
LEASE_MONEY_FACTOR = Decimal("0.0025")
LEASE_RESIDUAL = Decimal("0.58")
DELIVERY_MILES = 8  # a new car's odometer at delivery


def _deal(dealer: dict[str, Any], vehicle: dict[str, Any], payment: dict[str, Any]) -> dict[str, Any]:
    """Sandbox deal figures for a packet: MSRP, the dealer's fees, the state's base sales tax, a house rate."""
    price = Decimal(str(vehicle.get("msrp") or 0))
    fee_table = (dealer.get("configuration") or {}).get("fees") or {}
    lease = payment.get("deal_type") == "lease"
    fees = sum(
        (Decimal(str(v)) for k, v in fee_table.items() if v and (lease or k != "lease_acquisition_fee")), Decimal(0)
    )
    taxes = (price * Decimal(STATE_TAX_PERCENT.get(str(dealer.get("state", "")), "0")) / 100).quantize(Decimal("0.01"))
    down = Decimal(str(payment.get("lease_down" if lease else "finance_down") or 0))
    term = int(payment.get("lease_months" if lease else "finance_months") or (36 if lease else 60))
    financed = max(price + fees + taxes - down, Decimal(0))
    if lease:
        monthly = lease_payment(financed, (price * LEASE_RESIDUAL).quantize(Decimal(1)), LEASE_MONEY_FACTOR, term)
        apr = LEASE_MONEY_FACTOR * 2400
        lender = f"{vehicle.get('make', 'Dealer')} Financial Services"
    else:
        monthly = amortized_payment(financed, FINANCE_APR, term)
        apr = FINANCE_APR
        lender = "Sandbox Auto Finance"
    return {
        "deal_type": "lease" if lease else "finance",
        "price": str(price),
        "fees": str(fees),
        "taxes": str(taxes),
        "down_payment": str(down),
        "amount_financed": str(financed),
        "apr": str(apr),
        "term": term,
        "monthly_payment": str(monthly),
        "lender": lender,
    }


def order_rows(db: SandboxDB, where: str = "", args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
    sql = (
        "SELECT o.id, o.customer_id, o.dpid, o.vin, o.payment, o.created_at, c.first_name, c.last_name, c.email,"
        " c.phone, c.body FROM orders o LEFT JOIN customers c ON c.id = o.customer_id " + where + " ORDER BY o.id"
    )
    try:
        return list(db.connect().execute(sql, args).fetchall())
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise


def order_json(db: SandboxDB, row: sqlite3.Row) -> dict[str, Any]:
    dealer = db.dealer(row["dpid"]) or {"dpid": row["dpid"]}
    recorded = json.loads(row["body"] or "{}") if row["body"] else {}
    vehicle = dict(recorded.get("vehicle") or {})
    vehicle.update(db.vehicle(row["dpid"], row["vin"]) or {})
    vehicle.setdefault("vin", row["vin"])
    vehicle.setdefault("odometer", DELIVERY_MILES)
    payment = json.loads(row["payment"] or "{}")
    return {
        "id": int(row["id"]),
        "customer_id": int(row["customer_id"]),
        "dpid": row["dpid"],
        "vin": row["vin"],
        "payment": payment,
        "created_at": row["created_at"],
        "date": date.today().isoformat(),
        "customer": {
            "first_name": row["first_name"] or "",
            "last_name": row["last_name"] or "",
            "email": row["email"] or "",
            "phone": row["phone"] or "",
        },
        "vehicle": {
            k: vehicle.get(k) for k in ("vin", "year", "make", "model", "trim", "stock_number", "msrp", "odometer")
        },
        "dealer": {k: dealer.get(k) for k in ("dpid", "name", "address", "city", "state", "zip_code", "phone")},
        "deal": _deal(dealer, vehicle, payment),
    }


def find_order(db: SandboxDB, raw_id: str) -> dict[str, Any]:
    number = path_id(raw_id)
    rows = order_rows(db, "WHERE o.id = ?", (number,)) if number is not None else []
    if not rows:
        raise not_found("Order not found.")
    return order_json(db, rows[0])
