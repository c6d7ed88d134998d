"""A rooftop's prepared rows (search texts, sort order, filtered view), kept with its rows for the switch back.

The inventory cache hands out the same row tuple again for the last rooftops read while no write touched them.
Preparing them for the table (:func:`~desktop.ui.models.inventory_search.prepare_rows`: a lower-cased search
string per row, the sort order and the filter's view) is 13-48 ms of Python at 100,000 rows, run in a worker but
holding the interpreter lock the GUI thread then waits for (790 ms in a 2-minute soak, its 60 rooftop switches).
For the same tuple and the same sort the search texts and the order are the same, so the soak's switch back to its
rooftop prepares them no more; only a filter changed since is searched again.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from desktop.store.inventory_cache import RECENT_ROWS, VehicleRow
from desktop.ui.models.inventory_columns import COL_CHAIZ
from desktop.ui.models.inventory_search import PreparedRows, Query, filtered_positions, prepare_rows


class _Kept(NamedTuple):
    rows: Sequence[VehicleRow]
    chaiz: Mapping[str, str] | None
    prepared: PreparedRows


class PreparedMemo:
    """The preparation of each of the last ``keep`` rooftops' rows, keyed on the rows object itself.

    One entry per rooftop: new rows for a rooftop (a sync wrote) replace its entry, so a stale preparation is never
    kept beside the fresh one. Holding the rows keeps their identity from being reused. Safe from worker threads:
    the model never changes the lists it is given (a sort or a filter makes new ones).
    """

    def __init__(self, keep: int = RECENT_ROWS) -> None:
        self._keep = keep
        self._lock = threading.Lock()
        self._kept: dict[str, _Kept] = {}

    def prepared(
        self, dpid: str, rows: Sequence[VehicleRow], query: Query, chaiz: Mapping[str, str] | None = None
    ) -> PreparedRows:
        """``prepare_rows(rows, query, chaiz)``; the search texts and order are made only when ``dpid``'s last rows
        or sort were others (or, sorted by Chaiz status, its statuses)."""
        with self._lock:
            kept = self._kept.pop(dpid, None)
        if kept is not None and self._same_order(kept, rows, query, chaiz):
            base = kept.prepared
            if base.query == query:
                prepared = base
            else:
                view = filtered_positions(rows, base.haystack, base.order, query)
                prepared = PreparedRows(base.haystack, base.order, view, query)
        else:
            prepared = prepare_rows(rows, query, chaiz)
        with self._lock:
            self._kept.pop(dpid, None)
            self._kept[dpid] = _Kept(rows, chaiz, prepared)  # the most recently used now
            while len(self._kept) > self._keep:
                del self._kept[next(iter(self._kept))]
        return prepared

    @staticmethod
    def _same_order(kept: _Kept, rows: Sequence[VehicleRow], query: Query, chaiz: Mapping[str, str] | None) -> bool:
        sort = query.sort
        if kept.rows is not rows or kept.prepared.query.sort != sort:
            return False
        return sort is None or sort[0] != COL_CHAIZ or kept.chaiz is chaiz
