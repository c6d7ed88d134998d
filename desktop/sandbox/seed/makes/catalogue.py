"""The catalogue's types, as the seed compiles them, and the words its data files may use for a vehicle's kind."""

from __future__ import annotations

from typing import NamedTuple


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
    """A trim level; ``premium`` trims come with leather-type seats, the rest with cloth.

    ``variants`` pairs each powertrain the trim is sold with and its upcharge (AWD, V8; 0 for the base one).
    """

    name: str
    msrp: int
    variants: tuple[tuple[Powertrain, int], ...]
    premium: bool


class Extra(NamedTuple):
    """A priced add-on with the share of vehicles that carry it.

    ``only`` limits it to those trims (a model's packages and options) or bodies (a make's accessories).
    """

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
    """A model line; ``wmi``, ``vds`` and ``plants`` are VIN positions 1-3, 4-7 and the plant codes (position 11)."""

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


# The words the inventory endpoint uses for a vehicle's kind: a data file naming another is refused on load.
BODIES = frozenset({"Sedan", "SUV", "Pickup", "Hatchback", "Minivan", "Coupe"})
DRIVETRAINS = frozenset({"Front-Wheel Drive", "All-Wheel Drive", "Rear-Wheel Drive", "Four-Wheel Drive"})
ENGINE_TYPES = frozenset({"Gas", "Hybrid", "Plug-In Hybrid", "Electric", "Diesel"})
TRANSMISSION_TYPES = frozenset({"Automatic", "Manual", "CVT", "Single-Speed"})

# Generic colours weighted the way US new-car lots look: mostly white, black, grey and silver.
COLOUR_MIX = {"white": 25, "black": 20, "gray": 20, "silver": 10, "blue": 10, "red": 8}
