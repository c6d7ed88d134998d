"""Roadster customers, agents, trade-in offers, links and the browser link (issue 3).

Requests are checked by hand rather than by pydantic models so every 400 names the field the way the partner
API does (``customer.email``, ``dealer``, ``vehicle.vin`` ...), with a sentence a person can act on.

One job per module: :mod:`.store` (the tables, and a customer found or made by email), :mod:`.fields` (one value
of a request), :mod:`.sections` (a request's dealer, vehicle, payment, plans ...), :mod:`.customers` (create a
customer, assign an agent), :mod:`.trade_ins` (trade-in offers) and :mod:`.links` (the Express Store links).
"""

from __future__ import annotations

from fastapi import APIRouter

from desktop.sandbox.roadster_customers import customers, links, trade_ins

router = APIRouter()
router.include_router(customers.router)
router.include_router(trade_ins.router)
router.include_router(links.router)
