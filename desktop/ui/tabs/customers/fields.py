"""The Customers tab's pieces of form: checked whole numbers, marked fields, links with Copy and Open."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.vehicle_picker import VehiclePicker as CachedVehiclePicker

UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
# What a salesperson calls the utm_* parameters: the key itself is in the field's tooltip for the marketing team.
CAMPAIGN_LABELS = {
    "utm_source": "Campaign source",
    "utm_medium": "Campaign medium",
    "utm_campaign": "Campaign name",
    "utm_term": "Campaign keyword",
    "utm_content": "Campaign content",
}
CAMPAIGN_HINTS = {
    "utm_source": "where the shopper came from, e.g. newsletter",
    "utm_medium": "e.g. email, social",
    "utm_campaign": "e.g. spring-sale",
    "utm_term": "paid search keyword",
    "utm_content": "which link or ad, e.g. header-button",
}
PAYMENT_INTS = (
    ("lease_down", "Lease down ($)"),
    ("lease_months", "Lease months"),
    ("lease_miles", "Lease miles / year"),
    ("finance_down", "Finance down ($)"),
    ("finance_months", "Finance months"),
)


class FieldProblem(Exception):
    """Input refused before sending; ``field`` is the API's name for it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


MAX_WHOLE = 999_999_999  # every amount, year and mileage a form takes: bounded before it is sent


def whole(text: str, field: str, label: str, *, minimum: int = 0, maximum: int = MAX_WHOLE) -> int | None:
    value = text.strip().replace(",", "").removeprefix("$")
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):  # "²" and other Unicode digits pass isdigit() but not int()
        raise FieldProblem(field, f"{label} must be a whole number, not {text.strip()!r}.")
    if len(value) > len(str(maximum)) or int(value) > maximum:
        raise FieldProblem(field, f"{label} must be at most {maximum:,}.")
    number = int(value)
    if number < minimum:
        raise FieldProblem(field, f"{label} must be at least {minimum}.")
    return number


class LinkBox(QWidget):
    """A link with Copy and Open, read-only so it can be selected but not broken."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = QLineEdit(self)
        self.url.setObjectName(name)
        self.url.setReadOnly(True)
        self.url.setPlaceholderText("no link yet")
        self.copy_button = QPushButton("Copy", self)
        self.open_button = QPushButton("Open in browser", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.url, 1)
        layout.addWidget(self.copy_button)
        layout.addWidget(self.open_button)
        self.copy_button.clicked.connect(self.copy)
        self.open_button.clicked.connect(self.open)
        self.set_url("")

    def set_url(self, url: str) -> None:
        self.url.setText(url)
        self.url.setCursorPosition(0)
        self.copy_button.setEnabled(bool(url))
        self.open_button.setEnabled(bool(url))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.url.text())

    def open(self) -> None:
        QDesktopServices.openUrl(QUrl(self.url.text()))


class VehiclePicker(CachedVehiclePicker):
    """A VIN typed, or picked from the rooftop's cached vehicles in stock, checked the way this tab's forms are.

    Its problems go to the tab's message line (``problem_changed``), never on a line under the field: that line
    pushed the rest of the form down under the mouse the moment a VIN was refused.
    """

    def __init__(self, runner: TaskRunner, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(runner, placeholder, in_stock_only=True, inline_message=False, parent=parent)

    def vin(self, field: str, *, required: bool = False) -> str:
        """The normalized VIN, '' when blank and optional; :class:`FieldProblem` when wrong."""
        if not self.vin_edit.edit.text().strip():
            if required:
                raise FieldProblem(field, "VIN is required.")
            return ""
        problem = self.vin_edit.problem()
        if problem:
            self.vin_edit._show(problem)
            raise FieldProblem(field, problem)
        return self.vin_edit.vin()
