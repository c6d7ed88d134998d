"""A rooftop's prepared rows (search texts, sort order), kept with its rows for the switch back.

The inventory cache hands out the same row tuple again for the last rooftops read while no write touched them.
Preparing them for the table (:func:`~desktop.ui.models.inventory.prepare_rows`: a lower-cased search string per
row and the sort order) is 13-48 ms of Python at 100,000 rows, run in a worker but holding the interpreter lock the
GUI thread then waits for (790 ms in a 2-minute soak, its 60 rooftop switches). For the same tuple and the same
sort the answer is the same, so the soak's switch back to its rooftop now prepares nothing: the table gets the
lists it had, and the previous ones are not freed either.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from PySide6.QtCore import Qt

from desktop.store.inventory_cache import RECENT_ROWS, VehicleRow
from desktop.ui.models.inventory import PreparedRows, prepare_rows


class PreparedMemo:
    """The preparation of each of the last ``keep`` rooftops' rows, keyed on the rows object itself.

    One entry per rooftop: new rows for a rooftop (a sync wrote) replace its entry, so a stale preparation is never
    kept beside the fresh one. Holding the rows keeps their identity from being reused. Safe from worker threads:
    the model never changes the lists it is given (a sort or a filter makes new ones).
    """

    def __init__(self, keep: int = RECENT_ROWS) -> None:
        self._keep = keep
        self._lock = threading.Lock()
        self._kept: dict[str, tuple[Sequence[VehicleRow], PreparedRows]] = {}

    def prepared(self, dpid: str, rows: Sequence[VehicleRow], sort: tuple[int, Qt.SortOrder] | None) -> PreparedRows:
        """``prepare_rows(rows, sort)``, computed only when ``dpid``'s last rows or sort were others."""
        with self._lock:
            kept = self._kept.pop(dpid, None)
            if kept is not None and kept[0] is rows and kept[1].sort == sort:
                self._kept[dpid] = kept  # the most recently used now
                return kept[1]
        prepared = prepare_rows(rows, sort)
        with self._lock:
            self._kept.pop(dpid, None)
            self._kept[dpid] = (rows, prepared)
            while len(self._kept) > self._keep:
                del self._kept[next(iter(self._kept))]
        return prepared
