"""'Service contracts (Chaiz)': the plans Chaiz offers for one vehicle and its mileage, with the documented filters.

Chaiz requires partners to show plan name, coverage level, duration AND miles, and to say that the term ends at
whichever comes first and that the miles are added to the current odometer; the table and the note under it do.
A registered vehicle's plans arrive with the first answer, so no progress is shown; an unregistered one shows a
busy bar (with Cancel) while the search polls.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.chaiz.registration import PlanSearch, wait_for_plans
from desktop.api.errors import BadRequest
from desktop.domain.chaiz_rules import MAX_MILEAGE, MIN_MILEAGE, STATES, mileage_problem, state_for_zip
from desktop.ui.errors import sentence
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.chaiz_panel.checkout import CheckoutLinks
from desktop.ui.widgets.chaiz_panel.filters import FilterForm
from desktop.ui.widgets.chaiz_panel.plans import TERM_NOTE, PlansModel
from desktop.ui.widgets.qt_header import header_in_qt
from desktop.ui.widgets.vin_edit import VinEdit
from desktop.ui.widgets.wheel_guard import SpinBox


class ChaizPanel(FilterForm, CheckoutLinks, QWidget):
    """Service contracts for a VIN and its mileage; give it the runner and workspace like a tab."""

    def __init__(self, runner: Any, workspace: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.workspace = workspace
        self._job: int | None = None

        self.vin = VinEdit(parent=self)
        self.mileage = SpinBox(self)
        self.mileage.setRange(MIN_MILEAGE, MAX_MILEAGE)
        self.mileage.setGroupSeparatorShown(True)
        self.mileage.setSuffix(" mi")
        self.mileage.setValue(10)
        self.mileage.setMaximumWidth(180)
        self.location = QLineEdit(self)
        self.location.setPlaceholderText("State (CA) or ZIP (93313)")
        self.location.setMaxLength(10)

        self.init_filters()

        self.search = QPushButton("Show plans", self)
        self.search.setDefault(True)
        self.cancel = QPushButton("Cancel", self)
        self.cancel.hide()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setFormat("Chaiz is preparing plans for this vehicle…")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.banner = Banner(self)
        self.status = QLabel(self)

        self.model = PlansModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        header_in_qt(self.table)  # its titles painted without Python
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.note = QLabel(TERM_NOTE, self)
        self.note.setObjectName("chaizTermNote")
        self.note.setWordWrap(True)

        self.init_links()

        self._layout()
        self.connect_links()
        self.search.clicked.connect(self._on_search)
        self.cancel.clicked.connect(self._on_cancel)
        self.vin.accepted.connect(lambda _vin: self._on_search())

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("VIN", self.vin)
        form.addRow("Current mileage", self.mileage)
        form.addRow("State or ZIP", self.location)
        filters = self.filters_box()
        buttons = QHBoxLayout()
        buttons.addWidget(self.search)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Service contracts (Chaiz)</b>", self))
        layout.addLayout(form)
        layout.addWidget(filters)
        links = self.lay_out_links()
        layout.addWidget(self.customer)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(links)
        layout.addWidget(self.note)

    # --- public: what a host tab sets --------------------------------------------------------------------------

    def set_vehicle(self, vin: str, mileage: int, location: str = "") -> None:
        """Fill the vehicle in (e.g. from the deal being priced); the user still chooses when to search."""
        self.vin.edit.setText(vin)
        self.mileage.setValue(max(MIN_MILEAGE, min(MAX_MILEAGE, mileage)))
        if location:
            self.location.setText(location)

    # --- slots ------------------------------------------------------------------------------------------------

    def _location(self) -> tuple[str | None, str | None, str | None]:
        """(state, zip, problem); a blank field falls back to the rooftop's state."""
        text = self.location.text().strip().upper()
        if not text:
            dealer = self.workspace.dealer() if self.workspace is not None else None
            state = str((dealer or {}).get("state") or "")
            if state in STATES:
                return state, None, None
            return None, None, "Give the customer's state (e.g. CA) or ZIP code."
        if text[:1].isdigit():
            if state_for_zip(text) is None:
                return None, None, f"ZIP {text} is not a valid US ZIP code."
            return None, text, None
        if text not in STATES:
            return None, None, f"{text} is not a US state code; use two letters, e.g. CA."
        return text, None, None

    def _on_search(self) -> None:
        problem = self.vin.problem()
        if problem is not None:
            self.banner.show_error(f"VIN: {problem}")
            return
        mileage = self.mileage.value()
        mileage_issue = mileage_problem(mileage)
        state, zip_code, where_issue = self._location()
        if mileage_issue or where_issue:
            self.banner.show_error(mileage_issue or where_issue or "")
            return
        connection = self.workspace.connection if self.workspace is not None else None
        if connection is None:
            self.banner.show_error("Not connected to Chaiz yet; plans need the connection. Try again in a moment.")
            return
        self.banner.clear_message()
        vin, filters, client = self.vin.vin(), self.filters(), connection.chaiz

        def search(control: Any) -> PlanSearch:
            return wait_for_plans(
                client,
                vin,
                mileage,
                state=state,
                zip_code=zip_code,
                filters=filters,
                should_stop=lambda: control.cancelled,
                on_wait=lambda: control.progress(0, 0, "Chaiz is preparing plans for this vehicle…"),
            )

        if self._job is not None:
            self.runner.cancel(self._job)
        self.search.setEnabled(False)
        self.cancel.show()
        self.status.setText("Searching…")
        self._job = self.runner.submit_job(
            search, self._on_plans, self._on_failed, on_progress=self._on_progress, label="Chaiz plans"
        )

    def _on_progress(self, _done: int, _total: int, _text: str) -> None:
        self.progress.show()

    def _on_cancel(self) -> None:
        if self._job is not None:
            self.runner.cancel(self._job)
        self._job = None
        self._idle("Cancelled.")

    def _idle(self, status: str) -> None:
        self.search.setEnabled(True)
        self.get_links.setEnabled(True)
        self.cancel.hide()
        self.progress.hide()
        self.status.setText(status)

    def _on_plans(self, result: PlanSearch) -> None:
        self._job = None
        self.model.set_plans(result.plans)
        for button in self.link_buttons:
            button.setEnabled(False)
        where = f" in {result.state}" if result.state else ""
        self._idle(f"{len(result.plans)} plan(s){where}, lowest first.")
        if not result.plans:
            self.banner.show_info("No plan matches these filters; widen them to see more.")

    def _on_failed(self, exc: BaseException) -> None:
        self._job = None
        self._idle("")
        text = sentence(exc)
        if isinstance(exc, BadRequest) and exc.field:
            text = f"{text} (field: {exc.field})"
        self.banner.show_error(text)
