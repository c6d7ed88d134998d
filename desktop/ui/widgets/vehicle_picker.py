"""One field to name a vehicle: type its VIN, or type part of a VIN, stock number or model and pick from the list.

The list under the field is a completer over :class:`VehicleChoicesModel`: the rooftop's cached vehicles, read a
page at a time in the TaskRunner and filtered there as the person types, so a rooftop of 100,000 vehicles costs
the GUI thread no more than a page. The arrow at the end of the field shows the whole list.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QIdentityProxyModel, QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCompleter, QLineEdit, QListView, QStyle, QVBoxLayout, QWidget

from desktop.store.inventory_cache import InventoryCache
from desktop.ui.amounts import counted
from desktop.ui.models.vehicle_choices import VehicleChoicesModel, VinRole
from desktop.ui.widgets.vin_edit import VinEdit

FILTER_DELAY_MS = 150  # one query when the typing pauses, not one per keystroke
VISIBLE_ROWS = 12
SCROLL_MARGIN = 5  # rows (or pixels) from the end of the list at which the next page is asked for
WIDTH_SAMPLE = 50  # rows measured for the list's width: they share one shape, the first page's are enough


class _FetchOnScroll(QIdentityProxyModel):
    """The picker's model as the completer sees it: it never asks for more rows by itself.

    A completer fetches eagerly: after every page it asks for the next, until the rooftop's 100,000 vehicles are
    all loaded. Behind this proxy, only the popup's scroll bar reaching the end loads another page.
    """

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return False


class VehiclePicker(QWidget):
    """A :class:`VinEdit` that also offers the rooftop's cached vehicles as the person types.

    ``picked`` carries the VIN of a vehicle chosen from the list (the VIN is then in the field);
    ``vin_edit.accepted`` still carries a VIN typed by hand and confirmed with Enter.

    With ``inline_message=False`` nothing appears under the field (a refused VIN would push the form below it down
    under the mouse): what the field has to say goes out through ``problem_changed`` for the tab's message line,
    "" once it is resolved, and stays in the field's tooltip, as :class:`VinEdit` does.
    """

    picked = Signal(str)
    problem_changed = Signal(str)

    def __init__(
        self,
        runner: Any,
        placeholder: str,
        *,
        in_stock_only: bool = False,
        inline_message: bool = True,
        tooltip: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._placeholder = placeholder
        self.model = VehicleChoicesModel(runner, in_stock_only=in_stock_only, parent=self)
        self.vin_edit = VinEdit(placeholder, self, inline_message=inline_message, tooltip=tooltip)
        self.vin_edit.problem_changed.connect(self.problem_changed)
        self.vin_edit.edit.setMaxLength(40)  # room for "santa fe calligraphy"; the VIN check still wants 17
        self._gate = _FetchOnScroll(self)
        self._gate.setSourceModel(self.model)
        self.completer = QCompleter(self._gate, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(VinRole)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(VISIBLE_ROWS)
        self.list = QListView()
        self.list.setUniformItemSizes(True)  # one line per vehicle: no per-row size query as pages arrive
        # Opened wide enough for a whole row (_popup_rect); on X11 a bar still came up a few pixels wide over the
        # last row (walked on Xvfb). A row wider than the window is cut with "…" instead.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.completer.setPopup(self.list)  # the completer owns it from here on
        # Attached, not set as the line edit's completer: the line edit would give it what is typed as a prefix to
        # match, and a completer that finds no match fetches page after page looking for one.
        self.completer.setWidget(self.vin_edit.edit)
        self.browse = QAction(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown), "Show the list", self)
        self.browse.setToolTip("Show the rooftop's cached vehicles")
        self.vin_edit.edit.addAction(self.browse, QLineEdit.ActionPosition.TrailingPosition)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._wants_popup = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.vin_edit)

        self.vin_edit.edit.textEdited.connect(self._on_text_edited)
        self._filter_timer.timeout.connect(self._on_filter_due)
        self.completer.activated.connect(self._on_activated)  # the VIN: the completion role's text
        self.list.verticalScrollBar().valueChanged.connect(self._on_list_scrolled)
        self.browse.triggered.connect(self.show_list)
        self.model.page_loaded.connect(self._on_page_loaded)
        self.model.count_known.connect(self._on_count_known)
        self.model.failed.connect(self._on_failed)

    # public
    def set_source(self, cache: InventoryCache | None, dpid: str) -> None:
        """Offer ``dpid``'s cached vehicles; what is typed in the field stays."""
        self.vin_edit.edit.setPlaceholderText(self._placeholder)
        self.model.set_source(cache, dpid)

    def show_list(self) -> None:
        """Open the list of every cached vehicle (the filter is cleared, the field is not)."""
        self._filter_timer.stop()
        self.model.set_filter("")
        self._wants_popup = True
        self.vin_edit.edit.setFocus()
        self._open_popup()

    # slots
    def _on_text_edited(self, _text: str) -> None:
        self._wants_popup = True
        self._filter_timer.start()

    def _on_filter_due(self) -> None:
        self.model.set_filter(self.vin_edit.edit.text())
        if not self.model.is_loading():  # the filter typed again: no page to wait for, its rows are here
            self._on_page_loaded()

    def _on_page_loaded(self) -> None:
        # Show the rows the person asked for once they arrive, but never pop the list open unasked (a rooftop
        # change, a sync).
        if self._wants_popup and self.vin_edit.edit.hasFocus():
            self._open_popup()

    def _open_popup(self) -> None:
        popup = self.list
        if self.model.rowCount() == 0:
            if not self.model.is_loading():
                popup.hide()
            return
        if not popup.isVisible():
            self.completer.setCompletionPrefix("")
            self.completer.complete(self._popup_rect())

    def _popup_rect(self) -> QRect:
        """Where the list opens, in the field's coordinates: wide enough for a whole row ("2026 Hyundai Tucson
        Limited · VIN · stock · price") where the field is narrower, and inside the window (shifted left when the
        field is at its right edge)."""
        edit, window = self.vin_edit.edit, self.window()
        metrics = self.list.fontMetrics()
        rows = range(min(self.model.rowCount(), WIDTH_SAMPLE))
        widest = max((metrics.horizontalAdvance(str(self.model.index(r).data() or "")) for r in rows), default=0)
        extra = self.list.verticalScrollBar().sizeHint().width() + 2 * self.list.frameWidth() + 12
        left = edit.mapTo(window, QPoint(0, 0)).x()
        width = min(max(edit.width(), widest + extra), window.width())
        x = max(min(0, window.width() - left - width), -left)
        return QRect(x, 0, width, edit.height())

    def _on_list_scrolled(self, value: int) -> None:
        bar = self.list.verticalScrollBar()
        if value >= bar.maximum() - SCROLL_MARGIN and self.model.canFetchMore():
            self.model.fetchMore()

    def _on_activated(self, vin: str) -> None:
        if not vin:
            return
        self._wants_popup = False
        self._filter_timer.stop()
        self.vin_edit.edit.setText(vin)
        self.vin_edit._show(None)
        self.picked.emit(vin)

    def _on_count_known(self, total: int) -> None:
        # No longer than "(2,000 cached vehicles)": the hint is read whole in the narrow fields at 1280x720 (the
        # longer "(no cached inventory: type the VIN)" was cut to "(no cached inventory: ty…").
        count = "none cached" if total == 0 else counted(total, "cached vehicle")
        self.vin_edit.edit.setPlaceholderText(f"{self._placeholder} ({count})")

    def _on_failed(self, message: str) -> None:
        self.vin_edit.show_note(message)
