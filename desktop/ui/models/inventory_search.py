"""The inventory's search and sort over plain lists: pure functions, run in the TaskRunner's workers.

At 100,000 rows one pass of a filter over the search text takes tens of milliseconds and a sort more: both run
off the GUI thread, which only swaps the finished view in (see :class:`~desktop.ui.models.inventory.InventoryModel`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import Qt

from desktop.store.inventory_cache import ROW_IN_STOCK, ROW_MODEL, ROW_STOCK_NUMBER, ROW_TRIM, ROW_VIN, VehicleRow
from desktop.ui.models.inventory_columns import COL_CHAIZ, COL_VIN, SORT_KEY

Sort = tuple[int, Qt.SortOrder]
Positions = tuple[int, ...]  # row indices; tuples, not lists: see PreparedRows


class Query(NamedTuple):
    """What the table shows of the rooftop's rows: the filter's words, in stock only or not, and the sort."""

    needle: str = ""  # the filter text lower-cased, its words separated by one space
    in_stock_only: bool = False
    sort: Sort | None = None

    @property
    def filter_key(self) -> tuple[str, bool]:
        return self.needle, self.in_stock_only

    def narrows(self, shown: Query) -> bool:
        """True when every row this query keeps is among those ``shown`` keeps (one more letter typed, or the
        in-stock box ticked): its search can then walk the rows shown instead of the whole rooftop."""
        return (
            self.sort == shown.sort
            and self.needle.startswith(shown.needle)
            and (self.in_stock_only or not shown.in_stock_only)
        )


EVERYTHING = Query()  # every row, in the cache's (VIN) order


def normalized(text: str) -> str:
    """The filter text as :attr:`Query.needle` holds it."""
    return " ".join(text.lower().split())


class PreparedRows(NamedTuple):
    """Everything a new set of rows needs that costs time at 100,000 rows, made in a worker.

    Tuples, here and for every order and view the model keeps, not lists: the cyclic collector untracks a tuple of
    strings or numbers at its first look, but walks a list of 100,000 at every collection of its generation (in the
    soak: 3 ms of each young collection after a rooftop switch, 7 of the 8 ms of a full one).
    """

    haystack: tuple[str, ...]
    order: Positions  # every row index, in the query's sort order
    view: Positions  # the subset of ``order`` the query's filter keeps
    query: Query


def build_haystack(rows: Sequence[VehicleRow]) -> tuple[str, ...]:
    """The lower-cased text a filter searches, one string per row."""
    return tuple([f"{r[ROW_VIN]}\t{r[ROW_STOCK_NUMBER]}\t{r[ROW_MODEL]}\t{r[ROW_TRIM]}".lower() for r in rows])


def sorted_order(rows: Sequence[VehicleRow], sort: Sort | None, chaiz: Mapping[str, str] | None = None) -> Positions:
    """Row indices in the order of ``sort`` (column, order); ``chaiz`` is the Chaiz status per VIN."""
    if sort is None:
        return tuple(range(len(rows)))
    column, descending = sort[0], sort[1] == Qt.SortOrder.DescendingOrder
    if column == COL_VIN:
        # The cache hands rows over in VIN order already; list.sort would hold the GIL for tens of ms at 100k rows.
        return tuple(range(len(rows) - 1, -1, -1) if descending else range(len(rows)))
    key = SORT_KEY.get(column)
    if column == COL_CHAIZ:
        status = chaiz or {}
        keys: list[Any] = [status.get(r[ROW_VIN], "") for r in rows]
    elif key is not None:
        keys = [key(r) for r in rows]
    else:
        return tuple(range(len(rows)))
    return tuple(sorted(range(len(rows)), key=keys.__getitem__, reverse=descending))


def filtered_positions(
    rows: Sequence[VehicleRow],
    haystack: Sequence[str],
    candidates: Sequence[int],
    query: Query,
    check: Callable[[], None] = lambda: None,
) -> Positions:
    """The ``candidates`` (row indices) the query's filter keeps, in their order: every word must be in the row's
    VIN, stock number, model or trim. ``check`` runs between passes: it raises to stop a search no longer wanted."""
    if query.in_stock_only:
        candidates = [i for i in candidates if rows[i][ROW_IN_STOCK]]
    for word in query.needle.split():
        check()
        candidates = [i for i in candidates if word in haystack[i]]
    return tuple(candidates)  # the same object when ``candidates`` is a tuple kept whole


def prepare_rows(
    rows: Sequence[VehicleRow], query: Query = EVERYTHING, chaiz: Mapping[str, str] | None = None
) -> PreparedRows:
    """The search text, the order and the filtered view of new rows for ``query``."""
    haystack = build_haystack(rows)
    order = sorted_order(rows, query.sort, chaiz)
    return PreparedRows(haystack, order, filtered_positions(rows, haystack, order, query), query)
