"""What the Document Binder does with the documents listed: preview the one selected, delete, save a copy.

Every action reads or writes through the TaskRunner and is recorded in the profile's access audit log where it
shows or sends a document (viewed, downloaded).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableView

from desktop.api.roadster.schema import CustomerDocument
from desktop.services import binder
from desktop.services.access import audited, document_subject
from desktop.store.audit import DOWNLOADED, VIEWED
from desktop.ui.errors import sentence
from desktop.ui.file_places import COPIES, remember, start_in
from desktop.ui.models.common import ObjectRole
from desktop.ui.tabs.binder.customers import BinderCustomers
from desktop.ui.widgets.confirm import ask
from desktop.ui.widgets.document_preview import DocumentPreview
from desktop.ui.workspace import DOCUMENTS

FILE_FILTER = "Documents (*.pdf *.jpg *.jpeg *.png)"


class BinderDocuments(BinderCustomers):
    """The document actions of :class:`BinderTab`, its base class: preview, delete, save a copy."""

    # what the tab provides
    table: QTableView
    preview: DocumentPreview
    confirm_box: QMessageBox | None
    _preview_job: int
    refresh: Callable[[], None]

    def selected_documents(self) -> list[CustomerDocument]:
        rows = self.table.selectionModel().selectedRows()
        return [r.data(ObjectRole) for r in sorted(rows, key=lambda i: i.row())]

    def confirm_delete(self) -> None:
        docs = self.selected_documents()
        if not docs or not self.customer_id:
            return
        names = "\n".join(f"• {d.name} ({d.file_name})" for d in docs[:15])
        more = f"\n…and {len(docs) - 15} more" if len(docs) > 15 else ""
        self.confirm_box = ask(
            self,
            "Delete documents",
            f"Delete {len(docs)} document(s) of customer #{self.customer_id}? This cannot be undone.\n\n{names}{more}",
            on_answer=lambda yes: self._on_delete_answer(yes, docs),
        )

    def save_copy_to(self, doc: CustomerDocument, target: Path) -> None:
        connection = self.workspace.connection
        if connection is None:
            return
        client, customer_id, dpid = connection.roadster, self.customer_id, self.workspace.dpid or None
        audit, actor = self.workspace.audit_log(), self.workspace.actor()
        self.runner.submit(
            lambda: audited(
                audit,
                actor,
                DOWNLOADED,
                document_subject(customer_id, doc.id),
                f"{doc.file_name} -> {target.name}",
                lambda: binder.save_copy(client, customer_id, doc.id, target, dpid=dpid),
            ),
            lambda path: self.banner.show_info(f"Saved a copy of {doc.name} to {path}."),
            lambda exc: self.banner.show_error(f"Could not save {doc.name}: {sentence(exc)}"),
            label=f"Saving {doc.file_name}",
            owner=self,
        )

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        doc: CustomerDocument | None = current.data(ObjectRole) if current.isValid() else None
        connection = self.workspace.connection
        self.runner.cancel(self._preview_job)
        if doc is None or connection is None:
            return
        self.preview.clear(f"Loading {doc.file_name}…")
        client, customer_id, dpid = connection.roadster, self.customer_id, self.workspace.dpid or None
        audit, actor = self.workspace.audit_log(), self.workspace.actor()
        self._preview_job = self.runner.submit(
            lambda: audited(
                audit,
                actor,
                VIEWED,
                document_subject(customer_id, doc.id),
                doc.file_name,
                lambda: binder.fetch(client, customer_id, doc.id, dpid=dpid),
            ),
            lambda data: self._on_preview_data(doc, data),
            lambda exc: self._on_preview_failed(doc, exc),
            label=f"Opening {doc.file_name}",
            owner=self,
        )

    def _on_preview_data(self, doc: CustomerDocument, data: bytes) -> None:
        self.preview.show_bytes(doc.file_name, data)  # preview_ready follows when the worker has read it

    def _on_preview_failed(self, doc: CustomerDocument, exc: BaseException) -> None:
        self.preview.show_message(f"Could not open {doc.file_name}: {sentence(exc)}")

    def _on_delete_answer(self, yes: bool, docs: list[CustomerDocument]) -> None:
        self.confirm_box = None
        connection = self.workspace.connection
        if not yes or connection is None:
            return
        client, customer_id, dpid = connection.roadster, self.customer_id, self.workspace.dpid or None
        ids = [d.id for d in docs]
        self.runner.submit(
            lambda: binder.delete(client, customer_id, ids, dpid=dpid),
            self._on_deleted,
            lambda exc: self._on_delete_failed(exc),
            label=f"Deleting {len(ids)} document(s)",
            write=True,
            owner=self,
        )

    def _on_deleted(self, message: str) -> None:
        self.banner.show_info(message)
        self.workspace.announce(DOCUMENTS)

    def _on_delete_failed(self, exc: BaseException) -> None:
        self.banner.show_error(f"Nothing was deleted: {sentence(exc)}")
        self.refresh()

    def _on_save_clicked(self) -> None:
        docs = self.selected_documents()
        if len(docs) != 1:
            return
        suggested = start_in(COPIES, binder.copy_name(docs[0].file_name))
        target, _ = QFileDialog.getSaveFileName(self, "Save a copy", suggested, FILE_FILTER)
        if target:
            remember(COPIES, target)
            self.save_copy_to(docs[0], Path(target))
