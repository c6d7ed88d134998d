"""The inventory's filter and sort run in the TaskRunner: the GUI thread only swaps the finished view in."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop.store.inventory_cache import ROW_MODEL, ROW_VIN, SyncState, VehicleRow
from desktop.ui.models import inventory as inv
from desktop.ui.models import inventory_columns as cols
from desktop.ui.models.inventory import InventoryModel
from desktop.ui.models.inventory_search import prepare_rows
from desktop.ui.tabs.inventory import InventoryTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.ui.test_models import rows, searched


class SearchSpy:
    """Stands in for the search function: records the thread and candidates of each call; can hold calls back."""

    def __init__(self, real: Callable[..., list[int]]) -> None:
        self.real = real
        self.calls: list[tuple[int, str, int]] = []  # (thread, needle, how many candidates)
        self.entered = threading.Event()
        self.release = threading.Event()
        self.release.set()

    def __call__(self, rows: Any, haystack: Any, candidates: list[int], query: Any, check: Any) -> list[int]:
        self.calls.append((threading.get_ident(), query.needle, len(candidates)))
        result = self.real(rows, haystack, candidates, query, check)
        self.entered.set()
        assert self.release.wait(10)
        return result


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[SearchSpy]:
    found = SearchSpy(inv.filtered_positions)
    monkeypatch.setattr(inv, "filtered_positions", found)
    yield found
    found.release.set()  # never leave a worker waiting


def drained(qtbot: QtBot, runner: TaskRunner) -> None:
    """Wait until every result a worker already sent has reached the GUI thread: a job submitted after them
    answers after them."""
    assert runner.wait_idle(10_000)
    done: list[bool] = []
    runner.submit(lambda: None, lambda _result: done.append(True))
    qtbot.waitUntil(lambda: bool(done))


def test_the_search_runs_in_a_worker_and_the_view_changes_when_it_is_done(
    qtbot: QtBot, runner: TaskRunner, spy: SearchSpy
) -> None:
    model = InventoryModel(runner)
    model.set_rows(rows(100))
    calls_before = len(spy.calls)  # set_rows without prepared rows filters here, for nothing but the rows given
    with qtbot.waitSignal(model.searching) as started:
        model.set_filter("santa")
    assert started.args == [True] and model.is_searching()
    assert model.match_count() == 100  # still the rows shown before: nothing was filtered on this thread
    with qtbot.waitSignal(model.searching) as finished:
        pass
    assert finished.args == [False] and model.match_count() == 25
    assert [needle for _thread, needle, _n in spy.calls[calls_before:]] == ["santa"]
    assert all(thread != threading.get_ident() for thread, _needle, _n in spy.calls[calls_before:])


def test_a_sort_runs_in_a_worker(qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[int] = []
    real = inv.sorted_order

    def sorted_order(*args: Any) -> list[int]:
        threads.append(threading.get_ident())
        return real(*args)

    monkeypatch.setattr(inv, "sorted_order", sorted_order)
    model = InventoryModel(runner)
    model.set_rows(rows(50))
    model.sort(cols.COL_MSRP, Qt.SortOrder.DescendingOrder)
    assert model.is_searching()
    qtbot.waitUntil(lambda: not model.is_searching())
    assert threads and threading.get_ident() not in threads
    prices = [cols.SORT_KEY[cols.COL_MSRP](model.row_at(i)) for i in range(model.rowCount())]
    assert prices == sorted(prices, reverse=True)


def test_a_superseded_search_is_never_shown(qtbot: QtBot, runner: TaskRunner, spy: SearchSpy) -> None:
    model = InventoryModel(runner)
    model.set_rows(rows(100))
    said: list[bool] = []
    model.searching.connect(said.append)
    shown: list[set[str]] = []  # the models of the rows in each view swapped in
    model.layoutChanged.connect(lambda: shown.append({model.row_at(i)[ROW_MODEL] for i in range(model.rowCount())}))
    spy.release.clear()
    model.set_filter("santa")
    qtbot.waitUntil(spy.entered.is_set, timeout=10_000)  # the santa search has its result, waits to hand it over
    spy.release.set()
    model.set_filter("tucson")  # typed over before santa's result arrived: santa's job is cancelled
    qtbot.waitUntil(lambda: not model.is_searching())
    drained(qtbot, runner)
    assert model.match_count() == 25
    assert {model.row_at(i)[ROW_MODEL] for i in range(model.rowCount())} == {"Tucson"}
    assert shown == [{"Tucson"}]
    assert said == [True, False]  # one search as far as the tab can tell: no flash of the count in between


def test_new_rows_drop_a_search_of_the_old_ones(qtbot: QtBot, runner: TaskRunner, spy: SearchSpy) -> None:
    model = InventoryModel(runner)
    model.set_rows(rows(100))
    spy.release.clear()
    model.set_filter("santa")
    qtbot.waitUntil(spy.entered.is_set, timeout=10_000)
    renamed = [(*r[:ROW_MODEL], "Santa Cruz" if i < 3 else "Kona", *r[ROW_MODEL + 1 :]) for i, r in enumerate(rows(40))]
    model.set_rows(renamed)  # filtered for "santa" as they go in
    spy.release.set()
    drained(qtbot, runner)
    assert not model.is_searching() and model.total_count() == 40 and model.match_count() == 3
    assert {model.row_at(i)[ROW_MODEL] for i in range(model.rowCount())} == {"Santa Cruz"}


def test_back_spacing_to_a_remembered_filter_needs_no_job(qtbot: QtBot, runner: TaskRunner, spy: SearchSpy) -> None:
    model = InventoryModel(runner)
    model.set_rows(rows(100))
    searched(qtbot, model, "santa")
    searched(qtbot, model, "santa l")
    assert spy.calls[-1][2] == 25  # one more word typed: only the 25 santa rows shown were searched
    narrowed, calls = model.match_count(), len(spy.calls)
    assert 0 < narrowed < 25
    model.set_filter("santa")
    assert not model.is_searching() and model.match_count() == 25  # at once, on this thread, from memory
    model.set_filter("")
    assert not model.is_searching() and model.match_count() == 100
    assert len(spy.calls) == calls


def test_the_selected_vehicle_stays_selected_while_it_matches(qtbot: QtBot, runner: TaskRunner) -> None:
    model = InventoryModel(runner)
    data = rows(100)
    model.set_rows(data)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    vin = data[42][ROW_VIN]  # a Santa Fe
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().setCurrentIndex(model.index(42, 0), flags)
    searched(qtbot, model, "santa")
    row = model.row_of_vin(vin)
    assert 0 <= row < 25 and view.currentIndex().row() == row
    assert [i.row() for i in view.selectionModel().selectedRows()] == [row]
    searched(qtbot, model, "tucson")  # it no longer matches: nothing is selected, rather than another vehicle
    assert model.row_of_vin(vin) == -1 and not view.currentIndex().isValid()
    assert not view.selectionModel().selectedRows()


def test_the_tab_says_searching_while_a_long_search_runs(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, spy: SearchSpy
) -> None:
    tab = InventoryTab(runner, workspace)
    qtbot.addWidget(tab)
    data: list[VehicleRow] = [
        (f"JM1BPBDL0R1{i:06d}", f"M-{i}", 2026, "Mazda", ("CX-5", "CX-50", "Mazda3")[i % 3], "Select", "SUV", "Red",
         "9B1B1E", 30000.0, 1, 0, 1)
        for i in range(3_000)
    ]  # fmt: skip
    tab.model.set_rows(data)
    spy.release.clear()
    qtbot.keyClicks(tab.filter, "cx-50")
    qtbot.waitUntil(lambda: tab.count_label.text() == "3,000 vehicles · Searching…")
    assert tab.filter.text() == "cx-50"  # nothing typed is lost
    spy.release.set()
    qtbot.waitUntil(lambda: tab.count_label.text() == "3,000 vehicles · 1,000 shown")


def test_a_search_leaves_the_columns_alone(qtbot: QtBot, runner: TaskRunner, workspace: Workspace) -> None:
    """Only rows change: the header's stretched last column is not reset and stretched again (which re-fitted the
    narrow-window column collapser and repainted the table twice per keystroke)."""
    tab = InventoryTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.resize(1280, 600)
    tab.show()
    qtbot.waitExposed(tab)
    tab.model.set_rows(rows(3_000))
    qtbot.waitUntil(lambda: not tab.collapser._later.isActive())  # the columns fitted to the window first
    resized: list[int] = []
    tab.table.horizontalHeader().sectionResized.connect(lambda section, _old, _new: resized.append(section))
    for text in ("santa", "santa l", "tucson", ""):
        searched(qtbot, tab.model, text)
    assert tab.model.match_count() == 3_000 and resized == []


class Traced(str):
    """A colour code that says which thread freed it."""

    freed_on: ClassVar[list[threading.Thread]] = []

    def __del__(self) -> None:
        Traced.freed_on.append(threading.current_thread())


def test_the_previous_rooftops_rows_are_freed_in_a_worker(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace
) -> None:
    tab = InventoryTab(runner, workspace)
    qtbot.addWidget(tab)
    workspace.dpid = "hyundaidemo"
    state = SyncState("hyundaidemo", complete=True, last_synced_at=1_700_000_000)
    Traced.freed_on.clear()
    first = tuple((*r[:8], Traced("9B1B1E"), *r[9:]) for r in rows(5_007))
    tab._on_cache_loaded(("hyundaidemo", first, prepare_rows(first, tab.model.query()), state))
    del first
    second = tuple(rows(10))
    tab._on_cache_loaded(("hyundaidemo", second, prepare_rows(second, tab.model.query()), state))
    assert tab.model.total_count() == 10
    assert threading.main_thread() not in Traced.freed_on  # nothing freed in the callback (a worker may have begun)
    drained(qtbot, runner)
    assert len(Traced.freed_on) == 5_007
    assert threading.main_thread() not in Traced.freed_on
