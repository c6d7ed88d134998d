"""The vehicles a picker offers: one rooftop's cached inventory, read a page at a time in the TaskRunner.

A rooftop holds up to 100,000 vehicles. Building a list of them item by item on the GUI thread took seconds, so
this model holds only the pages a person has scrolled to: a rooftop change or a new filter empties it at once and
asks a worker for the first page; ``fetchMore`` (called by the view as the list nears its end) asks for the next
one. Filtering is a query in the same worker, so a keystroke never walks the rooftop on the GUI thread.

A word that matches nothing scans the whole rooftop in SQLite (~50 ms of a core at 100,000 vehicles), and typing
asks again at every key. So a read that a newer filter replaces is interrupted, not left to finish for nothing, and
a filter that narrows one whose every match is listed (a letter more of a word that matched 37 vehicles, or none)
is answered from those rows, with no read at all.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop.services.cancel import JobControl
from desktop.store.inventory_cache import InventoryCache, VehicleChoice, choice_matches, narrows
from desktop.ui.errors import sentence
from desktop.ui.models.common import ObjectRole, OneCallPerCell, SortRole

VinRole = Qt.ItemDataRole.UserRole + 3  # the VIN alone: what a completer writes into the VIN field
PAGE = 200

Index = QModelIndex | QPersistentModelIndex


def choice_label(v: VehicleChoice) -> str:
    """How a vehicle reads in a list: year, make, model, trim, then what tells two alike apart."""
    msrp = f"${v.msrp:,.2f}" if v.msrp is not None else "no MSRP"
    return f"{v.year} {v.make} {v.model} {v.trim} · {v.vin} · stock {v.stock_number} · {msrp}"


class VehicleChoicesModel(OneCallPerCell, QAbstractListModel):
    """Pages of :class:`VehicleChoice` for one rooftop and one filter; every read runs in the TaskRunner."""

    page_loaded = Signal()  # a page arrived (possibly empty: the list is then complete)
    count_known = Signal(int)  # how many vehicles the rooftop has cached, read with its first page
    failed = Signal(str)  # a sentence: the cache could not be read

    def __init__(self, runner: Any, *, in_stock_only: bool = False, page_size: int = PAGE, parent: Any = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._in_stock_only = in_stock_only
        self._page_size = page_size
        self._cache: InventoryCache | None = None
        self._dpid = ""
        self._words: tuple[str, ...] = ()
        self._rows: list[VehicleChoice] = []
        self._complete = True
        self._whole = False  # the rows are every match of the filter, as read (not after a failed read)
        self._job = 0  # the page being read; 0 = none
        self._generation = 0  # bumped by every reset, so a page read for an older source or filter is dropped
        self._count_due = False  # the next read also counts the rooftop's vehicles

    # what to list
    def set_source(self, cache: InventoryCache | None, dpid: str) -> None:
        """List ``dpid``'s vehicles from ``cache`` (re-read even when unchanged: a sync may have changed them)."""
        self._cache, self._dpid = cache, dpid
        self._count_due = True
        self._reload()

    def set_filter(self, text: str) -> None:
        """Keep the vehicles whose VIN, stock number, year, make, model or trim hold every word of ``text``."""
        words = tuple(text.lower().split())
        if words == self._words:
            return
        known = self._rows if self._whole else None
        narrowed = known is not None and len(known) <= 2 * self._page_size and narrows(words, self._words)
        self._words = words
        if narrowed and known is not None:  # every match of the new words is among the rows listed
            self._generation += 1
            self.beginResetModel()
            self._rows = [choice for choice in known if choice_matches(choice, words)]
            self.endResetModel()
            self.page_loaded.emit()
        else:
            self._reload()

    def filter_words(self) -> tuple[str, ...]:
        return self._words

    def is_loading(self) -> bool:
        return self._job != 0

    def choice(self, row: int) -> VehicleChoice:
        return self._rows[row]

    def _reload(self) -> None:
        self._runner.cancel(self._job)
        self._job = 0
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._complete = self._cache is None or not self._dpid
        self._whole = False
        self.endResetModel()
        if self.canFetchMore():  # a view may have asked for the first page already, from endResetModel
            self._request()

    def _request(self) -> None:
        cache, dpid, words, count = self._cache, self._dpid, self._words, self._count_due
        assert cache is not None
        self._count_due = False
        after = self._rows[-1].vin if self._rows else ""
        in_stock_only, limit, generation = self._in_stock_only, self._page_size, self._generation

        def read(control: JobControl) -> tuple[int | None, list[VehicleChoice]]:
            total = cache.vehicle_count(dpid) if count else None
            page = cache.vehicle_choices(
                dpid,
                after_vin=after,
                words=words,
                in_stock_only=in_stock_only,
                limit=limit,
                interruptible=control.interrupting,  # a newer filter or source stops the scan
            )
            return total, page

        self._job = self._runner.submit_job(
            read,
            lambda result: self._on_page(generation, result),
            lambda exc: self._on_failed(generation, exc),
            label="Reading inventory",
            owner=self,  # a picker closed while the page was read: its model is gone, the page is dropped
            local=True,
        )

    def _on_page(self, generation: int, result: tuple[int | None, list[VehicleChoice]]) -> None:
        if generation != self._generation:  # a newer source or filter came first
            return
        total, page = result
        self._complete = self._whole = len(page) < self._page_size
        if page:  # still "loading" while rows go in: a view asking for more from inside the insertion waits
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        self._job = 0
        if total is not None:
            self.count_known.emit(total)
        self.page_loaded.emit()

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._job = 0
        self._complete = True  # no retry loop from the view; the next rooftop change or filter tries again
        self._whole = False
        self.failed.emit(f"The cached inventory could not be read: {sentence(exc)}")

    # Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._complete and self._job == 0

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._rows):
            return None
        choice = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return choice_label(choice)
        if role in (VinRole, Qt.ItemDataRole.EditRole, SortRole):
            return choice.vin
        if role == ObjectRole:
            return choice
        return None
