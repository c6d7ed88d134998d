"""The Document Binder tab against a real sandbox: drop, upload, preview, delete, retry a failed upload."""

from __future__ import annotations

import getpass
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QFileDialog, QHeaderView, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.api.roadster import documents
from desktop.api.roadster.documents import UploadRequest
from desktop.api.roadster.schema import CustomerDocument
from desktop.sandbox.server import SandboxServer
from desktop.secrets import SecretStore
from desktop.store.upload_queue import FAILED, QueuedUpload, UploadQueue
from desktop.ui.dialogs.upload_documents import UploadDialog
from desktop.ui.models.documents import COL_GROUP, DEAL_GROUP, USER_GROUP, DocumentsModel, UploadQueueModel
from desktop.ui.models.upload_drafts import COL_EMAIL, COL_NAME, COL_RELATIONSHIP
from desktop.ui.tabs.binder import BinderTab, queue_file
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.choice_delegate import ChosenRole
from desktop.ui.workspace import DOCUMENTS, Workspace
from tests.binder_helpers import FOUR_PAGES, PASSWORD, PASSWORD_PDF, SMILE_PNG, make_customer, store_direct
from tests.conftest import admin
from tests.ui.conftest import connection_to
from tests.ui.layout_check import cut_off


@pytest.fixture
def tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, fresh_sandbox: SandboxServer) -> Iterator[BinderTab]:
    workspace.set_rooftop("hyundaidemo")
    widget = BinderTab(runner, workspace)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.binder is not None)
    workspace.set_connection(connection_to(fresh_sandbox))
    yield widget
    runner.wait_idle()
    if widget.binder is not None:
        widget.binder.queue.close()


def open_customer(qtbot: QtBot, tab: BinderTab, customer: int) -> None:
    with qtbot.waitSignal(tab.documents_loaded, timeout=10_000):
        tab.open_customer(customer)


