"""Deterministic demo data for the sandbox: a small dealer group and its new-vehicle inventory.

The sandbox stands in for the Roadster partner API, so what it serves has to survive the eye of someone who
works at a dealership: real model lines and trims, prices and fuel economy in the right range, paint names a
customer would recognise, and VINs that decode (real WMI for the make, correct check digit and model-year
code). Everything is derived from a seed so tests, screenshots and benchmarks see the same data on every
machine, and it is cheap enough to produce 100,000 vehicles per dealer in a few seconds: all per-model work is
done once, up front.

One job per module: :mod:`.makes` (the catalogue, read from its data files), :mod:`.variants` (compiled per make),
:mod:`.dealers`, :mod:`.inventory` and :mod:`.codes` (the manufacturer codes a pricing request can name).
"""

from __future__ import annotations

from desktop.sandbox.seed.dealers import generate_dealers
from desktop.sandbox.seed.inventory import generate_inventory

__all__ = ["generate_dealers", "generate_inventory"]
