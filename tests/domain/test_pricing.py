"""The pricing engine against the reference's example figures, its input errors and the states' tax rules."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from desktop.domain.deal import DealerConfig, DealInput, Ownership, PricingInputError, Product, TradeIn
from desktop.domain.pricing import (
    amortized_payment,
    apr_to_money_factor,
    biweekly,
    lease_payment,
    money_factor_to_apr,
    payment_grid,
    per_thousand,
    price_all,
    price_cash,
    price_finance,
    price_lease,
    total_interest,
    weekly,
)
from desktop.domain.programs import FinanceProgram, Incentive, LeaseProgram, ProgramSet, default_programs

D = Decimal
TODAY = date(2024, 5, 15)
EXPIRES = date(2024, 6, 30)
NO_TAX_ZIP = "03101"  # Manchester, NH: no sales tax, as in the reference's example

REFERENCE_CONFIG: dict[str, Any] = {
    "price_unlock_mode": "always",
    "fees": {"doc_fee": 85, "filing_fee": 30, "license_fee": 120.25, "lease_acquisition_fee": 650},
    "markups": [
        {
            "make": "All",
            "finance": {"new": {"global": {"standard": 1, "special": None}}, "used": {}},
            "lease": {"new": {"global": {"standard": 0, "special": None}}},
        }
    ],
}
DEALER = DealerConfig.from_api(REFERENCE_CONFIG)


def reference_programs(incentives: tuple[Incentive, ...] = ()) -> ProgramSet:
    """The programs behind the reference's example, spelled out so these tests do not depend on demo data."""
    special = FinanceProgram(
        name="Mazda Financial Services (Special APR Program) Tier 1+",
        lender="MAZ",
        lender_name="Mazda Financial Services",
        min_scores=(720,),
        rates={36: (D(0),), 60: (D("0.9"),)},
        expires_on=EXPIRES,
        special=True,
    )
    standard = FinanceProgram(
        name="Mazda Financial Services (Standard Retail Program)",
        lender="MAZ",
        lender_name="Mazda Financial Services",
        min_scores=(720, 680, 620, 300),
        rates={
            36: (D("4.69"), D("6.19"), D("9.29"), D("14.49")),
            60: (D("5.19"), D("6.79"), D("9.99"), None),
        },
        expires_on=EXPIRES,
        dealer_cash=D(500),
    )
    used = FinanceProgram(
        name="Mazda Financial Services (Pre-Owned)",
        lender="MAZ",
        lender_name="Mazda Financial Services",
        min_scores=(300,),
        rates={36: (D("7.49"),), 60: (D("7.99"),)},
        expires_on=EXPIRES,
        used=True,
        max_vehicle_age=10,
    )
    lease = LeaseProgram(
        name="Mazda Financial Services (Standard Lease Program)- Credit - Zero Sec. Dep.",
        lender="MAZDA",
        lender_name="Mazda Financial Services",
        min_scores=(720, 680, 620),
        money_factors=(D("0.0031"), D("0.0036"), D("0.0044")),
        residuals={24: {12_000: D(73), 15_000: D(71)}, 36: {10_000: D(64), 12_000: D(63), 15_000: D(61)}},
        base_annual_mileage=15_000,
        expires_on=EXPIRES,
        dealer_cash=D(500),
    )
    return ProgramSet(
        make="Mazda",
        finance=(special, standard, used),
        lease=(lease,),
        incentives=incentives,
        cash_dealer_cash=D(500),
    )


PROGRAMS = reference_programs()


def deal(**changes: Any) -> DealInput:
    """The reference's vehicle (MSRP 24,550) for a 750-score buyer in NH; ``changes`` override any field."""
    fields: dict[str, Any] = {
        "msrp": D(24550),
        "price": D(24550),
        "make": "Mazda",
        "year": 2024,
        "dealer": DEALER,
        "credit_score": 750,
        "zip_code": NO_TAX_ZIP,
        "term": 60,
        "as_of": TODAY,
        "customer_cash": D(5000),
    }
    fields.update(changes)
    return DealInput(**fields)


