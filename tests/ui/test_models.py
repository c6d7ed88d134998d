"""Every table model passes Qt's model tester; filtering and sorting behave as a user expects."""

from __future__ import annotations

import gc
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.store.inventory_cache import ROW_MODEL, ROW_MSRP, ROW_STOCK_NUMBER, ROW_TRIM, ROW_VIN, VehicleRow
from desktop.ui.models import inventory as inv
from desktop.ui.models import inventory_columns as cols
from desktop.ui.models.common import ObjectRole, RowsTableModel, SortRole
from desktop.ui.models.dealers import DealersModel
from desktop.ui.models.inventory import InventoryModel
from desktop.ui.models.inventory_search import Query, prepare_rows
from desktop.ui.tasks import TaskRunner


def rows(n: int) -> list[VehicleRow]:
    models = ["Elantra", "Tucson", "Santa Fe", "Ioniq 5"]
    return [
        (
            f"KMH{i:014d}",
            f"H-{i:05d}",
            2025 + i % 2,
            "Hyundai",
            models[i % 4],
            ["SE", "SEL", "Limited"][i % 3],
            "SUV",
            "Ultimate Red",
            "9B1B1E",
            30000.0 + (i * 37) % 9000,
            int(i % 5 != 0),
            int(i % 7 == 0),
            1_700_000_000 + i,
        )
        for i in range(n)
    ]


def searched(qtbot: QtBot, model: InventoryModel, text: str, in_stock_only: bool | None = None) -> None:
    """Filter as the tab does, and wait until the worker's result is shown."""
    model.set_filter(text, in_stock_only)
    qtbot.waitUntil(lambda: not model.is_searching())


def sorted_by(qtbot: QtBot, model: InventoryModel, column: int, order: Qt.SortOrder) -> None:
    model.sort(column, order)
    qtbot.waitUntil(lambda: not model.is_searching())


def test_inventory_model_passes_the_model_tester(qtmodeltester, qtbot: QtBot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    model = InventoryModel(runner)
    model.set_rows(rows(1200))
    qtmodeltester.check(model)  # the tester stays attached: each layout change below is checked as it happens
    searched(qtbot, model, "tucson")
    sorted_by(qtbot, model, cols.COL_MSRP, Qt.SortOrder.DescendingOrder)
    searched(qtbot, model, "")
    assert model.match_count() == 1200


def test_dealers_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = DealersModel()
    model.set_dealers([{"name": "A", "dpid": "a", "city": "X", "state": "CA", "status": "live", "partner_id": "1"}])
    qtmodeltester.check(model)
    assert model.index(0, 0).data(ObjectRole)["dpid"] == "a"
    assert model.index(0, 4).data() == "Live"  # as "Demo" is written: one way down the Status column


def shown_table(qtbot: QtBot, model: Any, height: int) -> Any:
    """A table view over ``model``, 900 px wide, on screen."""
    from PySide6.QtWidgets import QTableView

    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, height)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_table_kept_in_qt_is_painted_without_python(qtbot: QtBot) -> None:
    """The Dealers table, behind its sort proxy as the tab shows it, sorts and reads its cells in C++: the model
    overrides none of the virtuals a view or a proxy calls (each would be a call into Python, waiting for the
    interpreter lock beside a worker)."""
    from PySide6.QtCore import QSortFilterProxyModel

    model = DealersModel()
    model.set_dealers([{"dpid": f"d{i}", "name": f"Dealer {i}", "city": "Fresno", "status": "live"} for i in range(30)])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    view = shown_table(qtbot, proxy, 600)
    assert view.indexAt(view.viewport().rect().topLeft()).data() == "Dealer 9"  # sorted as text, in Qt
    assert model.row_object(model.index(3, 0)) == model.index(3, 0).data(ObjectRole)


