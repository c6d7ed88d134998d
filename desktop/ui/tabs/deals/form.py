"""The open deal's jacket: buyer, co-buyer, vehicle, trade-in, order, notes and stage, saved as the user types.

Every entry is bound to a deal path (``buyer.phone``); a keystroke goes through :meth:`CurrentDeal.edit`, which
checks it with the domain's rules. A value that is not valid yet (half a VIN) stays in the entry, marked, with
the field named above the form, and the deal keeps its last good value; nothing typed is thrown away. Ctrl+Z in
the form undoes the last change to the deal (the entries' own undo would only undo one entry's text): the form's
action when a box or a list has the focus, an entry's ``undo_requested`` signal when an entry has it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.deals import Condition, FieldError, Ownership, Person, Stage, StageError, TradeIn, get_text
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.form_rows import form_rows
from desktop.ui.tabs.deals.entry import DealEntry, FieldEntry
from desktop.ui.tabs.deals.fields import (
    HINT_MARGIN,
    PERSON_FIELDS,
    PII_LABELS,
    TRADE_FIELDS,
    VEHICLE_FIELDS,
)
from desktop.ui.tabs.deals.jacket import clear, fill
from desktop.ui.tabs.deals.pii_field import PiiField
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.field_message import mark_invalid as mark
from desktop.ui.widgets.wheel_guard import ComboBox
from desktop.ui.widgets.when_shown import WhenShown


class DealForm(QWidget):
    reveal_requested = Signal(str)  # a personal-data path; the tab audits, then calls show_revealed

    def __init__(self, current: CurrentDeal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dealForm")
        self.current = current
        self.entries: dict[str, QLineEdit] = {}
        self.pii: dict[str, PiiField] = {}
        self.combos: dict[str, QComboBox] = {}
        self.checks: dict[str, QCheckBox] = {}
        self._shown: dict[str, str] = {}  # what each entry shows, in the deal's terms
        self._invalid: dict[str, str] = {}  # the fields refused and still being corrected, with why
        self._deal_id = ""
        self._filling = False
        # The field being written from its own box: the refill the change causes leaves that box alone (it showed
        # the new value first, with the cursor where the user types; a notes box refilled put it at the start).
        self._typing = ""

        self.banner = Banner(self)
        self.title = QLabel(self)
        self.title.setObjectName("dealTitle")
        self.title.setWordWrap(True)  # a long buyer and vehicle wrap; they squeezed the entries beside them at 1280
        self.stage = ComboBox(self)
        self.stage.setObjectName("stage")
        for stage in Stage:
            self.stage.addItem(stage.label, stage.value)
        self.stage.activated.connect(self._on_stage_picked)
        self.lost_reason = FieldEntry(self)
        self.lost_reason.setObjectName("lostReason")
        self.lost_reason.setPlaceholderText("Reason if lost")  # a narrow entry at 1280x720: the examples are a tip
        self.lost_reason.setToolTip("Why the deal was lost, e.g. bought elsewhere, credit declined")
        self.salesperson = self._entry("agent")
        self.salesperson.setPlaceholderText("not assigned")
        self.salesperson.setToolTip("The agent selling this car: type a name, or pick one of the rooftop's agents")
        self.salesperson_names = QCompleter([], self.salesperson)
        self.salesperson_names.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.salesperson_names.setFilterMode(Qt.MatchFlag.MatchContains)
        self.salesperson_names.activated.connect(lambda text: self._on_edited("agent", text))
        self.salesperson.setCompleter(self.salesperson_names)
        self.mark_lost = QPushButton("Mark lost", self)
        self.mark_lost.setObjectName("markLost")
        self.mark_lost.clicked.connect(self._on_mark_lost)
        self.undo_button = QPushButton("Undo last change", self)
        self.undo_action = QAction("Undo last change", self)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(self.undo)
        self.addAction(self.undo_action)
        self.undo_button.clicked.connect(self.undo)

        self.has_co_buyer = QCheckBox("Co-buyer", self)
        self.has_co_buyer.setObjectName("hasCoBuyer")
        self.has_co_buyer.toggled.connect(self._on_co_buyer_toggled)
        self.add_trade = QPushButton("Add trade-in", self)
        self.add_trade.setObjectName("addTrade")
        self.add_trade.clicked.connect(self._on_add_trade)
        self.remove_trade = QPushButton("Remove trade-in", self)
        self.remove_trade.clicked.connect(self._on_remove_trade)

        self.buyer_box = self._person_box("Buyer", "buyer", PERSON_FIELDS)
        self.co_buyer_box = self._person_box("Co-buyer", "co_buyer", PERSON_FIELDS[:4])
        self.vehicle_box = self._box("Vehicle", "vehicle", VEHICLE_FIELDS)
        self.trade_box = self._box("Trade-in", "trade_ins[0]", TRADE_FIELDS)
        trade_form = self.trade_box.layout()
        assert isinstance(trade_form, QFormLayout)
        trade_form.addRow("Condition", self._combo("trade_ins[0].condition", [c.value for c in Condition]))
        trade_form.addRow("Ownership", self._combo("trade_ins[0].ownership", [o.value for o in Ownership]))
        firm = self._check("trade_ins[0].firm_offer", "Firm offer")
        firm.setToolTip(
            "A written buy bid, priced as given; otherwise the value is an estimate the server appraises "
            "for the trade's mileage and year"
        )
        trade_form.addRow("", firm)
        self.appraisal = QLabel(self)
        self.appraisal.setObjectName("tradeAppraisal")
        self.appraisal.setWordWrap(True)
        trade_form.addRow("Appraised", self.appraisal)
        trade_form.addRow(self.remove_trade)
        self.order_id = self._entry("order_id")
        self.order_id.setPlaceholderText("from a customer event, or typed")
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText("Notes anyone on the deal can read")
        self.notes.textChanged.connect(self._on_notes_changed)
        self.structure = QLabel(self)
        self.structure.setObjectName("structureSummary")
        self.structure.setWordWrap(True)
        self.history = QListWidget(self)
        self.history.setObjectName("history")

        for entry in (self.salesperson, self.lost_reason):  # each hint whole, however long the title
            hint = entry.fontMetrics().horizontalAdvance(entry.placeholderText())
            entry.setMinimumWidth(hint + 2 * HINT_MARGIN)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(QLabel("Salesperson", self))
        top.addWidget(self.salesperson)
        top.addWidget(QLabel("Stage", self))
        top.addWidget(self.stage)
        top.addWidget(self.lost_reason)
        top.addWidget(self.mark_lost)
        top.addWidget(self.undo_button)
        grid = QGridLayout()
        grid.addWidget(self.buyer_box, 0, 0, 2, 1)
        grid.addWidget(self.has_co_buyer, 0, 1)
        grid.addWidget(self.co_buyer_box, 1, 1)
        grid.addWidget(self.vehicle_box, 0, 2, 2, 1)
        grid.addWidget(self.add_trade, 0, 3)
        grid.addWidget(self.trade_box, 1, 3)
        # With the co-buyer's and the trade's boxes shown, the buyer's and the co-buyer's (their Reveal buttons)
        # took the row, and the vehicle's VIN showed its last 15 characters: a VIN field is never narrower than a VIN.
        for path in ("vehicle.vin", "trade_ins[0].vin"):
            entry = self.entries[path]
            entry.setMinimumWidth(entry.fontMetrics().horizontalAdvance("0" * 19) + 2 * HINT_MARGIN)  # 17, with room
        side = form_rows(
            [
                ("Roadster order", self.order_id),
                ("Structure", self.structure),
                ("Notes", self.notes),
                ("History", self.history),
            ]
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addLayout(side)
        # Behind another tab, the form is filled when shown: Deal Pricing changes the deal at every keystroke, and
        # each refill of a form nobody sees cost the GUI thread ~1 ms of that keystroke's turn.
        self.when_shown = WhenShown(self)
        current.changed.connect(self._fill_when_shown)  # a method: disconnected when the form is destroyed
        self._on_deal_changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.when_shown.flush()

    # building
    def _entry(self, path: str) -> QLineEdit:
        entry = DealEntry(self)
        entry.setObjectName(path)
        entry.textEdited.connect(lambda text, p=path: self._on_edited(p, text))
        entry.undo_requested.connect(self.undo)
        self.entries[path] = entry
        return entry

    def _box(self, title: str, prefix: str, fields: tuple[tuple[str, str], ...]) -> QGroupBox:
        box = QGroupBox(title, self)
        form_rows([(label, self._entry(f"{prefix}.{name}")) for name, label in fields], box)
        return box

    def _person_box(self, title: str, prefix: str, fields: tuple[tuple[str, str], ...]) -> QGroupBox:
        box = self._box(title, prefix, fields)
        form = box.layout()
        assert isinstance(form, QFormLayout)
        for name, label in PII_LABELS:
            field = PiiField(f"{prefix}.{name}", box)
            field.edit.textEdited.connect(lambda text, p=field.path: self._on_edited(p, text))
            field.edit.undo_requested.connect(self.undo)
            field.reveal_requested.connect(self.reveal_requested)
            self.pii[field.path] = field
            form.addRow(label, field)
        return box

    def _combo(self, path: str, values: list[str]) -> QComboBox:
        combo = ComboBox(self)
        combo.setObjectName(path)
        for value in values:
            combo.addItem(value.capitalize(), value)
        combo.activated.connect(lambda _i, p=path, c=combo: self._on_edited(p, str(c.currentData())))
        self.combos[path] = combo
        return combo

    def _check(self, path: str, text: str) -> QCheckBox:
        check = QCheckBox(text, self)
        check.setObjectName(path)
        check.clicked.connect(lambda checked, p=path: self._on_edited(p, "yes" if checked else "no"))
        self.checks[path] = check
        return check

    # user actions
    def _on_edited(self, path: str, text: str) -> None:
        if self._filling or not self.current.is_open:
            return
        widget = self._widget(path)
        self._typing = path
        try:
            self.current.edit(path, text)
        except FieldError as exc:
            self.banner.show_error(str(exc))
            if isinstance(widget, QComboBox):  # nothing typed to keep: the box shows the deal's value again
                widget.setCurrentIndex(widget.findData(get_text(self.current.deal, path)))  # type: ignore[arg-type]
                self._show_banner()  # at the jacket's top, scrolled away when the trade's boxes are in sight
                return
            self._invalid.pop(path, None)
            self._invalid[path] = str(exc)  # the latest refused last
            mark(widget, True)
            return
        finally:
            self._typing = ""
        self._invalid.pop(path, None)
        mark(widget, False)
        self._shown[path] = get_text(self.current.deal, path)  # type: ignore[arg-type]
        if self._invalid:  # another field is still refused: its reason, not the one just put right (walked)
            self.banner.show_error(next(reversed(self._invalid.values())))
        else:
            self.banner.clear_message()

    def _show_banner(self) -> None:
        """Scroll the jacket up to its banner, when the jacket scrolls and the banner is out of sight."""
        holder = self.parentWidget()
        while holder is not None and not isinstance(holder, QScrollArea):
            holder = holder.parentWidget()
        if holder is not None:
            holder.ensureWidgetVisible(self.banner)

    def _on_notes_changed(self) -> None:
        if not self._filling and self.current.is_open:
            self._typing = "notes"
            try:
                self.current.edit("notes", self.notes.toPlainText())
            finally:
                self._typing = ""
            self._shown["notes"] = self.notes.toPlainText().strip()

    def _on_stage_picked(self, _index: int) -> None:
        target = Stage(str(self.stage.currentData()))
        reason = self.lost_reason.text()
        self._change(lambda deal: deal.move_to(target, reason))

    def _on_mark_lost(self) -> None:
        reason = self.lost_reason.text()
        self._change(lambda deal: deal.move_to(Stage.LOST, reason))

    def _on_co_buyer_toggled(self, checked: bool) -> None:
        if self._filling or not self.current.is_open:
            return
        self._change(lambda deal: setattr(deal, "co_buyer", (deal.co_buyer or Person()) if checked else None))

    def _on_add_trade(self) -> None:
        self._change(lambda deal: deal.trade_ins.append(TradeIn()) if not deal.trade_ins else None)

    def _on_remove_trade(self) -> None:
        self._change(lambda deal: deal.trade_ins.clear())

    def _change(self, change: Any) -> None:
        if not self.current.is_open:
            return
        try:
            self.current.update(change)
        except StageError as exc:
            self.banner.show_error(str(exc))
            self._on_deal_changed()  # the stage box goes back to the deal's stage
            return
        self.banner.clear_message()

    def undo(self) -> None:
        if not self.current.undo():
            self.banner.show_info("Nothing to undo.")

    def show_revealed(self, path: str, value: str | None = None) -> None:
        """The reveal of ``path`` is in the audit log: show its clear value (``value``: the team server's)."""
        field = self.pii.get(path)
        if field is not None:
            if value and value != field.edit.text():
                field.edit.setText(value)  # shown, not typed: the deal is not changed by a reveal
            field.show_clear()
            field.reveal.setEnabled(False)

    def set_salespeople(self, names: list[str]) -> None:
        """The rooftop's agents by name, offered as the salesperson is typed."""
        model = self.salesperson_names.model()
        assert isinstance(model, QStringListModel)
        model.setStringList(names)

    def show_appraisal(self, text: str) -> None:
        """What the server values the trade at (the tab asks it whenever the trade or the vehicle changes)."""
        self.appraisal.setText(text)

    def set_history(self, lines: list[str]) -> None:
        self.history.clear()
        self.history.addItems(lines)
        self.history.scrollToTop()  # newest first: the latest change in sight (walked: the list opened scrolled down)

    # showing the deal
    def _widget(self, path: str) -> QWidget:
        if path in self.pii:
            return self.pii[path].edit
        return self.entries.get(path) or self.combos.get(path) or self.checks[path]

    def _fill_when_shown(self) -> None:
        self.when_shown.run("fill", self._on_deal_changed)

    def _on_deal_changed(self) -> None:
        deal = self.current.deal
        self.setEnabled(deal is not None)
        if deal is None:
            self.title.setText("Open a deal from the list, or start a new one.")
            self._deal_id = ""
            clear(self)  # a closed deal (another rooftop's, on a switch) leaves none of its customer on screen
            # Laid out as a new deal is, so opening one does not move every box under the mouse.
            self.co_buyer_box.setVisible(False)
            self.trade_box.setVisible(False)
            self.add_trade.setVisible(True)
            return
        if deal.id != self._deal_id:  # another deal: everything typed for the last one is in its own store
            self._deal_id = deal.id
            self._shown.clear()
            self._invalid.clear()
            self.banner.clear_message()
            notice = getattr(self.current.store, "notice", "")
            if notice:  # without a keyring, a birth date or SSN typed in an earlier session reads as empty
                self.banner.show_info(notice)
            for field in self.pii.values():
                field.hide_clear()
            for widget in (*self.entries.values(), *(f.edit for f in self.pii.values())):
                mark(widget, False)
        self._filling = True
        try:
            self._fill(deal)
        finally:
            self._filling = False

    def _fill(self, deal: Any) -> None:
        fill(self, deal)
