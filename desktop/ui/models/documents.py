"""Table models of the binder: a customer's documents, and the files waiting to upload."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.api.roadster.schema import CustomerDocument
from desktop.domain.documents import RELATIONSHIP_LABELS, TYPE_LABELS, is_deal_type, megabytes
from desktop.store.upload_queue import FAILED, QueuedUpload
from desktop.ui.models.common import TEXT_ROLES, ObjectRole, OneCallPerCell, SortRole

Index = QModelIndex | QPersistentModelIndex

COL_GROUP, COL_TYPE, COL_RELATIONSHIP, COL_NAME, COL_FILE, COL_CREATED, COL_UPDATED = range(7)
HEADERS = ("Group", "Type", "Relationship", "Name", "File", "Created", "Updated")
USER_GROUP, DEAL_GROUP = "User documents", "Deal documents"


def _when(moment: datetime) -> str:
    """The API's aware time shown in the desk's local zone."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class DocumentsModel(OneCallPerCell, QAbstractTableModel):
    """One customer's documents; the Group column sorts user documents before deal documents."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._docs: list[CustomerDocument] = []

    def set_documents(self, docs: list[CustomerDocument]) -> None:
        self.beginResetModel()
        self._docs = list(docs)
        self.endResetModel()

    def documents(self) -> list[CustomerDocument]:
        return list(self._docs)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._docs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in TEXT_ROLES or not index.isValid() or not 0 <= index.row() < len(self._docs):
            return None
        doc = self._docs[index.row()]
        col = index.column()
        if role == ObjectRole:
            return doc
        if role == SortRole:
            if col == COL_GROUP:
                return (1 if is_deal_type(doc.document_type) else 0) * 10**12 + doc.created_at.timestamp()
            if col in (COL_CREATED, COL_UPDATED):
                return (doc.created_at if col == COL_CREATED else doc.updated_at).timestamp()
            return str(self._text(doc, col)).lower()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(doc, col)
        if role == Qt.ItemDataRole.ToolTipRole:  # what a narrow table hides of the row, too
            added, changed = _when(doc.created_at), _when(doc.updated_at)
            return f"{doc.file_name} · document #{doc.id}\nAdded {added} · changed {changed}"
        return None

    def column_texts(self, column: int) -> list[str]:
        """Every text of ``column`` (a customer has tens of documents), for sizing it without measuring cells."""
        if column in (COL_CREATED, COL_UPDATED):
            return [_when(self._docs[0].created_at)] if self._docs else []  # one format, one width
        return list({self._text(doc, column) for doc in self._docs})

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

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 7:
            return HEADERS[section]
        return None


Q_FILE, Q_CUSTOMER, Q_TYPE, Q_SIZE, Q_STATUS = range(5)
QUEUE_HEADERS = ("File", "Customer", "Type", "Size", "Status")


class UploadQueueModel(OneCallPerCell, QAbstractTableModel):
    """Files waiting to upload, with per-file progress; failed ones keep their reason until retried or removed."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[QueuedUpload] = []
        self._progress: dict[str, int] = {}

    def set_entries(self, entries: list[QueuedUpload]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self._progress = {k: v for k, v in self._progress.items() if any(e.id == k for e in entries)}
        self.endResetModel()

    def add(self, entries: list[QueuedUpload]) -> None:
        fresh = [e for e in entries if self.row_of(e.id) < 0]
        if not fresh:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(fresh) - 1)
        self._rows.extend(fresh)
        self.endInsertRows()

    def remove(self, entry_id: str) -> None:
        row = self.row_of(entry_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self._progress.pop(entry_id, None)
            self.endRemoveRows()

    def set_status(self, entry_id: str, status: str, error: str = "") -> None:
        row = self.row_of(entry_id)
        if row >= 0:
            self._rows[row].status, self._rows[row].error = status, error
            self._changed(row)

    def set_progress(self, entry_id: str, percent: int) -> None:
        row = self.row_of(entry_id)
        if row >= 0:
            self._progress[entry_id] = percent
            self._changed(row)

    def progress(self, entry_id: str) -> int | None:
        return self._progress.get(entry_id)

    def entries(self) -> list[QueuedUpload]:
        return list(self._rows)

    def row_of(self, entry_id: str) -> int:
        return next((i for i, e in enumerate(self._rows) if e.id == entry_id), -1)

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, Q_STATUS), self.index(row, Q_STATUS))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(QUEUE_HEADERS)

    def status_text(self, entry: QueuedUpload) -> str:
        if entry.status == FAILED:
            return f"Failed — {entry.error}" if entry.error else "Failed"
        percent = self._progress.get(entry.id)
        return "Waiting" if percent is None else f"Uploading {percent} %"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in TEXT_ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        col = index.column()
        if role == ObjectRole:
            return entry
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            details = entry.details
            if col == Q_FILE:
                return str(details.get("file_name", ""))
            if col == Q_CUSTOMER:
                return f"#{details.get('customer_id', '')}"
            if col == Q_TYPE:
                kind = str(details.get("document_type", ""))
                return TYPE_LABELS.get(kind, kind)
            if col == Q_SIZE:
                return entry.size if role == SortRole else megabytes(entry.size)
            return self.status_text(entry)
        if role == Qt.ItemDataRole.ToolTipRole and col == Q_STATUS:
            return self.status_text(entry)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 5:
            return QUEUE_HEADERS[section]
        return None
