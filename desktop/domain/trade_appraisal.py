"""What a trade-in is worth to the desk: a firm offer as given, an estimate appraised for its mileage.

The reference's ``trade_in.is_offer`` is "true if this value is an offer rather than an estimate". A desk takes
an offer (a written buy bid, a Roadster trade-in offer) as it stands; a customer's estimate assumes an average
car, so the desk adjusts it for the odometer the way a used-car manager's book does: a fixed amount per mile
above or below the average mileage for the trade's age, and never more than a quarter of the estimate, because
past that the estimate was not for the same car and the trade needs a physical appraisal instead.

Average mileage is 12,000 miles a year (the FHWA's figure, also the lease industry's standard allowance). The
pricing request carries no model year for the trade (the trade-in offer endpoint does), so ``trade_in.year``
is read when sent and otherwise the trade is taken to be of the average trade-in age, six years.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desktop.domain.deal import TradeIn
from desktop.domain.money import ZERO, round_cents

AVERAGE_MILES_PER_YEAR = 12_000
AVERAGE_TRADE_AGE_YEARS = 6
PER_MILE = Decimal("0.10")
MAX_ADJUSTMENT_SHARE = Decimal("0.25")


def expected_mileage(year: int | None, as_of: date) -> int:
    """The average odometer of a trade of model ``year`` on ``as_of`` (a current-year car counts one year)."""
    age = AVERAGE_TRADE_AGE_YEARS if year is None else max(1, as_of.year - year)
    return AVERAGE_MILES_PER_YEAR * age


def mileage_adjustment(estimate: Decimal, mileage: int, year: int | None, as_of: date) -> Decimal:
    """Dollars added to (low miles) or taken from (high miles) an estimate, bounded to a quarter of it."""
    raw = (expected_mileage(year, as_of) - mileage) * PER_MILE
    bound = estimate * MAX_ADJUSTMENT_SHARE
    return round_cents(max(-bound, min(bound, raw)))


def appraised_value(
    value: Decimal, *, mileage: int | None, is_offer: bool | None, year: int | None, as_of: date
) -> Decimal:
    """The trade value a deal is priced with.

    Args:
        value: the request's ``trade_in.value``.
        mileage: ``trade_in.mileage``; without it there is nothing to adjust for.
        is_offer: ``trade_in.is_offer``; true takes ``value`` as a firm offer, false or absent as an estimate.
        year: the trade's model year when known.
        as_of: the day the deal is priced.
    """
    if is_offer or mileage is None:
        return value
    return max(ZERO, value + mileage_adjustment(value, mileage, year, as_of))


def appraised_trade(trade: TradeIn, as_of: date) -> TradeIn:
    """The trade the engine prices: ``trade`` at its appraised value (a negative value is left for the engine to
    refuse, naming the field)."""
    if trade.value < ZERO:
        return trade
    value = appraised_value(trade.value, mileage=trade.mileage, is_offer=trade.is_offer, year=trade.year, as_of=as_of)
    return TradeIn(value, trade.payoff, trade.ownership)
