"""The manufacturers' codes the sandbox can price: a few trims, premium colours and factory options per make.

A pricing request may name the configuration by code (reference lines 227-239); a code listed here is priced
into the answer (:mod:`desktop.domain.vehicle_codes`), any other is echoed and ignored. Codes and prices are
plausible 2024-2025 window-sticker figures: premium paints $395-$595, invoices about 92 % of MSRP.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from types import MappingProxyType

from desktop.domain.vehicle_codes import CodedItem

# make → (code, kind, name, msrp, invoice, rgb)
_CODES: dict[str, tuple[tuple[str, str, str, int, int, str], ...]] = {
    "mazda": (
        ("S25P", "trim", "2.5 S Preferred", 0, 0, ""),
        ("S25X", "trim", "2.5 S Premium", 0, 0, ""),
        ("46V", "exterior_color", "Soul Red Crystal Metallic", 595, 548, "9B1B1E"),
        ("46G", "exterior_color", "Machine Gray Metallic", 595, 548, "5B5E60"),
        ("25D", "exterior_color", "Snowflake White Pearl Mica", 395, 364, "F2F2EE"),
        ("KAA", "interior_color", "Garnet Red Leather", 300, 276, "6A1F24"),
        ("1RM", "option", "Frameless Auto-Dimming Mirror", 375, 302, ""),
        ("CGO", "option", "Cargo Organizer Package", 275, 221, ""),
        ("RBS", "option", "Rear Bumper Step Guard", 125, 100, ""),
    ),
    "subaru": (
        ("K1X", "exterior_color", "Crystal White Pearl", 395, 364, "F4F4F2"),
        ("OPT22", "option", "Power Moonroof and Navigation Package", 2145, 1931, ""),
    ),
    "toyota": (
        ("089", "exterior_color", "Wind Chill Pearl", 425, 383, "F3F3F0"),
        ("3U5", "exterior_color", "Supersonic Red", 500, 450, "B3121D"),
        ("CF", "option", "Carpet Floor Mats and Door Sill Protectors", 269, 172, ""),
        ("PC", "option", "Premium Audio with Dynamic Navigation", 1260, 1071, ""),
    ),
    "hyundai": (
        ("T2G", "exterior_color", "Amazon Gray", 470, 432, "6E7372"),
        ("CGN", "option", "Cargo Net", 55, 40, ""),
        ("FMC", "option", "Carpeted Floor Mats", 195, 156, ""),
    ),
    "kia": (("ABP", "exterior_color", "Aurora Black Pearl", 495, 455, "1B1C20"),),
    "honda": (("NH-883P", "exterior_color", "Platinum White Pearl", 455, 419, "F1F1EC"),),
    "ford": (("E4", "exterior_color", "Rapid Red Metallic Tinted Clearcoat", 495, 450, "8A1C1F"),),
}


@cache
def codes_for(make: str) -> Mapping[str, CodedItem]:
    """``make``'s code catalog, code → item (empty for a make without one); read-only, it is shared."""
    return MappingProxyType(
        {
            code: CodedItem(code, kind, name, Decimal(msrp), Decimal(invoice), rgb)
            for code, kind, name, msrp, invoice, rgb in _CODES.get(make.casefold(), ())
        }
    )
