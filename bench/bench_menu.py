"""How fast the F&I menu recomputes: four packages x two deal types (finance and lease), on one core.

Run ``python bench/bench_menu.py``. A menu recompute is what every keystroke on the desk costs once the menu
is open: the baseline payment and each package's payment for finance and lease (10 deals). The figure is the
median of many recomputes over a pool of varied structures (tax states, credit tiers, trades, tax sources),
beside the 16 ms frame budget. A benchmark, not a timed test: it reports and exits 0.
"""

from __future__ import annotations

import platform
import statistics
import sys
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from itertools import cycle, islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import HEADER, row
from desktop.domain.deal import DealerConfig, TradeIn
from desktop.domain.desking import DealStructure, DeskContext, DeskVehicle, JurisdictionRate, TaxSource
from desktop.domain.desking.menu import CatalogProduct, CatalogTier, default_packages, price_menu
from desktop.domain.programs import default_programs

FRAME_MS = 16.0
TODAY = date(2026, 5, 15)
REPEATS = 400
D = Decimal
EVERY = frozenset({"cash", "finance", "lease"})
CATALOG = (
    CatalogProduct(
        "VSC",
        "Service Contract",
        "VSC",
        "Mazda",
        True,
        True,
        EVERY,
        tuple(CatalogTier(f"VSC{m}", f"{m} months", D(900 + 15 * m), D(500 + 8 * m), m) for m in (36, 60, 72, 84)),
    ),
    CatalogProduct(
        "GAP",
        "GAP",
        "GAP",
        "Ally",
        False,
        False,
        frozenset({"finance", "lease"}),
        (CatalogTier("GAP", "", D(895), D(300)),),
    ),
    CatalogProduct(
        "TW", "Tire & Wheel", "TW", "RHG", True, False, EVERY, (CatalogTier("TW3", "3 years", D(699), D(260)),)
    ),
    CatalogProduct(
        "PPM", "Maintenance", "PPM", "Dealer", True, True, EVERY, (CatalogTier("PPM3", "3y", D(599), D(340)),)
    ),
    CatalogProduct("KEY", "Key", "Key", "KeyCare", False, False, EVERY, (CatalogTier("KEY1", "One", D(399), D(120)),)),
    CatalogProduct(
        "APP", "Appearance", "App", "Shield", True, False, EVERY, (CatalogTier("APP5", "5y", D(799), D(200)),)
    ),
)
DEALER = DealerConfig.from_api(
    {
        "fees": {"doc_fee": 85, "filing_fee": 30, "license_fee": 120.25, "lease_acquisition_fee": 650},
        "markups": [{"make": "All", "finance": {"new": {"global": {"standard": 2}}}, "lease": {}}],
    }
)


def pool() -> list[DealStructure]:
    vehicle = DeskVehicle("JM3KFBCM1R0000001", 2026, "Mazda", "CX-5", D(32_000))
    base = DealStructure(vehicle=vehicle, selling_price=D(31_000), credit_score=700, zip_code="94113")
    variants = []
    for i, zip_code in enumerate(("94113", "98101", "75201", "10001", "30301", "60601", "33101", "03101")):
        trade = TradeIn(D(6000), D(8000 if i % 2 else 0), "financed" if i % 2 else "owned")  # type: ignore[arg-type]
        tax = JurisdictionRate(TaxSource.TYPED, D("0.0925")) if i % 3 == 0 else JurisdictionRate()
        variants.append(
            replace(base, zip_code=zip_code, credit_score=640 + 25 * i, cash_down=D(500 * i), trade=trade, tax=tax)
        )
    return variants


def main() -> int:
    ctx = DeskContext(DEALER, default_programs("Mazda", TODAY), TODAY)
    packages = default_packages(CATALOG)
    structures = pool()
    for structure in structures:  # warm the program and tax caches, as a desk's first keystroke does
        price_menu(structure, ctx, packages, CATALOG)
    times = []
    for structure in islice(cycle(structures), REPEATS):
        start = time.perf_counter()
        price_menu(structure, ctx, packages, CATALOG)
        times.append((time.perf_counter() - start) * 1000)
    median, worst = statistics.median(times), max(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"Python {platform.python_version()}, one thread, {len(packages)} packages x 2 deal types, {REPEATS} runs")
    print(HEADER)
    print(row("menu recompute, median", f"{median:.2f} ms", "", "", f"<= {FRAME_MS:.0f} ms", median <= FRAME_MS))
    print(row("menu recompute, 95th percentile", f"{p95:.2f} ms", "", "", f"<= {FRAME_MS:.0f} ms", p95 <= FRAME_MS))
    print(row("menu recompute, worst", f"{worst:.2f} ms", "", "", "", None))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
