"""The rooftop's deals as a table that filters as the user types, at 50,000 deals within one frame.

A ``QSortFilterProxyModel`` asks Python ``filterAcceptsRow`` once per row and keystroke (seconds at this size, see
``bench/bench_deals.py``); this model keeps one lower-cased search string per deal and filters a list of
indices, searching only the current matches when the user types one more character. The list starts in the
order a desk works in, most recent activity first; a click on a header sorts by that column's natural order
(deal numbers by their sequence, dates by date), keeping each row's sort key so a deal saved meanwhile is put in
its place without sorting again. The view is handed the matches a page at a time (``fetchMore``): a table told
of 50,000 rows spends longer laying out its header than the search takes.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop.domain.deals import Stage
from desktop.store.deals import DealRow
from desktop.ui.models.common import ObjectRole, OneCallPerCell, SortRole

Index = QModelIndex | QPersistentModelIndex
CHUNK = 200
UNSORTED = -1
RECENT_SEARCHES = 32


class Mine(NamedTuple):
    """Whose deals "Mine" lists, as a dealer's deal log does: those I sell and those I started.

    ``salesperson`` is the roster's name the user picked as theirs for the rooftop ("" until picked); ``creator``
    is the name this desk records as a deal's creator. ``Mine()`` is everyone's deals.
    """

    salesperson: str = ""
    creator: str = ""

    def owns(self, row: DealRow) -> bool:
        return bool(self.salesperson and row.agent == self.salesperson) or bool(
            self.creator and row.created_by == self.creator
        )


COL_NUMBER, COL_BUYER, COL_PHONE, COL_VEHICLE, COL_VIN, COL_STOCK, COL_STAGE, COL_AGENT, COL_ACTIVITY = range(9)
NO_SALESPERSON = "—"  # a deal nobody was assigned to sell yet, as a deal log shows it
HEADERS = ("Deal", "Buyer", "Phone", "Vehicle", "VIN", "Stock #", "Stage", "Salesperson", "Last activity")


def _when(epoch: float) -> str:
    return datetime.datetime.fromtimestamp(epoch).strftime("%Y-%m-%d %H:%M")


_DISPLAY: dict[int, Callable[[DealRow], Any]] = {
    COL_NUMBER: lambda r: r.number,
    COL_BUYER: lambda r: r.buyer,
    COL_PHONE: lambda r: r.phone,
    COL_VEHICLE: lambda r: r.vehicle,
    COL_VIN: lambda r: r.vin,
    COL_STOCK: lambda r: r.stock_number,
    COL_STAGE: lambda r: r.stage.label,
    COL_AGENT: lambda r: r.agent or NO_SALESPERSON,
    COL_ACTIVITY: lambda r: _when(r.updated_at),
}


def _words(show: Callable[[DealRow], Any]) -> Callable[[DealRow], str]:
    """A text column's sort key: what it shows, without regard to case."""
    return lambda r: str(show(r)).lower()


def _number_key(number: str) -> tuple[str, int, str]:
    """``HD-1042`` sorts after ``HD-999``: the prefix, then the sequence as a number."""
    prefix, _dash, sequence = number.rpartition("-")
    return (prefix, int(sequence), "") if sequence.isdigit() else (number, 0, number)


_SORT: dict[int, Callable[[DealRow], Any]] = {
    **{column: _words(show) for column, show in _DISPLAY.items()},
    COL_NUMBER: lambda r: _number_key(r.number),
    COL_STAGE: lambda r: list(Stage).index(r.stage),
    COL_ACTIVITY: lambda r: r.updated_at,
}


_DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
_ROLES = frozenset({_DISPLAY_ROLE, int(ObjectRole), int(SortRole)})


class _Reversed:
    """A sort key compared the other way round, for the bisection of a descending order."""

    __slots__ = ("key",)

    def __init__(self, key: Any) -> None:
        self.key = key

    def __lt__(self, other: _Reversed) -> bool:
        return bool(other.key < self.key)