def drop(tab: BinderTab, files: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    point = QPointF(tab.rect().center())
    with warnings.catch_warnings():
        # PySide6 flags the only QDragEnterEvent constructor Qt 6 has (QPoint) as deprecated.
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            point.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
    QApplication.sendEvent(tab, enter)
    assert enter.isAccepted()
    event = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(tab, event)


def choose(qtbot: QtBot, dialog: UploadDialog, column: int, value: str, row: int = 0) -> None:
    """Pick ``value`` in a cell's combo box, as a click on the cell and a pick in its list do."""
    index = dialog.model.index(row, column)
    dialog.table.setCurrentIndex(index)  # a cell made current opens its editor
    [editor] = [c for c in dialog.table.viewport().findChildren(QComboBox) if c.isVisible()]  # not a closed one
    editor.setCurrentIndex(editor.findData(value))
    editor.activated.emit(editor.currentIndex())
    qtbot.waitUntil(lambda: dialog.model.index(row, column).data(ChosenRole) == value)


def upload_direct(server: SandboxServer, customer: int, path: Path, kind: str = "license") -> int:
    from tests.conftest import roadster_for

    client = roadster_for(server)
    try:
        rel = None if kind == "deal" else "self"
        return documents.upload(
            client, customer, UploadRequest("hyundaidemo", path.stem, kind, path.name, rel), path.read_bytes()
        )
    finally:
        client.close()


def select_row(qtbot: QtBot, tab: BinderTab, row: int) -> None:
    with qtbot.waitSignal(tab.preview_ready, timeout=10_000):
        tab.table.selectRow(row)


def test_dropping_several_files_uploads_them_grouped(
    qtbot: QtBot, tab: BinderTab, fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    customer = make_customer(fresh_sandbox)
    open_customer(qtbot, tab, customer)
    back = tmp_path / "licence_back.png"
    order = tmp_path / "buyers_order.pdf"
    shutil.copy(SMILE_PNG, back)
    shutil.copy(FOUR_PAGES, order)
    drop(tab, [back, order])
    dialog = tab.upload_dialog
    assert dialog is not None
    assert [d.document_type for d, _ in dialog.drafts()] == ["license_back", "deal"]
    assert [d.relationship for d, _ in dialog.drafts()] == ["self", None]
    announced: list[tuple[str, str]] = []
    tab.workspace.data_changed.connect(lambda what, dpid: announced.append((what, dpid)))
    with qtbot.waitSignal(tab.documents_loaded, timeout=15_000):
        dialog.accept()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2 and tab.queue_model.rowCount() == 0, timeout=15_000)
    assert announced == [(DOCUMENTS, "hyundaidemo")]  # the lists reload once for the drop, not once a file
    groups = [tab.proxy.index(r, COL_GROUP).data() for r in range(2)]
    assert groups == [USER_GROUP, DEAL_GROUP]
    listed = {d.file_name for d in tab.model.documents()}
    assert listed == {"licence_back.png", "buyers_order.pdf"}


def test_the_next_drop_asks_again_in_the_same_dialog_about_its_own_files_only(
    qtbot: QtBot, tab: BinderTab, fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    """The dialog is built once and asked again (built anew, a drop was 6 ms of one turn): nothing of the last drop
    stays in it, neither its files, nor its answers, nor its refusal."""
    first, second = make_customer(fresh_sandbox), make_customer(fresh_sandbox)
    open_customer(qtbot, tab, first)
    drop(tab, [SMILE_PNG, FOUR_PAGES])
    dialog = tab.upload_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.model.setData(dialog.model.index(0, COL_NAME), "Renamed then cancelled")
    choose(qtbot, dialog, COL_RELATIONSHIP, "co_app")
    dialog.accept()  # a co-buyer without an email: refused, said in the dialog
    assert dialog.error.isVisible()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert tab.upload_dialog is None and tab.queue_model.rowCount() == 0

    open_customer(qtbot, tab, second)
    order = tmp_path / "buyers_order.pdf"
    shutil.copy(FOUR_PAGES, order)
    drop(tab, [order])
    assert tab.upload_dialog is dialog and dialog.isVisible()
    assert dialog.windowTitle() == f"Upload 1 file to customer #{second}"
    assert not dialog.error.isVisible()
    assert dialog.focusWidget() is dialog.table  # Enter uploads, as in a new dialog, not Cancel again
    qtbot.waitUntil(lambda: not dialog.checks_running(), timeout=15_000)
    assert dialog.checking.text() == "1 file checked."
    [(draft, path)] = dialog.drafts()
    assert path == order and draft.customer_id == second and draft.document_type == "deal"
    with qtbot.waitSignal(tab.documents_loaded, timeout=15_000):
        dialog.accept()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and tab.queue_model.rowCount() == 0, timeout=15_000)
    assert {d.file_name for d in tab.model.documents()} == {"buyers_order.pdf"}
    assert tab.upload_dialog is None and not dialog.isVisible()


def test_the_first_drop_opens_the_dialog_built_ahead_after_the_first_visit(
    qtbot: QtBot, tab: BinderTab, fresh_sandbox: SandboxServer
) -> None:
    """Built and shown in the drop's turn, the first dialog was the soak's busiest upload turn (15 ms): it is built,
    hidden and empty, a moment after the tab is first shown, and the first drop asks it as later drops do."""
    qtbot.waitUntil(lambda: tab._kept_dialog is not None, timeout=5_000)
    ahead = tab._kept_dialog
    assert ahead is not None and not ahead.isVisible()
    assert ahead.model.rowCount() == 0 and not ahead.checks_running()
    customer = make_customer(fresh_sandbox)
    open_customer(qtbot, tab, customer)
    drop(tab, [SMILE_PNG])
    assert tab.upload_dialog is ahead and ahead.isVisible()
    assert ahead.windowTitle() == f"Upload 1 file to customer #{customer}"
    qtbot.waitUntil(lambda: not ahead.checks_running(), timeout=15_000)
    assert ahead.checking.text() == "1 file checked."
    [(draft, path)] = ahead.drafts()
    assert path == SMILE_PNG and draft.customer_id == customer and draft.dpid == "hyundaidemo"


def test_dialog_refuses_co_buyer_without_email_and_keeps_the_values(
    qtbot: QtBot, tab: BinderTab, fresh_sandbox: SandboxServer
) -> None:
    open_customer(qtbot, tab, make_customer(fresh_sandbox))
    tab.add_files([SMILE_PNG])
    dialog = tab.upload_dialog
    assert dialog is not None
    assert dialog.windowTitle().startswith("Upload 1 file to customer #")  # not "1 file(s)"
    model = dialog.model
    model.setData(model.index(0, COL_NAME), "Co-buyer licence")
    assert not model.flags(model.index(0, COL_EMAIL)) & Qt.ItemFlag.ItemIsEditable  # the buyer's own: no email
    choose(qtbot, dialog, COL_RELATIONSHIP, "co_app")
    assert model.flags(model.index(0, COL_EMAIL)) & Qt.ItemFlag.ItemIsEditable
    dialog.accept()
    assert dialog.isVisible()
    assert "co-buyer's email" in dialog.error.text()
    assert dialog.table.currentIndex() == model.index(0, COL_EMAIL)  # the cell to fix is the current one
    assert model.index(0, COL_NAME).data() == "Co-buyer licence"
    model.setData(model.index(0, COL_EMAIL), "co@example.com")
    with qtbot.waitSignal(tab.documents_loaded, timeout=15_000):
        dialog.accept()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert tab.model.documents()[0].relationship == "co_app"


def test_before_any_customer_the_pane_says_to_choose_one(tab: BinderTab) -> None:
    """Walked at the desk: a fresh Binder said "Select a document to preview it." beside a list with none."""
    assert tab.customer_id == 0
    assert tab.preview.message.text().startswith("Choose a customer above")


def test_a_rooftop_without_customers_says_so_in_the_picker(qtbot: QtBot, tab: BinderTab) -> None:
    """Walked under Xvfb: an empty picker read "Customers of this rooftop", greyed, as if it did not work yet."""
    qtbot.waitUntil(lambda: "No customers at hyundaidemo yet" in tab.customer_combo.placeholderText(), timeout=10_000)
    assert tab.customer_combo.count() == 0


def test_the_empty_binder_message_goes_with_the_first_document(
    qtbot: QtBot, tab: BinderTab, fresh_sandbox: SandboxServer
) -> None:
    customer = make_customer(fresh_sandbox)
    open_customer(qtbot, tab, customer)
    assert "binder is empty" in tab.preview.message.text()
    upload_direct(fresh_sandbox, customer, FOUR_PAGES, "deal")
    with qtbot.waitSignal(tab.documents_loaded, timeout=15_000):
        tab.refresh()
    assert tab.model.rowCount() == 1
    assert tab.preview.message.text() == "Select a document to preview it."


def test_a_binder_that_could_not_be_read_is_not_called_empty(
    qtbot: QtBot, tab: BinderTab, fresh_sandbox: SandboxServer
) -> None:
    """Walked with the server gone: the error said the documents could not be loaded, the pane said "empty"."""
    customer = make_customer(fresh_sandbox)
    open_customer(qtbot, tab, customer)
    assert "binder is empty" in tab.preview.message.text()
    fault = {"path_prefix": f"/v1/customers/{customer}/documents", "status": 503, "count": 5}
    admin(fresh_sandbox, "POST", "/faults", json=fault)
    with qtbot.waitSignal(tab.documents_loaded, timeout=30_000):
        tab.refresh()
    assert "Could not load the documents" in tab.banner.text()
    assert "empty" not in tab.preview.message.text()
    assert "could not be read" in tab.preview.message.text()


def test_a_long_file_name_cuts_no_column_at_1280_by_720(
    qtbot: QtBot, tab: BinderTab, fresh_sandbox: SandboxServer
) -> None:
    tab.resize(1280, 590)  # the tab's share of a 1280x720 window
    tab.show()
    qtbot.waitExposed(tab)
    customer = make_customer(fresh_sandbox)
    upload_direct(fresh_sandbox, customer, FOUR_PAGES, "deal")  # 004-pdflatex-4-pages_pdflatex-4-pages.pdf
    open_customer(qtbot, tab, customer)
    bar = tab.table.horizontalScrollBar()
    qtbot.waitUntil(lambda: not cut_off(tab) and not bar.isVisible(), timeout=3000)  # hidden columns, none cut
    tip = str(tab.proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole))
    assert "004-pdflatex-4-pages_pdflatex-4-pages.pdf" in tip and "Added 20" in tip  # what a hidden column said


