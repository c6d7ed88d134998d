"""The catalogue compiled once per make into buildable variants with cumulative sales weights, so drawing a
vehicle is two bisects."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import accumulate
from typing import NamedTuple

from desktop.sandbox.seed.makes import COLOUR_MIX, Extra, Make, Model, Paint, load_makes

# Trims further down a model's list sell less; the second trim is usually the volume seller.
_TRIM_POPULARITY = (3.0, 4.0, 3.0, 2.0, 1.5)
_LONG_TAIL_POPULARITY = 1.0


class Variant(NamedTuple):
    """One buildable (model, trim, powertrain) with everything a vehicle needs precomputed."""

    make: str
    model: str
    trim: str
    body: str
    drivetrain: str
    engine: tuple[str, str]
    transmission: tuple[str, str]
    msrp: int
    vin_prefix: str
    plants: str
    packages: tuple[Extra, ...]
    options: tuple[Extra, ...]
    paints: tuple[Paint, ...]
    paint_weights: tuple[float, ...]
    interiors: tuple[Paint, ...]
    interior_weights: tuple[float, ...]
    city_mpg: int | None
    highway_mpg: int | None
    ev_range: int | None


def cumulative(weights: Sequence[float]) -> tuple[float, ...]:
    """Normalized running totals ending at exactly 1.0, so ``bisect`` of a draw in [0, 1) stays in range."""
    total = sum(weights)
    running = [w / total for w in accumulate(weights)]
    running[-1] = 1.0
    return tuple(running)


def _compile_model(make: Make, model: Model) -> list[tuple[Variant, float]]:
    paints = make.paints + model.paints
    paint_weights = cumulative([COLOUR_MIX.get(p.generic, 5) for p in paints])
    accessories = tuple(a for a in make.accessories if a.only is None or model.body in a.only)
    compiled: list[tuple[Variant, float]] = []
    for index, trim in enumerate(model.trims):
        popularity = _TRIM_POPULARITY[index] if index < len(_TRIM_POPULARITY) else _LONG_TAIL_POPULARITY
        interiors = make.leather if trim.premium else make.cloth
        # Black interiors outsell everything else roughly three to one.
        interior_weights = cumulative([3.0 if i.generic == "black" else 1.0 for i in interiors])
        packages = tuple(p for p in model.packages if p.only is None or trim.name in p.only)
        options = tuple(o for o in model.options if o.only is None or trim.name in o.only) + accessories
        for powertrain, extra in trim.variants:
            variant = Variant(
                make=make.name,
                model=model.name,
                trim=trim.name,
                body=model.body,
                drivetrain=powertrain.drivetrain,
                engine=(powertrain.engine, powertrain.engine_type),
                transmission=powertrain.transmission,
                msrp=trim.msrp + extra,
                vin_prefix=model.wmi + model.vds + powertrain.vin_code,
                plants=model.plants,
                packages=packages,
                options=options,
                paints=paints,
                paint_weights=paint_weights,
                interiors=interiors,
                interior_weights=interior_weights,
                city_mpg=powertrain.city_mpg,
                highway_mpg=powertrain.highway_mpg,
                ev_range=powertrain.ev_range,
            )
            compiled.append((variant, model.share * popularity / len(trim.variants)))
    return compiled


@cache
def make_table(make_name: str) -> tuple[tuple[Variant, ...], tuple[float, ...]]:
    """Every variant of a make with cumulative sales weights, built once per process."""
    make = load_makes()[make_name]
    pairs = [pair for model in make.models for pair in _compile_model(make, model)]
    return tuple(v for v, _ in pairs), cumulative([w for _, w in pairs])
