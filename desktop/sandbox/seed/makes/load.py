"""Reads the make catalogue from its data files, checking every field, so a slip in the data is refused naming
its file and field instead of turning up later as an odd vehicle (or a VIN that does not decode) in the sandbox.

A make's file, ``<make>.json`` beside this module, holds: ``name``; ``transmissions``, each label the make's
powertrains use mapped to its type; ``powertrains``, keyed by an id of the file's choosing that the trims name;
``models``, each with its VIN parts (``wmi``, ``vds``, ``plants``) and its ``trims``, whose ``powertrains`` map an
id to the upcharge over the trim's MSRP, and optional ``packages``, ``options`` and ``paints``; the make's own
``paints``, ``cloth`` and ``leather`` interiors and ``accessories``. A package's or option's ``only`` lists the
model's trims it is limited to; an accessory's ``only`` lists bodies. The optional ``codes`` are the manufacturer's
codes a pricing request may name (:mod:`desktop.domain.vehicle_codes`): each a ``code``, its ``kind``, ``name``,
``msrp`` and ``invoice`` added to the sticker, and a colour's ``rgb``; a trim code names one of the file's trims.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, TypeVar

from desktop.domain.vehicle_codes import KINDS, CodedItem
from desktop.sandbox.seed.makes.catalogue import (
    BODIES,
    DRIVETRAINS,
    ENGINE_TYPES,
    TRANSMISSION_TYPES,
    Extra,
    Make,
    Model,
    Paint,
    Powertrain,
    Trim,
)

_VIN_CHARACTERS = re.compile(r"[A-HJ-NPR-Z0-9]+")  # a VIN never uses I, O or Q
_RGB = re.compile(r"[0-9A-F]{6}")
_CODE = re.compile(r"[A-Z0-9][A-Z0-9-]*")
_T = TypeVar("_T")
_K = TypeVar("_K", str, tuple[str, str])


Codes = Mapping[str, CodedItem]  # one make's code catalogue: code -> item


@cache
def _load() -> tuple[Mapping[str, Make], Mapping[str, Codes]]:
    makes: dict[str, Make] = {}
    codes: dict[str, Codes] = {}
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            make, coded = read_make_file(entry.name, entry.read_text(encoding="utf-8"))
            makes[make.name], codes[make.name.casefold()] = make, coded
    return MappingProxyType(makes), MappingProxyType(codes)


def load_makes() -> Mapping[str, Make]:
    """Every make of the catalogue by name, read once per process from the package's ``*.json`` files.

    Raises:
        ValueError: naming the file and field that is missing, of the wrong kind or out of range.
    """
    return _load()[0]


def load_codes() -> Mapping[str, Codes]:
    """Every make's code catalogue by the make's name in lower case (``mazda``), read with :func:`load_makes`.

    Raises:
        ValueError: naming the file and field that is missing, of the wrong kind or out of range.
    """
    return _load()[1]


def read_make(file_name: str, text: str) -> Make:
    """The make that ``text``, the contents of the data file ``file_name``, describes.

    Raises:
        ValueError: ``file_name``, then what is wrong and where (``models[2].trims[0].msrp must be ...``).
    """
    return read_make_file(file_name, text)[0]


def read_make_file(file_name: str, text: str) -> tuple[Make, Codes]:
    """The make that ``text``, the contents of the data file ``file_name``, describes, and its codes.

    Raises:
        ValueError: ``file_name``, then what is wrong and where (``codes[3].rgb must be ...``).
    """
    try:
        item = _fields(json.loads(text, object_pairs_hook=_unique_keys), "", _MAKE_KEYS, {"codes"})
        make = _make(item)
        codes = _codes(item.get("codes"), {trim.name for model in make.models for trim in model.trims})
    except ValueError as exc:
        raise ValueError(f"{file_name}: {exc}") from None
    if file_name != f"{make.name.casefold()}.json":
        raise ValueError(f"{file_name}: name {make.name!r} is not the make this file is named for.")
    return make, codes


_MAKE_KEYS = {"name", "transmissions", "powertrains", "models", "paints", "cloth", "leather", "accessories"}


def _make(item: dict[str, Any]) -> Make:
    transmissions = {
        _text(label, "transmissions"): (label, _choice(kind, f"transmissions.{label}", TRANSMISSION_TYPES))
        for label, kind in _fields(item["transmissions"], "transmissions").items()
    }
    powertrains = {
        key: _powertrain(pt, f"powertrains.{key}", transmissions)
        for key, pt in _fields(item["powertrains"], "powertrains").items()
    }
    models = _items(item["models"], "models", lambda model, where: _model(model, where, powertrains))
    _unique([(m.name, m.body) for m in models], "models")  # a Civic sedan and a Civic hatchback are two lines
    return Make(
        name=_text(item["name"], "name"),
        models=models,
        paints=_items(item["paints"], "paints", _paint),
        cloth=_items(item["cloth"], "cloth", _paint),
        leather=_items(item["leather"], "leather", _paint),
        accessories=_items(item["accessories"], "accessories", lambda x, where: _extra(x, where, BODIES)),
    )


def _powertrain(value: Any, where: str, transmissions: Mapping[str, tuple[str, str]]) -> Powertrain:
    keys = {"engine", "engine_type", "transmission", "drivetrain", "city_mpg", "highway_mpg", "ev_range", "vin_code"}
    item = _fields(value, where, keys)
    return Powertrain(
        engine=_text(item["engine"], f"{where}.engine"),
        engine_type=_choice(item["engine_type"], f"{where}.engine_type", ENGINE_TYPES),
        transmission=transmissions[
            _choice(item["transmission"], f"{where}.transmission", transmissions, "transmissions")
        ],
        drivetrain=_choice(item["drivetrain"], f"{where}.drivetrain", DRIVETRAINS),
        city_mpg=_whole_or_none(item["city_mpg"], f"{where}.city_mpg"),
        highway_mpg=_whole_or_none(item["highway_mpg"], f"{where}.highway_mpg"),
        ev_range=_whole_or_none(item["ev_range"], f"{where}.ev_range"),
        vin_code=_vin_part(item["vin_code"], f"{where}.vin_code", 1),
    )


def _model(value: Any, where: str, powertrains: Mapping[str, Powertrain]) -> Model:
    optional = {"packages", "options", "paints"}
    item = _fields(value, where, {"name", "body", "share", "wmi", "vds", "plants", "trims"}, optional)
    trims = _items(item["trims"], f"{where}.trims", lambda trim, at: _trim(trim, at, powertrains))
    trim_names = _unique([t.name for t in trims], f"{where}.trims")
    share = _fraction(item["share"], f"{where}.share")
    if share == 0:
        raise ValueError(f"{where}.share must be more than 0 (a model that never sells does not belong in the file).")
    return Model(
        name=_text(item["name"], f"{where}.name"),
        body=_choice(item["body"], f"{where}.body", BODIES),
        share=share,
        wmi=_vin_part(item["wmi"], f"{where}.wmi", 3),
        vds=_vin_part(item["vds"], f"{where}.vds", 4),
        plants=_vin_part(item["plants"], f"{where}.plants", None),
        trims=trims,
        packages=_items(item.get("packages"), f"{where}.packages", lambda x, at: _extra(x, at, trim_names), True),
        options=_items(item.get("options"), f"{where}.options", lambda x, at: _extra(x, at, trim_names), True),
        paints=_items(item.get("paints"), f"{where}.paints", _paint, True),
    )


def _trim(value: Any, where: str, powertrains: Mapping[str, Powertrain]) -> Trim:
    item = _fields(value, where, {"name", "msrp", "powertrains", "premium"})
    sold = _fields(item["powertrains"], f"{where}.powertrains")
    if not sold:
        raise ValueError(f"{where}.powertrains must name at least one powertrain.")
    if not isinstance(item["premium"], bool):
        raise ValueError(f"{where}.premium must be true or false.")
    variants = tuple(
        (
            powertrains[_choice(key, f"{where}.powertrains", powertrains, "powertrains")],
            _whole(extra, f"{where}.powertrains.{key}"),
        )
        for key, extra in sold.items()
    )
    return Trim(_text(item["name"], f"{where}.name"), _whole(item["msrp"], f"{where}.msrp"), variants, item["premium"])


def _extra(value: Any, where: str, allowed_only: Collection[str]) -> Extra:
    item = _fields(value, where, {"name", "msrp", "take_rate"}, {"only"})
    only = item.get("only")
    if only is not None:
        if not isinstance(only, list) or not only:
            raise ValueError(f"{where}.only must be a non-empty list (leave it out for no limit).")
        only = frozenset(_choice(name, f"{where}.only", allowed_only) for name in only)
    return Extra(
        _text(item["name"], f"{where}.name"),
        _whole(item["msrp"], f"{where}.msrp"),
        _fraction(item["take_rate"], f"{where}.take_rate"),
        only,
    )


def _paint(value: Any, where: str) -> Paint:
    item = _fields(value, where, {"label", "rgb", "generic", "msrp"})
    rgb = _text(item["rgb"], f"{where}.rgb")
    if not _RGB.fullmatch(rgb):
        raise ValueError(f"{where}.rgb {rgb!r} must be six upper-case hex digits (RRGGBB).")
    return Paint(
        _text(item["label"], f"{where}.label"),
        rgb,
        _text(item["generic"], f"{where}.generic"),
        _whole(item["msrp"], f"{where}.msrp"),
    )


def _codes(value: Any, trims: Collection[str]) -> Codes:
    items = _items(value, "codes", lambda code, where: _code(code, where, trims), True)
    _unique([item.code for item in items], "codes")
    return MappingProxyType({item.code: item for item in items})


def _code(value: Any, where: str, trims: Collection[str]) -> CodedItem:
    item = _fields(value, where, {"code", "kind", "name", "msrp", "invoice"}, {"rgb"})
    code = _text(item["code"], f"{where}.code")
    if not _CODE.fullmatch(code):
        raise ValueError(
            f"{where}.code {code!r} must be upper-case letters, digits and hyphens, as a request sends it."
        )
    kind = _choice(item["kind"], f"{where}.kind", KINDS)
    name = (
        _choice(item["name"], f"{where}.name", trims, "trims")
        if kind == "trim"
        else _text(item["name"], f"{where}.name")
    )
    msrp, invoice = _whole(item["msrp"], f"{where}.msrp"), _whole(item["invoice"], f"{where}.invoice")
    if kind == "trim" and (msrp or invoice):
        raise ValueError(f"{where}.msrp and .invoice must be 0 for a trim: its price is the vehicle's.")
    if invoice > msrp:
        raise ValueError(f"{where}.invoice {invoice} must not be more than its msrp {msrp}.")
    rgb = ""
    if kind.endswith("_color"):
        if "rgb" not in item:
            raise ValueError(f"{where}.rgb is missing: a colour needs its swatch.")
        rgb = _text(item["rgb"], f"{where}.rgb")
        if not _RGB.fullmatch(rgb):
            raise ValueError(f"{where}.rgb {rgb!r} must be six upper-case hex digits (RRGGBB).")
    elif "rgb" in item:
        raise ValueError(f"{where}.rgb is only for a colour (kind exterior_color or interior_color).")
    return CodedItem(code, kind, name, Decimal(msrp), Decimal(invoice), rgb)


# --- the checks every field goes through --------------------------------------------------------------------


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``json.loads`` keeps the last of two equal keys; in a catalogue that is a slip to report, not to hide."""
    keys = [key for key, _ in pairs]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    if twice:
        raise ValueError(f"the key {twice[0]!r} appears twice in one object.")
    return dict(pairs)


