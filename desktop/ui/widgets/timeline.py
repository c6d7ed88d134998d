"""A customer's timeline of Roadster events: a table, the selected event's details, and an audited "Reveal".

Everything shown -- cells, tooltips, the details pane, ``ObjectRole`` -- comes from the masked copy of an event
(:func:`desktop.services.events.masked`); the clear SSN, licence number or birth date appears only after "Reveal",
which writes the audit log (on the runner's write pool, with the OS user and profile) before the value is shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
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
from desktop.ui.models.common import ObjectRole, OneCallPerCell, SortRole
from desktop.ui.narrow import ColumnCollapser
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.qt_header import header_in_qt
from desktop.ui.widgets.wheel_guard import ComboBox

COL_TIME, COL_EVENT, COL_AGENT, COL_VEHICLE, COL_ORDER, COL_TRADE, COL_CREDIT, COL_MESSAGE = range(8)
HEADERS = ("Time", "Event", "Agent", "Vehicle", "Order", "Trade-in", "Credit decision", "Message")
_KEYS = ("time", "event", "agent", "vehicle", "order", "trade", "credit", "message")

AnyIndex = QModelIndex | QPersistentModelIndex


class TimelineModel(OneCallPerCell, QAbstractTableModel):
    """One customer's events, oldest first; only masked data ever leaves the model."""

    event_added = Signal(str)  # the new event in words, for a notification

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: list[dict[str, Any]] = []  # as received: kept for "Reveal" only
        self._rows: list[dict[str, str]] = []
        self._masked: list[dict[str, Any]] = []
        self._ids: set[str] = set()
        self.customer: tuple[str, int] | None = None
        self.agents: list[Agent] = []  # the rooftop's roster: agents shown by name

    def set_customer(self, dpid: str, customer_id: int, events: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.customer = (dpid, customer_id)
        self._events, self._rows, self._masked, self._ids = [], [], [], set()
        for event in events:
            self._store(event)
        self.endResetModel()

    def add_events(self, events: list[dict[str, Any]]) -> int:
        """Append the new events that belong to the shown customer; returns how many were added."""
        fresh = [e for e in events if self._belongs(e) and str(e.get("event_id")) not in self._ids]
        if not fresh:
            return 0
        first = len(self._events)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        for event in fresh:
            self._store(event)
        self.endInsertRows()
        for row in self._rows[first:]:
            self.event_added.emit(row["event"])
        return len(fresh)

    def _belongs(self, event: dict[str, Any]) -> bool:
        if self.customer is None:
            return False
        dpid, customer_id = self.customer
        return (event.get("dealer") or {}).get("dpid") == dpid and (event.get("customer") or {}).get(
            "id"
        ) == customer_id

    def _store(self, event: dict[str, Any]) -> None:
        self._events.append(event)
        self._masked.append(masked(event))
        self._rows.append(summary(event, self.agents))
        self._ids.add(str(event.get("event_id")))

    def set_agents(self, agents: list[Agent]) -> None:
        """A newer roster: the rows say the agents' names."""
        self.agents = list(agents)
        self._rows = [summary(e, self.agents) for e in self._events]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(HEADERS) - 1))

    def column_texts(self, column: int) -> list[str]:
        """Every text of ``column``, for sizing it without measuring cells (a customer has tens of events)."""
        return list({row[_KEYS[column]] for row in self._rows})

    def event_at(self, row: int) -> dict[str, Any]:
        """The event as received, for the reveal action only."""
        return self._events[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SortRole):
            return row[_KEYS[index.column()]]
        if role == ObjectRole:
            return self._masked[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None


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
