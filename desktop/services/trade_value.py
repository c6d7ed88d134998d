"""What Roadster makes of the deal's trade-in: the value the deal is priced with, asked of the server itself.

An estimate is appraised for its mileage and year, a firm offer taken as given (the reference's ``trade_in.mileage``
and ``is_offer``). The desk computes the same figure locally (:mod:`desktop.domain.trade_appraisal`), but the jacket
shows the server's: that is the figure the customer's deal is priced with, and a difference would be the server's
rule, not ours. One ``POST /pricing`` for a cash deal on the deal's vehicle; it stores nothing on the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.api.roadster.client import RoadsterClient
from desktop.api.roadster.pricing import quote
from desktop.domain.deal_request import trade_in_request
from desktop.domain.deals import Deal
from desktop.domain.deals.desk_mapping import DEFAULT_CREDIT_SCORE, desk_trade
from desktop.domain.money import round_cents, to_money


@dataclass(frozen=True)
class TradeAppraisal:
    """The server's valuation of the trade: ``value`` is what the deal is priced with, ``given`` what was typed."""

    value: Decimal
    given: Decimal
    mileage: int | None
    firm_offer: bool


class TradeNotValued(Exception):
    """The server's pricing answer has no ``data.trade`` valuation (the message is the sentence to show)."""


def appraisal_request(deal: Deal, rooftop_zip: str) -> dict[str, Any] | None:
    """The pricing request that has the server value ``deal``'s first trade-in; ``None`` while it cannot be asked
    (no trade value typed, or no vehicle on the deal to price it against).

    Args:
        deal: the open deal.
        rooftop_zip: the ZIP to price with while the buyer has none (the rooftop's own), as the desk does.
    """
    trade = desk_trade(deal)
    if trade is None or not deal.trade_ins[0].offer_value or not deal.vehicle.vin:
        return None
    return {
        "customer": {
            "credit_score": deal.structure.credit_score or DEFAULT_CREDIT_SCORE,
            "zip_code": deal.buyer.zip_code or rooftop_zip,
            "incentives": [],
        },
        "dealer": {"dpid": deal.dpid},
        "vehicle": {"vin": deal.vehicle.vin},
        "payment": {"deal_type": "cash"},
        "trade_in": trade_in_request(trade),
    }


def appraise(client: RoadsterClient, request: dict[str, Any]) -> TradeAppraisal:
    """Ask the server; raises the client's errors (a 400 names the field the server refused)."""
    answered = quote(client, request).priced("cash").data.trade or {}
    valuation = (answered.get("valuation") or {}).get("valuation") or {}
    if valuation.get("trade_in_value") is None:
        raise TradeNotValued("The server priced the deal but gave no value for the trade-in.")
    trade = request["trade_in"]
    return TradeAppraisal(
        value=round_cents(to_money(valuation["trade_in_value"])),
        given=round_cents(to_money(trade["value"])),
        mileage=trade.get("mileage"),
        firm_offer=bool(trade["is_offer"]),
    )
