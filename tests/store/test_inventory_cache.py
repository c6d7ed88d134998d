"""The offline inventory cache hands out rows the cyclic garbage collector does not have to walk."""

from __future__ import annotations

import gc
from pathlib import Path

from desktop.store.inventory_cache import ROW_IN_STOCK, ROW_MSRP, ROW_VIN, ROW_YEAR, InventoryCache


def vehicle(i: int) -> dict[str, object]:
    return {
        "vin": f"KMH{i:014d}",
        "stock_number": f"H-{i}",
        "year": 2026,
        "make": "Hyundai",
        "model": "Tucson",
        "trim": "SEL",
        "body": "SUV",
        "exterior_color": {"label": "Ultimate Red", "rgb": "9B1B1E"},
        "msrp": 31000.0 + i,
        "in_stock": i % 3 != 0,
        "updated_at": 1_700_000_000 + i,
    }


def test_rows_and_their_container_are_untracked_after_a_young_collection(tmp_path: Path) -> None:
    cache = InventoryCache(tmp_path / "cache.sqlite3")
    cache.upsert_vehicles("hyundaidemo", [vehicle(i) for i in range(3000)])
    rows = cache.vehicle_rows("hyundaidemo")
    assert len(rows) == 3000 and rows[0][ROW_VIN] == "KMH00000000000000"
    assert rows[1][ROW_YEAR] == 2026 and rows[1][ROW_MSRP] == 31001.0 and rows[0][ROW_IN_STOCK] == 0
    gc.collect(0)  # what the interpreter does every few hundred allocations: the rows are seen, and untracked
    assert [r[ROW_VIN] for r in rows if gc.is_tracked(r)] == []
    gc.collect(1)  # every tenth young collection: their container, now holding only untracked rows, follows
    assert not gc.is_tracked(rows)
    cache.close()
