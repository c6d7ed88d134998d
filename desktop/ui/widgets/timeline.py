"""A customer's timeline of Roadster events: a table, the selected event's details, and an audited "Reveal".

Everything shown -- cells, tooltips, the details pane, ``ObjectRole`` -- comes from the masked copy of an event
(:func:`desktop.services.events.masked`); the clear SSN, licence number or birth date appears only after "Reveal",
which writes the audit log (on the runner's write pool, with the OS user and profile) before the value is shown.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.events import details, masked, reveal, sensitive_fields, summary
from desktop.store.agents import Agent
from desktop.store.audit import Actor, AuditLog
from desktop.ui.errors import sentence
from desktop.ui.models.common import ObjectRole, SortRole
from desktop.ui.models.item_rows import Cells, ItemRowsModel
from desktop.ui.narrow import ColumnCollapser
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.qt_header import header_in_qt
from desktop.ui.widgets.wheel_guard import ComboBox

COL_TIME, COL_EVENT, COL_AGENT, COL_VEHICLE, COL_ORDER, COL_TRADE, COL_CREDIT, COL_MESSAGE = range(8)
HEADERS = ("Time", "Event", "Agent", "Vehicle", "Order", "Trade-in", "Credit decision", "Message")
_KEYS = ("time", "event", "agent", "vehicle", "order", "trade", "credit", "message")

_DISPLAY, _TIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)


class TimelineRow(NamedTuple):
    event: dict[str, Any]  # as received: kept for "Reveal" only
    masked: dict[str, Any]  # what ObjectRole gives
    shown: dict[str, str]  # the cells' texts


class TimelineModel(ItemRowsModel[TimelineRow]):
    """One customer's events, oldest first, their cells kept in Qt; only masked data ever leaves the model."""

    HEADERS = HEADERS
    event_added = Signal(str)  # the new event in words, for a notification

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ids: set[str] = set()
        self.customer: tuple[str, int] | None = None
        self.agents: list[Agent] = []  # the rooftop's roster: agents shown by name

    def set_customer(self, dpid: str, customer_id: int, events: list[dict[str, Any]]) -> None:
        self.customer = (dpid, customer_id)
        self._ids = {str(e.get("event_id")) for e in events}
        self.set_rows([self._row(e) for e in events])

    def add_events(self, events: list[dict[str, Any]]) -> int:
        """Append the new events that belong to the shown customer; returns how many were added."""
        fresh: list[dict[str, Any]] = []
        for event in events:
            key = str(event.get("event_id"))
            if self._belongs(event) and key not in self._ids:
                self._ids.add(key)
                fresh.append(event)
        rows = [self._row(e) for e in fresh]
        self.append_rows(rows)
        for row in rows:
            self.event_added.emit(row.shown["event"])
        return len(rows)

    def _belongs(self, event: dict[str, Any]) -> bool:
        if self.customer is None:
            return False
        dpid, customer_id = self.customer
        return (event.get("dealer") or {}).get("dpid") == dpid and (event.get("customer") or {}).get(
            "id"
        ) == customer_id

    def _row(self, event: dict[str, Any]) -> TimelineRow:
        return TimelineRow(event, masked(event), summary(event, self.agents))

    def cells(self, row: TimelineRow) -> Cells:
        for key in _KEYS:
            text = row.shown[key]
            yield {ObjectRole: row.masked, _DISPLAY: text, _TIP: text, SortRole: text}

    def set_agents(self, agents: list[Agent]) -> None:
        """A newer roster: the rows say the agents' names (set in place: the selection stays)."""
        self.agents = list(agents)
        self._rows = [self._row(r.event) for r in self._rows]
        for r in range(len(self._rows)):
            self.refresh_row(r)

    def column_texts(self, column: int) -> list[str]:
        """Every text of ``column``, for sizing it without measuring cells (a customer has tens of events)."""
        return list({row.shown[_KEYS[column]] for row in self._rows})

    def event_at(self, row: int) -> dict[str, Any]:
        """The event as received, for the reveal action only."""
        return self._rows[row].event


