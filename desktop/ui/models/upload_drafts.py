"""The upload dialog's rows: one file each, the details the user confirms for it, and what checking it found."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.domain.documents import (
    DOCUMENT_TYPES,
    RELATIONSHIP_LABELS,
    RELATIONSHIPS,
    TYPE_LABELS,
    is_deal_type,
    megabytes,
)
from desktop.services.binder import Draft, Inspection, draft_for
from desktop.ui.models.item_rows import Cells, ItemRowsModel
from desktop.ui.widgets.choice_delegate import ChoicesRole, ChosenRole

Index = QModelIndex | QPersistentModelIndex

COL_FILE, COL_NAME, COL_TYPE, COL_RELATIONSHIP, COL_EMAIL, COL_CHECK = range(6)
HEADERS = ("File", "Document name", "Type", "Belongs to", "Co-buyer email", "Checked")
FIELD_COLUMNS = {
    "document_name": COL_NAME,
    "document_type": COL_TYPE,
    "relationship": COL_RELATIONSHIP,
    "co_app_email_id": COL_EMAIL,
}
CHECKING = "Checking…"
_REFUSED = QColor("#b91c1c")
_DISPLAY, _TIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TYPE_CHOICES = [(TYPE_LABELS[value], value) for value in DOCUMENT_TYPES]
_RELATIONSHIP_CHOICES = [(RELATIONSHIP_LABELS[value], value) for value in RELATIONSHIPS]


@dataclass
class DraftRow:
    """One file and what the user chose for it.

    ``relationship`` keeps its value while a deal type hides it, so choosing a user type again brings it back.
    """

    path: Path
    file_name: str
    document_name: str
    document_type: str
    relationship: str
    email: str = ""
    inspection: Inspection | None = None
    unchecked: str = ""  # why the check itself could not run (the file is still sent, and checked then)

    @property
    def refused(self) -> str:
        """Why the file cannot be uploaded ("" when it can): it is left out, its row kept to say why."""
        problem = self.inspection.problem if self.inspection is not None else None
        return problem.message if problem is not None else ""

    @property
    def deal(self) -> bool:
        return is_deal_type(self.document_type)

    def checked_text(self) -> str:
        if self.unchecked:
            return f"Not checked yet: {self.unchecked}"
        if self.inspection is None:
            return CHECKING
        if self.refused:
            return self.refused
        check, size = self.inspection.check, megabytes(self.inspection.size)
        if check.kind != "pdf":
            return f"{check.kind.upper()} image · {size}"
        if check.encrypted:
            return f"PDF with a password · {size}"
        return f"{check.pages:,} page{'' if check.pages == 1 else 's'} · {size}"

    def draft(self, customer_id: int, dpid: str) -> Draft:
        relationship = None if self.deal else self.relationship
        email = self.email.strip() if relationship == "co_app" else None
        name = self.document_name.strip()
        return Draft(customer_id, dpid, name, self.document_type, self.file_name, relationship, email)


class UploadDraftsModel(ItemRowsModel[DraftRow]):
    """Files about to be uploaded, edited in place: no widget per row, so a dialog of many files opens at once. The
    cells are kept in Qt (a paint calls no Python); an edit comes to :meth:`setData`."""

    HEADERS = HEADERS

    def __init__(self, files: list[Path], customer_id: int, dpid: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.customer_id = customer_id
        self.dpid = dpid
        self.set_rows([self._row(path) for path in files])

    def set_files(self, files: list[Path], customer_id: int, dpid: str) -> None:
        """Other files to ask about (the dialog asked again), each with the defaults its name gives."""
        self.customer_id = customer_id
        self.dpid = dpid
        self.set_rows([self._row(path) for path in files])

    def _row(self, path: Path) -> DraftRow:
        draft = draft_for(path, self.customer_id, self.dpid)
        relationship = draft.relationship or "self"
        return DraftRow(path, draft.file_name, draft.document_name, draft.document_type, relationship)

    def cells(self, row: DraftRow) -> Cells:
        checked = row.checked_text()
        for column in range(len(HEADERS)):
            tip = str(row.path) if column == COL_FILE else (checked if column == COL_CHECK else None)
            yield {
                _DISPLAY: self._text(row, column),
                ChosenRole: self._value(row, column),
                _TIP: tip,
                _FOREGROUND: _REFUSED if column == COL_CHECK and row.refused else None,
                ChoicesRole: {COL_TYPE: _TYPE_CHOICES, COL_RELATIONSHIP: _RELATIONSHIP_CHOICES}.get(column),
            }

    def cell_flags(self, row: DraftRow) -> dict[int, Qt.ItemFlag]:
        shown = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        flags = {}
        for column in range(len(HEADERS)):
            editable = column in (COL_NAME, COL_TYPE) or (
                not row.deal and (column == COL_RELATIONSHIP or (column == COL_EMAIL and row.relationship == "co_app"))
            )
            flags[column] = shown | Qt.ItemFlag.ItemIsEditable if editable and not row.refused else shown
        return flags

    @staticmethod
    def _text(row: DraftRow, column: int) -> str:
        if column == COL_TYPE:
            return TYPE_LABELS.get(row.document_type, row.document_type)
        if column == COL_RELATIONSHIP:
            return "—" if row.deal else RELATIONSHIP_LABELS[row.relationship]
        if column == COL_EMAIL:
            return row.email if not row.deal and row.relationship == "co_app" else ""
        if column == COL_CHECK:
            return row.checked_text()
        return str(UploadDraftsModel._value(row, column))

    @staticmethod
    def _value(row: DraftRow, column: int) -> str:
        if column == COL_FILE:
            return row.file_name
        if column == COL_NAME:
            return row.document_name
        if column == COL_TYPE:
            return row.document_type
        if column == COL_RELATIONSHIP:
            return row.relationship
        return row.email if column == COL_EMAIL else row.checked_text()

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An edit of a cell (a name, a type, an owner, an email): the row is changed and its cells set again, a
        type or an owner changing which of its other cells mean anything (and can be edited)."""
        if role != Qt.ItemDataRole.EditRole or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row, column, text = self._rows[index.row()], index.column(), str(value)
        allowed = {COL_TYPE: DOCUMENT_TYPES, COL_RELATIONSHIP: RELATIONSHIPS}.get(column)
        if allowed is not None and text not in allowed:
            return False
        attribute = {COL_NAME: "document_name", COL_TYPE: "document_type", COL_RELATIONSHIP: "relationship"}
        setattr(row, attribute.get(column, "email"), text)
        self.refresh_row(index.row())
        return True

    def set_inspection(self, row: int, inspection: Inspection) -> None:
        # A refused file's cells all turn read-only; an accepted one changes its Checked cell alone. Only the cells
        # changed tell the views: a view puts the model's value back into an editor open on a cell changed, and
        # the check often lands while the user types that row's name.
        self._rows[row].inspection = inspection
        self._rows[row].unchecked = ""
        self.refresh_row(row)

    def set_unchecked(self, row: int, why: str) -> None:
        self._rows[row].unchecked = why
        self.refresh_row(row, (COL_CHECK,))

    def sendable(self) -> list[int]:
        """The rows to upload: every file not refused by its check (one still being checked included)."""
        return [n for n, row in enumerate(self._rows) if not row.refused]

    def drafts(self) -> list[tuple[Draft, Path]]:
        return [(self._rows[n].draft(self.customer_id, self.dpid), self._rows[n].path) for n in self.sendable()]
