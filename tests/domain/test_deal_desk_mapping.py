"""The desk's structure kept on the deal: every decision survives the deal's JSON and comes back unchanged."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.deal import DealerConfig, Product
from desktop.domain.deal import Ownership as DeskOwnership
from desktop.domain.deal import TradeIn as DeskTrade
from desktop.domain.deal_request import parse_pricing_request, trade_in_request
from desktop.domain.deals import (
    Condition,
    Deal,
    DealType,
    FieldError,
    Person,
    Stage,
    TradeIn,
    deal_from_dict,
    deal_to_dict,
    set_field,
)
from desktop.domain.deals.desk_mapping import apply_desk, desk_structure
from desktop.domain.deals.history import diff
from desktop.domain.desking import (
    DEAL_TYPES,
    Accessory,
    DealStructure,
    DeskProduct,
    DeskVehicle,
    JurisdictionRate,
    TaxSource,
)
from desktop.domain.desking.desk import DeskContext, desk_input
from desktop.domain.programs import default_programs
from desktop.domain.trade_appraisal import appraised_trade

D = Decimal
VEHICLE = DeskVehicle("JM3KFBCM1R0000001", 2026, "Mazda", "CX-5", D(32_000), trim="Touring", stock_number="M1")

cents = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False, allow_infinity=False)
names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(
    str.strip
)
rates = st.one_of(
    st.just(JurisdictionRate()),
    st.builds(
        JurisdictionRate,
        st.sampled_from([TaxSource.SERVER_QUOTE, TaxSource.ROOFTOP_DISTRICT, TaxSource.TYPED]),
        st.decimals(min_value=0, max_value=D("0.2"), places=5),
    ),
)
products = st.builds(
    DeskProduct,
    code=st.one_of(st.sampled_from(["VSC", "GAP", "TIRE"]), st.integers(1, 999).map(lambda i: f"CHAIZ:{i}")),
    name=names,
    price=cents,
    cost=st.one_of(st.none(), cents),
    taxable=st.booleans(),
    residualize=st.booleans(),
    deal_types=st.frozensets(st.sampled_from(DEAL_TYPES), min_size=1),
    provider=st.text(max_size=10),
    tier=st.text(max_size=6),
    term_months=st.integers(0, 120),
    miles=st.integers(0, 150_000),
    deductible=cents,
)
trades = st.one_of(st.none(), st.builds(DeskTrade, cents, cents, st.sampled_from(list(DeskOwnership))))
structures = st.builds(
    DealStructure,
    vehicle=st.just(VEHICLE),
    selling_price=st.decimals(min_value=1, max_value=90_000, places=2),
    credit_score=st.integers(300, 850),
    zip_code=st.from_regex(r"\A\d{5}\Z"),
    deal_type=st.sampled_from(DEAL_TYPES),
    tax=rates,
    finance_term=st.integers(1, 96),
    lease_term=st.integers(1, 60),
    cash_down=cents,
    annual_mileage=st.integers(5_000, 30_000),
    rebates=st.lists(st.sampled_from(["loyalty", "military", "college"]), unique=True).map(tuple),
    accessories=st.lists(st.builds(Accessory, names, cents, st.one_of(st.none(), cents)), max_size=3).map(tuple),
    trade=trades,
    no_taxes_or_fees=st.booleans(),
    finance_program=st.one_of(st.none(), names),
    lease_program=st.one_of(st.none(), names),
    sell_rate=st.one_of(st.none(), st.decimals(min_value=0, max_value=25, places=3)),
    sell_money_factor=st.one_of(st.none(), st.decimals(min_value=0, max_value=D("0.004"), places=6)),
    products=st.lists(products, max_size=4).map(tuple),
    declined=st.lists(names, max_size=4, unique=True).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(structures)
def test_a_desked_structure_survives_the_deal_and_its_json(structure: DealStructure) -> None:
    deal = Deal("umazda", buyer=Person(first_name="Rosa"))
    apply_desk(deal, structure)
    stored = deal_from_dict(json.loads(json.dumps(deal_to_dict(deal))))
    assert desk_structure(stored, VEHICLE, zip_code="94113") == structure
    assert stored.buyer.first_name == "Rosa" and stored.vehicle.vin == VEHICLE.vin


@settings(max_examples=60, deadline=None)
@given(structures)
def test_applying_the_deal_to_the_desk_writes_nothing_back(structure: DealStructure) -> None:
    deal = Deal("umazda")
    apply_desk(deal, structure)
    before = deal_to_dict(deal)
    apply_desk(deal, desk_structure(deal, VEHICLE))
    assert deal_to_dict(deal) == before
    assert diff(deal_from_dict(before), deal, "fi", deal.updated_at) == []


def test_an_old_deal_without_the_desk_keys_loads_with_the_desks_defaults() -> None:
    old = deal_to_dict(Deal("umazda", stage=Stage.PRICED))
    old["structure"] = {
        "deal_type": "finance",
        "selling_price": "31000",
        "rebates": ["loyalty"],
        "cash_down": "2000",
        "term": 72,
        "program": "",
        "products_chosen": ["7:GOLD"],  # the first jacket's "plan id:tier" codes: not a product record
        "products_declined": ["8"],
    }
    old["trade_ins"] = [{"vin": "1HGCM82633A004352", "offer_value": "11250", "condition": "fair"}]
    deal = deal_from_dict(old)
    desk = desk_structure(deal, VEHICLE, zip_code="94113")
    kept = deal.structure
    assert (kept.deal_type, kept.products, kept.lease_term) == (DealType.FINANCE, [], None)
    assert (desk.selling_price, desk.cash_down, desk.finance_term, desk.lease_term) == (D(31000), D(2000), 72, 36)
    assert (desk.zip_code, desk.tax, desk.credit_score) == ("94113", JurisdictionRate(), 750)
    assert desk.rebates == ("loyalty",)
    assert desk.trade == DeskTrade(D(11250), D(0), DeskOwnership.OWNED)


def test_the_desk_keeps_what_it_does_not_know_about_the_trade_and_the_vehicle() -> None:
    deal = Deal("umazda")
    deal.vehicle.vin, deal.vehicle.odometer = VEHICLE.vin, 12
    deal.trade_ins.append(TradeIn(vin="1HGCM82633A004352", condition=Condition.FAIR, offer_value=D(9000)))
    desk = desk_structure(deal, VEHICLE, "94113")
    apply_desk(deal, DealStructure(VEHICLE, D(30_500), 720, "94107", trade=DeskTrade(D(9500), D(1200))))
    trade = deal.trade_ins[0]
    assert (trade.vin, trade.condition, trade.offer_value, trade.payoff) == (
        "1HGCM82633A004352",
        Condition.FAIR,
        D(9500),
        D(1200),
    )
    assert (deal.vehicle.odometer, deal.vehicle.msrp, deal.buyer.zip_code) == (12, D(32_000), "94107")
    assert desk.trade == DeskTrade(D(9000))
    apply_desk(deal, DealStructure(VEHICLE, D(30_500), 720, "94107"))  # the trade's figures cleared on the desk
    assert (deal.trade_ins[0].vin, deal.trade_ins[0].offer_value) == ("1HGCM82633A004352", None)


def test_the_desks_fields_typed_one_by_one_are_checked_and_named() -> None:
    deal = Deal("umazda")
    assert set_field(deal, "structure.sell_money_factor", "0.00125") == D("0.00125")
    assert set_field(deal, "structure.tax_rate", "0.09125") == D("0.09125")
    assert set_field(deal, "structure.no_taxes_or_fees", "Yes") is True
    with pytest.raises(FieldError, match="Sell rate has more than 6 decimals"):
        set_field(deal, "structure.sell_rate", "4.1234567")
    with pytest.raises(FieldError, match="Lease term must be between 1 and 96"):
        set_field(deal, "structure.lease_term", "120")
    with pytest.raises(FieldError, match="Credit score must be between 300 and 850"):
        set_field(deal, "structure.credit_score", "900")
    with pytest.raises(FieldError, match="No taxes or fees must be yes or no"):
        set_field(deal, "structure.no_taxes_or_fees", "maybe")
    deal.structure.term, deal.structure.lease_term = 72, 36
    months = []
    for kind in DealType:
        deal.structure.deal_type = kind
        months.append(deal.structure.months)
    assert months == [None, 72, 36]  # cash, finance, lease


def test_the_trades_mileage_year_and_firm_offer_reach_the_desk_and_its_request_and_stay_on_the_deal() -> None:
    deal = Deal("umazda")
    deal.trade_ins.append(TradeIn(year=2021, offer_value=D("10000.00"), mileage=90_000))
    desk = desk_structure(deal, VEHICLE, "94113")
    assert desk.trade == DeskTrade(D("10000.00"), D(0), DeskOwnership.OWNED, mileage=90_000, is_offer=False, year=2021)
    assert trade_in_request(desk.trade) == {
        "value": 10000.0,
        "payoff": 0.0,
        "ownership": "owned",
        "is_offer": False,
        "mileage": 90_000,
        "year": 2021,
    }
    set_field(deal, "trade_ins[0].firm_offer", "yes")
    desk = desk_structure(deal, VEHICLE, "94113")
    assert desk.trade is not None and desk.trade.is_offer is True
    # A desk whose trade came from a form without these fields writes back only what it decides.
    apply_desk(deal, DealStructure(VEHICLE, D(30_500), 720, "94107", trade=DeskTrade(D(9500))))
    trade = deal.trade_ins[0]
    assert (trade.offer_value, trade.mileage, trade.year, trade.firm_offer) == (D(9500), 90_000, 2021, True)
    assert trade_in_request(DeskTrade(D(9500))) == {
        "value": 9500.0,
        "payoff": 0.0,
        "ownership": "owned",
        "is_offer": False,
    }


def test_the_desk_prices_an_estimate_at_its_appraised_value_as_the_server_does() -> None:
    """10,000 estimated for a 2021 trade with 90,000 miles on 2026-05-15: 5 years, 60,000 expected, 30,000 over at
    10 cents is 3,000 off, bounded to a quarter: 7,500.00. The same request read as the server reads it agrees."""
    as_of = date(2026, 5, 15)
    estimate = DeskTrade(D("10000.00"), mileage=90_000, year=2021)
    assert appraised_trade(estimate, as_of) == DeskTrade(D("7500.00"))
    low = DeskTrade(D("10000.00"), mileage=50_000, year=2021)  # 10,000 under: 1,000.00 more
    assert appraised_trade(low, as_of).value == D("11000.00")
    assert appraised_trade(DeskTrade(D("10000.00"), mileage=90_000, is_offer=True), as_of).value == D("10000.00")
    assert appraised_trade(DeskTrade(D("10000.00")), as_of).value == D("10000.00")  # no mileage: nothing to adjust
    ctx = DeskContext(DealerConfig.from_api({}), default_programs("Mazda", as_of), as_of)
    structure = DealStructure(VEHICLE, D(30_500), 720, "94113", deal_type="cash", trade=estimate)
    inp, _, _ = desk_input(structure, ctx, "cash")
    assert inp.trade_in == DeskTrade(D("7500.00"))
    request = {
        "customer": {"credit_score": 720, "zip_code": "94113"},
        "vehicle": {"vin": VEHICLE.vin},
        "payment": {"deal_type": "cash"},
        "trade_in": trade_in_request(estimate),
    }
    vehicle = {"vin": VEHICLE.vin, "make": "Mazda", "model": "CX-5", "year": 2026, "msrp": 32_000}
    read = parse_pricing_request(request, DealerConfig.from_api({}), vehicle, as_of, _no_plans)
    assert read.trade_in == inp.trade_in


def _no_plans(index: int, plan: object) -> Product:
    raise AssertionError("no plans in this request")


def test_the_rooftops_zip_the_desk_prices_with_is_not_written_as_the_buyers() -> None:
    """Walked at the desk: a buyer with no ZIP got the dealer's (93313) on the deal and on the printed worksheet."""
    deal = Deal("hyundaidemo")
    desk = desk_structure(deal, VEHICLE, zip_code="93313")
    apply_desk(deal, desk, rooftop_zip="93313")
    assert deal.buyer.zip_code == ""  # priced with the rooftop's ZIP, the buyer's still unknown
    assert desk_structure(deal, VEHICLE, zip_code="93313") == desk  # and the desk prices the same again
    apply_desk(deal, replace(desk, zip_code="94107"), rooftop_zip="93313")
    assert deal.buyer.zip_code == "94107"  # a ZIP typed on the desk is the buyer's
    apply_desk(deal, desk, rooftop_zip="93313")
    assert deal.buyer.zip_code == "93313"  # the buyer's ZIP changed to the rooftop's own is theirs too
