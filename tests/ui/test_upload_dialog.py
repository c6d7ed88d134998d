"""The Binder's upload dialog: rows edited in place, each file checked in the TaskRunner while the user describes it.

Real files (../shared/sample-pdfs and the hostile corpus), real document workers, the real TaskRunner.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.sandbox.server import SandboxServer
from desktop.services import binder
from desktop.services.binder import Inspection
from desktop.ui.dialogs.upload_documents import CHECKS_AT_ONCE, UploadDialog
from desktop.ui.models.upload_drafts import (
    CHECKING,
    COL_CHECK,
    COL_EMAIL,
    COL_NAME,
    COL_RELATIONSHIP,
    COL_TYPE,
    UploadDraftsModel,
)
from desktop.ui.tabs.binder import BinderTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.choice_delegate import ChosenRole
from desktop.ui.workspace import Workspace
from tests.binder_helpers import FOUR_PAGES, SMILE_PNG, make_customer
from tests.hostile.make_corpus import flate_bomb, self_loop
from tests.ui.conftest import connection_to
from tests.ui.test_binder_tab import choose, open_customer

CHECKS_MS = 30_000  # a hostile file's check runs into the document worker's time limit on a loaded machine


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    """A desk's drop: two real documents, a page tree that points at itself, a flate bomb, and a text file."""
    order, back = tmp_path / "buyers_order.pdf", tmp_path / "licence_back.png"
    shutil.copy(FOUR_PAGES, order)
    shutil.copy(SMILE_PNG, back)
    loop, bomb, text = tmp_path / "insurance.pdf", tmp_path / "bank_statement.pdf", tmp_path / "paystub.pdf"
    loop.write_bytes(self_loop())
    bomb.write_bytes(flate_bomb())
    text.write_bytes(b"not a pdf at all\n" * 100)
    return [order, back, loop, bomb, text]


@pytest.fixture
def dialog(qtbot: QtBot, runner: TaskRunner, files: list[Path]) -> Iterator[UploadDialog]:
    widget = UploadDialog(files, 7, "hyundaidemo", runner)
    qtbot.addWidget(widget)
    widget.open()
    qtbot.waitExposed(widget)
    yield widget
    widget.reject()
    runner.wait_idle()


def checked(dialog: UploadDialog) -> list[str]:
    return [dialog.model.index(row, COL_CHECK).data() for row in range(dialog.model.rowCount())]


def test_each_file_is_checked_in_a_worker_and_said_in_its_row(
    qtbot: QtBot, runner: TaskRunner, files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[int] = []
    real = binder.inspect

    def spy(path: Path, *args: object, **kwargs: object) -> Inspection:
        threads.append(threading.get_ident())
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(binder, "inspect", spy)
    dialog = UploadDialog(files, 7, "hyundaidemo", runner)
    qtbot.addWidget(dialog)
    assert checked(dialog) == [CHECKING] * 5  # built without reading a byte: the checks run meanwhile
    assert dialog.checking.text() == "Checking the files: 0 of 5 done…"
    assert len(runner.running()) == CHECKS_AT_ONCE  # the others wait: the read pool stays open to the window
    qtbot.waitUntil(lambda: dialog.checks_running() == 0, timeout=CHECKS_MS)
    assert len(threads) == 5 and threading.get_ident() not in threads
    pages, image, loop, bomb, text = checked(dialog)
    assert pages.startswith("4 pages · ")
    assert image.startswith("PNG image · ")
    assert "insurance.pdf" in loop and "refused" in loop
    assert "bank_statement.pdf" in bomb and "refused" in bomb
    assert "paystub.pdf" in text and "not a JPEG, PNG or PDF" in text
    assert dialog.model.index(4, COL_CHECK).data(Qt.ItemDataRole.ForegroundRole) is not None  # said in red
    assert dialog.checking.text() == (
        "3 files cannot be uploaded and will be left out: insurance.pdf, bank_statement.pdf, paystub.pdf."
    )
    assert [path.name for _draft, path in dialog.drafts()] == ["buyers_order.pdf", "licence_back.png"]
    assert not dialog.model.flags(dialog.model.index(4, COL_NAME)) & Qt.ItemFlag.ItemIsEditable
    dialog.reject()


def test_closing_while_files_are_checked_drops_their_results(
    qtbot: QtBot, runner: TaskRunner, files: list[Path]
) -> None:
    dialog = UploadDialog(files, 7, "hyundaidemo", runner)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.checks_running() == 5
    dialog.reject()
    assert dialog.checks_running() == 0 and not runner.running()  # cancelled: the status bar lists nothing
    assert runner.wait_idle(CHECKS_MS)
    with qtbot.waitSignal(runner.jobs_changed):  # delivered after whatever the checks had posted
        runner.submit(lambda: None)
    qtbot.waitUntil(lambda: not runner.running())
    assert checked(dialog) == [CHECKING] * 5
    assert dialog.checking.text() == "Checking the files: 0 of 5 done…"


def test_refused_rows_keep_what_was_typed_and_an_all_refused_drop_stays_open(
    qtbot: QtBot, runner: TaskRunner, files: list[Path]
) -> None:
    dialog = UploadDialog(files[2:], 7, "hyundaidemo", runner)
    qtbot.addWidget(dialog)
    dialog.model.setData(dialog.model.index(0, COL_NAME), "Insurance card")
    qtbot.waitUntil(lambda: dialog.checks_running() == 0, timeout=CHECKS_MS)
    dialog.open()
    dialog.accept()
    assert dialog.isVisible()
    assert "None of these files can be uploaded" in dialog.error.text()
    assert dialog.model.index(0, COL_NAME).data() == "Insurance card"
    dialog.reject()


def test_choices_are_edited_in_place_and_follow_the_type(qtbot: QtBot, dialog: UploadDialog) -> None:
    model = dialog.model
    assert [model.index(r, COL_TYPE).data(ChosenRole) for r in (0, 1)] == ["deal", "license_back"]
    assert model.index(0, COL_RELATIONSHIP).data() == "—"  # a deal document belongs to the deal
    assert not model.flags(model.index(0, COL_RELATIONSHIP)) & Qt.ItemFlag.ItemIsEditable
    choose(qtbot, dialog, COL_TYPE, "insurance", row=0)
    assert model.index(0, COL_RELATIONSHIP).data() == "Buyer"
    choose(qtbot, dialog, COL_RELATIONSHIP, "co_app", row=0)
    assert model.flags(model.index(0, COL_EMAIL)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, COL_TYPE), "passport")  # not a type the API knows
    drafts = {path.name: draft for draft, path in dialog.drafts()}
    assert drafts["buyers_order.pdf"].document_type == "insurance"
    assert drafts["buyers_order.pdf"].relationship == "co_app"
    assert drafts["licence_back.png"].document_type == "license_back"


