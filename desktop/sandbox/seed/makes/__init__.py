"""The sandbox's model catalogue: makes, model lines, trims with MSRP, powertrains with fuel economy and VIN
engine codes, packages, options and paints, as real window stickers list them (2024-2025).

The catalogue is data, one ``<make>.json`` per make beside this module (package data, so a wheel and the frozen
app carry it); :mod:`.load` reads and checks the files into the types of :mod:`.catalogue`.
"""

from __future__ import annotations

from desktop.sandbox.seed.makes.catalogue import COLOUR_MIX, Extra, Make, Model, Paint, Powertrain, Trim
from desktop.sandbox.seed.makes.load import load_makes

__all__ = ["COLOUR_MIX", "Extra", "Make", "Model", "Paint", "Powertrain", "Trim", "load_makes"]
