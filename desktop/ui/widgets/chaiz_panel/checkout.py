"""The live flow: the customer's details give each plan a checkout and a summary link, to copy or open.

A mixin of :class:`~desktop.ui.widgets.chaiz_panel.panel.ChaizPanel`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton

from desktop.api.chaiz.registration import search_with_user
from desktop.api.chaiz.schema import Plan, UserDetails, UserPlansBody
from desktop.domain.chaiz_rules import user_details_problems
from desktop.ui.models.common import ObjectRole

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


class CheckoutLinks:
    """The customer box, the link buttons, and the search that returns plans with their links."""

    def init_links(self: Any) -> None:
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

    def connect_links(self: Any) -> None:
        self.get_links.clicked.connect(self._on_get_links)
        self.copy_checkout.clicked.connect(lambda: self._copy("planCheckoutUrl"))
        self.copy_summary.clicked.connect(lambda: self._copy("planSummaryUrl"))
        self.open_checkout.clicked.connect(lambda: self._open("planCheckoutUrl"))
        self.open_summary.clicked.connect(lambda: self._open("planSummaryUrl"))
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)

    def lay_out_links(self: Any) -> QHBoxLayout:
        """Lay the customer box out; returns the row of link buttons for the panel to place under the table."""
        customer = QFormLayout(self.customer)
        for name, label in USER_FIELDS:
            customer.addRow(label, self.user_fields[name])
        customer.addRow("", self.get_links)
        links = QHBoxLayout()
        for button in self.link_buttons:
            links.addWidget(button)
        links.addStretch(1)
        return links

    def user_details(self: Any) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.user_fields.items()}

    def _on_get_links(self: Any) -> None:
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

    def _on_links(self: Any, result: UserPlansBody) -> None:
        self._job = None
        self.get_links.setEnabled(True)
        self.model.set_plans(result.plans)
        self._idle(f"{len(result.plans)} plan(s) with checkout links for {result.stateShortName}.")
        if result.plans:
            self.table.selectRow(0)

    def _on_links_failed(self: Any, exc: BaseException) -> None:
        self.get_links.setEnabled(True)
        self._on_failed(exc)

    def _on_row_changed(self: Any, current: QModelIndex, _previous: QModelIndex) -> None:
        plan = current.data(ObjectRole) if current.isValid() else None
        has_links = isinstance(plan, Plan) and bool(plan.planCheckoutUrl)
        for button in self.link_buttons:
            button.setEnabled(has_links)

    def current_plan(self: Any) -> Plan | None:
        plan = self.table.currentIndex().data(ObjectRole)
        return plan if isinstance(plan, Plan) else None

    def _link(self: Any, attribute: str) -> str:
        plan = self.current_plan()
        return str(getattr(plan, attribute) or "") if plan is not None else ""

    def _copy(self: Any, attribute: str) -> None:
        link = self._link(attribute)
        if link:
            QGuiApplication.clipboard().setText(link)
            self.status.setText("Link copied.")

    def _open(self: Any, attribute: str) -> None:
        link = self._link(attribute)
        if link:
            QDesktopServices.openUrl(QUrl(link))
