"""Uploads in the Document Binder: the describe-and-queue dialog, the sealed retry queue, and the sending.

Every file is sealed into the encrypted upload queue before it is sent, so a failed upload stays visible (and
across a restart) until it is retried or removed by the user.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from desktop.services import binder
from desktop.services.binder import Binder
from desktop.store.upload_queue import FAILED, PENDING, QueuedUpload, UploadQueue, uploads_file
from desktop.ui.dialogs.upload_documents import UploadDialog
from desktop.ui.errors import sentence
from desktop.ui.models.common import ObjectRole
from desktop.ui.models.documents import UploadQueueModel
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.qt_header import header_in_qt
from desktop.ui.workspace import DOCUMENTS, Workspace


def queue_file(workspace: Workspace) -> Path:
    """The workspace's profile's upload queue (:func:`desktop.store.upload_queue.uploads_file`)."""
    return uploads_file(workspace.paths.data, workspace.profile.name)


class BinderUploads(QWidget):
    """The upload half of :class:`BinderTab`, its base class.

    Files chosen or dropped are described in a dialog, sealed into the encrypted queue and sent one at a time; a
    failed one stays listed (across a restart too) until retried or removed.
    """

    queue_changed = Signal()

    # what the tab provides
    runner: TaskRunner
    workspace: Workspace
    banner: Banner
    customer_id: int
    _update_buttons: Callable[[], None]

    def _build_queue(self) -> tuple[QHBoxLayout, QTableView]:
        """The queue's state, table and bar (label, Retry, Remove); the tab places the widgets."""
        self.binder: Binder | None = None
        self.upload_dialog: UploadDialog | None = None  # the one open, if any
        self._kept_dialog: UploadDialog | None = None  # asked again for the next files: built once
        self._uploading: dict[str, int] = {}  # entry id -> job id
        self._uploaded_to: set[str] = set()  # rooftops whose lists have not heard yet of a file uploaded
        self._queue_profile = ""
        self.queue_model = UploadQueueModel(self)
        self.queue_table = QTableView(self)
        self.queue_table.setObjectName("uploadQueue")
        self.queue_table.setModel(self.queue_model)
        header_in_qt(self.queue_table)  # its titles painted without Python
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
        return queue_bar, self.queue_table

    def upload_problem(self) -> str:
        """Why files cannot be added yet ("" when they can): said before a file is chosen, not after."""
        if not self.customer_id:
            return "Pick a customer first (from the list or by id)"
        if not self.workspace.dpid:
            return "Pick a rooftop first (a document is uploaded for a dealer)"
        return ""

    def add_files(self, files: list[Path]) -> None:
        """Ask what each file is, then queue and upload them (the file dialog and drops both end here)."""
        if not files:
            return
        problem = self.upload_problem()
        if problem:
            self.banner.show_error(f"{problem}, then add the files again.")
            return
        dialog = self._kept_dialog
        if dialog is not None and not dialog.isVisible():
            dialog.ask_again(files, self.customer_id, self.workspace.dpid)
        else:
            dialog = self._new_dialog(files)
        self.upload_dialog = dialog
        dialog.open()

    def prepare_upload_dialog(self) -> None:
        """Build the dialog the first drop will open, hidden, if none is built yet.

        Built and shown in the drop's turn, the first dialog cost the GUI thread 15 ms in the soak (8 alone); built
        here, on a quiet turn after the tab's first visit, the first drop only asks it and shows it, as every later
        drop does.
        """
        if self._kept_dialog is None:
            self._new_dialog([])

    def _new_dialog(self, files: list[Path]) -> UploadDialog:
        dialog = UploadDialog(files, self.customer_id, self.workspace.dpid, self.runner, self)
        dialog.accepted.connect(lambda: self._on_upload_confirmed(dialog))
        dialog.finished.connect(lambda _result: self._on_dialog_closed(dialog))
        self._kept_dialog = self._kept_dialog or dialog
        return dialog

    def _on_dialog_closed(self, dialog: UploadDialog) -> None:
        if self.upload_dialog is dialog:
            self.upload_dialog = None
        if dialog is not self._kept_dialog:  # one opened while the kept one was shown: not asked again
            dialog.deleteLater()

    def retry_selected(self) -> None:
        rows = self.queue_table.selectionModel().selectedRows()
        entries = [r.data(ObjectRole) for r in rows] or [e for e in self.queue_model.entries() if e.status == FAILED]
        for entry in entries:
            self._start_upload(entry)

    def _open_queue(self) -> None:
        path, profile, secrets = queue_file(self.workspace), self.workspace.profile.name, self.workspace.secrets
        self._queue_profile = profile

        def open_queue() -> tuple[Binder, list[QueuedUpload]]:
            queue = UploadQueue(path, secrets())  # the window's store, as the deals and logs use
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
            owner=self,
        )

    def _on_uploaded(self, entry: QueuedUpload, _doc_id: int) -> None:
        self._uploading.pop(entry.id, None)
        self.queue_model.remove(entry.id)
        self.queue_changed.emit()
        self._uploaded_to.add(str(entry.details.get("dpid", "")))
        self._announce_when_drained()

    def _on_upload_failed(self, entry_id: str, exc: BaseException) -> None:
        self._uploading.pop(entry_id, None)
        self.queue_model.set_status(entry_id, FAILED, sentence(exc))
        self._update_buttons()
        self.queue_changed.emit()
        self._announce_when_drained()

    def _announce_when_drained(self) -> None:
        """The lists showing documents (this one too) reload once the uploads under way are done, not per file.

        A reload re-measures and repaints the list (10-20 ms of the GUI thread at a few dozen documents); a drop
        of eight files cost eight of them, each behind the next file's progress. The queue's table says meanwhile
        which files went out.
        """
        if self._uploading:
            return
        uploaded_to, self._uploaded_to = self._uploaded_to, set()
        for dpid in sorted(uploaded_to):
            self.workspace.announce(DOCUMENTS, dpid)

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
