"""Table model of a dealer's cached inventory, built for 100,000 rows.

Filtering and sorting are done over plain lists instead of with a QSortFilterProxyModel: a proxy calls
``filterAcceptsRow`` once per row through the Python binding, which is several times the 50 ms a keystroke may
take at 100,000 rows. Even over plain lists a search of the whole rooftop costs tens of milliseconds, more than a
frame: it runs in the TaskRunner (inventory_search.py) and the GUI thread only swaps the finished view in, as a
layout change that keeps the selection. Rows reach the view in chunks through ``canFetchMore``/``fetchMore``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from desktop.services.cancel import JobControl
from desktop.store.inventory_cache import ROW_IN_STOCK, ROW_RGB, ROW_VIN, VehicleRow
from desktop.ui.errors import sentence
from desktop.ui.models.common import ObjectRole, SortRole
from desktop.ui.models.inventory_columns import (
    COL_CHAIZ,
    COL_COLOR,
    COL_MSRP,
    COL_STATUS,
    COL_YEAR,
    DISPLAY,
    HEADERS,
    SORT_KEY,
)
from desktop.ui.models.inventory_search import (
    Positions,
    PreparedRows,
    Query,
    filtered_positions,
    normalized,
    prepare_rows,
    sorted_order,
)
from desktop.ui.tasks import TaskRunner

CHUNK = 500
RECENT_KEPT = 32  # filters remembered for the current rows and sort: back-spacing to one needs no search

Index = QModelIndex | QPersistentModelIndex

_DISPLAY_ROW = tuple(DISPLAY[c] for c in range(COL_CHAIZ))
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
SOLD = QColor("#9a3412")  # the status of a vehicle no longer in stock
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_VIN = itemgetter(ROW_VIN)
TEXTS_KEPT = 2_000  # rows whose cell texts are kept: a few screens of scrolling, cleared when full
# A swap changes rows only: said with the sort hint, the horizontal header keeps its sections as they are. Without it
# the header resets the stretched last column and stretches it again, which re-fits the narrow-window column collapser
# and repaints the table twice: 10-20 ms of GUI-thread CPU per keystroke.
_PARENTS, _HINT = "QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint"
_ROWS_ONLY = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
_FEW_MOVED = 16  # persistent indexes looked up one by one in the new view; more are found through one dict


class InventoryModel(QAbstractTableModel):
    """The rooftop's rows as the current :class:`Query` shows them.

    Two queries are kept: the one shown (what ``_order`` and ``_view`` hold) and the one wanted (the latest filter
    and sort asked for). When they differ a search runs in the TaskRunner; a newer wish cancels it and its result
    is dropped.
    """

    searching = Signal(bool)  # a search went to a worker (True); its result is shown or no longer wanted (False)
    view_changed = Signal(bool)  # other rows, or another order, are shown: True when the filter changed
    failed = Signal(str)  # a sentence: a search failed (the rows shown stay as they were)

    def __init__(self, runner: TaskRunner, parent: Any = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._rows: Sequence[VehicleRow] = ()
        self._haystack: tuple[str, ...] = ()
        self._order: Positions = ()  # all row indices, in the shown sort order
        self._view: Positions = ()  # the filtered subset of _order
        self._loaded = 0
        self._swapping = False  # between layoutAboutToBeChanged and layoutChanged
        self._shown = Query()
        self._wanted = Query()
        self._job = 0  # the search running; 0 = none
        self._generation = 0  # bumped by every new wish and new rows, so an older search's result is dropped
        self._swatches: dict[str, QColor] = {}
        self._texts: dict[int, tuple[str, ...]] = {}  # view position -> the cell texts of the row shown there
        self._recent: dict[tuple[str, bool], Positions] = {}  # back-spacing returns to a result already computed
        self._chaiz: dict[str, str] = {}  # VIN -> Chaiz registration status text

    # data in
    def set_rows(self, rows: Sequence[VehicleRow], prepared: PreparedRows | None = None) -> list[object]:
        """Replace the rows (in VIN order, as the cache gives them); returns what the model held before.

        Pass ``prepared`` (from :func:`prepare_rows` with :meth:`query`, run in a worker) to keep the search text,
        the sort and the filter of 100,000 rows off the GUI thread; without it they are made here (a few rows, or
        none). A filter or sort asked for while the rows were prepared is then searched in a worker. Freeing the
        previous rooftop's 100,000 rows costs 10-30 ms too: the caller gets them back, as the only reference, to
        clear in a worker (or to drop where it stands, if small).
        """
        if prepared is None:
            prepared = prepare_rows(rows, self._wanted, self._chaiz)
        was_searching = self._stop_search()  # it searched the rows being replaced
        retired: list[object] = [self._rows, self._haystack, self._order, self._view, list(self._recent.values())]
        self.beginResetModel()
        self._texts.clear()
        self._rows = rows
        self._haystack = prepared.haystack
        self._order = prepared.order
        self._view = prepared.view
        self._shown = prepared.query
        self._recent = {prepared.query.filter_key: prepared.view}
        self._loaded = min(CHUNK, len(self._view))
        self.endResetModel()
        self._search(was_searching)
        return retired

    def set_chaiz_status(self, status: dict[str, str]) -> None:
        """Chaiz registration status per VIN (from the local registration cache)."""
        self._chaiz = status
        if self._loaded:
            self.dataChanged.emit(self.index(0, COL_CHAIZ), self.index(self._loaded - 1, COL_CHAIZ))

    def query(self) -> Query:
        """The filter and sort last asked for: what rows prepared in a worker should be prepared for."""
        return self._wanted

    def chaiz_status(self) -> dict[str, str]:
        return self._chaiz

    def set_filter(self, text: str, in_stock_only: bool | None = None) -> None:
        """Filter on VIN, stock number, model and trim (every word must match), optionally in-stock only.

        A filter searched before for these rows and this sort shows at once; any other is searched in a worker
        (see :attr:`searching`), from the rows shown when it narrows them (one more letter typed)."""
        stock = self._wanted.in_stock_only if in_stock_only is None else in_stock_only
        wanted = self._wanted._replace(needle=normalized(text), in_stock_only=stock)
        if wanted != self._wanted:
            self._wanted = wanted
            self._search()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(HEADERS) and self._wanted.sort != (column, order):
            self._wanted = self._wanted._replace(sort=(column, order))
            self._search()

    def is_searching(self) -> bool:
        return self._job != 0

    # the search
    def _search(self, was_searching: bool = False) -> None:
        """Bring the view to the wanted query: from memory, or through a search in a worker."""
        was_searching = self._stop_search() or was_searching
        wanted, shown = self._wanted, self._shown
        remembered = self._recent.get(wanted.filter_key) if wanted.sort == shown.sort else None
        if not self._rows:  # nothing to search: no worker needed
            remembered = self._view
        if wanted == shown or remembered is not None:
            if remembered is not None and wanted != shown:
                self._swap(self._order, remembered, wanted)
            if was_searching:
                self.searching.emit(False)
            return
        rows, haystack, chaiz, generation = self._rows, self._haystack, self._chaiz, self._generation
        order = self._order if wanted.sort == shown.sort else None
        candidates = self._view if wanted.narrows(shown) else None

        def search(control: JobControl) -> tuple[Positions, Positions]:
            new_order = order if order is not None else sorted_order(rows, wanted.sort, chaiz)
            start = candidates if candidates is not None else new_order
            return new_order, filtered_positions(rows, haystack, start, wanted, control.check)

        self._job = self._runner.submit_job(
            search,
            lambda result: self._on_searched(generation, wanted, result),
            lambda exc: self._on_search_failed(generation, exc),
            label="Searching the inventory",
            owner=self,
            local=True,
        )
        if not was_searching:
            self.searching.emit(True)

    def _stop_search(self) -> bool:
        """Cancel the search running, if any, and drop its result; True if one was running (the caller then
        says :attr:`searching` False, once the view is what it will be)."""
        self._generation += 1
        if not self._job:
            return False
        self._runner.cancel(self._job)
        self._job = 0
        return True

    def _on_searched(self, generation: int, wanted: Query, result: tuple[Positions, Positions]) -> None:
        if generation != self._generation:  # a newer filter, sort or set of rows came first
            return
        self._job = 0
        order, view = result
        if wanted.sort != self._shown.sort:
            self._recent.clear()  # remembered views are in the old order
        elif len(self._recent) >= RECENT_KEPT:
            self._recent.pop(next(iter(self._recent)))
        self._recent[wanted.filter_key] = view
        self._swap(order, view, wanted)
        self.searching.emit(False)

    def _on_search_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._job = 0
        self._wanted = self._shown  # what is shown is what the next keystroke searches from
        self.searching.emit(False)
        self.failed.emit(f"The inventory could not be searched: {sentence(exc)}")

    def _swap(self, order: Positions, view: Positions, query: Query) -> None:
        """Show ``view`` (in ``order``) as a layout change: the selection and the current row stay where they still
        match, which a model reset would have cleared; the view repaints the rows on screen only."""
        resorted = query.sort != self._shown.sort
        refiltered = query.filter_key != self._shown.filter_key
        self._swapping = True  # no rows fetched while a view (or Qt's model tester) looks at the old layout
        self.layoutAboutToBeChanged[_PARENTS, _HINT].emit([], _ROWS_ONLY)  # type: ignore[index]
        loaded = min(max(self._loaded, CHUNK) if not refiltered else CHUNK, len(view))
        kept = self.persistentIndexList()
        moved = self._moved(kept, view, loaded)
        self._order, self._view, self._shown, self._loaded = order, view, query, loaded
        self._texts.clear()
        self.changePersistentIndexList(kept, moved)
        try:
            self.layoutChanged[_PARENTS, _HINT].emit([], _ROWS_ONLY)  # type: ignore[index]
        finally:
            self._swapping = False
        if resorted or refiltered:
            self.view_changed.emit(refiltered)

    def _moved(self, kept: list[QModelIndex], view: Positions, loaded: int) -> list[QModelIndex]:
        """Where the rows of the persistent indexes ``kept`` are in ``view`` (within its first ``loaded``
        positions), or an invalid index for rows no longer shown."""
        rows = [self._view[index.row()] for index in kept]
        if len(set(rows)) <= _FEW_MOVED:
            found: dict[int, int] = {}
            for row in set(rows):
                try:
                    found[row] = view.index(row, 0, loaded)
                except ValueError:
                    continue
        else:
            found = {row: pos for pos, row in enumerate(view[:loaded])}
        return [
            self.index(found[row], index.column()) if row in found else QModelIndex()
            for row, index in zip(rows, kept, strict=True)
        ]

    # data out
    def row_at(self, row: int) -> VehicleRow:
        return self._rows[self._view[row]]

    def row_of_vin(self, vin: str) -> int:
        """The view position of ``vin``, or -1; the rows are in VIN order, so the row is found by bisection."""
        i = bisect_left(self._rows, vin, key=_VIN)
        if i == len(self._rows) or self._rows[i][ROW_VIN] != vin:
            return -1
        try:
            return self._view.index(i)
        except ValueError:  # filtered out
            return -1

    def shown(self) -> tuple[Sequence[VehicleRow], Sequence[int]]:
        """The rows and the positions of those the current filter shows, in the shown order, for a worker to read:
        neither is changed in place (new rows and every search replace them), so the pair stays what it was."""
        return self._rows, self._view

    def total_count(self) -> int:
        return len(self._rows)

    def match_count(self) -> int:
        return len(self._view)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._loaded < len(self._view) and not self._swapping

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        more = min(CHUNK, len(self._view) - self._loaded)
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
            return SORT_KEY[col](row)
        if role == ObjectRole:
            return row
        if role == Qt.ItemDataRole.DecorationRole:
            return self._swatch(row[ROW_RGB])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        return SOLD if not row[ROW_IN_STOCK] else None  # ForegroundRole, status column

    def cell_text(self, pos: int, column: int) -> str:
        """What ``data()`` answers for DisplayRole, called from Python: the table's delegate asks it for every cell
        it paints, and a call through ``QModelIndex.data`` crosses the binding twice."""
        row = self._rows[self._view[pos]]
        if column == COL_CHAIZ:
            return self._chaiz.get(row[ROW_VIN], "—")
        return self._display(pos, row)[column]

    def row_texts(self, pos: int) -> tuple[tuple[str, ...], bool, QColor | None]:
        """The row at ``pos`` as the table paints it: every column's text (the Chaiz status last), whether the
        vehicle is in stock, its colour's swatch; one call for the row's ~12 cells."""
        row = self._rows[self._view[pos]]
        texts = (*self._display(pos, row), self._chaiz.get(row[ROW_VIN], "—"))
        return texts, bool(row[ROW_IN_STOCK]), self._swatch(row[ROW_RGB])

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

    def swatch(self, pos: int) -> QColor | None:
        """The exterior colour's swatch of the row at ``pos`` (DecorationRole of the colour column), from Python."""
        return self._swatch(self._rows[self._view[pos]][ROW_RGB])

    def _swatch(self, rgb: str) -> QColor | None:
        if len(rgb) != 6:
            return None
        color = self._swatches.get(rgb)
        if color is None:
            color = self._swatches[rgb] = QColor(f"#{rgb}")
        return color