class DealsModel(OneCallPerCell, QAbstractTableModel):
    rows_changed = Signal()  # other deals or other values (not another filter or sort of the same rows)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[DealRow] = []
        self._haystack: list[str] = []
        self._order: list[int] = []
        self._view: list[int] = []
        self._needle = ""
        self._stages: frozenset[Stage] = frozenset()
        self._mine = Mine()
        self._loaded = 0
        self._sort_column = UNSORTED
        self._descending = False
        self._keys: list[Any] = []  # each row's key for the sort column (none while UNSORTED)
        self._recency: list[int] = []  # the store's order, a deal saved since moved to the top: what UNSORTED shows
        self._cells: dict[int, tuple[str, ...]] = {}  # row index → its texts, made when the row is first painted
        # Back-spacing returns to a search already made: its matches are kept (cleared when the rows change).
        self._recent: dict[tuple[str, frozenset[Stage], Mine], list[int]] = {}

    # data in
    def set_rows(self, rows: list[DealRow]) -> None:
        """Replace the rows (most recent first, as the store lists them)."""
        self.beginResetModel()
        self._rows = rows
        self._cells.clear()
        self._recent.clear()
        self._haystack = [r.haystack for r in rows]
        self._recency = list(range(len(rows)))
        self._order = self._sorted()
        self._view = self._filtered(self._order)
        self._loaded = min(CHUNK, len(self._view))
        self.endResetModel()
        self.rows_changed.emit()

    def put_row(self, row: DealRow) -> None:
        """A deal just saved: replace its line (or add it) and move it to the top, as the most recent activity."""
        self.beginResetModel()
        old = next((i for i, r in enumerate(self._rows) if r.id == row.id), None)
        if old is not None:
            self._rows[old], self._haystack[old] = row, row.haystack
            self._cells.pop(old, None)
            self._order.remove(old)
            self._recency.remove(old)
        else:
            old = len(self._rows)
            self._rows.append(row)
            self._haystack.append(row.haystack)
        self._recency.insert(0, old)
        if self._sort_column == UNSORTED:
            self._order.insert(0, old)
        else:
            key = _SORT[self._sort_column](row)
            if old < len(self._keys):
                self._keys[old] = key
            else:
                self._keys.append(key)
            self._order.insert(self._place(key), old)
        self._recent.clear()
        self._view = self._filtered(self._order)
        self._loaded = min(max(CHUNK, self._loaded), len(self._view))
        self.endResetModel()
        self.rows_changed.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The header's sort: numbers by value, dates by date, words alphabetically; the filter is kept.

        ``UNSORTED`` (-1) is the store's order, most recent activity first.
        """
        if not UNSORTED <= column < len(HEADERS):
            return
        self._sort_column, self._descending = column, order == Qt.SortOrder.DescendingOrder
        self.beginResetModel()
        self._order = self._sorted()
        self._recent.clear()
        self._view = self._filtered(self._order)
        self._loaded = min(max(CHUNK, self._loaded), len(self._view))
        self.endResetModel()

    def _sorted(self) -> list[int]:
        if self._sort_column == UNSORTED:
            self._keys = []
            return list(self._recency)
        key = _SORT[self._sort_column]
        self._keys = [key(r) for r in self._rows]
        # Stable, so rows with the same key stay in the store's order (most recent activity first).
        return sorted(range(len(self._rows)), key=self._keys.__getitem__, reverse=self._descending)

    def _place(self, key: Any) -> int:
        """Where a row with ``key`` goes in the sorted order: first among its equals (it is the newest)."""
        keys = self._keys
        if self._descending:
            return bisect.bisect_left(self._order, _Reversed(key), key=lambda i: _Reversed(keys[i]))
        return bisect.bisect_left(self._order, key, key=keys.__getitem__)

    def set_filter(self, text: str, stages: frozenset[Stage] | None = None, mine: Mine | None = None) -> None:
        """Every word of ``text`` must match; ``stages`` (empty: all) and ``mine`` (``Mine()``: all) narrow it."""
        needle = " ".join(text.lower().split())
        stages = self._stages if stages is None else stages
        mine = self._mine if mine is None else mine
        if (needle, stages, mine) == (self._needle, self._stages, self._mine):
            return
        narrowing = (
            needle.startswith(self._needle)
            and (not self._stages or (bool(stages) and stages <= self._stages))
            and (not any(self._mine) or mine == self._mine)
        )
        self._needle, self._stages, self._mine = needle, stages, mine
        self.beginResetModel()
        recent = self._recent.get((needle, stages, mine))
        if recent is not None:
            self._view = recent
        else:
            # One more character can only remove rows: search the current matches rather than every deal.
            self._view = self._filtered(self._view if narrowing else self._order)
            if len(self._recent) >= RECENT_SEARCHES:
                self._recent.pop(next(iter(self._recent)))
            self._recent[(needle, stages, mine)] = self._view
        self._loaded = min(CHUNK, len(self._view))
        self.endResetModel()

    def _filtered(self, candidates: list[int]) -> list[int]:
        rows, hay = self._rows, self._haystack
        if self._stages:
            stages = self._stages
            candidates = [i for i in candidates if rows[i].stage in stages]
        if any(self._mine):
            owns = self._mine.owns
            candidates = [i for i in candidates if owns(rows[i])]
        for word in self._needle.split():
            candidates = [i for i in candidates if word in hay[i]]
        return candidates

    # data out
    def row_at(self, row: int) -> DealRow:
        return self._rows[self._view[row]]

    def row_of(self, deal_id: str) -> int:
        """The deal's row in the view, fetching the page it is on; -1 when the filter hides it."""
        pos = next((pos for pos, i in enumerate(self._view) if self._rows[i].id == deal_id), -1)
        if pos >= self._loaded:
            self.beginInsertRows(QModelIndex(), self._loaded, pos)
            self._loaded = pos + 1
            self.endInsertRows()
        return pos

    def column_texts(self, column: int, limit: int) -> set[str]:
        """The different texts of ``column`` in the first ``limit`` matches, for sizing it (no index per cell)."""
        show, rows = _DISPLAY[column], self._rows
        return {str(show(rows[i])) for i in self._view[:limit]}

    def total_count(self) -> int:
        return len(self._rows)

    def match_count(self) -> int:
        return len(self._view)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._loaded

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._loaded < len(self._view)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        more = 0 if parent.isValid() else min(CHUNK, len(self._view) - self._loaded)
        if more > 0:
            self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + more - 1)
            self._loaded += more
            self.endInsertRows()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks a dozen roles per cell on every paint; answer the ones this model has no value for first.
        if role not in _ROLES or not 0 <= index.row() < self._loaded:
            return None
        i = self._view[index.row()]
        if role == _DISPLAY_ROLE:
            cells = self._cells.get(i)
            if cells is None:
                row = self._rows[i]
                cells = self._cells[i] = tuple(_DISPLAY[col](row) for col in range(len(HEADERS)))
            return cells[index.column()]
        if role == ObjectRole:
            return self._rows[i]
        return _SORT[index.column()](self._rows[i])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None
