"""The deal jacket: the record the three roles hand to each other, its stages, history and typed fields."""

from desktop.domain.deals.codec import deal_from_dict, deal_to_dict
from desktop.domain.deals.fields import FieldError, check_field, get_text, label, set_field
from desktop.domain.deals.history import HistoryEntry, diff, mask
from desktop.domain.deals.number import deal_number, rooftop_prefix
from desktop.domain.deals.record import (
    PII_FIELDS,
    Condition,
    Deal,
    DealAccessory,
    DealDocument,
    DealProduct,
    DealType,
    DealVehicle,
    Ownership,
    Packet,
    Person,
    Structure,
    TradeIn,
)
from desktop.domain.deals.stage import Stage, StageError, advanced, allowed_moves

__all__ = [
    "PII_FIELDS",
    "Condition",
    "Deal",
    "DealAccessory",
    "DealDocument",
    "DealProduct",
    "DealType",
    "DealVehicle",
    "FieldError",
    "HistoryEntry",
    "Ownership",
    "Packet",
    "Person",
    "Stage",
    "StageError",
    "Structure",
    "TradeIn",
    "advanced",
    "allowed_moves",
    "check_field",
    "deal_from_dict",
    "deal_number",
    "deal_to_dict",
    "diff",
    "get_text",
    "label",
    "mask",
    "rooftop_prefix",
    "set_field",
]
