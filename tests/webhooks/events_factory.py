"""Valid CustomerEvent bodies for the receiver tests and the benchmark."""

from __future__ import annotations

import uuid
from typing import Any


def make_event(n: int = 0, *, event_id: str | None = None, customer_id: int | None = None) -> dict[str, Any]:
    return {
        "event_type": "customer_requested_price",
        "event_id": event_id or f"evt-{uuid.uuid4().hex}",
        "event_time": "2026-11-23T19:40:00Z",
        "api_partner": {"name": "Dealer Desk"},
        "customer": {
            "id": customer_id if customer_id is not None else 20000 + n % 50,
            "email": f"shopper{n % 50}@example.com",
            "first_name": "Carlos",
            "last_name": "Silva",
            "address": {"city": "Palo Alto", "state": "CA", "zip": "94020", "country": "US", "address1": None},
        },
        "dealer": {"dpid": "toyotademo", "name": "Toyota Demo"},
        "agent": {"id": 7, "full_name": "Judy Agent", "email": "judy@example.com"},
        "vehicle": {"vin": "4T1C11AK0LU322811", "make": "Toyota", "model": "Camry", "year": 2020, "type": "New"},
        "order": {
            "id": 367146,
            "financing": {"type": "cash", "term": None, "msrp": 26184, "purchase_price": 23827},
            "plans": [{"title": "Delivery", "price": 695, "tier_mileage": None}],
        },
        "roadster_extra": {"kept": True},
    }
