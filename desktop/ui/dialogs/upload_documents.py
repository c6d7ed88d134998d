"""Ask type, relationship and co-buyer email for each file about to be uploaded, with defaults from its name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.documents import DOCUMENT_TYPES, RELATIONSHIP_LABELS, RELATIONSHIPS, TYPE_LABELS, is_deal_type
from desktop.services.binder import Draft, draft_for
from desktop.ui.amounts import counted

COL_FILE, COL_NAME, COL_TYPE, COL_RELATIONSHIP, COL_EMAIL = range(5)


class UploadDialog(QDialog):
    """One row per file; ``drafts()`` gives what the user confirmed. Refuses to close while a row is wrong."""

    def __init__(self, files: list[Path], customer_id: int, dpid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Upload {counted(len(files), 'file')} to customer #{customer_id}")
        self.setObjectName("uploadDialog")
        self.resize(900, 120 + 36 * min(len(files), 10))
        self.files = list(files)
        self.customer_id = customer_id
        self.dpid = dpid
        self.table = QTableWidget(len(files), 5, self)
        self.table.setHorizontalHeaderLabels(["File", "Document name", "Type", "Belongs to", "Co-buyer email"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.names: list[QLineEdit] = []
        self.types: list[QComboBox] = []
        self.relationships: list[QComboBox] = []
        self.emails: list[QLineEdit] = []
        for row, path in enumerate(self.files):
            self._add_row(row, draft_for(path, customer_id, dpid))
        self.error = QLabel(self)
        self.error.setObjectName("uploadError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b91c1c")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Upload")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Check what each file is. Files are encrypted while they wait to upload.", self))
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _add_row(self, row: int, draft: Draft) -> None:
        item = QTableWidgetItem(draft.file_name)
        item.setToolTip(str(self.files[row]))
        self.table.setItem(row, COL_FILE, item)
        name = QLineEdit(draft.document_name, self.table)
        name.setCursorPosition(0)  # a name wider than its column shows its start ("001 trivial…"), not its end
        kind = QComboBox(self.table)
        for value in DOCUMENT_TYPES:
            kind.addItem(TYPE_LABELS[value], value)
        kind.setCurrentIndex(kind.findData(draft.document_type))
        relationship = QComboBox(self.table)
        for value in RELATIONSHIPS:
            relationship.addItem(RELATIONSHIP_LABELS[value], value)
        relationship.setCurrentIndex(max(relationship.findData(draft.relationship), 0))
        email = QLineEdit(self.table)
        email.setPlaceholderText("co-buyer@example.com")
        kind.currentIndexChanged.connect(lambda _i, r=row: self._sync_row(r))
        relationship.currentIndexChanged.connect(lambda _i, r=row: self._sync_row(r))
        self.table.setCellWidget(row, COL_NAME, name)
        self.table.setCellWidget(row, COL_TYPE, kind)
        self.table.setCellWidget(row, COL_RELATIONSHIP, relationship)
        self.table.setCellWidget(row, COL_EMAIL, email)
        self.names.append(name)
        self.types.append(kind)
        self.relationships.append(relationship)
        self.emails.append(email)
        self._sync_row(row)

    def _sync_row(self, row: int) -> None:
        deal = is_deal_type(str(self.types[row].currentData()))
        self.relationships[row].setEnabled(not deal)
        co_app = not deal and self.relationships[row].currentData() == "co_app"
        self.emails[row].setEnabled(co_app)

    def drafts(self) -> list[tuple[Draft, Path]]:
        out = []
        for row, path in enumerate(self.files):
            kind = str(self.types[row].currentData())
            deal = is_deal_type(kind)
            relationship = None if deal else str(self.relationships[row].currentData())
            email = self.emails[row].text().strip() if relationship == "co_app" else None
            draft = Draft(
                self.customer_id, self.dpid, self.names[row].text().strip(), kind, path.name, relationship, email
            )
            out.append((draft, path))
        return out

    def accept(self) -> None:
        for row, (draft, _path) in enumerate(self.drafts()):
            problem = draft.problem()
            if problem is not None:
                self.error.setText(f"{draft.file_name}: {problem.message}")
                self.error.show()
                widget = {"co_app_email_id": self.emails, "document_name": self.names}.get(problem.field)
                if widget is not None:
                    widget[row].setFocus()
                return
        super().accept()
