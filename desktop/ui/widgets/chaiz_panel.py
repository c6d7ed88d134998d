"""'Service contracts (Chaiz)': the plans Chaiz offers for one vehicle and its mileage, with the documented filters.

Chaiz requires partners to show plan name, coverage level, duration AND miles, and to say that the term ends at
whichever comes first and that the miles are added to the current odometer; the table and the note under it do.
A registered vehicle's plans arrive with the first answer, so no progress is shown; an unregistered one shows a
busy bar (with Cancel) while the search polls.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.chaiz.registration import PlanSearch, search_with_user, wait_for_plans
from desktop.api.chaiz.schema import UNLIMITED_MILES, Plan, PlanFilters, RangeFilter, UserDetails, UserPlansBody
from desktop.api.errors import BadRequest
from desktop.domain.chaiz_rules import (
    MAX_MILEAGE,
    MIN_MILEAGE,
    STATES,
    mileage_problem,
    state_for_zip,
    user_details_problems,
)
from desktop.ui.errors import sentence
from desktop.ui.models.common import ObjectRole, RowsTableModel, SortRole
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.vin_edit import VinEdit

TERM_NOTE = "Term: duration and miles, whichever comes first; miles are added to the current odometer."
COVERAGE_LABELS = {
    "Powertrain": "Powertrain (basic)",
    "PowertrainPlus": "Powertrain Plus (basic plus)",
    "MostComprehensive": "Most comprehensive (best)",
}
COVERAGE_FILTER_OF = {"Powertrain": "basic", "PowertrainPlus": "basicplus", "MostComprehensive": "best"}
USER_FIELDS = (
    ("firstName", "First name"),
    ("lastName", "Last name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("address", "Address"),
    ("city", "City"),
    ("state", "State"),
    ("zip", "ZIP"),
)


def money(value: float | None) -> str:
    return "" if value is None else f"${Decimal(str(value)):,.2f}"


def term_text(plan: Plan) -> str:
    miles = "unlimited miles" if plan.miles == UNLIMITED_MILES else f"{plan.miles * 1000:,} miles"
    return f"{plan.duration} months / {miles}"


class PlansModel(RowsTableModel[Plan]):
    COL_PLAN, COL_PROVIDER, COL_COVERAGE, COL_TERM, COL_DEDUCTIBLE, COL_PRICE, COL_MONTHLY = range(7)
    HEADERS = ("Plan", "Provider", "Coverage level", "Duration and miles", "Deductible", "Price", "Monthly")
    set_plans = RowsTableModel.set_rows
    plans = RowsTableModel.rows

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        plan = self.row_object(index)
        if plan is None:
            return None
        col = index.column()
        if role == ObjectRole:
            return plan
        if role == SortRole:
            return (
                plan.planName,
                plan.displayProviderName,
                plan.coverageType,
                (plan.duration, plan.miles),
                plan.deductible,
                plan.price,
                plan.monthlyPrice or 0.0,
            )[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                plan.planName,
                plan.displayProviderName,
                COVERAGE_LABELS.get(plan.coverageType, plan.coverageType),
                term_text(plan),
                money(plan.deductible),
                money(plan.price),
                f"{money(plan.monthlyPrice)} × {plan.numberOfPayments}" if plan.monthlyPrice else "",
            )[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= self.COL_DEDUCTIBLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ChaizPanel(QWidget):
    """Service contracts for a VIN and its mileage; give it the runner and workspace like a tab."""

    def __init__(self, runner: Any, workspace: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.workspace = workspace
        self._job: int | None = None

        self.vin = VinEdit(parent=self)
        self.mileage = QSpinBox(self)
        self.mileage.setRange(MIN_MILEAGE, MAX_MILEAGE)
        self.mileage.setGroupSeparatorShown(True)
        self.mileage.setSuffix(" mi")
        self.mileage.setValue(10)
        self.mileage.setMaximumWidth(180)
        self.location = QLineEdit(self)
        self.location.setPlaceholderText("State (CA) or ZIP (93313)")
        self.location.setMaxLength(10)

        self.coverage = {name: QCheckBox(label, self) for name, label in COVERAGE_LABELS.items()}
        self.duration_from, self.duration_to = self._range(0, 120, " mo")
        self.miles_from, self.miles_to = self._range(0, UNLIMITED_MILES, "k mi")
        self.exclude = QLineEdit(self)
        self.exclude.setPlaceholderText("Providers to leave out, comma-separated")

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
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.note = QLabel(TERM_NOTE, self)
        self.note.setObjectName("chaizTermNote")
        self.note.setWordWrap(True)

        self.customer = QGroupBox("Customer checkout links (live flow)", self)
        self.customer.setCheckable(True)
        self.customer.setChecked(False)
        self.user_fields = {name: QLineEdit(self.customer) for name, _label in USER_FIELDS}
        self.user_fields["state"].setMaxLength(2)
        self.user_fields["zip"].setMaxLength(10)
        self.get_links = QPushButton("Get checkout links", self.customer)
        self.copy_checkout = QPushButton("Copy checkout link", self)
        self.open_checkout = QPushButton("Open checkout", self)
        self.copy_summary = QPushButton("Copy summary link", self)
        self.open_summary = QPushButton("Open summary", self)
        self.link_buttons = (self.copy_checkout, self.open_checkout, self.copy_summary, self.open_summary)
        for button in self.link_buttons:
            button.setEnabled(False)

        self._layout()
        self.get_links.clicked.connect(self._on_get_links)
        self.copy_checkout.clicked.connect(lambda: self._copy("planCheckoutUrl"))
        self.copy_summary.clicked.connect(lambda: self._copy("planSummaryUrl"))
        self.open_checkout.clicked.connect(lambda: self._open("planCheckoutUrl"))
        self.open_summary.clicked.connect(lambda: self._open("planSummaryUrl"))
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.search.clicked.connect(self._on_search)
        self.cancel.clicked.connect(self._on_cancel)
        self.vin.accepted.connect(lambda _vin: self._on_search())

    def _range(self, low: int, high: int, suffix: str) -> tuple[QSpinBox, QSpinBox]:
        lo, hi = QSpinBox(self), QSpinBox(self)
        for box, value in ((lo, low), (hi, high)):
            box.setRange(low, high)
            box.setSuffix(suffix)
            box.setValue(value)
            box.setMaximumWidth(140)
        lo.setSpecialValueText("any")
        return lo, hi

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("VIN", self.vin)
        form.addRow("Current mileage", self.mileage)
        form.addRow("State or ZIP", self.location)
        filters = QGroupBox("Filters", self)
        flay = QFormLayout(filters)
        boxes = QHBoxLayout()
        for box in self.coverage.values():
            boxes.addWidget(box)
        flay.addRow("Coverage", boxes)
        for label, lo, hi in (
            ("Duration", self.duration_from, self.duration_to),
            ("Miles", self.miles_from, self.miles_to),
        ):
            row = QHBoxLayout()
            row.addWidget(lo)
            row.addWidget(QLabel("to", filters))
            row.addWidget(hi)
            row.addStretch(1)
            flay.addRow(label, row)
        flay.addRow("Exclude", self.exclude)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Service contracts (Chaiz)</b>", self))
        layout.addLayout(form)
        layout.addWidget(filters)
        customer = QFormLayout(self.customer)
        for name, label in USER_FIELDS:
            customer.addRow(label, self.user_fields[name])
        customer.addRow("", self.get_links)
        links = QHBoxLayout()
        for button in self.link_buttons:
            links.addWidget(button)
        links.addStretch(1)
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

    def filters(self) -> PlanFilters:
        coverage = [COVERAGE_FILTER_OF[name] for name, box in self.coverage.items() if box.isChecked()]
        excluded = [p.strip() for p in self.exclude.text().split(",") if p.strip()]
        return PlanFilters(
            coverageTypes=coverage,
            duration=self._bounds(self.duration_from, self.duration_to),
            miles=self._bounds(self.miles_from, self.miles_to),
            excludeProviders=excluded,
        )

    @staticmethod
    def _bounds(lo: QSpinBox, hi: QSpinBox) -> RangeFilter | None:
        low = lo.value() if lo.value() > lo.minimum() else None
        high = hi.value() if hi.value() < hi.maximum() else None
        if low is None and high is None:
            return None
        return RangeFilter(**{"from": low, "to": high})

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

    # --- live flow: the customer's details give each plan a checkout and a summary link ----------------------

    def user_details(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.user_fields.items()}

    def _on_get_links(self) -> None:
        problem = self.vin.problem()
        if problem is not None:
            self.banner.show_error(f"VIN: {problem}")
            return
        details = self.user_details()
        details["state"] = details["state"].upper()
        problems = user_details_problems(details)
        labels = dict(USER_FIELDS)
        if problems:
            name, text = problems[0]
            self.user_fields[name].setFocus()
            self.banner.show_error(f"{labels[name]}: {text}")
            return
        connection = self.workspace.connection if self.workspace is not None else None
        if connection is None:
            self.banner.show_error("Not connected to Chaiz yet; links need the connection. Try again in a moment.")
            return
        self.banner.clear_message()
        user = UserDetails(**{k: v for k, v in details.items() if v})
        vin, mileage, filters, client = self.vin.vin(), self.mileage.value(), self.filters(), connection.chaiz
        if self._job is not None:
            self.runner.cancel(self._job)
        self.search.setEnabled(False)
        self.get_links.setEnabled(False)
        self.status.setText("Getting checkout links…")
        self._job = self.runner.submit(
            lambda: search_with_user(client, vin, mileage, user, filters=filters),
            self._on_links,
            self._on_links_failed,
            label="Chaiz checkout links",
        )

    def _on_links(self, result: UserPlansBody) -> None:
        self._job = None
        self.get_links.setEnabled(True)
        self.model.set_plans(result.plans)
        self._idle(f"{len(result.plans)} plan(s) with checkout links for {result.stateShortName}.")
        if result.plans:
            self.table.selectRow(0)

    def _on_links_failed(self, exc: BaseException) -> None:
        self.get_links.setEnabled(True)
        self._on_failed(exc)

    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        plan = current.data(ObjectRole) if current.isValid() else None
        has_links = isinstance(plan, Plan) and bool(plan.planCheckoutUrl)
        for button in self.link_buttons:
            button.setEnabled(has_links)

    def current_plan(self) -> Plan | None:
        plan = self.table.currentIndex().data(ObjectRole)
        return plan if isinstance(plan, Plan) else None

    def _link(self, attribute: str) -> str:
        plan = self.current_plan()
        return str(getattr(plan, attribute) or "") if plan is not None else ""

    def _copy(self, attribute: str) -> None:
        link = self._link(attribute)
        if link:
            QGuiApplication.clipboard().setText(link)
            self.status.setText("Link copied.")

    def _open(self, attribute: str) -> None:
        link = self._link(attribute)
        if link:
            QDesktopServices.openUrl(QUrl(link))
