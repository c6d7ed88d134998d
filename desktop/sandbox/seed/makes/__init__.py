"""The sandbox's model catalogue as literal data: makes, model lines, trims with MSRP, powertrains with fuel
economy and VIN engine codes, packages, options and paints, as real window stickers list them (2024-2025).

The types and the short builders (``_pt``, ``_t``, ``_x``, ``_c``, ``_m``) exist to keep the tables readable.

One module per make; :mod:`.catalogue` holds the types and the builders they share."""

from __future__ import annotations

from desktop.sandbox.seed.makes.catalogue import COLOUR_MIX, Extra, Make, Model, Paint, Powertrain, Trim
from desktop.sandbox.seed.makes.ford import _FORD
from desktop.sandbox.seed.makes.honda import _HONDA
from desktop.sandbox.seed.makes.hyundai import _HYUNDAI
from desktop.sandbox.seed.makes.kia import _KIA
from desktop.sandbox.seed.makes.mazda import _MAZDA
from desktop.sandbox.seed.makes.subaru import _SUBARU
from desktop.sandbox.seed.makes.toyota import _TOYOTA

MAKES: dict[str, Make] = {make.name: make for make in (_HYUNDAI, _MAZDA, _SUBARU, _TOYOTA, _HONDA, _FORD, _KIA)}

__all__ = ["COLOUR_MIX", "MAKES", "Extra", "Make", "Model", "Paint", "Powertrain", "Trim"]
