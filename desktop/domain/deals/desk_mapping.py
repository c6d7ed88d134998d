"""The deal jacket and the desk's structure, mapped onto each other in this one place.

The desk prices a :class:`~desktop.domain.desking.DealStructure` (frozen, complete, with the desk's defaults);
the deal keeps the same decisions in its own :class:`~.record.Structure` (mutable, ``None`` for "not decided"),
the buyer's ZIP on the buyer, the trade's offer, payoff and ownership on the first trade-in and the vehicle on the
deal's vehicle, so that every other tab reads them where it already looks. :func:`apply_desk` then
:func:`desk_structure` gives back the structure the desk priced: reopening a deal reproduces every figure, and
opening a deal on the desk writes nothing back.
"""

from __future__ import annotations

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

DEFAULT_CREDIT_SCORE = 750  # what the desk assumes until the credit application says otherwise
DEFAULT_FINANCE_TERM = 60
DEFAULT_LEASE_TERM = 36
DEFAULT_ANNUAL_MILEAGE = 12_000


def desk_structure(deal: Deal, vehicle: DeskVehicle, zip_code: str = "") -> DealStructure:
    """The structure the desk prices for ``deal`` sold with ``vehicle`` (the desk's copy from the inventory cache).

    Args:
        deal: the deal as saved; what it has not decided takes the desk's default.
        vehicle: the vehicle as the desk prices it (its MSRP is the selling price until one is set).
        zip_code: the ZIP to price with while the buyer has none (the rooftop's own).
    """
    s = deal.structure
    return DealStructure(
        vehicle=vehicle,
        selling_price=vehicle.msrp if s.selling_price is None else s.selling_price,
        credit_score=DEFAULT_CREDIT_SCORE if s.credit_score is None else s.credit_score,
        zip_code=deal.buyer.zip_code or zip_code,
        deal_type="finance" if s.deal_type is None else s.deal_type.value,
        tax=_rate(s),
        finance_term=s.term or DEFAULT_FINANCE_TERM,
        lease_term=s.lease_term or DEFAULT_LEASE_TERM,
        cash_down=ZERO if s.cash_down is None else s.cash_down,
        annual_mileage=s.annual_mileage or DEFAULT_ANNUAL_MILEAGE,
        rebates=tuple(s.rebates),
        accessories=tuple(Accessory(a.name, a.price, a.cost) for a in s.accessories),
        trade=_desk_trade(deal),
        no_taxes_or_fees=s.no_taxes_or_fees,
        finance_program=s.program or None,
        lease_program=s.lease_program or None,
        sell_rate=s.sell_rate,
        sell_money_factor=s.sell_money_factor,
        products=tuple(_desk_product(p) for p in s.products),
        declined=tuple(s.products_declined),
    )


def apply_desk(deal: Deal, desk: DealStructure) -> None:
    """Record ``desk`` on ``deal``: its structure, the buyer's ZIP, the trade's figures and the vehicle sold.

    Fields the desk does not know (the trade's VIN and condition, the odometer, the buyer's name) are kept.
    """
    deal.structure = Structure(
        deal_type=DealType(desk.deal_type),
        selling_price=desk.selling_price,
        accessories=[DealAccessory(a.name, a.price, a.cost) for a in desk.accessories],
        rebates=list(desk.rebates),
        cash_down=desk.cash_down,
        term=desk.finance_term,
        lease_term=desk.lease_term,
        annual_mileage=desk.annual_mileage,
        credit_score=desk.credit_score,
        tax_source=desk.tax.source.name.lower(),
        tax_rate=desk.tax.rate,
        no_taxes_or_fees=desk.no_taxes_or_fees,
        program=desk.finance_program or "",
        lease_program=desk.lease_program or "",
        sell_rate=desk.sell_rate,
        sell_money_factor=desk.sell_money_factor,
        products=[_deal_product(p) for p in desk.products],
        products_declined=list(desk.declined),
    )
    deal.buyer.zip_code = desk.zip_code
    _apply_trade(deal, desk.trade)
    apply_vehicle(deal, desk.vehicle)


def _rate(s: Structure) -> JurisdictionRate:
    source = TaxSource[s.tax_source.upper()] if s.tax_source.upper() in TaxSource.__members__ else None
    if source is None or source is TaxSource.STATE_AVERAGE or s.tax_rate is None:
        return JurisdictionRate()  # an old deal, or a rate lost: the declared state average, never a silent one
    return JurisdictionRate(source, s.tax_rate)


def _desk_trade(deal: Deal) -> DeskTrade | None:
    if not deal.trade_ins:
        return None
    trade = deal.trade_ins[0]
    if trade.offer_value is None and trade.payoff is None:
        return None
    value = trade.offer_value if trade.offer_value is not None else ZERO
    payoff = trade.payoff if trade.payoff is not None else ZERO  # 0.00 stays 0.00: applying back writes nothing
    return DeskTrade(value, payoff, DeskOwnership(trade.ownership.value))


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
    deal.vehicle = DealVehicle(
        vin=vehicle.vin,
        stock_number=vehicle.stock_number,
        year=vehicle.year,
        make=vehicle.make,
        model=vehicle.model,
        trim=vehicle.trim,
        odometer=odometer,
        msrp=vehicle.msrp,
    )


def _deal_product(p: DeskProduct) -> DealProduct:
    return DealProduct(
        code=p.code,
        name=p.name,
        price=p.price,
        cost=p.cost,
        taxable=p.taxable,
        residualize=p.residualize,
        deal_types=sorted(p.deal_types),
        provider=p.provider,
        tier=p.tier,
        term_months=p.term_months,
        miles=p.miles,
        deductible=p.deductible,
    )


def _desk_product(p: DealProduct) -> DeskProduct:
    return DeskProduct(
        code=p.code,
        name=p.name,
        price=p.price,
        cost=p.cost,
        taxable=p.taxable,
        residualize=p.residualize,
        deal_types=frozenset(p.deal_types),
        provider=p.provider,
        tier=p.tier,
        term_months=p.term_months,
        miles=p.miles,
        deductible=p.deductible,
    )
