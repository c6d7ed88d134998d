"""Desking a deal: selling price, products per deal type, tax sources, programs, sell rate and reserve."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from desktop.domain.deal import PricingInputError, TradeIn
from desktop.domain.desking import Accessory, DealStructure, DeskContext, JurisdictionRate, TaxSource, price_desk
from desktop.domain.desking.desk import offered_terms, offers
from desktop.domain.desking.lease_terms import lease_terms
from desktop.domain.pricing import CashDeal, FinanceDeal, LeaseDeal
from tests.domain.desking.conftest import GAP, VSC

D = Decimal


def test_discount_and_selling_price_price_the_vehicle(structure: DealStructure, ctx: DeskContext) -> None:
    at_msrp = price_desk(structure.with_discount(D(0)), ctx, "cash")
    discounted = price_desk(structure, ctx, "cash")
    assert structure.discount == D(1000)
    assert discounted.deal.purchase.vehicle_price == D(31_000)
    assert at_msrp.due_at_signing - discounted.due_at_signing > D(1000)  # the discount and its tax


def test_gap_is_never_sold_on_a_cash_deal(structure: DealStructure, ctx: DeskContext) -> None:
    with_products = replace(structure, products=(GAP, VSC))
    cash = price_desk(with_products, ctx, "cash").deal
    finance = price_desk(with_products, ctx, "finance").deal
    assert [p.name for p in cash.purchase.products] == [VSC.name]
    assert {p.name for p in finance.purchase.products} == {GAP.name, VSC.name}


def test_accessories_are_taxed_and_count_in_the_front_gross(structure: DealStructure, ctx: DeskContext) -> None:
    plain = price_desk(structure, ctx, "cash")
    mats = replace(structure, accessories=(Accessory("Floor mats", D(200), D(80)),))
    dressed = price_desk(mats, ctx, "cash")
    assert dressed.deal.tax.taxable_amount - plain.deal.tax.taxable_amount == D(200)
    assert plain.front_gross == D(1500)
    assert dressed.front_gross == D(1620)


def test_negative_equity_is_rolled_into_the_loan(structure: DealStructure, ctx: DeskContext) -> None:
    upside_down = replace(structure, trade=TradeIn(D(8000), D(11_000), "financed"))  # type: ignore[arg-type]
    plain = price_desk(structure, ctx, "finance")
    rolled = price_desk(upside_down, ctx, "finance")
    assert rolled.trade_equity == D(-3000)
    assert isinstance(rolled.deal, FinanceDeal) and isinstance(plain.deal, FinanceDeal)
    # California gives no trade credit, so the tax is unchanged and the loan grows by the negative equity
    assert rolled.deal.amount_financed - plain.deal.amount_financed == D(3000)


def test_no_taxes_or_fees_switch(structure: DealStructure, ctx: DeskContext) -> None:
    taxed = price_desk(structure, ctx, "cash")
    untaxed = price_desk(replace(structure, no_taxes_or_fees=True), ctx, "cash")
    assert isinstance(untaxed.deal, CashDeal) and isinstance(taxed.deal, CashDeal)
    assert untaxed.deal.tax.amounts.total == 0 and untaxed.deal.purchase.total_fees == 0
    assert taxed.deal.tax.amounts.total > 0


@pytest.mark.parametrize(
    ("source", "rate", "shown"),
    [
        (TaxSource.ROOFTOP_DISTRICT, D("0.0925"), "CA 9.25 %, rooftop's district rate"),
        (TaxSource.TYPED, D("0.1025"), "CA 10.25 %, rate typed for this deal"),
        (TaxSource.SERVER_QUOTE, D("0.08625"), "CA 8.625 %, server quote for the ZIP"),
    ],
)
def test_tax_at_the_jurisdiction_rate_names_its_source(
    structure: DealStructure, ctx: DeskContext, source: TaxSource, rate: Decimal, shown: str
) -> None:
    deal = price_desk(replace(structure, tax=JurisdictionRate(source, rate)), ctx, "cash")
    assert isinstance(deal.deal, CashDeal)
    assert deal.deal.tax.rule.combined_rate == rate
    # state and local parts are each rounded to the cent, as a tax return reports them
    assert abs(deal.deal.tax.amounts.total - deal.deal.tax.taxable_amount * rate) <= D("0.01")
    assert deal.tax_label.startswith(shown)
    assert "lease" not in deal.tax_label  # a cash deal's card says nothing of how a lease is taxed
    lease = price_desk(replace(structure, tax=JurisdictionRate(source, rate)), ctx, "lease")
    assert lease.tax_label.startswith(shown)
    assert "a lease is taxed on each monthly payment" in lease.tax_label  # California's method is kept, in words
    assert "_" not in lease.tax_label  # not the API's value


def test_state_average_is_named_as_such(structure: DealStructure, ctx: DeskContext) -> None:
    assert "state average" in price_desk(structure, ctx, "cash").tax_label


def test_tax_rate_out_of_range_names_the_field() -> None:
    with pytest.raises(PricingInputError) as caught:
        JurisdictionRate(TaxSource.TYPED, D("0.5"))
    assert caught.value.field == "tax.rate"


def test_programs_are_filtered_by_score_and_term(structure: DealStructure, ctx: DeskContext) -> None:
    tier1 = offers(structure, ctx, "finance")
    assert [o.buy_rate for o in tier1] == sorted(o.buy_rate for o in tier1)
    assert all("Special" not in o.name for o in tier1)  # 700 is below the 720 special tier
    best = offers(replace(structure, credit_score=760), ctx, "finance")
    assert "Special" in best[0].name and best[0].max_markup == 0
    assert 84 in offered_terms(structure, ctx, "finance")
    assert 84 not in offered_terms(replace(structure, credit_score=600), ctx, "finance")


def test_sell_rate_within_markup_limits_and_reserve(structure: DealStructure, ctx: DeskContext) -> None:
    offer = offers(structure, ctx, "finance")[0]
    at_buy = price_desk(replace(structure, sell_rate=offer.buy_rate), ctx, "finance")
    at_max = price_desk(structure, ctx, "finance")
    assert at_buy.reserve == 0 and at_buy.sell_rate == offer.buy_rate
    assert at_max.sell_rate == offer.buy_rate + 2
    assert isinstance(at_max.deal, FinanceDeal) and isinstance(at_buy.deal, FinanceDeal)
    interest = at_max.deal.total_interest - at_buy.deal.total_interest
    assert at_max.reserve == (interest * D("0.75")).quantize(D("0.01"))
    assert at_max.back_gross == at_max.reserve
    with pytest.raises(PricingInputError) as caught:
        price_desk(replace(structure, sell_rate=offer.buy_rate + 3), ctx, "finance")
    assert caught.value.field == "finance.sell_rate" and "allow" in caught.value.message


def test_choosing_a_program_other_than_the_lowest(structure: DealStructure, ctx: DeskContext) -> None:
    high = replace(structure, credit_score=760)
    standard = next(o for o in offers(high, ctx, "finance") if "Standard" in o.name)
    chosen = price_desk(replace(high, finance_program=standard.name), ctx, "finance")
    assert isinstance(chosen.deal, FinanceDeal)
    assert chosen.deal.program.name == standard.name
    assert chosen.deal.purchase.dealer_cash == D(500)  # the standard program's dealer cash comes with it
    with pytest.raises(PricingInputError) as caught:
        price_desk(replace(structure, finance_program="No such program"), ctx, "finance")
    assert caught.value.field == "finance.program"


def test_lease_terms_add_up(structure: DealStructure, ctx: DeskContext) -> None:
    deal = price_desk(replace(structure, cash_down=D(3000), annual_mileage=10_000), ctx, "lease")
    assert isinstance(deal.deal, LeaseDeal)
    terms = lease_terms(deal.deal)
    assert sum(amount for _label, amount in terms.signing) == terms.total_due_at_signing == D(3000)
    assert terms.mileage_adjustment == D(3)  # 10,000 miles a year holds 3 points more than 15,000
    assert terms.apr_equivalent == deal.deal.money_factor * 2400
    assert deal.apr_equivalent == terms.apr_equivalent
    assert deal.reserve > 0  # the lease markup of 0.0004
    assert deal.weekly_payment is not None and deal.weekly_payment * 52 <= deal.deal.monthly_payment * 12
