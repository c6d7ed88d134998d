"""The Document Binder tab: pick a customer, list their documents, preview, delete or save a copy of one.

What it does with a listed document (preview, delete, save a copy) is its base class,
:class:`.documents.BinderDocuments`; the customer picker's list (read from the local register) is that one's base,
:class:`.customers.BinderCustomers`; getting files in (the dialog, drops, the sealed retry queue) is the last base,
:class:`.uploads.BinderUploads`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.roadster.schema import CustomerDocument
from desktop.services import binder
from desktop.store.upload_queue import FAILED
from desktop.ui.errors import sentence
from desktop.ui.file_places import UPLOADS, remember, start_in
from desktop.ui.models.common import ObjectRole, SortRole
from desktop.ui.models.documents import (
    COL_CREATED,
    COL_FILE,
    COL_GROUP,
    COL_RELATIONSHIP,
    COL_UPDATED,
    DocumentsModel,
)
from desktop.ui.narrow import ColumnCollapser
from desktop.ui.tabs.binder.documents import FILE_FILTER, BinderDocuments
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.document_preview import DocumentPreview
from desktop.ui.widgets.qt_header import header_in_qt
from desktop.ui.widgets.wheel_guard import ComboBox, SpinBox
from desktop.ui.widgets.when_shown import WhenShown
from desktop.ui.workspace import CUSTOMERS, DOCUMENTS, Workspace

PREPARE_DIALOG_MS = 500  # the first visit's lists are read and painted by then (a drop sooner builds its own)


class BinderTab(BinderDocuments):
    documents_loaded = Signal()
    preview_ready = Signal()

    def __init__(self, runner: TaskRunner, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.when_shown = WhenShown(self)  # a rooftop switch while another tab is shown is followed when this is
        self.runner = runner
        self.workspace = workspace
        self.customer_id = 0
        self._register_job = 0
        self._register_dpid = ""  # the rooftop whose customers the picker offers, or is being filled with
        self.confirm_box: QMessageBox | None = None
        self._list_job = 0
        self._preview_job = 0
        self._dialog_prepared = False
        self.setAcceptDrops(True)

        self.banner = Banner(self)
        self.customer_combo = ComboBox(self)
        self.customer_combo.setObjectName("customerCombo")
        self.customer_combo.setMinimumWidth(280)
        # Filled when the tab is first shown (a hidden tab reads nothing): sized to its items whenever they come.
        self.customer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.customer_combo.setPlaceholderText("Customers of this rooftop")
        self.customer_combo.activated.connect(self._on_customer_picked)
        self.customer_spin = SpinBox(self)
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
        header_in_qt(self.table)  # its titles painted without Python
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_GROUP, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        # Sized from the texts when the documents change (the collapser's texts), not by ResizeToContents: that
        # header asked the model for every role of every cell on every show of the tab (~1,200 calls, 14 documents).
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        collapse = [COL_UPDATED, COL_CREATED, COL_FILE, COL_RELATIONSHIP]
        self.collapser = ColumnCollapser(
            self.table, collapse, "each row's tooltip shows them.", texts=self.model.column_texts
        )
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

        queue_bar, queue_table = self._build_queue()

        self.preview = DocumentPreview(self, runner=self.runner)
        self.preview.settled.connect(lambda _state: self.preview_ready.emit())
        self.preview.setObjectName("documentPreview")
        # Not "Select a document to preview it." beside an empty list that has none to select.
        self.preview.clear("Choose a customer above, or open their deal, to see their documents.")

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.drop_hint)
        left_layout.addLayout(queue_bar)
        left_layout.addWidget(self.queue_notice)
        left_layout.addWidget(queue_table)
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
        workspace.rooftop_changed.connect(self._load_register_when_shown)
        workspace.data_changed.connect(self._on_data_changed)
        self.queue_changed.connect(self._update_buttons)
        self._update_buttons()
        self._open_queue()
        self._load_register_when_shown()

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
        self._show_customer_id(customer_id)
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

    def close_customer(self, hint: str) -> None:
        """No customer's binder open: ``hint`` says why and what to do (an upload asks for a customer first)."""
        self.runner.cancel(self._list_job)
        self._show_customer_id(0)
        self.customer_combo.setCurrentIndex(-1)
        self.model.set_documents([])
        self.preview.clear(hint)
        self._update_buttons()

    def _show_customer_id(self, customer_id: int) -> None:
        """The binder shown is ``customer_id``'s (0: none); its id box says so without opening it again."""
        self.customer_id = customer_id
        self.customer_spin.blockSignals(True)
        self.customer_spin.setValue(customer_id)
        self.customer_spin.blockSignals(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.when_shown.flush()
        if not self._dialog_prepared:  # after the first visit's own turns: its paint, the lists' answers
            self._dialog_prepared = True
            QTimer.singleShot(PREPARE_DIALOG_MS, self, self.prepare_upload_dialog)

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
            self._load_register_when_shown()
        elif what == DOCUMENTS and self.customer_id:
            self.refresh()

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
        elif not self.selected_documents():
            self.preview.clear()  # "the binder is empty" would stay beside its first document
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
        # Not "the binder is empty" from the last read: nothing is known about it now.
        self.preview.clear("This customer's documents could not be read (see above); Refresh tries again.")
        self._update_buttons()
        self.banner.show_error(f"Could not load the documents of customer #{self.customer_id}: {sentence(exc)}")
        self.documents_loaded.emit()

    def _on_upload_clicked(self) -> None:
        if problem := self.upload_problem():  # before the file dialog: files chosen for nobody would be dropped
            self.banner.show_error(f"{problem}, then upload the files.")
            (self.customer_combo if self.customer_combo.isEnabled() else self.customer_spin).setFocus()
            return
        names, _ = QFileDialog.getOpenFileNames(self, "Upload documents", start_in(UPLOADS), FILE_FILTER)
        if names:
            remember(UPLOADS, names[0])
        self.add_files([Path(n) for n in names])

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
