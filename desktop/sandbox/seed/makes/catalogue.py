"""The sandbox's model catalogue as literal data: makes, model lines, trims with MSRP, powertrains with fuel
economy and VIN engine codes, packages, options and paints, as real window stickers list them (2024-2025).

The types and the short builders (``_pt``, ``_t``, ``_x``, ``_c``, ``_m``) exist to keep the tables readable.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

# --- catalogue types ----------------------------------------------------------------------------------------


class Powertrain(NamedTuple):
    """What the window sticker says about the drive; ``vin_code`` is VIN position 8, the engine code."""

    engine: str
    engine_type: str
    transmission: tuple[str, str]
    drivetrain: str
    city_mpg: int | None
    highway_mpg: int | None
    ev_range: int | None
    vin_code: str


class Trim(NamedTuple):
    """A trim level; ``premium`` trims come with leather-type seats, the rest with cloth."""

    name: str
    msrp: int
    variants: tuple[tuple[Powertrain, int], ...]
    premium: bool


class Extra(NamedTuple):
    """A priced add-on with the share of vehicles that carry it."""

    name: str
    msrp: int
    take_rate: float
    only: frozenset[str] | None


class Paint(NamedTuple):
    label: str
    rgb: str
    generic: str
    msrp: int


class Model(NamedTuple):
    name: str
    body: str
    share: float
    wmi: str
    vds: str
    plants: str
    trims: tuple[Trim, ...]
    packages: tuple[Extra, ...]
    options: tuple[Extra, ...]
    paints: tuple[Paint, ...]


class Make(NamedTuple):
    name: str
    models: tuple[Model, ...]
    paints: tuple[Paint, ...]
    cloth: tuple[Paint, ...]
    leather: tuple[Paint, ...]
    accessories: tuple[Extra, ...]


def _pt(
    engine: str,
    engine_type: str,
    transmission: tuple[str, str],
    drivetrain: str,
    mpg: tuple[int, int] | None,
    vin_code: str,
    ev_range: int | None = None,
) -> Powertrain:
    city, highway = mpg if mpg is not None else (None, None)
    return Powertrain(engine, engine_type, transmission, drivetrain, city, highway, ev_range, vin_code)


def _t(name: str, msrp: int, *variants: Powertrain | tuple[Powertrain, int], premium: bool = False) -> Trim:
    """A trim; a bare powertrain costs nothing extra, ``(powertrain, extra)`` is an upcharge (AWD, V8)."""
    pairs = tuple((v, 0) if isinstance(v, Powertrain) else v for v in variants)
    return Trim(name, msrp, pairs, premium)


def _x(name: str, msrp: int, take_rate: float, *only: str) -> Extra:
    """A package or option; ``only`` limits it to those trims (model extras) or bodies (make accessories)."""
    return Extra(name, msrp, take_rate, frozenset(only) if only else None)


def _c(label: str, rgb: str, generic: str, msrp: int = 0) -> Paint:
    return Paint(label, rgb, generic, msrp)


def _m(
    name: str,
    body: str,
    share: float,
    vin: tuple[str, str, str],
    trims: Sequence[Trim],
    packages: Sequence[Extra] = (),
    options: Sequence[Extra] = (),
    paints: Sequence[Paint] = (),
) -> Model:
    """A model line; ``vin`` is (WMI, positions 4-7, plant codes) as the manufacturer assigns them."""
    wmi, vds, plants = vin
    return Model(name, body, share, wmi, vds, plants, tuple(trims), tuple(packages), tuple(options), tuple(paints))


FWD, AWD, RWD, FOUR_WD = "Front-Wheel Drive", "All-Wheel Drive", "Rear-Wheel Drive", "Four-Wheel Drive"
SEDAN, SUV, PICKUP, HATCH, MINIVAN, COUPE = "Sedan", "SUV", "Pickup", "Hatchback", "Minivan", "Coupe"
GAS, HYBRID, PHEV, EV, DIESEL = "Gas", "Hybrid", "Plug-In Hybrid", "Electric", "Diesel"

_A6 = ("6-Speed Automatic", "Automatic")
_A8 = ("8-Speed Automatic", "Automatic")
_A9 = ("9-Speed Automatic", "Automatic")
_A10 = ("10-Speed Automatic", "Automatic")
_DCT6 = ("6-Speed Dual-Clutch Automatic", "Automatic")
_DCT7 = ("7-Speed Dual-Clutch Automatic", "Automatic")
_DCT8 = ("8-Speed Dual-Clutch Automatic", "Automatic")
_M6 = ("6-Speed Manual", "Manual")
_M7 = ("7-Speed Manual", "Manual")
_IVT = ("Intelligent Variable Transmission (IVT)", "CVT")
_CVT = ("CVT", "CVT")
_ECVT = ("Electronically Controlled CVT (eCVT)", "CVT")
_LINEARTRONIC = ("Lineartronic CVT", "CVT")
_SPT = ("Subaru Performance Transmission", "CVT")
_DIRECT = ("Single-Speed Reduction Gear", "Single-Speed")

# Generic colours weighted the way US new-car lots look: mostly white, black, grey and silver.
COLOUR_MIX = {"white": 25, "black": 20, "gray": 20, "silver": 10, "blue": 10, "red": 8}