def test_the_columns_fit_each_list_of_documents_not_measured_on_every_show(
    qtbot: QtBot, tab: BinderTab, fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    """A ResizeToContents header asked the model for every role of every cell on each show of the tab (~1,200
    calls for 14 documents, the soak's switch to the Binder); the columns are fitted to their texts when the list
    changes, and a longer name that arrives widens its column."""
    from desktop.ui.models.documents import COL_NAME

    header = tab.table.horizontalHeader()
    assert QHeaderView.ResizeMode.ResizeToContents not in {header.sectionResizeMode(c) for c in range(header.count())}
    customer = make_customer(fresh_sandbox)
    upload_direct(fresh_sandbox, customer, SMILE_PNG)
    open_customer(qtbot, tab, customer)
    metrics = tab.table.fontMetrics()

    def name_fits() -> bool:
        widest = max(metrics.horizontalAdvance(d.name) for d in tab.model.documents())
        return header.sectionSize(COL_NAME) > widest

    qtbot.waitUntil(name_fits, timeout=3000)
    narrow = header.sectionSize(COL_NAME)
    longer = tmp_path / "proof_of_residence_utility_bill_with_a_much_longer_name.png"
    shutil.copy(SMILE_PNG, longer)
    upload_direct(fresh_sandbox, customer, longer)
    with qtbot.waitSignal(tab.documents_loaded, timeout=10_000):
        tab.refresh()
    qtbot.waitUntil(lambda: name_fits() and header.sectionSize(COL_NAME) > narrow, timeout=3000)


def test_add_files_without_a_customer_says_so(tab: BinderTab) -> None:
    tab.add_files([SMILE_PNG])
    assert tab.upload_dialog is None
    assert "Pick a customer first" in tab.banner.text()


def test_upload_without_a_customer_says_so_before_any_file_is_chosen(
    qtbot: QtBot, tab: BinderTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []  # the file dialog is modal: record that it would have been opened
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args: asked.append("files") or ([], ""))
    tab.show()
    qtbot.waitExposed(tab)
    tab.upload_button.click()
    assert asked == [] and tab.upload_dialog is None
    assert tab.banner.text() == "Pick a customer first (from the list or by id), then upload the files."


def test_pdf_preview_pages_zoom_thumbnails(qtbot: QtBot, tab: BinderTab, fresh_sandbox: SandboxServer) -> None:
    customer = make_customer(fresh_sandbox)
    upload_direct(fresh_sandbox, customer, FOUR_PAGES, "deal")
    open_customer(qtbot, tab, customer)
    select_row(qtbot, tab, 0)
    preview = tab.preview
    assert preview.state == "pdf"
    assert preview.page_total() == 4
    qtbot.waitUntil(preview.thumbnails_done)
    assert all(preview.thumbs.item(i).icon().cacheKey() != preview.thumbs.blank.cacheKey() for i in range(4))
    qtbot.waitUntil(preview.page_shown, timeout=15_000)
    assert preview.page_label.pixmap().width() > 100
    qtbot.mouseClick(preview.next_button, Qt.MouseButton.LeftButton)
    assert preview.current_page() == 1
    assert preview.page_spin.value() == 2
    preview.thumbs.setCurrentRow(3)
    assert preview.current_page() == 3
    assert not preview.next_button.isEnabled()
    qtbot.waitUntil(preview.page_shown, timeout=15_000)
    width = preview.page_label.pixmap().width()
    preview.zoom.setCurrentIndex(preview.zoom.findText("200 %"))
    assert preview.zoom_factor() == 2.0
    with qtbot.waitSignal(preview.page_rendered, timeout=15_000):
        pass
    assert preview.page_label.pixmap().width() != width


def test_image_preview_scaled_to_fit(qtbot: QtBot, tab: BinderTab, fresh_sandbox: SandboxServer) -> None:
    customer = make_customer(fresh_sandbox)
    upload_direct(fresh_sandbox, customer, SMILE_PNG)
    open_customer(qtbot, tab, customer)
    select_row(qtbot, tab, 0)
    assert tab.preview.state == "image"
    pixmap = tab.preview.image_view.pixmap()
    view = tab.preview.image_view.size()
    assert pixmap.width() <= view.width() and pixmap.height() <= view.height()
    assert max(pixmap.width() / view.width(), pixmap.height() / view.height()) > 0.95


def test_password_pdf_asks_for_its_password(qtbot: QtBot, tab: BinderTab, fresh_sandbox: SandboxServer) -> None:
    customer = make_customer(fresh_sandbox)
    upload_direct(fresh_sandbox, customer, PASSWORD_PDF)
    open_customer(qtbot, tab, customer)
    select_row(qtbot, tab, 0)
    preview = tab.preview
    assert preview.state == "password"
    assert "protected by a password" in preview.password_label.text()
    qtbot.keyClicks(preview.password_edit, "wrong")
    with qtbot.waitSignal(preview.settled, timeout=15_000):
        qtbot.keyClick(preview.password_edit, Qt.Key.Key_Return)
    assert preview.state == "password"
    assert "not right" in preview.password_label.text()
    qtbot.keyClicks(preview.password_edit, PASSWORD)
    with qtbot.waitSignal(preview.settled, timeout=15_000):
        qtbot.mouseClick(preview.unlock_button, Qt.MouseButton.LeftButton)
    assert preview.state == "pdf"
    assert preview.page_total() >= 1


def test_corrupt_pdf_shows_a_sentence(
    qtbot: QtBot, tab: BinderTab, fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    customer = make_customer(fresh_sandbox)
    store_direct(fresh_sandbox, customer, "broken.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20)
    open_customer(qtbot, tab, customer)
    select_row(qtbot, tab, 0)
    assert tab.preview.state == "error"
    assert "damaged" in tab.preview.message.text()


def test_delete_after_a_confirmation_that_names_them(
    qtbot: QtBot, tab: BinderTab, fresh_sandbox: SandboxServer
) -> None:
    customer = make_customer(fresh_sandbox)
    upload_direct(fresh_sandbox, customer, SMILE_PNG)
    upload_direct(fresh_sandbox, customer, FOUR_PAGES, "deal")
    open_customer(qtbot, tab, customer)
    tab.table.selectAll()
    tab.confirm_delete()
    box = tab.confirm_box
    assert box is not None
    assert SMILE_PNG.stem in box.text() and FOUR_PAGES.stem in box.text()
    assert "2 document(s)" in box.text()
    with qtbot.waitSignal(tab.documents_loaded, timeout=10_000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert tab.model.rowCount() == 0
    assert "Deleted 2 documents" in tab.banner.text()


def test_save_copy_writes_the_file(qtbot: QtBot, tab: BinderTab, fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    customer = make_customer(fresh_sandbox)
    upload_direct(fresh_sandbox, customer, FOUR_PAGES, "deal")
    open_customer(qtbot, tab, customer)
    target = tmp_path / "copy.pdf"
    tab.save_copy_to(tab.model.documents()[0], target)
    qtbot.waitUntil(lambda: "Saved a copy" in tab.banner.text(), timeout=10_000)
    assert target.read_bytes() == FOUR_PAGES.read_bytes()
    doc = tab.model.documents()[0]
    entries = [e for e in tab.workspace.audit_log().entries() if e.action == "downloaded"]
    assert [(e.os_user, e.profile, e.subject) for e in entries] == [
        (getpass.getuser(), tab.workspace.profile.name, f"document:{customer}/{doc.id}")
    ]
    assert entries[0].detail.endswith("-> copy.pdf") and tab.workspace.audit_log().verify().intact


def test_a_preview_is_recorded_as_viewed(qtbot: QtBot, tab: BinderTab, fresh_sandbox: SandboxServer) -> None:
    customer = make_customer(fresh_sandbox)
    upload_direct(fresh_sandbox, customer, FOUR_PAGES, "license")
    open_customer(qtbot, tab, customer)
    select_row(qtbot, tab, 0)
    viewed = [e for e in tab.workspace.audit_log().entries() if e.action == "viewed"]
    assert [e.subject for e in viewed] == [f"document:{customer}/{tab.model.documents()[0].id}"]


def test_failed_upload_stays_queued_across_restart_and_retries(
    qtbot: QtBot, tab: BinderTab, runner: TaskRunner, workspace: Workspace, fresh_sandbox: SandboxServer
) -> None:
    customer = make_customer(fresh_sandbox)
    open_customer(qtbot, tab, customer)
    admin(
        fresh_sandbox,
        "POST",
        "/faults",
        json={"path_prefix": f"/v1/customers/{customer}/documents", "status": 503, "count": 1},
    )
    tab.add_files([SMILE_PNG])
    assert tab.upload_dialog is not None
    tab.upload_dialog.accept()
    qtbot.waitUntil(lambda: [e.status for e in tab.queue_model.entries()] == [FAILED], timeout=15_000)
    assert "503" in tab.queue_model.index(0, 4).data()
    assert tab.retry_button.isEnabled()
    runner.wait_idle()

    # The file survives a restart: a second queue on the same file sees it, still sealed and failed.
    again = UploadQueue(queue_file(workspace), SecretStore())
    [waiting] = again.entries()
    assert waiting.status == FAILED
    assert again.data(waiting.id) == SMILE_PNG.read_bytes()
    again.close()

    with qtbot.waitSignal(tab.documents_loaded, timeout=15_000):
        tab.retry_selected()
    qtbot.waitUntil(lambda: tab.queue_model.rowCount() == 0 and tab.model.rowCount() == 1, timeout=10_000)


def test_models_pass_the_model_tester(qtmodeltester: object) -> None:
    docs = DocumentsModel()
    docs.set_documents(
        [
            CustomerDocument(
                id=1,
                document_type="license",
                relationship="self",
                name="A",
                file_name="a.png",
                created_at=1_700_000_000,
                updated_at=1_700_000_000,
            ),
            CustomerDocument(
                id=2,
                document_type="deal",
                name="B",
                file_name="b.pdf",
                created_at="2024-02-26T17:35:43.741Z",
                updated_at="2024-02-26T17:35:43.741Z",
            ),
        ]
    )
    qtmodeltester.check(docs)  # type: ignore[attr-defined]
    queue = UploadQueueModel()
    queue.set_entries([QueuedUpload("x", {"file_name": "a.png", "customer_id": 3, "document_type": "license"}, 10)])
    queue.set_progress("x", 40)
    queue.add([QueuedUpload("y", {"file_name": "b.pdf"}, 2_000_000, FAILED, "boom")])
    qtmodeltester.check(queue)  # type: ignore[attr-defined]
    assert queue.index(0, 4).data() == "Uploading 40 %"
    assert queue.index(1, 4).data() == "Failed — boom"


def test_another_deal_whose_buyer_is_no_customer_yet_closes_the_last_deals_binder(
    qtbot: QtBot, runner: TaskRunner, tab: BinderTab, fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    """Walked at the desk: a new deal's Binder still showed the last deal's customer, and an upload went there."""
    from desktop.domain.deals import Person
    from tests.ui.conftest import current_deal

    customer = make_customer(fresh_sandbox)
    with current_deal(runner, tmp_path, "doc.clerk") as current:
        current.set_rooftop("hyundaidemo", "Hyundai Demo")
        tab.bind_deal(current)
        current.start(buyer=Person(first_name="Early"))  # on an empty binder: it says why it stays empty
        qtbot.waitUntil(lambda: current.deal is not None)
        assert "is not a Roadster customer yet" in tab.preview.message.text() and tab.customer_id == 0
        with qtbot.waitSignal(tab.documents_loaded, timeout=10_000):
            current.start(buyer=Person(first_name="Dana", customer_id=customer))
        assert tab.customer_id == customer
        first = current.deal
        current.start(buyer=Person(first_name="Walk-in"))  # no Roadster customer yet
        qtbot.waitUntil(lambda: current.deal is not None and current.deal is not first)
        assert tab.customer_id == 0 and tab.customer_spin.value() == 0 and tab.model.rowCount() == 0
        assert "is not a Roadster customer yet" in tab.preview.message.text()
        tab.add_files([SMILE_PNG])
        assert tab.upload_dialog is None and "Pick a customer first" in tab.banner.text()
        current.open(None)  # closed, as another rooftop closes it: the empty binder no longer names that deal
        assert "No deal is open" in tab.preview.message.text() and current.deal is None