class TimelineWidget(QWidget):
    """The timeline of the customer set with :meth:`show_customer`; new events come in with :meth:`add_events`."""

    revealed = Signal(str, str)  # field path, clear value (shown in the details pane, never logged)

    def __init__(self, runner: TaskRunner, audit: AuditLog, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._audit = audit
        self._actor = actor
        self.model = TimelineModel(self)
        self.banner = Banner(self)
        self.notice = QLabel("", self)
        self.notice.setObjectName("timelineNotice")
        self.notice.setFixedHeight(self.notice.fontMetrics().lineSpacing() + 4)  # "New: …" never pushes the table
        self.table = QTableView(self)
        self.table.setModel(self.model)
        header_in_qt(self.table)  # its titles painted without Python
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Fitted to the texts when events come (later ones widen their column), not by ResizeToContents, which
        # measured every cell again on each show of the Customers tab.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        collapse = [COL_MESSAGE, COL_CREDIT, COL_TRADE, COL_ORDER, COL_VEHICLE, COL_AGENT]
        self.collapser = ColumnCollapser(
            self.table,
            collapse,
            "the selected event's details below show them.",
            squeeze=COL_EVENT,
            texts=self.model.column_texts,
        )
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.field_box = ComboBox(self)
        self.reveal_button = QPushButton("Reveal", self)
        self.reveal_button.setToolTip("Show the clear value; the reveal is recorded in the audit log.")
        self.reveal_button.setEnabled(False)
        self.revealed_label = QLabel("", self)
        self.revealed_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        reveal_row = QHBoxLayout()
        reveal_row.addWidget(QLabel("Sensitive field:", self))
        reveal_row.addWidget(self.field_box, 1)
        reveal_row.addWidget(self.reveal_button)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.details, 1)
        lower_layout.addLayout(reveal_row)
        lower_layout.addWidget(self.revealed_label)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.reveal_button.clicked.connect(self._on_reveal)
        self.model.event_added.connect(self._on_event_added)

    def set_log(self, audit: AuditLog, actor: Actor) -> None:
        """Another profile's audit log and identity (reveals are audited there)."""
        self._audit = audit
        self._actor = actor

    def show_customer(self, dpid: str, customer_id: int, events: list[dict[str, Any]]) -> None:
        self.model.set_customer(dpid, customer_id, events)
        self.notice.setText("")
        self._show_details(-1)
        if self.model.rowCount():
            self.collapser.fit()
            self.table.selectRow(self.model.rowCount() - 1)

    def add_events(self, events: list[dict[str, Any]]) -> int:
        return self.model.add_events(events)

    def set_agents(self, agents: list[Agent]) -> None:
        self.model.set_agents(agents)
        row = self.table.currentIndex().row()
        if row >= 0:
            self._show_details(row)

    def _on_event_added(self, words: str) -> None:
        self.notice.setText(f"New: {words}")

    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_details(current.row() if current.isValid() else -1)

    def _show_details(self, row: int) -> None:
        self.revealed_label.setText("")
        self.field_box.clear()
        if row < 0:
            self.details.setPlainText("")
            self.reveal_button.setEnabled(False)
            return
        self.details.setPlainText("\n".join(details(self.model.event_at(row), self.model.agents)))
        paths = [path for path, _ in sensitive_fields(self.model.event_at(row))]
        self.field_box.addItems(paths)
        self.reveal_button.setEnabled(bool(paths))

    def _on_reveal(self) -> None:
        row = self.table.currentIndex().row()
        path = self.field_box.currentText()
        if row < 0 or not path:
            return
        event = self.model.event_at(row)
        self.reveal_button.setEnabled(False)
        audit, actor = self._audit, self._actor  # taken now: a profile switch may swap them before the job runs
        self._runner.submit(
            lambda: reveal(audit, actor, event, path),
            lambda value: self._on_revealed(path, value),
            self._on_reveal_failed,
            label="Recording the reveal in the audit log",
            write=True,
            owner=self,
        )

    def _on_revealed(self, path: str, value: str) -> None:
        self.reveal_button.setEnabled(True)
        self.revealed_label.setText(f"{path}: {value}  (recorded in the audit log)")
        self.revealed.emit(path, value)

    def _on_reveal_failed(self, exc: BaseException) -> None:
        self.reveal_button.setEnabled(True)
        self.banner.show_error(f"The value was not revealed: {sentence(exc)}")
