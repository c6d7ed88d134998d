"""A VIN field that refuses a wrong VIN where it is typed, and says why."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.domain.vin import normalize_vin, vin_problem


class VinEdit(QWidget):
    """Line edit + a message line; ``accepted`` carries a valid, normalized VIN on Enter.

    In a toolbar row the message line under the field would make the whole row taller the moment a VIN is
    refused, moving every control below it: there (``inline_message=False``) the problem goes out through
    ``problem_changed`` for the tab's own message line, and stays in the field's tooltip.
    """

    accepted = Signal(str)
    problem_changed = Signal(str)  # the refused VIN's problem, "" once the VIN is good or cleared

    def __init__(
        self,
        placeholder: str = "VIN (17 characters)",
        parent: QWidget | None = None,
        *,
        inline_message: bool = True,
        tooltip: str = "",
    ) -> None:
        super().__init__(parent)
        self._inline = inline_message
        self._tooltip = tooltip  # the field's help; a refused VIN's problem takes its place until fixed
        self.edit = QLineEdit(self)
        self.edit.setObjectName("vinEdit")
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMaxLength(24)
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip(tooltip)
        self.edit.setProperty("invalid", False)  # what _show compares with: the first keystroke re-polishes nothing
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.edit.textEdited.connect(self._on_edited)
        self.edit.returnPressed.connect(self._on_return)

    def vin(self) -> str:
        return normalize_vin(self.edit.text())

    def problem(self) -> str | None:
        return vin_problem(self.edit.text())

    def show_note(self, text: str) -> None:
        """A sentence about the field that is no verdict on the VIN typed (its list could not be read): said where
        the field says its problems, without marking the VIN as wrong."""
        self.message.setText(text)
        self.message.setVisible(bool(text) and self._inline)
        self.edit.setToolTip(text)
        self.problem_changed.emit(text)

    def _show(self, problem: str | None) -> None:
        self.message.setText(problem or "")
        self.message.setVisible(bool(problem) and self._inline)
        self.edit.setToolTip(problem or self._tooltip)
        self.problem_changed.emit(problem or "")
        # Re-polished only when the verdict changes: each keystroke of a half-typed VIN or a model name is "no
        # problem" again, and polishing the field anew at each one resolved its style sheet for nothing.
        if self.edit.property("invalid") is not bool(problem):
            self.edit.setProperty("invalid", bool(problem))
            self.edit.style().unpolish(self.edit)
            self.edit.style().polish(self.edit)

    def _on_edited(self, text: str) -> None:
        # Judge only once the VIN is complete; a half-typed VIN is not an error yet.
        self._show(vin_problem(text) if len(normalize_vin(text)) >= 17 else None)

    def _on_return(self) -> None:
        problem = self.problem()
        self._show(problem)
        if problem is None:
            self.accepted.emit(self.vin())