def test_every_table_kept_in_qt_overrides_none_of_a_views_virtuals() -> None:
    from PySide6.QtGui import QStandardItemModel

    from desktop.ui.models.documents import DocumentsModel, UploadQueueModel
    from desktop.ui.models.item_rows import ItemRowsModel
    from desktop.ui.models.upload_drafts import UploadDraftsModel
    from desktop.ui.tabs.pricing.products_model import ProductsModel
    from desktop.ui.widgets.chaiz_panel.plans import PlansModel
    from desktop.ui.widgets.timeline import TimelineModel

    asked = ("data", "multiData", "rowCount", "columnCount", "headerData", "index", "parent", "flags", "sibling")
    models = (DealersModel, DocumentsModel, UploadQueueModel, PlansModel, TimelineModel, ProductsModel)
    for model in (*models, UploadDraftsModel):
        assert issubclass(model, ItemRowsModel)
        assert [name for name in asked if getattr(model, name) is not getattr(QStandardItemModel, name)] == []


def test_a_table_kept_in_qt_is_shown_not_edited_and_changes_a_cell_in_place() -> None:
    from desktop.store.upload_queue import FAILED, QueuedUpload
    from desktop.ui.models.documents import Q_STATUS, UploadQueueModel

    queue = UploadQueueModel()
    queue.set_entries([QueuedUpload(f"e{i}", {"file_name": f"f{i}.pdf"}, 10) for i in range(3)])
    assert not queue.flags(queue.index(1, 0)) & Qt.ItemFlag.ItemIsEditable  # a double click opens no editor
    assert queue.flags(queue.index(1, 0)) & Qt.ItemFlag.ItemIsSelectable
    changed: list[tuple[int, int, int, int]] = []
    queue.dataChanged.connect(lambda a, b, _roles: changed.append((a.row(), a.column(), b.row(), b.column())))
    queue.set_progress("e1", 40)
    assert queue.index(1, Q_STATUS).data() == "Uploading 40 %"
    assert changed == [(1, Q_STATUS, 1, Q_STATUS)]  # the one cell: an editor open elsewhere keeps its text
    queue.set_status("e2", FAILED, "boom")
    assert queue.index(2, Q_STATUS).data(Qt.ItemDataRole.ToolTipRole) == "Failed — boom"
    queue.remove("e0")
    assert [queue.index(r, 0).data() for r in range(queue.rowCount())] == ["f1.pdf", "f2.pdf"]
    assert queue.index(0, Q_STATUS).data() == "Uploading 40 %" and queue.entries()[1].error == "boom"
    queue.add([QueuedUpload("e1", {"file_name": "again.pdf"}, 1), QueuedUpload("e3", {"file_name": "f3.pdf"}, 1)])
    assert [queue.index(r, 0).data(ObjectRole).id for r in range(queue.rowCount())] == ["e1", "e2", "e3"]
    removed: list[tuple[int, int]] = []
    queue.rowsRemoved.connect(lambda _parent, first, last: removed.append((first, last)))
    queue.remove_rows_from(1)
    assert removed == [(1, 2)] and [e.id for e in queue.entries()] == ["e1"]  # one removal for the views


def test_rows_arrive_in_chunks(runner: TaskRunner) -> None:
    model = InventoryModel(runner)
    model.set_rows(rows(1200))
    assert model.rowCount() == inv.CHUNK
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 1200 and not model.canFetchMore()


def test_new_rows_hand_back_everything_the_previous_ones_held(qtbot: QtBot, runner: TaskRunner) -> None:
    """The previous rooftop's rows come back to the caller, to be freed in a worker rather than on the GUI thread."""
    model = InventoryModel(runner)
    before = rows(100)
    model.set_rows(before)
    searched(qtbot, model, "elan")
    filtered = [model.row_at(i) for i in range(model.rowCount())]
    retired = model.set_rows(rows(30))
    assert model.total_count() == 30
    assert retired[0] is before
    assert len(retired[1]) == len(retired[2]) == 100  # its search text and its order
    view, remembered = retired[3], retired[4]
    assert isinstance(view, tuple) and len(view) == len(filtered) > 0  # the filtered view, and the filters remembered
    assert isinstance(remembered, list) and view in remembered