def reference_lease(**changes: Any) -> DealInput:
    return deal(**{"term": 36, "customer_cash": D(3500), "annual_mileage": 12_000, **changes})


class TestReferenceExample:
    """Every figure api-contract.md lists, to the cent."""

    def test_finance(self) -> None:
        finance = price_finance(deal(), PROGRAMS)
        assert finance.amount_financed == D("19785.25")
        assert finance.apr == D("0.9")
        assert finance.term == 60
        assert finance.monthly_payment == D("337.35")
        assert finance.total_interest == D("455.75")
        assert finance.per_thousand == D("17.05")
        assert finance.payment_before_taxes_and_fees == D("333.34")
        assert finance.days_to_first_payment == 30
        assert (finance.weekly_payment, finance.biweekly_payment) == (D("77.85"), D("155.70"))
        base = finance.payment_before_taxes_and_fees
        assert (weekly(base), biweekly(base)) == (D("76.92"), D("153.84"))

    def test_lease(self) -> None:
        lease = price_lease(reference_lease(), PROGRAMS)
        assert lease.cap_cost == D("21724.36")
        assert lease.net_purchase_price == D("21074.36")
        assert lease.capitalized_fees == D(650)
        assert lease.residual == D(15467)
        assert lease.money_factor == D("0.0031")
        assert lease.monthly_payment == lease.first_payment == D("289.11")
        assert lease.payment_before_taxes_and_fees == D("269.04")
        assert lease.down_payment == D("2975.64")
        assert lease.fees_due_at_signing == D("235.25")
        assert lease.down_payment + lease.first_payment + lease.fees_due_at_signing == D(3500)
        assert (lease.weekly_payment, lease.biweekly_payment) == (D("66.71"), D("133.43"))

    def test_cash(self) -> None:
        cash = price_cash(deal(), PROGRAMS)
        terms = cash.to_api()["terms"]
        assert (terms["price"], terms["total_fees"], terms["dealer_cash"]) == (24050, 235.25, 500)
        assert (terms["due_at_signing"], terms["total_purchase_price"]) == (24285.25, 24285.25)
        assert (terms["total_cost"], terms["total_cost_of_ownership"]) == (24785.25, 24285.25)

    def test_low_level_formulas(self) -> None:
        assert amortized_payment(D("19785.25"), D("0.9"), 60) == D("337.35")
        assert total_interest(D("19785.25"), D("337.35"), 60) == D("455.75")
        assert per_thousand(D("0.9"), 60) == D("17.05")
        assert amortized_payment(D("19550.00"), D("0.9"), 60) == D("333.34")
        assert lease_payment(D("21724.36"), D(15467), D("0.0031"), 36) == D("289.11")
        assert lease_payment(D("21074.36"), D(15467), D("0.0031"), 36) == D("269.04")
        assert apr_to_money_factor(D("7.44")) == D("0.0031")
        assert money_factor_to_apr(D("0.0031")) == D("7.44")
        assert [weekly(D(m)) for m in ("289.11", "337.35", "333.34")] == [D("66.71"), D("77.85"), D("76.92")]
        assert [biweekly(D(m)) for m in ("289.11", "337.35", "333.34")] == [
            D("133.43"),
            D("155.70"),
            D("153.84"),
        ]

    def test_api_objects_carry_the_figures_as_json_numbers(self) -> None:
        quote = price_all(reference_lease(), PROGRAMS).to_api()
        lease = quote["deals"]["lease"]["terms"]
        assert lease["monthly_payment"] == 289.11
        assert lease["money_factor"] == 0.0031
        assert lease["down_from_customer_cash"] == 2975.64
        assert lease["total_fees_capitalized"] == 650
        assert lease["total_fees_due_at_signing"] == 235.25
        assert lease["fees_to_capitalize"] == ["acquisition"]
        assert (lease["base_residual_percent"], lease["residual_adjustment"]) == (61, 2)
        finance = price_finance(deal(), PROGRAMS).to_api()["terms"]
        assert finance["interest_rate"] == 0.009
        assert finance["normalized_monthly_payment"] == 17.05
        assert finance["biweekly_payment_before_taxes_and_fees"] == 153.84
        assert finance["total_cost"] == 25241
        assert '"monthly_payment": 337.35,' in json.dumps(finance)

    def test_default_mazda_programs_reproduce_the_example(self) -> None:
        programs = default_programs("Mazda", TODAY)
        assert price_finance(deal(), programs).monthly_payment == D("337.35")
        lease = price_lease(reference_lease(), programs)
        assert (lease.residual, lease.monthly_payment) == (D(15467), D("289.11"))


