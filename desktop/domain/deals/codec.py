"""A deal as JSON-ready data and back: the store's column, the team server's body and the undo snapshot.

Money goes out as a decimal string (never a float), times as ISO 8601 with their offset, enums as their value.
Reading is tolerant the way a shared record must be: unknown keys (a newer desktop's fields) are ignored and
missing ones take their defaults, so the server and desktops of different versions can read each other's deals.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from desktop.domain.deals.record import Deal

T = TypeVar("T")


_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...] | None:
    """The field names of dataclass ``cls`` (``None`` for other types), looked up once per class."""
    names = _NAMES.get(cls)
    if names is None and hasattr(cls, "__dataclass_fields__"):
        names = _NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def encode(value: Any) -> Any:
    """``value`` (a deal or any part of one) as plain JSON types; runs on every save, so it is kept lean."""
    names = _names(type(value))
    if names is not None:
        return {name: encode(getattr(value, name)) for name in names}
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, str | int):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


def deal_to_dict(deal: Deal) -> dict[str, Any]:
    data: dict[str, Any] = encode(deal)
    return data


def deal_from_dict(data: dict[str, Any]) -> Deal:
    """A deal from :func:`deal_to_dict`'s shape (or a subset of it).

    Raises:
        ValueError: a value of the wrong kind, naming the field (``buyer.customer_id``).
    """
    return decode(Deal, data, "")


_TYPES: dict[type, dict[str, Any]] = {}


def field_types(cls: type) -> dict[str, Any]:
    """The resolved annotations of dataclass ``cls`` (computed once: ``get_type_hints`` evaluates strings)."""
    types_ = _TYPES.get(cls)
    if types_ is None:
        types_ = _TYPES[cls] = typing.get_type_hints(cls)
    return types_


def decode(cls: type[T], data: Any, path: str) -> T:
    """Build dataclass ``cls`` from ``data``; ``path`` names the field in error messages."""
    if not isinstance(data, dict):
        raise ValueError(f"{path or 'deal'} should be an object")
    hints = field_types(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _decode_value(hints[f.name], data[f.name], f"{path}.{f.name}" if path else f.name)
    return cls(**kwargs)


def _decode_value(hint: Any, value: Any, path: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return None if value is None else _decode_value(args[0], value, path)
    if origin is list:
        (item,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise ValueError(f"{path} should be a list")
        return [_decode_value(item, v, f"{path}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        key, item = typing.get_args(hint)
        if not isinstance(value, dict):
            raise ValueError(f"{path} should be an object")
        return {_decode_value(key, k, path): _decode_value(item, v, f"{path}.{k}") for k, v in value.items()}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return decode(hint, value, path)
    try:
        if isinstance(hint, type) and issubclass(hint, Enum):
            return hint(value)
        if hint is Decimal:
            return Decimal(str(value))
        if hint is datetime:
            return datetime.fromisoformat(str(value))
        if hint is bool and isinstance(value, bool):
            return value
        if hint is int and not isinstance(value, bool):
            return int(value)
        if hint is str:
            return str(value)
    except (ValueError, ArithmeticError, TypeError) as exc:
        raise ValueError(f"{path} holds a value of the wrong kind") from exc
    raise ValueError(f"{path} holds a value of the wrong kind")  # never the value: it may be personal data