def test_search_text_orders_and_views_are_untracked_after_one_look(qtbot: QtBot, runner: TaskRunner) -> None:
    """A list of 100,000 is walked by every collection of its generation; a tuple of strings or numbers is untracked
    by the first: what the model keeps per row (search text, sort order, filtered views) is tuples."""
    model = InventoryModel(runner)
    by_msrp = Query(sort=(cols.COL_MSRP, Qt.SortOrder.DescendingOrder))
    model.set_rows(rows(1000), prepare_rows(rows(1000), by_msrp))
    sorted_by(qtbot, model, cols.COL_CHAIZ, Qt.SortOrder.AscendingOrder)
    searched(qtbot, model, "elan")
    searched(qtbot, model, "elan", in_stock_only=True)
    _rows, haystack, order, view, remembered = model.set_rows(rows(10))
    assert isinstance(remembered, list) and len(remembered) >= 2
    gc.collect(1)  # the young collections the GUI thread's collector runs
    kept = [haystack, order, view, *remembered]
    assert [type(k).__name__ for k in kept if gc.is_tracked(k)] == []
    assert all(len(k) for k in kept)  # type: ignore[arg-type]


def test_filter_matches_vin_stock_model_trim_and_every_word(qtbot: QtBot, runner: TaskRunner) -> None:
    model = InventoryModel(runner)
    model.set_rows(rows(100))
    searched(qtbot, model, "santa")
    assert model.match_count() == 25
    searched(qtbot, model, "santa limited")
    assert 0 < model.match_count() < 25
    assert all(
        model.row_at(i)[ROW_MODEL] == "Santa Fe" and model.row_at(i)[ROW_TRIM] == "Limited"
        for i in range(model.rowCount())
    )
    searched(qtbot, model, "h-00042")
    assert model.match_count() == 1 and model.row_at(0)[ROW_STOCK_NUMBER] == "H-00042"
    searched(qtbot, model, "kmh00000000000007")
    assert model.match_count() == 1
    searched(qtbot, model, "")
    assert model.match_count() == 100


def test_in_stock_toggle_and_widening_again(qtbot: QtBot, runner: TaskRunner) -> None:
    model = InventoryModel(runner)
    model.set_rows(rows(100))
    searched(qtbot, model, "", in_stock_only=True)
    assert model.match_count() == 80
    searched(qtbot, model, "ioniq", in_stock_only=True)
    narrowed = model.match_count()
    searched(qtbot, model, "ioniq", in_stock_only=False)
    assert model.match_count() == 25 > narrowed


def test_sort_on_every_column(qtbot: QtBot, runner: TaskRunner) -> None:
    model = InventoryModel(runner)
    model.set_rows(rows(50))
    for column in cols.SORT_KEY:
        sorted_by(qtbot, model, column, Qt.SortOrder.DescendingOrder)
        keys = [cols.SORT_KEY[column](model.row_at(i)) for i in range(model.rowCount())]
        assert keys == sorted(keys, reverse=True)
    sorted_by(qtbot, model, cols.COL_MSRP, Qt.SortOrder.AscendingOrder)
    searched(qtbot, model, "tucson")
    prices = [model.row_at(i)[ROW_MSRP] for i in range(model.rowCount())]
    assert prices == sorted(prices)


def test_chaiz_status_column_shows_and_sorts(qtbot: QtBot, runner: TaskRunner) -> None:
    model = InventoryModel(runner)
    data = rows(20)
    model.set_rows(data)
    model.set_chaiz_status({data[3][ROW_VIN]: "registered", data[5][ROW_VIN]: "failed: 429"})
    assert model.index(3, cols.COL_CHAIZ).data() == "registered"
    assert model.index(4, cols.COL_CHAIZ).data() == "—"
    sorted_by(qtbot, model, cols.COL_CHAIZ, Qt.SortOrder.DescendingOrder)
    assert model.row_at(0)[ROW_VIN] == data[3][ROW_VIN] and model.row_at(1)[ROW_VIN] == data[5][ROW_VIN]


def test_colour_swatch_and_status(runner: TaskRunner) -> None:
    model = InventoryModel(runner)
    model.set_rows(rows(10))
    swatch = model.index(0, cols.COL_COLOR).data(Qt.ItemDataRole.DecorationRole)
    assert swatch.name().upper() == "#9B1B1E"
    assert model.index(0, cols.COL_STATUS).data() == "Sold / gone"
    assert model.index(1, cols.COL_STATUS).data() == "In stock"