class TestInputErrors:
    """Bad input is refused with the request field named."""

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"credit_score": 299}, "customer.credit_score"),
            ({"credit_score": 851}, "customer.credit_score"),
            ({"customer_cash": D(-1)}, "payment.customer_cash"),
            ({"zip_code": "43215"}, "customer.zip_code"),
            ({"zip_code": "9411"}, "customer.zip_code"),
            ({"zip_code": "ABCDE"}, "customer.zip_code"),
            ({"msrp": D(0)}, "vehicle.msrp"),
            ({"price": "lots"}, "vehicle.price"),
            ({"make": " "}, "vehicle.make"),
            ({"term": 0}, "payment.term"),
            ({"annual_mileage": 0}, "payment.annual_mileage"),
            ({"days_to_first_payment": 91}, "payment.days_until_first_payment"),
            ({"trade_in": TradeIn(D(5000), D(1000))}, "trade_in.payoff"),
            ({"trade_in": TradeIn(D(-1))}, "trade_in.value"),
            ({"products": (Product("GAP", D(-5), taxable=False),)}, "plans[0].price"),
        ],
    )
    def test_refused_when_built(self, changes: dict[str, Any], field: str) -> None:
        with pytest.raises(PricingInputError) as raised:
            deal(**changes)
        assert raised.value.field == field
        assert raised.value.message

    @pytest.mark.parametrize(
        ("pricer", "changes", "field"),
        [
            (price_finance, {"term": 48}, "payment.term"),
            (price_lease, {"term": 39}, "payment.term"),
            (price_finance, {"credit_score": 580}, "customer.credit_score"),
            (price_lease, {"credit_score": 600}, "customer.credit_score"),
            (price_lease, {"used": True, "year": 2020}, "payment.deal_type"),
            (price_finance, {"used": True, "year": 2010}, "vehicle.year"),
            (price_finance, {"customer_cash": D(24000)}, "payment.customer_cash"),
            (price_lease, {"customer_cash": D(15000)}, "payment.customer_cash"),
            (price_lease, {"annual_mileage": 40_000}, "payment.annual_mileage"),
            (price_finance, {"customer_cash": D(0), "trade_in": TradeIn(D(30000))}, "trade_in.value"),
            (price_cash, {"as_of": date(1980, 1, 1)}, "as_of"),
            (price_finance, {"as_of": date(2024, 7, 1)}, "payment.deal_type"),
        ],
    )
    def test_refused_when_priced(self, pricer: Any, changes: dict[str, Any], field: str) -> None:
        base = reference_lease() if pricer is price_lease else deal()
        with pytest.raises(PricingInputError) as raised:
            pricer(replace(base, **changes), PROGRAMS)
        assert raised.value.field == field
        assert raised.value.field in str(raised.value)

    def test_unknown_zip_says_which_states_are_covered(self) -> None:
        with pytest.raises(PricingInputError, match=r"ZIP 43215 .*CA, FL, GA, IL"):
            deal(zip_code="43215")

    def test_zip_given_as_a_json_number_keeps_its_leading_zero(self) -> None:
        assert deal(zip_code=3101).state == "NH"

    @pytest.mark.parametrize(
        ("config", "field"),
        [
            ({"fees": {"doc_fee": -1}}, "dealer.fees.doc_fee"),
            ({"fees": {"doc_fee": "abc"}}, "dealer.fees.doc_fee"),
            (
                {"markups": [{"make": "All", "lease": {"new": {"global": {"standard": 1}}}}]},
                "dealer.markups[0].lease.new.global.standard",
            ),
        ],
    )
    def test_bad_dealer_config(self, config: dict[str, Any], field: str) -> None:
        with pytest.raises(PricingInputError) as raised:
            DealerConfig.from_api(config)
        assert raised.value.field == field


