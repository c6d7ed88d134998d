"""New-vehicle inventory per dealer: a pure, fast function of dealer, count, seed and time, with VINs that
decode and never collide across the group."""

from __future__ import annotations

import random
import time
import zlib
from bisect import bisect
from collections.abc import Iterator
from typing import Any

from desktop.domain.vin import with_check_digit, year_code
from desktop.sandbox.seed.dealers import DEALER_SPECS
from desktop.sandbox.seed.makes import Extra, load_makes
from desktop.sandbox.seed.variants import cumulative, make_table

_SERIAL_BLOCK = 100_000
_SERIAL_BLOCKS = 10
# Odd and not a multiple of 5, so it is coprime with the block size and scatters serials without repeats.
_SERIAL_STRIDE = 69_997
# Seeded dealers own a serial block each, so their VINs can never collide even when two sell the same make.
_RESERVED_BLOCKS = {spec.dpid: block for block, spec in enumerate(DEALER_SPECS)}
_WINDOW = 90 * 86_400
_MAIN_MAKE_SHARE = 0.7

_DEALER_ADDONS = (
    ("Nitrogen-Filled Tires", 199),
    ("Window Tint", 399),
    ("Paint Protection Film", 995),
    ("Ceramic Coating", 1295),
    ("Wheel Locks", 79),
    ("Door Edge Guards", 149),
    ("Anti-Theft VIN Etch", 299),
    ("Interior Fabric Protection", 349),
)
_ADDON_RATE = 0.75


def _stable_hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def _serial_block(dpid: str) -> int:
    reserved = _RESERVED_BLOCKS.get(dpid)
    if reserved is not None:
        return reserved
    spare = _SERIAL_BLOCKS - len(_RESERVED_BLOCKS)
    return len(_RESERVED_BLOCKS) + _stable_hash(dpid) % spare


def _model_years(now: int) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """Model years on a lot at ``now``: next year's arrive from summer, last year's sell down by winter."""
    moment = time.gmtime(now)
    month = moment.tm_mon
    previous = 0.05 + 0.3 * (12 - month) / 11
    upcoming = 0.5 * max(0, month - 6) / 6
    current = 1.0 - previous - upcoming
    year = moment.tm_year
    shares = {year - 1: previous, year: current, year + 1: upcoming}
    on_sale = tuple(y for y, share in shares.items() if share > 0)
    return on_sale, cumulative([shares[y] for y in on_sale])


def _dealer_makes(dealer: dict[str, Any]) -> tuple[list[str], tuple[float, ...]]:
    makes = [m for m in dealer.get("makes", []) if m in load_makes()]
    if not makes:
        raise ValueError(f"dealer {dealer.get('dpid')!r} sells no make the sandbox has data for: {dealer.get('makes')}")
    if len(makes) == 1:
        return makes, (1.0,)
    others = (1.0 - _MAIN_MAKE_SHARE) / (len(makes) - 1)
    return makes, cumulative([_MAIN_MAKE_SHARE] + [others] * (len(makes) - 1))


def generate_inventory(dealer: dict[str, Any], count: int, seed: int, now: int) -> Iterator[dict[str, Any]]:
    """New vehicles on (or inbound to) ``dealer``'s lot, one dict each in the inventory endpoint's shape.

    The stream is a pure function of its arguments, so a sandbox re-seeded with the same values serves the
    same VINs. Positions 12-17 of every VIN come from the dealer's own serial block, scattered by a fixed
    stride: each of the seeded dealers owns a block, so VINs are unique within a dealer and across the group
    for up to 100,000 vehicles per dealer (beyond that, or for dealers unknown to this module, a dealer
    borrows further blocks and only VINs of the same make, model and year could ever meet).

    Args:
        dealer: A dealer dict as from :func:`generate_dealers`; its ``dpid`` and ``makes`` are used.
        count: How many vehicles to yield.
        seed: The sandbox seed; combined with the dpid so dealers differ.
        now: Epoch seconds; ``updated_at`` falls in the 90 days before it, and it sets the model years.

    Yields:
        Vehicle dicts with identity, equipment, colours, prices, stock state and fuel economy.

    Raises:
        ValueError: The dealer sells none of the makes the sandbox has a catalogue for.
    """
    dpid = str(dealer.get("dpid", ""))
    makes, make_weights = _dealer_makes(dealer)
    tables = [make_table(make) for make in makes]
    years, year_weights = _model_years(now)
    year_codes = [year_code(y) for y in years]
    rng = random.Random(seed ^ _stable_hash(dpid))
    addon_count = rng.randint(2, 4)
    addons = tuple(Extra(name, msrp, _ADDON_RATE, None) for name, msrp in rng.sample(_DEALER_ADDONS, addon_count))
    first_block = _serial_block(dpid)
    serial_offset = rng.randrange(_SERIAL_BLOCK)
    stock_base = rng.randrange(1000, 20000)
    random_ = rng.random
    multi_make = len(makes) > 1

    for index in range(count):
        variants, weights = tables[bisect(make_weights, random_()) if multi_make else 0]
        variant = variants[bisect(weights, random_())]
        year_index = bisect(year_weights, random_())
        block = (first_block + index // _SERIAL_BLOCK) % _SERIAL_BLOCKS
        serial = block * _SERIAL_BLOCK + (index * _SERIAL_STRIDE + serial_offset) % _SERIAL_BLOCK
        plant = variant.plants[int(random_() * len(variant.plants))]
        vin = with_check_digit(f"{variant.vin_prefix}0{year_codes[year_index]}{plant}{serial:06d}")
        paint = variant.paints[bisect(variant.paint_weights, random_())]
        interior = variant.interiors[bisect(variant.interior_weights, random_())]
        msrp = variant.msrp + paint.msrp + interior.msrp
        packages = []
        for extra in variant.packages:
            if random_() < extra.take_rate:
                packages.append({"name": extra.name, "msrp": extra.msrp})
                msrp += extra.msrp
        options = []
        for extra in variant.options:
            if random_() < extra.take_rate:
                options.append({"name": extra.name, "msrp": extra.msrp})
                msrp += extra.msrp
        in_stock = random_() < 0.85
        # Add-ons are fitted once a car is on the lot; inbound units have none yet.
        dealer_options = (
            [{"name": a.name, "msrp": a.msrp} for a in addons if random_() < a.take_rate] if in_stock else []
        )
        year = years[year_index]
        yield {
            "vin": vin,
            "stock_number": f"{variant.make[0]}{year % 100:02d}-{stock_base + index:05d}",
            "make": variant.make,
            "model": variant.model,
            "year": year,
            "trim": variant.trim,
            "body": variant.body,
            "drivetrain": variant.drivetrain,
            "engine": {"label": variant.engine[0], "type": variant.engine[1]},
            "transmission": {"label": variant.transmission[0], "type": variant.transmission[1]},
            "exterior_color": {
                "label": paint.label,
                "rgb": paint.rgb,
                "generic": paint.generic,
                "msrp": paint.msrp,
            },
            "interior_color": {
                "label": interior.label,
                "rgb": interior.rgb,
                "generic": interior.generic,
                "msrp": interior.msrp,
            },
            "packages": packages,
            "options": options,
            "dealer_options": dealer_options,
            "msrp": msrp,
            "invoice": int(msrp * (0.92 + 0.04 * random_())),
            "in_stock": in_stock,
            "reserved": in_stock and random_() < 0.06,
            "updated_at": now - int(random_() * _WINDOW),
            "city_mpg": variant.city_mpg,
            "highway_mpg": variant.highway_mpg,
            "ev_range": variant.ev_range,
        }
