"""Table models of the binder: a customer's documents, and the files waiting to upload, their cells kept in Qt
(:mod:`desktop.ui.models.item_rows`): the Binder's tables paint without calling Python."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt

from desktop.api.roadster.schema import CustomerDocument
from desktop.domain.documents import RELATIONSHIP_LABELS, TYPE_LABELS, is_deal_type, megabytes
from desktop.store.upload_queue import FAILED, QueuedUpload
from desktop.ui.models.common import SortRole
from desktop.ui.models.item_rows import Cells, ItemRowsModel

COL_GROUP, COL_TYPE, COL_RELATIONSHIP, COL_NAME, COL_FILE, COL_CREATED, COL_UPDATED = range(7)
HEADERS = ("Group", "Type", "Relationship", "Name", "File", "Created", "Updated")
USER_GROUP, DEAL_GROUP = "User documents", "Deal documents"


def _when(moment: datetime) -> str:
    """The API's aware time shown in the desk's local zone."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class DocumentsModel(ItemRowsModel[CustomerDocument]):
    """One customer's documents, their cells kept in Qt; the Group column sorts user documents before deal
    documents."""

    HEADERS = HEADERS
    set_documents = ItemRowsModel.set_rows
    documents = ItemRowsModel.rows

    def cells(self, doc: CustomerDocument) -> Cells:
        added, changed = _when(doc.created_at), _when(doc.updated_at)
        tip = f"{doc.file_name} · document #{doc.id}\nAdded {added} · changed {changed}"  # what a narrow table hides
        for col in range(len(HEADERS)):
            text = added if col == COL_CREATED else changed if col == COL_UPDATED else self._text(doc, col)
            if col == COL_GROUP:
                sort: Any = (1 if is_deal_type(doc.document_type) else 0) * 10**12 + doc.created_at.timestamp()
            elif col in (COL_CREATED, COL_UPDATED):
                sort = (doc.created_at if col == COL_CREATED else doc.updated_at).timestamp()
            else:
                sort = text.lower()
            yield {Qt.ItemDataRole.DisplayRole: text, SortRole: sort, Qt.ItemDataRole.ToolTipRole: tip}

    def column_texts(self, column: int) -> list[str]:
        """Every text of ``column`` (a customer has tens of documents), for sizing it without measuring cells."""
        docs = self._rows
        if column in (COL_CREATED, COL_UPDATED):
            return [_when(docs[0].created_at)] if docs else []  # one format, one width
        return list({self._text(doc, column) for doc in docs})

    @staticmethod
    def _text(doc: CustomerDocument, col: int) -> str:
        if col == COL_GROUP:
            return DEAL_GROUP if is_deal_type(doc.document_type) else USER_GROUP
        if col == COL_TYPE:
            return TYPE_LABELS.get(doc.document_type, doc.document_type)
        if col == COL_RELATIONSHIP:
            return RELATIONSHIP_LABELS.get(doc.relationship or "", "—")
        if col == COL_NAME:
            return doc.name
        if col == COL_FILE:
            return doc.file_name
        if col == COL_CREATED:
            return _when(doc.created_at)
        return _when(doc.updated_at)


Q_FILE, Q_CUSTOMER, Q_TYPE, Q_SIZE, Q_STATUS = range(5)
QUEUE_HEADERS = ("File", "Customer", "Type", "Size", "Status")


class UploadQueueModel(ItemRowsModel[QueuedUpload]):
    """Files waiting to upload, with per-file progress; failed ones keep their reason until retried or removed.
    The cells are kept in Qt; a status or progress sets the Status cell again."""

    HEADERS = QUEUE_HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._progress: dict[str, int] = {}

    def set_entries(self, entries: list[QueuedUpload]) -> None:
        self._progress = {k: v for k, v in self._progress.items() if any(e.id == k for e in entries)}
        self.set_rows(entries)

    def add(self, entries: list[QueuedUpload]) -> None:
        self.append_rows([e for e in entries if self.row_of(e.id) < 0])

    def remove(self, entry_id: str) -> None:
        row = self.row_of(entry_id)
        if row >= 0:
            self._progress.pop(entry_id, None)
            self.remove_row_at(row)

    def set_status(self, entry_id: str, status: str, error: str = "") -> None:
        row = self.row_of(entry_id)
        if row >= 0:
            self._rows[row].status, self._rows[row].error = status, error
            self.refresh_row(row, (Q_STATUS,))

    def set_progress(self, entry_id: str, percent: int) -> None:
        row = self.row_of(entry_id)
        if row >= 0:
            self._progress[entry_id] = percent
            self.refresh_row(row, (Q_STATUS,))

    def progress(self, entry_id: str) -> int | None:
        return self._progress.get(entry_id)

    def entries(self) -> list[QueuedUpload]:
        return self.rows()

    def row_of(self, entry_id: str) -> int:
        return next((i for i, e in enumerate(self._rows) if e.id == entry_id), -1)

    def status_text(self, entry: QueuedUpload) -> str:
        if entry.status == FAILED:
            return f"Failed — {entry.error}" if entry.error else "Failed"
        percent = self._progress.get(entry.id)
        return "Waiting" if percent is None else f"Uploading {percent} %"

    def cells(self, entry: QueuedUpload) -> Cells:
        details = entry.details
        kind = str(details.get("document_type", ""))
        texts = (
            str(details.get("file_name", "")),
            f"#{details.get('customer_id', '')}",
            TYPE_LABELS.get(kind, kind),
        )
        for text in texts:
            yield {Qt.ItemDataRole.DisplayRole: text, SortRole: text}
        yield {Qt.ItemDataRole.DisplayRole: megabytes(entry.size), SortRole: entry.size}
        status = self.status_text(entry)
        yield {Qt.ItemDataRole.DisplayRole: status, SortRole: status, Qt.ItemDataRole.ToolTipRole: status}