class TestProgramsAndMarkups:
    def test_lowest_apr_program_wins_and_special_programs_take_no_markup(self) -> None:
        finance = price_finance(deal(), PROGRAMS)
        assert finance.program.special
        assert finance.markup == 0

    def test_standard_program_carries_the_dealer_markup_and_its_dealer_cash(self) -> None:
        finance = price_finance(deal(credit_score=700), PROGRAMS)
        assert finance.apr == D("6.79") + 1
        assert finance.purchase.dealer_cash == 500
        assert finance.purchase.selling_price == D(24050)

    def test_lease_money_factor_markup(self) -> None:
        marked_up = {"make": "All", "lease": {"new": {"global": {"standard": 0.0004}}}}
        dealer = DealerConfig.from_api({**REFERENCE_CONFIG, "markups": [marked_up]})
        lease = price_lease(reference_lease(credit_score=700, dealer=dealer), PROGRAMS)
        assert lease.money_factor == D("0.0036") + D("0.0004")
        assert lease.markup == D("0.0004")

    def test_make_row_wins_over_all(self) -> None:
        config = {
            "fees": {},
            "markups": [
                {"make": "All", "finance": {"new": {"global": {"standard": 1}}}},
                {"make": "Mazda", "finance": {"new": {"global": {"standard": 2}, "cx-5": {"standard": 0.5}}}},
            ],
        }
        dealer = DealerConfig.from_api(config)
        assert price_finance(deal(credit_score=700, dealer=dealer), PROGRAMS).markup == 2
        assert price_finance(deal(credit_score=700, dealer=dealer, model="CX-5"), PROGRAMS).markup == D("0.5")

    def test_unknown_fee_keys_are_charged_as_misc(self) -> None:
        dealer = DealerConfig.from_api({"fees": {"doc_fee": 85, "title_fee": 15, "smog_fee": 8.25}})
        assert dealer.fees["misc"] == D("23.25")

    def test_used_vehicles_use_the_used_program(self) -> None:
        finance = price_finance(deal(used=True, year=2019), PROGRAMS)
        assert finance.program.used
        assert finance.apr == D("7.99")

    def test_later_first_payment_adds_odd_days_interest(self) -> None:
        on_time = price_finance(deal(credit_score=700), PROGRAMS)
        late = price_finance(deal(credit_score=700, days_to_first_payment=45), PROGRAMS)
        assert late.days_to_first_payment == 45
        assert late.monthly_payment > on_time.monthly_payment
        assert late.amount_financed == on_time.amount_financed

    def test_claimed_incentives_apply_until_they_expire(self) -> None:
        loyalty = Incentive("Owner Loyalty Cash", D(500), taxable=True, expires_on=EXPIRES, code="loyalty")
        rebate = Incentive("Spring Rebate", D(750), taxable=True, expires_on=date(2024, 5, 31))
        programs = reference_programs((loyalty, rebate))
        base = deal(credit_score=700)
        without = price_finance(base, programs).amount_financed
        assert price_finance(replace(base, incentives=("loyalty",)), programs).amount_financed == without - 500
        assert price_finance(replace(base, as_of=date(2024, 6, 1)), programs).amount_financed == without + 750

    def test_program_set_api_shape(self) -> None:
        api = default_programs("Mazda", TODAY).to_api(TODAY)
        lease_24 = next(row for row in api["lease"] if row["term"] == 24 and row["min_score"] == 720)
        assert (lease_24["money_factor"], lease_24["base_residual"], lease_24["base_annual_mileage"]) == (
            3.1,
            71,
            15000,
        )
        assert {row["interest_rate"] for row in api["finance"] if row["term"] == 60 and row["min_score"] == 720} == {
            0.9,
            5.19,
        }
        assert [i["name"] for i in api["cash"]["incentives"]][:2] == ["loyalty", "conquest"]
        assert json.loads(json.dumps(api)) == api


