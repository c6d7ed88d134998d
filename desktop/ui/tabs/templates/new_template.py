"""The new-template form of the Templates tab: a PDF read from disk into the designer, the drawing checked, then
saved at Roadster as a new template (templates cannot be changed once saved)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QMessageBox, QPushButton

from desktop.api.roadster import templates as api
from desktop.api.roadster.schema import DocumentTemplate
from desktop.domain import form_fields as ff
from desktop.services import packets
from desktop.services.doc_worker import client as documents
from desktop.ui.errors import sentence
from desktop.ui.file_places import FORMS, remember, start_in
from desktop.ui.tabs.templates.packets import PAGE_DESIGNER, TemplatePackets
from desktop.ui.widgets.confirm import ask
from desktop.ui.widgets.template_designer import TemplateDesigner
from desktop.ui.workspace import TEMPLATES


class NewTemplateForm(TemplatePackets):
    """The new-template half of :class:`TemplatesTab`, its base class: the chosen PDF and what Save does with it."""

    template_saved = Signal(int)
    pdf_file_read = Signal(bool)  # a PDF chosen on disk is shown in the designer (True) or was refused (False)

    # what the tab provides
    designer: TemplateDesigner
    name_edit: QLineEdit
    description_edit: QLineEdit
    file_label: QLabel
    save_button: QPushButton
    confirm_box: QMessageBox | None
    pdf: bytes
    templates: Callable[[], list[DocumentTemplate]]

    def load_pdf_file(self, path: Path) -> None:
        """A new template starts from a PDF on disk (the file dialog, or a test); a worker reads it, then it shows."""

        def work() -> tuple[bytes, list[ff.PageSize]]:
            data = path.read_bytes()
            return data, documents.template_sizes(data)

        self.runner.submit(
            work,
            lambda result: self._on_pdf_file(path, *result),
            lambda exc: self._on_pdf_file_refused(path, exc),
            label=f"Reading {path.name}",
            owner=self,
        )

    def _on_pdf_file_refused(self, path: Path, exc: BaseException) -> None:
        self.banner.show_error(f"{path.name} cannot be used as a template: {sentence(exc)}")
        self.pdf_file_read.emit(False)

    def _on_pdf_file(self, path: Path, data: bytes, sizes: list[ff.PageSize]) -> None:
        self._show_page(PAGE_DESIGNER)
        if not self.designer.load_pdf(data, sizes):
            self.pdf_file_read.emit(False)
            return
        self.pdf = data
        self.file_label.setText(path.name)
        if not self.name_edit.text().strip() or self.name_edit.text().endswith("(copy)"):
            self.name_edit.setText(path.stem.replace("_", " ").replace("-", " ").strip().title())
            self.name_edit.setCursorPosition(0)
        self.banner.show_info(f"{path.name}: drag on the page to draw the fields, then save.")
        self.pdf_file_read.emit(True)

    def _on_choose_pdf(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, "Choose the form's PDF", start_in(FORMS), "PDF files (*.pdf)")
        remember(FORMS, name)
        if name:
            self.load_pdf_file(Path(name))

    def save_template(self) -> None:
        found = self._client_and_dpid()
        if found is None:
            return
        client, dpid = found
        name = self.name_edit.text().strip()
        if not self.pdf or not self.designer.has_document():
            self.banner.show_error("Choose the form's PDF first, then draw its fields.")
            return
        if not name:
            self.banner.show_error("The template needs a name.")
            self.name_edit.setFocus()
            return
        problem = self.designer.problem()
        if problem is not None:
            self.banner.show_error(f"The template cannot be saved: {problem.message}")
            return
        if not self.designer.fields():
            self.banner.show_error("Draw at least one field on the page before saving.")
            return
        if any(t.name.casefold() == name.casefold() for t in self.templates()):
            self._confirm_duplicate(name)
            return
        self._submit_save(client, dpid, name)

    def _confirm_duplicate(self, name: str) -> None:
        """A second template of the same name is most often a second click: ask before making it."""
        self.confirm_box = ask(
            self,
            "Save template",
            f"This rooftop already has a template named {name}. Save another one with the same name?",
            accept=QMessageBox.StandardButton.Save,
            accept_text="Save another",
            on_answer=lambda yes: self._on_duplicate_answer(yes, name),
            icon=QMessageBox.Icon.Question,
        )

    def _on_duplicate_answer(self, yes: bool, name: str) -> None:
        self.confirm_box = None
        found = self._client_and_dpid()
        if yes and found is not None:
            self._submit_save(*found, name)
        else:
            self.banner.show_info(f"Not saved: {name} already exists. Rename it to save it as a new template.")
            self.name_edit.setFocus()

    def _submit_save(self, client: Any, dpid: str, name: str) -> None:
        request = api.TemplateRequest(
            name=name,
            file_name=self.file_label.text() or f"{name}.pdf",
            description=self.description_edit.text().strip(),
            form_definition=self.designer.form_definition(),
        )
        pdf = self.pdf
        self.save_button.setEnabled(False)
        self.runner.submit(
            lambda: packets.save_template(client, dpid, request, pdf),
            lambda stored: self._on_saved(name, stored.id or 0),
            self._on_save_failed,
            label=f"Saving template {name}",
            write=True,
            owner=self,
        )

    def _on_saved(self, name: str, template_id: int) -> None:
        self.save_button.setEnabled(True)
        self._clear_form()
        self.banner.show_info(f"Template {name} saved: it is in the list. Choose a PDF to make another.")
        self.template_saved.emit(template_id)
        self.workspace.announce(TEMPLATES)

    def _clear_form(self) -> None:
        """A saved form is emptied: the same drawing cannot be saved twice by a second click."""
        self.pdf = b""
        self.designer.clear()
        self.name_edit.clear()
        self.description_edit.clear()
        self.file_label.setText("No PDF chosen")

    def _on_save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.banner.show_error(f"The template was not saved: {sentence(exc)} Your drawing is still here.")
