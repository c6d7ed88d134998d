"""Ask type, relationship and co-buyer email for each file about to be uploaded, with defaults from its name.

The rows are a model edited in place (:mod:`desktop.ui.models.upload_drafts`), so the dialog opens within a frame
however many files were dropped. Each file is checked meanwhile in the TaskRunner, as the queue will check it (size,
header, the limits a document worker enforces): a refused file is named in its row, beside the details typed for
it, and left out of the upload; a hostile one costs a worker process, never the window.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services import binder
from desktop.services.binder import Draft, Inspection
from desktop.services.cancel import JobControl
from desktop.ui.amounts import counted
from desktop.ui.errors import sentence
from desktop.ui.models.upload_drafts import (
    COL_CHECK,
    COL_RELATIONSHIP,
    COL_TYPE,
    FIELD_COLUMNS,
    UploadDraftsModel,
)
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.choice_delegate import ChoiceDelegate
from desktop.ui.widgets.qt_header import header_in_qt

CHECKS_AT_ONCE = 2
"""Files checked at the same time: the rest wait their turn, so a drop of fifty files leaves the read pool's other
threads to the lists and previews of the window."""


class UploadDialog(QDialog):
    """One row per file; ``drafts()`` gives what the user confirmed. Refuses to close while a row is wrong.

    Closing it (Cancel, Upload, Escape) cancels the checks still running; their results are dropped.
    """

    def __init__(
        self, files: list[Path], customer_id: int, dpid: str, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("uploadDialog")
        self.files = list(files)
        self.customer_id = customer_id
        self.dpid = dpid
        self.runner = runner
        self.model = UploadDraftsModel(self.files, customer_id, dpid, self)
        self.table = QTableView(self)
        self.table.setObjectName("uploadDrafts")
        self.table.setModel(self.model)
        header_in_qt(self.table)  # its titles painted without Python
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.choices = ChoiceDelegate(self.table)
        self.table.setItemDelegateForColumn(COL_TYPE, self.choices)
        self.table.setItemDelegateForColumn(COL_RELATIONSHIP, self.choices)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # measured by no row: fixed cost per open
        header.setSectionResizeMode(COL_CHECK, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_CHECK, 200)
        self.checking = QLabel(self)
        self.checking.setObjectName("uploadChecking")
        self.checking.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("uploadError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Upload")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = "Check what each file is (click a cell to change it). Files are encrypted while they wait to upload."
        layout.addWidget(QLabel(intro, self))
        layout.addWidget(self.table)
        layout.addWidget(self.checking)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.finished.connect(self._on_finished)
        self._checks: dict[int, int] = {}  # row -> job id, while its file is being checked
        self._waiting: list[int] = []  # rows whose check has not started
        if self.files:  # none: built ahead of the first drop, asked with ask_again
            self._start_checks()

    def ask_again(self, files: list[Path], customer_id: int, dpid: str) -> None:
        """The same dialog for the next files, closed since: built and shown anew, a drop cost the GUI thread
        6 ms in one turn (its widgets, their polish, a new window); shown again, about half."""
        self.files = list(files)
        self.customer_id = customer_id
        self.dpid = dpid
        self.model.set_files(self.files, customer_id, dpid)
        self.error.hide()
        self.setResult(0)
        self.table.setFocus()  # as when new: Enter uploads (a Cancel clicked last time kept the focus, and Enter)
        self._start_checks()

    def _start_checks(self) -> None:
        self.setWindowTitle(f"Upload {counted(len(self.files), 'file')} to customer #{self.customer_id}")
        self.resize(1000, 120 + 36 * min(len(self.files), 10))
        self._waiting = list(range(len(self.files)))
        for _ in range(CHECKS_AT_ONCE):
            self._check_next()
        self._show_checking()

    def drafts(self) -> list[tuple[Draft, Path]]:
        """What to queue: the details of every file not refused by its check."""
        return self.model.drafts()

    def checks_running(self) -> int:
        """Checks not finished yet: started or waiting their turn."""
        return len(self._checks) + len(self._waiting)

    def _check_next(self) -> None:
        if not self._waiting:
            return
        row = self._waiting.pop(0)
        path = self.files[row]
        self._checks[row] = self.runner.submit_job(
            partial(_inspect, path),
            partial(self._on_checked, row),
            partial(self._on_check_failed, row),
            label=f"Checking {path.name}",
            owner=self,
        )

    def accept(self) -> None:
        rows = self.model.sendable()
        if not rows:
            self._show_error("None of these files can be uploaded; the reason is beside each. Cancel, then add others.")
            return
        for row, (draft, _path) in zip(rows, self.drafts(), strict=True):
            problem = draft.problem()
            if problem is not None:
                self._show_error(f"{draft.file_name}: {problem.message}")
                column = FIELD_COLUMNS.get(problem.field)
                if column is not None:
                    index = self.model.index(row, column)
                    self.table.setCurrentIndex(index)
                    self.table.setFocus()
                return
        super().accept()

    def _show_error(self, text: str) -> None:
        if not self.error.styleSheet():  # set when first needed: a style sheet costs a polish at open
            self.error.setStyleSheet("color: #b91c1c")
        self.error.setText(text)
        self.error.show()

    def _show_checking(self) -> None:
        """Progress while the files are checked, then what the checks left out (Cancel stops them)."""
        total = len(self.files)
        if self.checks_running():
            self.checking.setText(f"Checking the files: {total - self.checks_running()} of {total} done…")
            return
        refused = [row.file_name for row in self.model.rows() if row.refused]
        left_out = f"{counted(len(refused), 'file')} cannot be uploaded and will be left out: {', '.join(refused)}."
        self.checking.setText(left_out if refused else f"{counted(total, 'file')} checked.")

    def _on_checked(self, row: int, found: Inspection) -> None:
        self._checks.pop(row, None)
        self._check_next()
        self.model.set_inspection(row, found)
        self._show_checking()

    def _on_check_failed(self, row: int, exc: BaseException) -> None:
        """The check could not run (a worker failed to start): the file is still checked when it is queued."""
        self._checks.pop(row, None)
        self._check_next()
        self.model.set_unchecked(row, sentence(exc))
        self._show_checking()

    def _on_finished(self, _result: int) -> None:
        self._waiting.clear()
        for job_id in self._checks.values():
            self.runner.cancel(job_id)
        self._checks.clear()


def _inspect(path: Path, control: JobControl) -> Inspection:
    """In a worker: one file's check; a document worker process parses it, under a time and memory limit."""
    return binder.inspect(path, control=control)
