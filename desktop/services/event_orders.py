"""Orders to make form packets for, on any profile: from the customer events, or an order id typed in.

Roadster has no order listing; the sandbox adds one (``/sandbox/orders``) that production does not have. What
production does give is ``order.id`` in every customer event after a purchase starts, with the latest customer,
vehicle, dealer and financing (reference lines 988-1035). This module turns those events into the order objects
:func:`desktop.domain.form_fields.order_values` fills templates from, newest data per order winning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any


def orders_from_events(events: Iterable[Mapping[str, Any]], dpid: str) -> list[dict[str, Any]]:
    """One order per ``order.id`` seen in ``dpid``'s events (oldest first in), from its latest event."""
    latest: dict[int, Mapping[str, Any]] = {}
    for event in events:
        order = event.get("order")
        dealer = event.get("dealer") or {}
        if not isinstance(order, Mapping) or dealer.get("dpid") != dpid:
            continue
        order_id = order.get("id")
        if isinstance(order_id, int) and not isinstance(order_id, bool) and order_id > 0:
            latest[order_id] = event
    return [_order(order_id, event) for order_id, event in sorted(latest.items(), reverse=True)]


def typed_order(text: str) -> dict[str, Any] | None:
    """An order id typed by a person (``367146`` or ``#367146``), as an order with nothing else known."""
    digits = text.strip().removeprefix("#").strip()
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 18 or int(digits) == 0:
        return None
    return {"id": int(digits), "date": date.today().isoformat()}


def _order(order_id: int, event: Mapping[str, Any]) -> dict[str, Any]:
    customer = dict(event.get("customer") or {})
    address = dict(customer.get("address") or {})
    vehicle = dict(event.get("vehicle") or {})
    dealer = dict(event.get("dealer") or {})
    dealer_address = dict(dealer.get("address") or {})
    financing = dict((event.get("order") or {}).get("financing") or {})
    return {
        "id": order_id,
        "dpid": dealer.get("dpid"),
        "customer_id": customer.get("id"),
        "vin": vehicle.get("vin"),
        "date": date.today().isoformat(),
        "customer": {
            "first_name": customer.get("first_name") or "",
            "last_name": customer.get("last_name") or "",
            "email": customer.get("email") or "",
            "phone": customer.get("phone") or customer.get("mobile") or "",
            "address": " ".join(str(p) for p in (address.get("address1"), address.get("address2")) if p),
            "city": address.get("city") or "",
            "state": address.get("state") or "",
            "zip_code": address.get("zip") or "",
        },
        "vehicle": {k: vehicle.get(k) for k in ("vin", "year", "make", "model", "trim", "stock_number")},
        "dealer": {
            "dpid": dealer.get("dpid"),
            "name": dealer.get("name"),
            "address": dealer_address.get("street"),
            "city": dealer_address.get("city"),
            "state": dealer_address.get("state"),
            "zip_code": dealer_address.get("zip"),
        },
        "deal": {
            "deal_type": financing.get("type"),
            "price": financing.get("purchase_price"),
            "down_payment": financing.get("down_payment"),
            "term": financing.get("term"),
            "monthly_payment": financing.get("monthly_payment"),
            "fees": financing.get("doc_fee"),
        },
    }
