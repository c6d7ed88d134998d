"""The desk's ``trade_in`` against the reference's pricing request sample: the same fields, types and nesting, and
one field more that the test names -- ``year``, which the sandbox appraises an estimate with (the reference's
trade-in offer endpoint carries a trade's year; its pricing request does not show one)."""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.deal import Ownership, TradeIn
from desktop.domain.deal_request import trade_in_request
from tests.conformance.samples import load, shape_mismatches


def test_the_desks_trade_in_is_the_references_plus_the_trades_year() -> None:
    reference = load("roadster", "pricing.request").body()["trade_in"]
    trade = TradeIn(Decimal(5000), Decimal(5000), Ownership.FINANCED, mileage=98_000, is_offer=True, year=2019)
    sent = trade_in_request(trade)
    assert shape_mismatches(reference, sent, "$.trade_in", extra_ok=False) == [
        "$.trade_in.year: not in the reference sample"
    ]
    assert {k: sent[k] for k in reference} == reference  # the sample's own values, field for field
    bare = trade_in_request(TradeIn(Decimal(5000)))  # no mileage or year known: left out, never sent as null
    assert bare == {"value": 5000.0, "payoff": 0.0, "ownership": "owned", "is_offer": False}
