"""Every amount read from outside is bounded before arithmetic: no ``decimal.InvalidOperation`` escapes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.domain.money import MAX_AMOUNT, AmountOutOfRange, round_cents, to_money


@pytest.mark.parametrize("value", ["9" * 31, "1e30", "-1E+10", Decimal("1e28"), 10**12, 1e15, "1" * 41])
def test_amounts_beyond_the_limit_are_refused(value: object) -> None:
    with pytest.raises(AmountOutOfRange):
        to_money(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [MAX_AMOUNT, -MAX_AMOUNT, "0.0000000000000000000000000000001", "123456789.99"])
def test_amounts_within_the_limit_round_without_error(value: object) -> None:
    assert abs(round_cents(to_money(value))) <= MAX_AMOUNT  # type: ignore[arg-type]
