"""A switch back to a recent rooftop prepares nothing again; new rows (a sync wrote) or a new sort are prepared;
a filter changed since is searched over the kept order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.store.inventory_cache import ROW_VIN, VehicleRow
from desktop.ui.models import inventory_columns as cols
from desktop.ui.models import prepared_memo
from desktop.ui.models.inventory_search import EVERYTHING, PreparedRows, Query
from desktop.ui.models.prepared_memo import PreparedMemo
from desktop.ui.tabs.inventory import InventoryTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace


def vehicle(i: int, prefix: str) -> dict[str, Any]:
    return {
        "vin": f"{prefix}{i:014d}",
        "stock_number": f"S{i:05d}",
        "year": 2026,
        "make": "Hyundai",
        "model": ("Elantra", "Tucson")[i % 2],
        "trim": "SE",
        "body": "SUV",
        "msrp": 30_000.0 + i,
        "updated_at": 1_700_000_000 + i,
    }


@pytest.fixture
def prepares(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many rows each real ``prepare_rows`` call of the memo prepared."""
    calls: list[int] = []
    real = prepared_memo.prepare_rows

    def counted(rows: Sequence[VehicleRow], query: Query, chaiz: Any = None) -> PreparedRows:
        calls.append(len(rows))
        return real(rows, query, chaiz)

    monkeypatch.setattr(prepared_memo, "prepare_rows", counted)
    return calls


def rows_of(prefix: str, n: int) -> tuple[VehicleRow, ...]:
    return tuple(
        (f"{prefix}{i:014d}", f"S{i}", 2026, "Hyundai", "Tucson", "SE", "SUV", "", "", 30_000.0, 1, 0, i)
        for i in range(n)
    )


def test_the_same_rows_and_sort_give_the_kept_preparation(prepares: list[int]) -> None:
    memo = PreparedMemo(keep=2)
    a, b, c = rows_of("A", 3), rows_of("B", 4), rows_of("C", 5)
    first = memo.prepared("a", a, EVERYTHING)
    assert memo.prepared("b", b, EVERYTHING) is not first
    assert memo.prepared("a", a, EVERYTHING) is first
    assert prepares == [3, 4]
    by_year = Query(sort=(cols.COL_YEAR, Qt.SortOrder.DescendingOrder))
    assert memo.prepared("a", a, by_year).query == by_year  # another sort: prepared again
    memo.prepared("a", rows_of("A", 3), by_year)  # equal rows, another tuple: the cache read them after a write
    memo.prepared("c", c, EVERYTHING)  # a third rooftop: the least recently used ("b") goes
    memo.prepared("b", b, EVERYTHING)
    assert prepares == [3, 4, 3, 3, 5, 4]


def test_a_new_filter_searches_the_kept_order(prepares: list[int]) -> None:
    memo = PreparedMemo()
    rows = rows_of("A", 4)[:2] + tuple((*r[:10], 0, *r[11:]) for r in rows_of("A", 4)[2:])  # two sold
    everything = memo.prepared("a", rows, EVERYTHING)
    in_stock = memo.prepared("a", rows, Query(in_stock_only=True))
    assert prepares == [4]
    assert in_stock.order is everything.order and in_stock.haystack is everything.haystack
    assert in_stock.view == (0, 1)


def test_switching_back_to_a_recent_rooftop_prepares_nothing(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, prepares: list[int]
) -> None:
    cache = workspace.cache
    cache.upsert_vehicles("alpha", [vehicle(i, "AAA") for i in range(300)])
    cache.upsert_vehicles("beta", [vehicle(i, "BBB") for i in range(200)])
    tab = InventoryTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.show()
    for dpid, count in (("alpha", 300), ("beta", 200), ("alpha", 300), ("beta", 200)):
        workspace.set_rooftop(dpid)
        qtbot.waitUntil(lambda c=count: tab.model.total_count() == c and not runner.running(), timeout=10_000)
        assert tab.model.row_at(0)[ROW_VIN].startswith(dpid[0].upper() * 3)
    assert prepares == [300, 200]  # the switches back handed the kept lists to the table
    tab.filter.setText("tucson")
    qtbot.waitUntil(lambda: tab.model.match_count() == 100)  # beta: 200 rows, every other a Tucson
    cache.upsert_vehicles("alpha", [vehicle(301, "AAA")])  # a sync wrote: the rows are read and prepared anew
    workspace.set_rooftop("alpha")
    qtbot.waitUntil(lambda: tab.model.total_count() == 301 and not runner.running(), timeout=10_000)
    assert prepares == [300, 200, 301]
    qtbot.waitUntil(lambda: tab.model.match_count() == 151)  # the filter still applies to the new rows
