"""Table model of a dealer's cached inventory, built for 100,000 rows.

Filtering and sorting are done here over plain lists instead of with a QSortFilterProxyModel: a proxy calls
``filterAcceptsRow`` once per row through the Python binding, which is several times the 50 ms a keystroke may
take at 100,000 rows. Rows reach the view in chunks through ``canFetchMore``/``fetchMore``.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.store.inventory_cache import (
    ROW_BODY,
    ROW_COLOR,
    ROW_IN_STOCK,
    ROW_MAKE,
    ROW_MODEL,
    ROW_MSRP,
    ROW_RESERVED,
    ROW_RGB,
    ROW_STOCK_NUMBER,
    ROW_TRIM,
    ROW_UPDATED_AT,
    ROW_VIN,
    ROW_YEAR,
    VehicleRow,
)
from desktop.ui.models.common import ObjectRole, SortRole

(
    COL_VIN,
    COL_STOCK,
    COL_YEAR,
    COL_MAKE,
    COL_MODEL,
    COL_TRIM,
    COL_BODY,
    COL_COLOR,
    COL_MSRP,
    COL_STATUS,
    COL_UPDATED,
    COL_CHAIZ,
) = range(12)
HEADERS = ("VIN", "Stock #", "Year", "Make", "Model", "Trim", "Body", "Exterior", "MSRP", "Status", "Updated", "Chaiz")
CHUNK = 500

Index = QModelIndex | QPersistentModelIndex


def status_text(row: VehicleRow) -> str:
    if not row[ROW_IN_STOCK]:
        return "Sold / gone"
    return "Reserved" if row[ROW_RESERVED] else "In stock"


def _updated_text(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).astimezone().strftime("%Y-%m-%d")


_DISPLAY: dict[int, Callable[[VehicleRow], Any]] = {
    COL_VIN: operator.itemgetter(ROW_VIN),
    COL_STOCK: operator.itemgetter(ROW_STOCK_NUMBER),
    COL_YEAR: lambda r: str(r[ROW_YEAR]),
    COL_MAKE: operator.itemgetter(ROW_MAKE),
    COL_MODEL: operator.itemgetter(ROW_MODEL),
    COL_TRIM: operator.itemgetter(ROW_TRIM),
    COL_BODY: operator.itemgetter(ROW_BODY),
    COL_COLOR: operator.itemgetter(ROW_COLOR),
    COL_MSRP: lambda r: "" if r[ROW_MSRP] is None else f"${r[ROW_MSRP]:,.0f}",
    COL_STATUS: status_text,
    COL_UPDATED: lambda r: _updated_text(r[ROW_UPDATED_AT]),
}
_SORT_KEY: dict[int, Callable[[VehicleRow], Any]] = {
    **_DISPLAY,
    COL_YEAR: operator.itemgetter(ROW_YEAR),
    COL_MSRP: lambda r: -1.0 if r[ROW_MSRP] is None else r[ROW_MSRP],
    COL_UPDATED: operator.itemgetter(ROW_UPDATED_AT),
}


_DISPLAY_ROW = tuple(_DISPLAY[c] for c in range(COL_CHAIZ))
_ANSWERED = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        SortRole,
        ObjectRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
    )
)
_ONE_COLUMN = {
    int(Qt.ItemDataRole.DecorationRole): (COL_COLOR,),
    int(Qt.ItemDataRole.TextAlignmentRole): (COL_YEAR, COL_MSRP),
    int(Qt.ItemDataRole.ForegroundRole): (COL_STATUS,),
}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
TEXTS_KEPT = 2_000  # rows whose cell texts are kept: a few screens of scrolling, cleared when full


def build_haystack(rows: Sequence[VehicleRow]) -> tuple[str, ...]:
    """The lower-cased text a filter searches, one string per row; pure, so a worker thread can build it.

    Tuples, here and for the orders and views below, not lists: the cyclic collector untracks a tuple of strings or
    numbers at its first look, but walks a list of 100,000 at every collection of its generation (in the soak's
    window a full collection took 8 ms of CPU with these lists, 1 ms with them as tuples).
    """
    return tuple([f"{r[ROW_VIN]}\t{r[ROW_STOCK_NUMBER]}\t{r[ROW_MODEL]}\t{r[ROW_TRIM]}".lower() for r in rows])


def sorted_order(rows: Sequence[VehicleRow], sort: tuple[int, Qt.SortOrder] | None) -> tuple[int, ...]:
    """Row indices in the order of ``sort`` (column, order); pure."""
    if sort is not None and sort[0] == COL_VIN:
        # The cache hands rows over in VIN order already; list.sort would hold the GIL for tens of ms at 100k rows.
        return tuple(range(len(rows)) if sort[1] == Qt.SortOrder.AscendingOrder else range(len(rows) - 1, -1, -1))
    order = list(range(len(rows)))
    if sort is not None and sort[0] in _SORT_KEY:
        key = _SORT_KEY[sort[0]]
        keys = [key(r) for r in rows]
        order.sort(key=keys.__getitem__, reverse=sort[1] == Qt.SortOrder.DescendingOrder)
    return tuple(order)


class PreparedRows(NamedTuple):
    haystack: tuple[str, ...]
    order: tuple[int, ...]
    sort: tuple[int, Qt.SortOrder] | None


def prepare_rows(rows: Sequence[VehicleRow], sort: tuple[int, Qt.SortOrder] | None) -> PreparedRows:
    """Everything :meth:`InventoryModel.set_rows` needs that costs time at 100,000 rows; safe in a worker."""
    return PreparedRows(build_haystack(rows), sorted_order(rows, sort), sort)


class InventoryModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: Sequence[VehicleRow] = ()
        self._haystack: tuple[str, ...] = ()
        self._order: tuple[int, ...] = ()  # all row indices, in the current sort order
        self._view: tuple[int, ...] = ()  # the filtered subset of _order
        self._loaded = 0
        self._needle = ""
        self._in_stock_only = False
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._swatches: dict[str, QColor] = {}
        self._texts: dict[int, tuple[str, ...]] = {}  # view position -> the cell texts of the row shown there
        self._recent: dict[tuple[str, bool], tuple[int, ...]] = {}
        self._chaiz: dict[
            str, str
        ] = {}  # VIN -> Chaiz registration status text  # back-spacing returns to a result already computed

    # data in
    def set_rows(self, rows: Sequence[VehicleRow], prepared: PreparedRows | None = None) -> list[object]:
        """Replace the rows (in VIN order, as the cache gives them); returns what the model held before.

        Pass ``prepared`` (from :func:`prepare_rows`, run in a worker) to keep the search text and the sort of
        100,000 rows off the GUI thread. Freeing the previous rooftop's 100,000 rows costs 10-30 ms too: the caller
        gets them back, as the only reference, to clear in a worker (or to drop where it stands, if small).
        """
        if prepared is None or prepared.sort != self._sort:
            prepared = prepare_rows(rows, self._sort)
        retired: list[object] = [self._rows, self._haystack, self._order, self._view, list(self._recent.values())]
        self.beginResetModel()
        self._texts.clear()
        self._rows = rows
        self._haystack = prepared.haystack
        self._order = prepared.order
        self._recent.clear()
        self._view = self._filtered(self._order)
        self._loaded = min(CHUNK, len(self._view))
        self.endResetModel()
        return retired

    def set_chaiz_status(self, status: dict[str, str]) -> None:
        """Chaiz registration status per VIN (from the local registration cache)."""
        self._chaiz = status
        if self._loaded:
            self.dataChanged.emit(self.index(0, COL_CHAIZ), self.index(self._loaded - 1, COL_CHAIZ))

    def current_sort(self) -> tuple[int, Qt.SortOrder] | None:
        return self._sort

    def set_filter(self, text: str, in_stock_only: bool | None = None) -> None:
        """Filter on VIN, stock number, model and trim (every word must match), optionally in-stock only."""
        needle = " ".join(text.lower().split())
        stock = self._in_stock_only if in_stock_only is None else in_stock_only
        if needle == self._needle and stock == self._in_stock_only:
            return
        narrowing = needle.startswith(self._needle) and (stock or not self._in_stock_only)
        self._needle, self._in_stock_only = needle, stock
        self.beginResetModel()
        self._texts.clear()
        recent = self._recent.get((needle, stock))
        if recent is not None:
            self._view = recent
        else:
            # Typing one more character can only remove rows, so search the current view rather than everything.
            self._view = self._filtered(self._view if narrowing else self._order)
            if len(self._recent) >= 32:
                self._recent.pop(next(iter(self._recent)))
            self._recent[(needle, stock)] = self._view
        self._loaded = min(CHUNK, len(self._view))
        self.endResetModel()

    def _filtered(self, candidates: tuple[int, ...]) -> tuple[int, ...]:
        words = self._needle.split()
        if not words and not self._in_stock_only:
            return candidates
        hay = self._haystack
        kept: Sequence[int] = candidates
        if self._in_stock_only:
            rows = self._rows
            kept = [i for i in kept if rows[i][ROW_IN_STOCK]]
        for word in words:
            kept = [i for i in kept if word in hay[i]]
        return tuple(kept)

    # data out
    def row_at(self, row: int) -> VehicleRow:
        return self._rows[self._view[row]]

    def row_of_vin(self, vin: str) -> int:
        for pos, i in enumerate(self._view):
            if self._rows[i][ROW_VIN] == vin:
                return pos
        return -1

    def total_count(self) -> int:
        return len(self._rows)

    def match_count(self) -> int:
        return len(self._view)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._loaded < len(self._view)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = min(CHUNK, len(self._view) - self._loaded)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + more - 1)
        self._loaded += more
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view's item delegate asks every painted cell for seven roles: those this model never answers (font,
        # check state, background) return before the row is looked up, and those it answers for one column only
        # check the column first. A page of 24 rows x 12 columns is 2,000 calls through the binding per paint.
        if role not in _ANSWERED:
            return None
        col = index.column()
        if role in _ONE_COLUMN and col not in _ONE_COLUMN[role]:
            return None
        pos = index.row()
        if not 0 <= pos < self._loaded:
            return None
        row = self._rows[self._view[pos]]
        if col == COL_CHAIZ:
            return self._chaiz.get(row[ROW_VIN], "—") if role in (Qt.ItemDataRole.DisplayRole, SortRole) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(pos, row)[col]
        if role == SortRole:
            return _SORT_KEY[col](row)
        if role == ObjectRole:
            return row
        if role == Qt.ItemDataRole.DecorationRole:
            return self._swatch(row[ROW_RGB]) if len(row[ROW_RGB]) == 6 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        return QColor("#9a3412") if not row[ROW_IN_STOCK] else None  # ForegroundRole, status column

    def _display(self, pos: int, row: VehicleRow) -> tuple[str, ...]:
        """The row's cell texts, made once while it is on screen: each paint asks every cell again, and a date
        or a price formatted per cell per paint was a third of the model's share of a page turn."""
        texts = self._texts.get(pos)
        if texts is None:
            if len(self._texts) >= TEXTS_KEPT:
                self._texts.clear()
            texts = self._texts[pos] = tuple(show(row) for show in _DISPLAY_ROW)
        return texts

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self.beginResetModel()
        self._texts.clear()
        self._sort = (column, order)
        self._recent.clear()
        self._apply_sort(column, order)
        self._view = self._filtered(self._order)
        self._loaded = min(max(self._loaded, CHUNK), len(self._view))
        self.endResetModel()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        if column == COL_CHAIZ:
            keys = [self._chaiz.get(r[ROW_VIN], "") for r in self._rows]
            descending = order == Qt.SortOrder.DescendingOrder
            self._order = tuple(sorted(range(len(keys)), key=keys.__getitem__, reverse=descending))
            return
        self._order = sorted_order(self._rows, (column, order))

    def _swatch(self, rgb: str) -> QColor:
        color = self._swatches.get(rgb)
        if color is None:
            color = self._swatches[rgb] = QColor(f"#{rgb}")
        return color
