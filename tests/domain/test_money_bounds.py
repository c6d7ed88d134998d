"""Every amount read from outside is bounded before arithmetic: no ``decimal.InvalidOperation`` escapes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.domain.money import MAX_AMOUNT, AmountOutOfRange, round_cents, to_money, typed_amount


@pytest.mark.parametrize("value", ["9" * 31, "1e30", "-1E+10", Decimal("1e28"), 10**12, 1e15, "1" * 41])
def test_amounts_beyond_the_limit_are_refused(value: object) -> None:
    with pytest.raises(AmountOutOfRange):
        to_money(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [MAX_AMOUNT, -MAX_AMOUNT, "0.0000000000000000000000000000001", "123456789.99"])
def test_amounts_within_the_limit_round_without_error(value: object) -> None:
    assert abs(round_cents(to_money(value))) <= MAX_AMOUNT  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("3k", "3000"),
        ("12.5K", "12500"),
        ("$2.345k", "2345"),
        (" -1k ", "-1000"),
        ("$2,500.50", "2500.50"),
        ("3 k", "3 k"),  # not the shorthand: left for the parser to refuse
        ("k", "k"),
        ("1e9k", "1e9k"),  # no exponents, so no amount of a million digits
        ("2.3456k", "2.3456k"),  # thousands to the dollar: a fraction of a dollar is not a shorthand
    ],
)
def test_a_typed_amount_reads_the_desks_shorthand_for_thousands(typed: str, read: str) -> None:
    """Agents type "3k down": save-as-you-type kept the "3" typed before the "k", with the field in error."""
    assert typed_amount(typed) == read
