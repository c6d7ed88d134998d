"""The deal jacket and the desk's structure, mapped onto each other in this one place.

The desk prices a :class:`~desktop.domain.desking.DealStructure` (frozen, complete, with the desk's defaults);
the deal keeps the same decisions in its own :class:`~.record.Structure` (mutable, ``None`` for "not decided"),
the buyer's ZIP on the buyer, the trade's offer, payoff and ownership on the first trade-in (its mileage, year and
firm-offer flag are read from there too, for the appraisal) and the vehicle on the deal's vehicle, so that every
other tab reads them where it already looks. :func:`apply_desk` then :func:`desk_structure` gives back the
structure the desk priced: reopening a deal reproduces every figure, and opening a deal on the desk writes nothing
back.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

from desktop.domain.deal import Ownership as DeskOwnership
from desktop.domain.deal import TradeIn as DeskTrade
from desktop.domain.deals.record import (
    Deal,
    DealAccessory,
    DealProduct,
    DealType,
    DealVehicle,
    Ownership,
    Structure,
    TradeIn,
)
from desktop.domain.desking.structure import (
    Accessory,
    DealStructure,
    DeskProduct,
    DeskVehicle,
    JurisdictionRate,
    TaxSource,
)
from desktop.domain.money import ZERO

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Record = TypeVar("_Record", bound="DataclassInstance")

DEFAULT_CREDIT_SCORE = 750  # what the desk assumes until the credit application says otherwise
DEFAULT_FINANCE_TERM = 60
DEFAULT_LEASE_TERM = 36
DEFAULT_ANNUAL_MILEAGE = 12_000

# The decisions both sides keep one for one: (the deal's field, the desk's field, what the desk takes while the deal
# has not decided, what besides ``None`` the deal stores for "not decided"). The desk's ``None`` (a program, a sell
# rate) means it chooses itself; it comes back to the deal as the deal's "not decided".
_DECISIONS: tuple[tuple[str, str, Any, Any], ...] = (
    ("credit_score", "credit_score", DEFAULT_CREDIT_SCORE, None),
    ("term", "finance_term", DEFAULT_FINANCE_TERM, 0),
    ("lease_term", "lease_term", DEFAULT_LEASE_TERM, 0),
    ("annual_mileage", "annual_mileage", DEFAULT_ANNUAL_MILEAGE, 0),
    ("cash_down", "cash_down", ZERO, None),
    ("no_taxes_or_fees", "no_taxes_or_fees", None, None),
    ("program", "finance_program", None, ""),
    ("lease_program", "lease_program", None, ""),
    ("sell_rate", "sell_rate", None, None),
    ("sell_money_factor", "sell_money_factor", None, None),
)


def desk_structure(deal: Deal, vehicle: DeskVehicle, zip_code: str = "") -> DealStructure:
    """The structure the desk prices for ``deal`` sold with ``vehicle`` (the desk's copy from the inventory cache).

    Args:
        deal: the deal as saved; what it has not decided takes the desk's default.
        vehicle: the vehicle as the desk prices it (its MSRP is the selling price until one is set).
        zip_code: the ZIP to price with while the buyer has none (the rooftop's own).
    """
    s = deal.structure
    decided = {desk: _decided(getattr(s, field), blank, default) for field, desk, default, blank in _DECISIONS}
    return DealStructure(
        vehicle=vehicle,
        selling_price=vehicle.msrp if s.selling_price is None else s.selling_price,
        zip_code=deal.buyer.zip_code or zip_code,
        deal_type="finance" if s.deal_type is None else s.deal_type.value,
        tax=_rate(s),
        accessories=tuple(_carry(Accessory, a) for a in s.accessories),
        trade=desk_trade(deal),
        products=tuple(_carry(DeskProduct, p, deal_types=frozenset(p.deal_types)) for p in s.products),
        rebates=tuple(s.rebates),
        declined=tuple(s.products_declined),
        **decided,
    )


def apply_desk(deal: Deal, desk: DealStructure, rooftop_zip: str = "") -> None:
    """Record ``desk`` on ``deal``: its structure, the buyer's ZIP, the trade's figures and the vehicle sold.

    Fields the desk does not decide (the trade's VIN, condition, mileage, year and whether its value is a firm
    offer, the odometer, the buyer's name) are kept: they are typed in the deal's jacket and only read by the desk.
    ``rooftop_zip`` is the ZIP the desk prices with while the buyer has none (see :func:`desk_structure`): it is
    not the buyer's, so it is not written as theirs (the printed worksheet gave the buyer the dealer's ZIP).
    """
    kept = {field: _or_blank(getattr(desk, name), blank) for field, name, _default, blank in _DECISIONS}
    deal.structure = Structure(
        deal_type=DealType(desk.deal_type),
        selling_price=desk.selling_price,
        accessories=[_carry(DealAccessory, a) for a in desk.accessories],
        tax_source=desk.tax.source.name.lower(),
        tax_rate=desk.tax.rate,
        products=[_carry(DealProduct, p, deal_types=sorted(p.deal_types)) for p in desk.products],
        rebates=list(desk.rebates),
        products_declined=list(desk.declined),
        **kept,
    )
    if deal.buyer.zip_code or desk.zip_code != rooftop_zip:
        deal.buyer.zip_code = desk.zip_code
    _apply_trade(deal, desk.trade)
    apply_vehicle(deal, desk.vehicle)


def _rate(s: Structure) -> JurisdictionRate:
    source = TaxSource[s.tax_source.upper()] if s.tax_source.upper() in TaxSource.__members__ else None
    if source is None or source is TaxSource.STATE_AVERAGE or s.tax_rate is None:
        return JurisdictionRate()  # an old deal, or a rate lost: the declared state average, never a silent one
    return JurisdictionRate(source, s.tax_rate)


def desk_trade(deal: Deal) -> DeskTrade | None:
    """The desk's trade for ``deal``: its first trade-in, ``None`` while it has neither a value nor a payoff."""
    if not deal.trade_ins:
        return None
    trade = deal.trade_ins[0]
    if trade.offer_value is None and trade.payoff is None:
        return None
    value = trade.offer_value if trade.offer_value is not None else ZERO
    payoff = trade.payoff if trade.payoff is not None else ZERO  # 0.00 stays 0.00: applying back writes nothing
    ownership = DeskOwnership(trade.ownership.value)
    return DeskTrade(value, payoff, ownership, mileage=trade.mileage, is_offer=trade.firm_offer, year=trade.year)


def with_jacket_trade(desk: DealStructure, deal: Deal) -> DealStructure:
    """``desk`` with its trade described as the deal's jacket describes it (mileage, year, firm offer).

    A desk form that shows only the trade's figures gives back a trade without them; compared as it is, it would
    always differ from :func:`desk_structure` of the same deal.
    """
    jacket = desk_trade(deal)
    if desk.trade is None or jacket is None:
        return desk
    described = replace(desk.trade, mileage=jacket.mileage, is_offer=jacket.is_offer, year=jacket.year)
    return replace(desk, trade=described)


def _apply_trade(deal: Deal, trade: DeskTrade | None) -> None:
    if trade is None:
        if deal.trade_ins:
            deal.trade_ins[0].offer_value, deal.trade_ins[0].payoff = None, None
        return
    if not deal.trade_ins:
        deal.trade_ins.append(TradeIn())
    first = deal.trade_ins[0]
    first.offer_value, first.payoff = trade.value, trade.payoff
    first.ownership = Ownership(trade.ownership.value)


def apply_vehicle(deal: Deal, vehicle: DeskVehicle) -> None:
    """Make ``vehicle`` the deal's (the odometer is kept while it is the same vehicle)."""
    odometer = deal.vehicle.odometer if deal.vehicle.vin == vehicle.vin else None
    deal.vehicle = _carry(DealVehicle, vehicle, odometer=odometer)


def _decided(value: Any, blank: Any, default: Any) -> Any:
    """The deal's ``value``, or the desk's ``default`` while it is undecided (``None`` or ``blank``)."""
    return default if value is None or value == blank else value


def _or_blank(value: Any, blank: Any) -> Any:
    """The desk's ``value`` as the deal keeps it: the desk's "it chooses" (``None``) is the deal's ``blank``."""
    return blank if value is None else value


def _carry(record: type[_Record], source: object, **others: Any) -> _Record:
    """A ``record`` whose fields come from ``source``'s fields of the same name, or from ``others``."""
    names = [f.name for f in fields(record) if f.name not in others]
    return record(**{name: getattr(source, name) for name in names}, **others)