def _fields(value: Any, where: str, required: Collection[str] = (), optional: Collection[str] = ()) -> dict[str, Any]:
    """``value`` as an object with every ``required`` key and, ``required`` given, no key but those and ``optional``."""
    if not isinstance(value, dict):
        raise ValueError(f"{where or 'the file'} must be an object.")
    missing = sorted(set(required) - set(value))
    if missing:
        raise ValueError(f"{_at(where, missing[0])} is missing.")
    unknown = sorted(set(value) - set(required) - set(optional)) if required else []
    if unknown:
        raise ValueError(f"{_at(where, unknown[0])} is not a field here (a misspelt name?).")
    return value


def _items(value: Any, where: str, read: Callable[[Any, str], _T], optional: bool = False) -> tuple[_T, ...]:
    """``read`` of each item of the list ``value``; an ``optional`` list may be left out (``None``): none then."""
    if value is None and optional:
        return ()
    if not isinstance(value, list) or not value:
        raise ValueError(f"{where} must be a non-empty list{' (or left out)' if optional else ''}.")
    return tuple(read(item, f"{where}[{i}]") for i, item in enumerate(value))


def _unique(names: list[_K], where: str) -> frozenset[_K]:
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ValueError(f"{where} has two {twice[0]!r}.")
    return frozenset(names)


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where} must be a non-empty string.")
    return value


def _choice(value: Any, where: str, allowed: Collection[str], among: str = "") -> str:
    """``value`` if it is one of ``allowed``; the error lists them, or names the file's own ``among`` table."""
    if not isinstance(value, str) or value not in allowed:
        choices = f"the file's {among}" if among else ", ".join(sorted(allowed))
        raise ValueError(f"{where} {value!r} is not one of {choices}.")
    return value


def _whole(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{where} must be a whole number, 0 or more.")
    return value


def _whole_or_none(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{where} must be a whole number above 0, or null where there is none.")
    return value


def _fraction(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(f"{where} must be a number from 0 to 1.")
    return float(value)


def _vin_part(value: Any, where: str, length: int | None) -> str:
    text = _text(value, where)
    if not _VIN_CHARACTERS.fullmatch(text) or (length is not None and len(text) != length):
        size = f"{length} " if length is not None else ""
        raise ValueError(f"{where} {text!r} must be {size}VIN characters (0-9, A-Z but I, O and Q).")
    return text
