"""Desking: a deal's structure as the finance manager builds it, priced, solved, gridded and sold from a menu.

Pure and Qt-free like the rest of the domain; every figure comes from the engine in
:mod:`desktop.domain.pricing`. The deal jacket stores a :class:`DealStructure`; the tabs read and write it.
"""

from desktop.domain.desking.desk import DeskContext, DeskDeal, ProgramOffer, offered_terms, offers, price_desk
from desktop.domain.desking.structure import (
    DEAL_TYPES,
    Accessory,
    DealStructure,
    DealType,
    DeskProduct,
    DeskVehicle,
    JurisdictionRate,
    TaxSource,
)

__all__ = [
    "DEAL_TYPES",
    "Accessory",
    "DealStructure",
    "DealType",
    "DeskContext",
    "DeskDeal",
    "DeskProduct",
    "DeskVehicle",
    "JurisdictionRate",
    "ProgramOffer",
    "TaxSource",
    "offered_terms",
    "offers",
    "price_desk",
]