def test_upload_queues_what_was_typed_with_the_types_chosen(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    workspace.set_rooftop("hyundaidemo")
    tab = BinderTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    qtbot.waitUntil(lambda: tab.binder is not None)
    workspace.set_connection(connection_to(fresh_sandbox))
    try:
        open_customer(qtbot, tab, make_customer(fresh_sandbox))
        order, back, text = tmp_path / "buyers_order.pdf", tmp_path / "licence_back.png", tmp_path / "scan.pdf"
        shutil.copy(FOUR_PAGES, order)
        shutil.copy(SMILE_PNG, back)
        text.write_bytes(b"plain text, named as a PDF")
        tab.add_files([order, back, text])
        dialog = tab.upload_dialog
        assert dialog is not None
        qtbot.waitExposed(dialog)
        choose(qtbot, dialog, COL_TYPE, "insurance", row=1)
        qtbot.waitUntil(lambda: dialog.checks_running() == 0, timeout=CHECKS_MS)
        name = dialog.model.index(0, COL_NAME)
        dialog.table.setCurrentIndex(name)  # a click on the cell opens its editor
        [editor] = [e for e in dialog.table.viewport().findChildren(QLineEdit) if e.isVisible()]
        editor.selectAll()
        QTest.keyClicks(editor, "Buyer's order, signed")
        with qtbot.waitSignal(tab.documents_loaded, timeout=15_000):  # typed, not confirmed with Enter: still sent
            QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab.model.rowCount() == 2 and tab.queue_model.rowCount() == 0, timeout=15_000)
        listed = {d.file_name: (d.name, d.document_type) for d in tab.model.documents()}
        assert listed == {
            "buyers_order.pdf": ("Buyer's order, signed", "deal"),
            "licence_back.png": ("Licence back", "insurance"),
        }
        assert not tab.banner.text()  # the refused file was left out in the dialog, not refused after it
    finally:
        runner.wait_idle()
        if tab.binder is not None:
            tab.binder.queue.close()


def test_the_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = UploadDraftsModel([FOUR_PAGES, SMILE_PNG], 7, "hyundaidemo")
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_typing_a_name_enter_and_enter_again_uploads_what_was_typed(
    qtbot: QtBot, runner: TaskRunner, files: list[Path]
) -> None:
    dialog = UploadDialog(files[:2], 7, "hyundaidemo", runner)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.table.setCurrentIndex(dialog.model.index(1, COL_NAME))
    [editor] = [e for e in dialog.table.viewport().findChildren(QLineEdit) if e.isVisible()]
    editor.selectAll()
    QTest.keyClicks(editor, "Licence, back side")
    QTest.keyClick(editor, Qt.Key.Key_Return)  # the cell keeps it
    qtbot.waitUntil(lambda: dialog.model.index(1, COL_NAME).data() == "Licence, back side")
    assert dialog.isVisible()
    # Upload sends checked files only: on a loaded machine the checks can still be running at the second Enter.
    qtbot.waitUntil(lambda: dialog.checks_running() == 0, timeout=CHECKS_MS)
    with qtbot.waitSignal(dialog.accepted):  # the next Enter is the dialog's default button: Upload
        QTest.keyClick(dialog.table, Qt.Key.Key_Return)
    assert [d.document_name for d, _path in dialog.drafts()] == ["Buyers order", "Licence, back side"]
    runner.wait_idle()


def test_a_check_that_lands_while_a_name_is_typed_keeps_what_was_typed(
    qtbot: QtBot, runner: TaskRunner, files: list[Path]
) -> None:
    """A file's check ends whenever its worker answers: often while the user types that row's name. It changes the
    Checked cell only, so the open editor keeps the typing (a view rewrites an open editor whose cell changed)."""
    dialog = UploadDialog(files[:2], 7, "hyundaidemo", runner)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.checks_running() == 0, timeout=CHECKS_MS)
    dialog.table.setCurrentIndex(dialog.model.index(1, COL_NAME))
    [editor] = [e for e in dialog.table.viewport().findChildren(QLineEdit) if e.isVisible()]
    editor.selectAll()
    QTest.keyClicks(editor, "Licence, back side")
    inspection = dialog.model.rows()[1].inspection
    assert inspection is not None and not inspection.problem
    dialog.model.set_inspection(1, inspection)  # the check's answer lands now, as it can on a loaded machine
    assert editor.text() == "Licence, back side"
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.model.index(1, COL_NAME).data() == "Licence, back side")
    runner.wait_idle()