def ca_deal(**changes: Any) -> DealInput:
    return deal(**{"zip_code": "94113", "credit_score": 700, **changes})


class TestSalesTaxOnPurchases:
    def test_california_taxes_the_price_and_the_doc_fee(self) -> None:
        finance = price_finance(ca_deal(), PROGRAMS)
        assert finance.tax.taxable_amount == D(24050) + 85
        # 24,135 x 7.25 % and x 1.5 %, each rounded to the cent
        assert finance.tax.amounts == (D("1749.79"), 0, D("362.03"))
        assert finance.total_purchase_price == D(24050) + D("235.25") + D("2111.82")

    def test_california_gives_no_trade_in_credit(self) -> None:
        plain = price_finance(ca_deal(), PROGRAMS)
        traded = price_finance(ca_deal(trade_in=TradeIn(D(8000))), PROGRAMS)
        assert traded.tax.amounts == plain.tax.amounts
        assert traded.tax.trade_tax_credit == 0
        assert traded.amount_financed == plain.amount_financed - 8000

    def test_washington_credits_the_trade_in(self) -> None:
        plain = price_cash(deal(zip_code="98101"), PROGRAMS)
        traded = price_cash(deal(zip_code="98101", trade_in=TradeIn(D(8000), D(3000), Ownership.FINANCED)), PROGRAMS)
        assert traded.tax.taxable_amount == plain.tax.taxable_amount - 8000
        assert traded.tax.trade_tax_credit == D(760)  # 8,000 x (6.5 + 0.3 + 2.7) %
        assert plain.tax.amounts.total - traded.tax.amounts.total == D(760)
        assert traded.due_at_signing == traded.total_purchase_price - 5000

    def test_illinois_caps_the_trade_in_credit_from_2022(self) -> None:
        trade = TradeIn(D(15000))
        assert price_cash(deal(zip_code="60601", trade_in=trade), PROGRAMS).tax.trade_credit_base == 10_000
        earlier = deal(zip_code="60601", trade_in=trade, as_of=date(2021, 6, 1))
        assert price_cash(earlier, reference_programs()).tax.trade_credit_base == 15_000

    def test_georgia_tavt_is_on_the_price_only(self) -> None:
        cash = price_cash(deal(zip_code="30301"), PROGRAMS)
        assert cash.tax.amounts.total == D("1683.50")  # 7 % of 24,050; fees untaxed
        assert cash.to_api()["terms"]["fees_to_tax"] == []

    def test_florida_surtax_stops_at_5000(self) -> None:
        cash = price_cash(deal(zip_code="33101"), PROGRAMS)
        assert cash.tax.amounts.local == D(50)
        assert cash.tax.amounts.primary == D("1448.10")  # 6 % of the price 24,050 and the doc fee 85

    def test_non_taxable_incentives_reduce_the_taxed_price_and_taxable_ones_do_not(self) -> None:
        military = Incentive("Military", D(500), taxable=False, expires_on=EXPIRES, code="military")
        loyalty = Incentive("Loyalty", D(500), taxable=True, expires_on=EXPIRES, code="loyalty")
        programs = reference_programs((military, loyalty))
        plain = price_cash(ca_deal(), programs).tax.taxable_amount
        assert price_cash(ca_deal(incentives=("military",)), programs).tax.taxable_amount == plain - 500
        assert price_cash(ca_deal(incentives=("loyalty",)), programs).tax.taxable_amount == plain

    def test_no_taxes_or_fees(self) -> None:
        finance = price_finance(ca_deal(no_taxes_or_fees=True), PROGRAMS)
        assert finance.tax.amounts.total == 0
        assert finance.purchase.total_fees == 0
        assert finance.amount_financed == D(24050) - 5000


