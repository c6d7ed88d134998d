"""The dated sales-tax table and ZIP → state."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.domain.tax import TAX_TABLE, LeaseTaxMethod, TaxAmounts, state_for_zip, tax_rule

D = Decimal
REQUIRED_STATES = {"CA", "WA", "TX", "NY", "GA", "IL", "FL"}


@pytest.mark.parametrize(
    ("zip_code", "state"),
    [
        ("94113", "CA"),
        ("90210", "CA"),
        ("98101", "WA"),
        ("99201", "WA"),
        ("75201", "TX"),
        ("88510", "TX"),
        ("10001", "NY"),
        ("14201", "NY"),
        ("00501", "NY"),
        ("30301", "GA"),
        ("39901", "GA"),
        ("60601", "IL"),
        ("62701", "IL"),
        ("33101", "FL"),
        ("32801", "FL"),
        ("03101", "NH"),
        ("59601", "MT"),
        ("94113-1234", "CA"),
        (" 10001 ", "NY"),
    ],
)
def test_zip_to_state(zip_code: str, state: str) -> None:
    assert state_for_zip(zip_code) == state


@pytest.mark.parametrize("zip_code", ["43215", "02108", "34001", "96201"])
def test_zip_outside_the_table_is_refused_with_the_states_covered(zip_code: str) -> None:
    with pytest.raises(ValueError, match=rf"ZIP {zip_code} is outside .*\(CA, FL, GA, IL, MT, NH, NY, TX, WA\)"):
        state_for_zip(zip_code)


@pytest.mark.parametrize("zip_code", ["", "9411", "941130", "9411A", "94113-12", "94113 1234"])
def test_malformed_zip_is_refused(zip_code: str) -> None:
    with pytest.raises(ValueError, match="is not a ZIP code"):
        state_for_zip(zip_code)


def test_table_covers_the_required_states_and_is_in_date_order() -> None:
    assert set(TAX_TABLE) >= REQUIRED_STATES
    for state, rules in TAX_TABLE.items():
        assert all(rule.state == state for rule in rules)
        assert [rule.effective for rule in rules] == sorted(rule.effective for rule in rules)


@pytest.mark.parametrize(
    ("state", "method", "trade_credit"),
    [
        ("CA", LeaseTaxMethod.MONTHLY_PAYMENT, False),
        ("WA", LeaseTaxMethod.MONTHLY_PAYMENT, True),
        ("TX", LeaseTaxMethod.SELLING_PRICE, True),
        ("NY", LeaseTaxMethod.TOTAL_OF_PAYMENTS, True),
        ("GA", LeaseTaxMethod.SELLING_PRICE, True),
        ("IL", LeaseTaxMethod.MONTHLY_PAYMENT, True),
        ("FL", LeaseTaxMethod.MONTHLY_PAYMENT, True),
        ("NH", LeaseTaxMethod.NONE, False),
    ],
)
def test_current_methods(state: str, method: LeaseTaxMethod, trade_credit: bool) -> None:
    rule = tax_rule(state, date(2024, 5, 15))
    assert rule is not None
    assert (rule.lease_method, rule.trade_credit) == (method, trade_credit)


@pytest.mark.parametrize(
    ("state", "day", "rate"),
    [
        ("CA", date(2016, 12, 31), D("0.09")),
        ("CA", date(2017, 1, 1), D("0.0875")),
        ("GA", date(2015, 6, 30), D("0.065")),
        ("GA", date(2015, 7, 1), D("0.07")),
        ("WA", date(2024, 1, 1), D("0.095")),
    ],
)
def test_rates_change_on_their_effective_dates(state: str, day: date, rate: Decimal) -> None:
    rule = tax_rule(state, day)
    assert rule is not None
    assert rule.combined_rate == rate


def test_illinois_history() -> None:
    old, monthly, capped = (tax_rule("IL", date(year, 6, 1)) for year in (2014, 2016, 2023))
    assert old is not None and monthly is not None and capped is not None
    assert old.lease_method is LeaseTaxMethod.SELLING_PRICE
    assert (monthly.lease_method, monthly.trade_credit_base(D(15000))) == (
        LeaseTaxMethod.MONTHLY_PAYMENT,
        15000,
    )
    assert capped.trade_credit_base(D(15000)) == 10000
    assert capped.trade_credit_base(D(4000)) == 4000


def test_no_rule_before_the_table_starts() -> None:
    assert tax_rule("GA", date(2013, 2, 28)) is None
    assert tax_rule("OH", date(2024, 1, 1)) is None


def test_tax_is_split_and_rounded_per_part() -> None:
    rule = tax_rule("WA", date(2024, 1, 1))
    assert rule is not None
    assert rule.tax(D("1000.10")) == TaxAmounts(D("65.01"), D("3.00"), D("27.00"))
    assert rule.tax(D(-50)) == TaxAmounts(D(0), D(0), D(0))


def test_florida_surtax_applies_to_the_first_5000_only() -> None:
    rule = tax_rule("FL", date(2024, 1, 1))
    assert rule is not None
    assert rule.tax(D(20000)) == TaxAmounts(D(1200), D(0), D(50))
    assert rule.tax(D(3000)) == TaxAmounts(D(180), D(0), D(30))


@pytest.mark.parametrize("state", ["CA", "FL", "WA", "NH"])
@pytest.mark.parametrize("gross", [D("0.01"), D("1000"), D("5349.99"), D("5350.00"), D("12345.67")])
def test_untaxed_part_backs_the_tax_out_to_within_a_cent(state: str, gross: Decimal) -> None:
    rule = tax_rule(state, date(2024, 1, 1))
    assert rule is not None
    part = rule.untaxed_part(gross)
    assert abs(part + rule.tax(part).total - gross) <= D("0.01")