def test_cell_texts_follow_every_change_of_the_rows_shown(qtbot: QtBot, runner: TaskRunner) -> None:
    """The texts kept for the rows on screen are made again after new rows, a filter and a sort."""
    model = InventoryModel(runner)
    data = rows(10)
    model.set_rows(data)
    assert model.index(1, cols.COL_MODEL).data() == "Tucson"
    renamed = [(*r[:ROW_MODEL], "Kona", *r[ROW_MODEL + 1 :]) for r in data]
    model.set_rows(renamed)
    assert model.index(1, cols.COL_MODEL).data() == "Kona"
    searched(qtbot, model, "limited")
    assert model.index(0, cols.COL_TRIM).data() == "Limited"
    sorted_by(qtbot, model, cols.COL_MSRP, Qt.SortOrder.DescendingOrder)
    top = max(data, key=lambda r: r[ROW_MSRP] if "limited" in r[ROW_TRIM].lower() else -1)
    assert model.index(0, cols.COL_MSRP).data() == f"${top[ROW_MSRP]:,.0f}"


def test_roles_the_delegate_asks_and_the_model_does_not_answer(runner: TaskRunner) -> None:
    model = InventoryModel(runner)
    model.set_rows(rows(10))
    for role in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.BackgroundRole):
        assert model.index(0, cols.COL_VIN).data(role) is None
    assert model.index(0, cols.COL_VIN).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.index(0, cols.COL_MSRP).data(Qt.ItemDataRole.TextAlignmentRole) == inv._RIGHT
    assert model.index(0, cols.COL_VIN).data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.index(0, cols.COL_STATUS).data(Qt.ItemDataRole.ForegroundRole).name() == "#9a3412"
    assert model.index(1, cols.COL_STATUS).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, cols.COL_MODEL).data(Qt.ItemDataRole.ForegroundRole) is None


def test_a_paint_reads_a_python_models_cell_in_one_call(qtbot: QtBot) -> None:
    """A delegate asks each cell for seven roles at once; answered role by role, each was a call from Qt into
    Python that took the interpreter lock again (a busy worker took it back between them). Every role of a painted
    cell is now read inside one call (``OneCallPerCell.multiData``): no ``data()`` reaches Python from Qt alone."""
    import sys

    from_qt: list[int] = []  # roles asked by Qt directly
    in_one_call: list[int] = []  # roles asked from multiData, in Python

    class Counting(RowsTableModel[dict[str, str]]):
        HEADERS = ("Name", "DPID", "City")

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            caller = sys._getframe(1).f_code.co_name
            (in_one_call if caller == "multiData" else from_qt).append(role)
            row = self.row_object(index)
            if row is None or role != Qt.ItemDataRole.DisplayRole:
                return None
            return row[("name", "dpid", "city")[index.column()]]

    model = Counting()
    model.set_rows([{"dpid": f"d{i}", "name": f"Dealer {i}", "city": "Fresno"} for i in range(8)])
    view = shown_table(qtbot, model, 400)
    qtbot.waitUntil(lambda: len(in_one_call) + len(from_qt) > 0)  # its first paint
    from_qt.clear()
    in_one_call.clear()
    view.viewport().repaint()
    assert len(in_one_call) >= 8 * len(model.HEADERS)  # every cell painted, its roles read in its one call
    assert from_qt == []


def test_every_python_table_model_reads_a_cell_in_one_call() -> None:
    from desktop.ui.models.common import OneCallPerCell
    from desktop.ui.models.customers import CustomersModel
    from desktop.ui.models.vehicle_choices import VehicleChoicesModel
    from desktop.ui.tabs.deals.model import DealsModel

    models = (CustomersModel, VehicleChoicesModel, DealsModel)
    assert [m.__name__ for m in models if not issubclass(m, OneCallPerCell)] == []
    # The inventory's rows are drawn by its own delegate, a row at a time (InventoryDelegate.draw_row).