class TestLeaseTaxMethods:
    def test_california_taxes_each_payment_and_the_cap_reduction(self) -> None:
        lease = price_lease(reference_lease(zip_code="94113"), PROGRAMS)
        rate = D("0.0875")
        assert abs(lease.tax.monthly - lease.base_payment * rate) <= D("0.01")  # state and local rounded apart
        assert lease.tax.capitalized == 0
        expected_signing = (lease.down_payment + 85) * rate  # the reduction and the doc fee
        assert abs(lease.tax.at_signing - expected_signing) <= D("0.01")
        items = lease.first_payment + lease.fees_due_at_signing + lease.tax.at_signing + lease.down_payment
        assert items == D(3500)

    def test_new_york_taxes_the_total_of_payments_upfront(self) -> None:
        lease = price_lease(reference_lease(zip_code="10001"), PROGRAMS)
        assert lease.tax.monthly == 0
        assert lease.tax.at_signing == 0
        taxed = lease.base_payment * 36 + lease.down_payment + 85
        assert abs(lease.tax.capitalized - taxed * D("0.085")) <= D("0.01")
        assert lease.cap_cost == lease.net_purchase_price + 650 + lease.tax.capitalized

    def test_texas_taxes_the_selling_price_upfront(self) -> None:
        lease = price_lease(reference_lease(zip_code="75201"), PROGRAMS)
        assert lease.tax.capitalized == D("1503.13")  # 6.25 % of 24,050
        assert lease.tax.monthly == 0
        assert lease.effective_monthly_tax > 0

    def test_illinois_moved_from_upfront_to_monthly_in_2015(self) -> None:
        before = price_lease(reference_lease(zip_code="60601", as_of=date(2014, 6, 1)), PROGRAMS)
        after = price_lease(reference_lease(zip_code="60601", as_of=date(2016, 6, 1)), PROGRAMS)
        assert (before.tax.capitalized > 0, before.tax.monthly) == (True, 0)
        assert (after.tax.capitalized, after.tax.monthly > 0) == (0, True)

    def test_trade_equity_on_a_lease_is_taxed_at_signing_only_without_a_trade_credit(self) -> None:
        trade = TradeIn(D(4000))
        california = price_lease(reference_lease(zip_code="94113", trade_in=trade), PROGRAMS)
        expected = (california.down_payment + 85 + 4000) * D("0.0875")
        assert abs(california.tax.at_signing - expected) <= D("0.02")
        assert california.trade_tax_credit == 0
        washington = price_lease(reference_lease(zip_code="98101", trade_in=trade), PROGRAMS)
        assert abs(washington.tax.at_signing - (washington.down_payment + 85) * D("0.095")) <= D("0.02")
        assert washington.trade_tax_credit == D(380)


class TestProducts:
    SERVICE = Product("Vehicle Service Contract", D(1915), taxable=True, residualize=False, dealer_cost=D(1100))

    def test_products_raise_the_finance_payment(self) -> None:
        plain = price_finance(ca_deal(), PROGRAMS)
        with_product = price_finance(ca_deal(products=(self.SERVICE,)), PROGRAMS)
        assert with_product.monthly_payment > plain.monthly_payment
        assert with_product.tax.taxable_amount == plain.tax.taxable_amount + 1915
        assert with_product.purchase.profit == 815
        share = with_product.add_on_payment(taxable=True)
        assert abs(with_product.monthly_payment - plain.monthly_payment - share) <= D("0.02")

    def test_products_raise_the_lease_payment(self) -> None:
        plain = price_lease(reference_lease(), PROGRAMS)
        with_product = price_lease(reference_lease(products=(self.SERVICE,)), PROGRAMS)
        assert with_product.monthly_payment > plain.monthly_payment
        assert with_product.residual == plain.residual

    def test_residualized_products_raise_the_residual_and_cost_less_a_month(self) -> None:
        flat = price_lease(reference_lease(products=(self.SERVICE,)), PROGRAMS)
        residualized = price_lease(reference_lease(products=(replace(self.SERVICE, residualize=True),)), PROGRAMS)
        assert residualized.residual_msrp == D(24550) + 1915
        assert residualized.residual == D(16673)  # 63 % of 26,465, whole dollars
        assert residualized.residual > flat.residual
        assert residualized.monthly_payment < flat.monthly_payment


