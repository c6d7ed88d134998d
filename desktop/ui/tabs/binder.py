"""Document Binder tab: a customer's documents, a preview, uploads by dialog or drag and drop, and a retry queue.

Every file dropped is sealed into the encrypted upload queue before it is sent, so a failed upload stays visible
here (and across a restart) until it is retried or removed by the user.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.roadster.schema import CustomerDocument
from desktop.secrets import SecretStore
from desktop.services import binder
from desktop.services.access import audited, document_subject
from desktop.services.binder import Binder
from desktop.store.audit import DOWNLOADED, VIEWED
from desktop.store.customers import CustomerRegister, register_file
from desktop.store.upload_queue import FAILED, PENDING, QueuedUpload, UploadQueue
from desktop.ui.dialogs.upload_documents import UploadDialog
from desktop.ui.errors import sentence
from desktop.ui.models.common import ObjectRole, SortRole
from desktop.ui.models.documents import COL_GROUP, DocumentsModel, UploadQueueModel
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.confirm import ask
from desktop.ui.widgets.document_preview import DocumentPreview
from desktop.ui.workspace import CUSTOMERS, DOCUMENTS, Workspace

FILE_FILTER = "Documents (*.pdf *.jpg *.jpeg *.png)"


def queue_file(workspace: Workspace) -> Path:
    safe = "".join(ch if ch.isalnum() else "_" for ch in workspace.profile.name.lower())
    return workspace.paths.data / f"uploads-{safe}.sqlite3"


class BinderTab(QWidget):
    documents_loaded = Signal()
    queue_changed = Signal()
    preview_ready = Signal()

    def __init__(self, runner: TaskRunner, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.workspace = workspace
        self.customer_id = 0
        self.binder: Binder | None = None
        self.upload_dialog: UploadDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self._list_job = 0
        self._preview_job = 0
        self._uploading: dict[str, int] = {}  # entry id -> job id
        self._queue_profile = ""
        self.setAcceptDrops(True)

        self.banner = Banner(self)
        self.customer_combo = QComboBox(self)
        self.customer_combo.setObjectName("customerCombo")
        self.customer_combo.setMinimumWidth(280)
        self.customer_combo.setPlaceholderText("Customers of this rooftop")
        self.customer_combo.activated.connect(self._on_customer_picked)
        self.customer_spin = QSpinBox(self)
        self.customer_spin.setObjectName("customerId")
        self.customer_spin.setRange(0, 2_147_483_647)
        self.customer_spin.setSpecialValueText("—")
        self.customer_spin.setToolTip("A Roadster customer id")
        self.customer_spin.editingFinished.connect(self._on_open_clicked)
        self.open_button = QPushButton("Open", self)
        self.open_button.clicked.connect(self._on_open_clicked)
        picker = QHBoxLayout()
        picker.addWidget(QLabel("Customer:", self))
        picker.addWidget(self.customer_combo)
        picker.addWidget(QLabel("or id", self))
        picker.addWidget(self.customer_spin)
        picker.addWidget(self.open_button)
        picker.addStretch(1)

        self.model = DocumentsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView(self)
        self.table.setObjectName("documentsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_GROUP, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.upload_button = QPushButton("Upload files…", self)
        self.upload_button.clicked.connect(self._on_upload_clicked)
        self.delete_button = QPushButton("Delete…", self)
        self.delete_button.clicked.connect(self.confirm_delete)
        self.save_button = QPushButton("Save a copy…", self)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.refresh_button = QPushButton("Refresh", self)
        self.refresh_button.clicked.connect(self.refresh)
        actions = QHBoxLayout()
        for b in (self.upload_button, self.delete_button, self.save_button, self.refresh_button):
            actions.addWidget(b)
        actions.addStretch(1)
        self.drop_hint = QLabel("Drop PDF, JPEG or PNG files here to add them to this customer's binder.", self)
        self.drop_hint.setObjectName("dropHint")

        self.queue_model = UploadQueueModel(self)
        self.queue_table = QTableView(self)
        self.queue_table.setObjectName("uploadQueue")
        self.queue_table.setModel(self.queue_model)
        self.queue_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.queue_table.verticalHeader().hide()
        self.queue_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.queue_table.horizontalHeader().setStretchLastSection(True)
        self.queue_table.setMaximumHeight(160)
        self.retry_button = QPushButton("Retry", self)
        self.retry_button.clicked.connect(self.retry_selected)
        self.remove_button = QPushButton("Remove from queue", self)
        self.remove_button.clicked.connect(self._on_remove_queued)
        self.queue_label = QLabel("Upload queue", self)
        self.queue_notice = QLabel(self)
        self.queue_notice.setWordWrap(True)
        self.queue_notice.hide()
        queue_bar = QHBoxLayout()
        queue_bar.addWidget(self.queue_label)
        queue_bar.addStretch(1)
        queue_bar.addWidget(self.retry_button)
        queue_bar.addWidget(self.remove_button)

        self.preview = DocumentPreview(self, runner=self.runner)
        self.preview.settled.connect(lambda _state: self.preview_ready.emit())
        self.preview.setObjectName("documentPreview")

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.drop_hint)
        left_layout.addLayout(queue_bar)
        left_layout.addWidget(self.queue_notice)
        left_layout.addWidget(self.queue_table)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(picker)
        layout.addWidget(splitter, 1)

        workspace.connection_changed.connect(self._on_connection_changed)
        workspace.rooftop_changed.connect(lambda _dpid: self._load_register())
        workspace.data_changed.connect(self._on_data_changed)
        self.queue_changed.connect(self._update_buttons)
        self._update_buttons()
        self._open_queue()
        self._load_register()

    # public API (menu actions, tests)
    def bind_deal(self, current: Any) -> None:
        """The window's current deal: the binder opens its customer's documents."""
        from desktop.ui.deal_links.binder import BinderDealLink

        self.deal_link = BinderDealLink(self, current)

    def refresh(self) -> None:
        if self.customer_id:
            self.open_customer(self.customer_id)

    def open_customer(self, customer_id: int) -> None:
        if customer_id != self.customer_id:
            self.preview.clear()  # a reload of the same binder keeps the document on show
        self.customer_id = customer_id
        self.customer_spin.blockSignals(True)
        self.customer_spin.setValue(customer_id)
        self.customer_spin.blockSignals(False)
        connection = self.workspace.connection
        if connection is None:
            self.banner.show_error("Not connected yet; the documents show once the connection is up.")
            return
        self.runner.cancel(self._list_job)
        client, dpid = connection.roadster, self.workspace.dpid or None
        self._list_job = self.runner.submit(
            lambda: binder.list_documents(client, customer_id, dpid=dpid),
            self._on_documents,
            self._on_list_failed,
            label=f"Loading documents of customer #{customer_id}",
        )

    def add_files(self, files: list[Path]) -> None:
        """Ask what each file is, then queue and upload them (the file dialog and drops both end here)."""
        if not files:
            return
        if not self.customer_id:
            self.banner.show_error("Pick a customer first (from the list or by id), then add the files again.")
            return
        if not self.workspace.dpid:
            self.banner.show_error("Pick a rooftop first; a document is uploaded for a dealer.")
            return
        dialog = UploadDialog(files, self.customer_id, self.workspace.dpid, self)
        dialog.accepted.connect(lambda: self._on_upload_confirmed(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.upload_dialog = dialog
        dialog.open()

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
        )

    def retry_selected(self) -> None:
        rows = self.queue_table.selectionModel().selectedRows()
        entries = [r.data(ObjectRole) for r in rows] or [e for e in self.queue_model.entries() if e.status == FAILED]
        for entry in entries:
            self._start_upload(entry)

    # drag and drop
    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if e.mimeData().hasUrls() and any(u.isLocalFile() for u in e.mimeData().urls()):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dropEvent(self, e: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in e.mimeData().urls() if u.isLocalFile()]
        files = [f for f in files if f.is_file()]
        if files:
            e.acceptProposedAction()
            self.add_files(files)

    # upload queue
    def _open_queue(self) -> None:
        path, profile = queue_file(self.workspace), self.workspace.profile.name
        self._queue_profile = profile

        def open_queue() -> tuple[Binder, list[QueuedUpload]]:
            queue = UploadQueue(path, SecretStore())
            return Binder(queue), queue.entries()

        self.runner.submit(open_queue, self._on_queue_opened, self._on_queue_failed, label="Opening upload queue")

    def _on_queue_opened(self, result: tuple[Binder, list[QueuedUpload]]) -> None:
        old = self.binder
        self.binder, entries = result
        if old is not None:  # the previous profile's queue: its connections would otherwise stay open
            self.runner.submit(old.queue.close, label="Closing the upload queue", write=True)
        self.queue_model.set_entries(entries)
        notices = [self.binder.queue.notice]
        if self.binder.queue.unreadable:
            notices.append(
                f"{self.binder.queue.unreadable} queued file(s) were sealed with a key the keyring no longer holds "
                "and cannot be opened; add them again."
            )
        text = " ".join(n for n in notices if n)
        self.queue_notice.setText(text)
        self.queue_notice.setVisible(bool(text))
        self._update_buttons()
        self.queue_changed.emit()
        if self.workspace.connection is not None:
            self._resume_pending()

    def _on_queue_failed(self, exc: BaseException) -> None:
        self.banner.show_error(f"The upload queue could not be opened: {sentence(exc)}")

    def _resume_pending(self) -> None:
        """Files queued before a restart (or before the connection came up) go out now; failed ones wait."""
        for entry in self.queue_model.entries():
            if entry.status == PENDING and entry.id not in self._uploading:
                self._start_upload(entry)

    def _on_upload_confirmed(self, dialog: UploadDialog) -> None:
        drafts = dialog.drafts()
        self.upload_dialog = None
        service = self.binder
        if service is None:
            self.banner.show_error("The upload queue is still opening; add the files again in a moment.")
            return

        def enqueue() -> tuple[list[QueuedUpload], list[str]]:
            added, refused = [], []
            for draft, path in drafts:
                try:
                    added.append(service.enqueue(draft, path))
                except (binder.RefusedFile, OSError) as exc:
                    refused.append(f"{path.name}: {sentence(exc)}")
            return added, refused

        self.runner.submit(enqueue, self._on_enqueued, self._on_queue_failed, label="Queueing files", write=True)

    def _on_enqueued(self, result: tuple[list[QueuedUpload], list[str]]) -> None:
        added, refused = result
        self.queue_model.add(added)
        if refused:
            self.banner.show_error("Not added: " + " ".join(refused))
        self.queue_changed.emit()
        for entry in added:
            self._start_upload(entry)

    def _start_upload(self, entry: QueuedUpload) -> None:
        connection, service = self.workspace.connection, self.binder
        if connection is None or service is None or entry.id in self._uploading:
            return
        client = connection.roadster
        self.queue_model.set_status(entry.id, PENDING)
        self.queue_model.set_progress(entry.id, 0)
        entry_id, file_name = entry.id, str(entry.details.get("file_name", ""))
        self._uploading[entry_id] = self.runner.submit_job(
            lambda control: service.upload(client, entry_id, control),
            lambda doc_id: self._on_uploaded(entry, doc_id),
            lambda exc: self._on_upload_failed(entry_id, exc),
            on_progress=lambda done, total, _t: self.queue_model.set_progress(
                entry_id, int(100 * done / total) if total else 100
            ),
            label=f"Uploading {file_name}",
            write=True,
        )

    def _on_uploaded(self, entry: QueuedUpload, _doc_id: int) -> None:
        self._uploading.pop(entry.id, None)
        self.queue_model.remove(entry.id)
        self.queue_changed.emit()
        self.workspace.announce(DOCUMENTS, str(entry.details.get("dpid", "")))  # this list reloads with the others

    def _on_upload_failed(self, entry_id: str, exc: BaseException) -> None:
        self._uploading.pop(entry_id, None)
        self.queue_model.set_status(entry_id, FAILED, sentence(exc))
        self._update_buttons()
        self.queue_changed.emit()

    def _on_remove_queued(self) -> None:
        service = self.binder
        rows = self.queue_table.selectionModel().selectedRows()
        entries = [r.data(ObjectRole) for r in rows if r.data(ObjectRole).id not in self._uploading]
        if service is None or not entries:
            return
        names = ", ".join(str(e.details.get("file_name", "")) for e in entries)
        answer = QMessageBox.question(
            self, "Remove from queue", f"Remove {names} from the upload queue? The files will not be uploaded."
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        for entry in entries:
            self.queue_model.remove(entry.id)
            self.runner.submit(partial(service.queue.remove, entry.id), label="Removing queued file", write=True)
        self.queue_changed.emit()

    # slots
    def _on_connection_changed(self) -> None:
        if self.workspace.connection_error:
            self.banner.show_error(self.workspace.connection_error)
            return
        self.banner.clear_message()
        if self.workspace.connection is None:
            return
        if self.workspace.profile.name != self._queue_profile:
            self._open_queue()
        elif self.binder is not None:
            self._resume_pending()
        self.refresh()

    def _on_data_changed(self, what: str, dpid: str) -> None:
        if dpid != self.workspace.dpid:
            return
        if what == CUSTOMERS:
            self._load_register()
        elif what == DOCUMENTS and self.customer_id:
            self.refresh()

    def _load_register(self) -> None:
        """Customers from the local register (read only), when that register exists for this profile."""
        path, dpid = register_file(self.workspace.paths.data, self.workspace.profile.name), self.workspace.dpid
        if not dpid:
            return

        def load() -> list[tuple[int, str]]:
            if not path.exists():
                return []
            register = CustomerRegister(path)
            try:
                return [(c.id, f"{c.name or '(no name)'} <{c.email}> · #{c.id}") for c in register.search(dpid)]
            finally:
                register.close()

        self.runner.submit(load, self._on_register, self._on_register_failed, label="Reading customers")

    def _on_register(self, customers: list[tuple[int, str]]) -> None:
        combo = self.customer_combo
        if [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())] == customers:
            return  # nothing new: the open popup and the selection are left alone
        self.customer_combo.clear()
        for customer_id, label in customers:
            self.customer_combo.addItem(label, customer_id)
        self.customer_combo.setCurrentIndex(self.customer_combo.findData(self.customer_id))

    def _on_register_failed(self, exc: BaseException) -> None:
        self.banner.show_error(
            f"The customer list could not be read: {sentence(exc)} Open a customer by number meanwhile."
        )

    def _on_customer_picked(self, index: int) -> None:
        customer_id = self.customer_combo.itemData(index)
        if customer_id:
            self.open_customer(int(customer_id))

    def _on_open_clicked(self) -> None:
        value = self.customer_spin.value()
        if value and value != self.customer_id:
            self.open_customer(value)
        elif value:
            self.refresh()

    def _on_documents(self, docs: list[CustomerDocument]) -> None:
        if self.banner.property("kind") == "error":
            self.banner.clear_message()
        selected = {d.id for d in self.selected_documents()}
        self.model.set_documents(docs)
        self._select_documents(selected)
        if selected and not self.selected_documents():
            self.preview.clear()  # the document on show was deleted meanwhile
        self.customer_combo.setCurrentIndex(self.customer_combo.findData(self.customer_id))
        if not docs:
            self.preview.clear("This customer's binder is empty: drop files here, or press Upload files… above.")
        self._update_buttons()
        self.documents_loaded.emit()

    def _select_documents(self, ids: set[int]) -> None:
        """Select again what was selected before a reload, without reopening its preview."""
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ObjectRole).id in ids:
                flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                selection.select(index, flags)
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        selection.blockSignals(False)

    def _on_list_failed(self, exc: BaseException) -> None:
        self.model.set_documents([])
        self._update_buttons()
        self.banner.show_error(f"Could not load the documents of customer #{self.customer_id}: {sentence(exc)}")
        self.documents_loaded.emit()

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
        )

    def _on_deleted(self, message: str) -> None:
        self.banner.show_info(message)
        self.workspace.announce(DOCUMENTS)

    def _on_delete_failed(self, exc: BaseException) -> None:
        self.banner.show_error(f"Nothing was deleted: {sentence(exc)}")
        self.refresh()

    def _on_upload_clicked(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Upload documents", str(Path.home()), FILE_FILTER)
        self.add_files([Path(n) for n in names])

    def _on_save_clicked(self) -> None:
        docs = self.selected_documents()
        if len(docs) != 1:
            return
        suggested = Path.home() / binder.copy_name(docs[0].file_name)
        target, _ = QFileDialog.getSaveFileName(self, "Save a copy", str(suggested), FILE_FILTER)
        if target:
            self.save_copy_to(docs[0], Path(target))

    def _update_buttons(self) -> None:
        selected = len(self.table.selectionModel().selectedRows())
        self.delete_button.setEnabled(selected > 0)
        self.save_button.setEnabled(selected == 1)
        has_queue = self.queue_model.rowCount() > 0
        self.retry_button.setEnabled(any(e.status == FAILED for e in self.queue_model.entries()))
        self.remove_button.setEnabled(has_queue)
        self.queue_label.setText(
            f"Upload queue ({self.queue_model.rowCount()})" if has_queue else "Upload queue (empty)"
        )
