"""The manufacturers' codes the sandbox can price: a few trims, premium colours and factory options per make.

A pricing request may name the configuration by code (reference lines 227-239); a code listed here is priced
into the answer (:mod:`desktop.domain.vehicle_codes`), any other is echoed and ignored. The codes are data, the
``codes`` of each make's file (:mod:`desktop.sandbox.seed.makes.load` reads and checks them): plausible 2024-2025
window-sticker figures, premium paints $395-$595, invoices about 92 % of MSRP.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from desktop.domain.vehicle_codes import CodedItem
from desktop.sandbox.seed.makes.load import load_codes

_NONE: Mapping[str, CodedItem] = MappingProxyType({})


def codes_for(make: str) -> Mapping[str, CodedItem]:
    """``make``'s code catalog, code → item (empty for a make without one); read-only, it is shared."""
    return load_codes().get(make.casefold(), _NONE)