class TestLeaseDetails:
    def test_prepaid_miles_beyond_the_top_tier_are_capitalized(self) -> None:
        lease = price_lease(reference_lease(annual_mileage=18_000), PROGRAMS)
        assert lease.residual_percent == 61
        assert (lease.excess_miles, lease.excess_mileage_charge) == (9000, D(900))

    def test_mileage_between_tiers_takes_the_next_tier_up(self) -> None:
        assert price_lease(reference_lease(annual_mileage=11_000), PROGRAMS).residual_percent == 63

    def test_cash_short_of_the_signing_items_is_capitalized(self) -> None:
        lease = price_lease(reference_lease(customer_cash=D(0)), PROGRAMS)
        assert lease.down_payment < 0
        assert lease.down_payment + lease.first_payment + lease.fees_due_at_signing == 0
        assert lease.cap_cost == D(24050) + 650 - lease.down_payment

    def test_lines_add_up(self) -> None:
        lease = price_lease(reference_lease(zip_code="94113", products=(TestProducts.SERVICE,)), PROGRAMS)
        labels = [label for label, _ in lease.lines]
        cap_at = labels.index("Capitalized cost")
        assert sum(amount for _, amount in lease.lines[1:cap_at]) == lease.cap_cost
        due = [amount for label, amount in lease.lines if label.startswith("Due at signing")]
        assert sum(due) + sum(a for label, a in lease.lines if "(due at signing)" in label) == D(3500)
        assert lease.lines[-1] == ("Total due at signing", D(3500))

    def test_finance_lines_add_up(self) -> None:
        finance = price_finance(ca_deal(trade_in=TradeIn(D(6000), D(2000), Ownership.FINANCED)), PROGRAMS)
        amounts = [amount for label, amount in finance.lines if label != "MSRP"]
        labels = [label for label, _ in finance.lines if label != "MSRP"]
        total_at = labels.index("Total purchase price")
        assert sum(amounts[:total_at]) == finance.total_purchase_price
        financed_at = labels.index("Amount financed")
        assert sum(amounts[total_at:financed_at]) == finance.amount_financed


class TestQuoteAndGrid:
    def test_price_all_reports_unavailable_deals_in_place(self) -> None:
        quote = price_all(deal(used=True, year=2019), PROGRAMS)
        assert quote.lease is None
        assert quote.unavailable["lease"].field == "payment.deal_type"
        assert quote.finance is not None
        assert set(quote.to_api()["deals"]) == {"cash", "finance"}

    def test_grid_matches_single_deals(self) -> None:
        terms = [24, 36, 48, 60, 72, 84]
        cash = [D(0), D(1000), D(2500), D(5000), D(7500)]
        grid = payment_grid(reference_lease(credit_score=700), PROGRAMS, terms, cash)
        finance_60 = price_finance(deal(credit_score=700, customer_cash=D(2500)), PROGRAMS).monthly_payment
        assert grid["finance"][60][D(2500)] == finance_60
        lease_36 = price_lease(reference_lease(credit_score=700, customer_cash=D(1000)), PROGRAMS)
        assert grid["lease"][36][D(1000)] == lease_36.monthly_payment
        assert grid["lease"][48][D(0)] is None  # no 48-month lease in these programs
        assert grid["finance"][24][D(0)] is None
        assert all(len(row) == 5 for kind in grid.values() for row in kind.values())

    def test_grid_refuses_negative_cash(self) -> None:
        with pytest.raises(PricingInputError) as raised:
            payment_grid(deal(), PROGRAMS, [36], [D(-1)])
        assert raised.value.field == "payment.customer_cash"
