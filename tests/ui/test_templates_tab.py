"""The Templates & Packets tab against a real sandbox: list, draw and save, preview and create a packet, delete."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.sandbox.server import SandboxServer
from desktop.ui.tabs.templates import TemplatesTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.conftest import SAMPLE_PDFS, admin, roadster_for
from tests.sandbox.test_templates_api import make_order
from tests.ui.conftest import connection_to
from tests.ui.layout_check import cut_off
from tests.ui.test_template_designer import drag

SEEDED = ["Odometer Disclosure Statement", "We Owe", "Privacy Notice"]


@pytest.fixture
def order_id(fresh_sandbox: SandboxServer) -> int:
    client = roadster_for(fresh_sandbox)
    try:
        return int(make_order(client, "hyundaidemo")["id"])
    finally:
        client.close()


@pytest.fixture
def tab(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, fresh_sandbox: SandboxServer, order_id: int
) -> Iterator[TemplatesTab]:
    workspace.set_rooftop("hyundaidemo")
    widget = TemplatesTab(runner, workspace)
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    widget.show()
    with qtbot.waitSignal(widget.templates_loaded, timeout=10_000):
        workspace.set_connection(connection_to(fresh_sandbox))
    yield widget
    runner.wait_idle()


def test_lists_seeded_templates_and_orders(tab: TemplatesTab, order_id: int) -> None:
    assert [t.name for t in tab.templates()] == SEEDED
    assert tab.order_combo.currentData()["id"] == order_id
    assert "Jane Doe" in tab.order_combo.currentText()


def test_draw_save_preview_create_and_delete(
    qtbot: QtBot, tab: TemplatesTab, fresh_sandbox: SandboxServer, order_id: int
) -> None:
    with qtbot.waitSignal(tab.pdf_file_read, timeout=15_000):
        tab.load_pdf_file(SAMPLE_PDFS / "001-trivial_minimal-document.pdf")
    assert tab.designer.has_document()
    tab.designer.set_zoom(2.0)
    tab.designer.type_combo.setCurrentIndex(tab.designer.type_combo.findData("vehicleVin"))
    drag(qtbot, tab.designer, (72, 300), (300, 318))
    tab.name_edit.setText("VIN slip")
    with qtbot.waitSignal(tab.template_saved, timeout=10_000), qtbot.waitSignal(tab.templates_loaded, timeout=10_000):
        tab.save_button.click()
    names = [t.name for t in tab.templates()]
    assert names == [*SEEDED, "VIN slip"]

    for i in (0, 3):
        tab.list.item(i).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(tab.preview_ready, timeout=10_000):
        tab.preview_button.click()
    assert tab.preview.state == "pdf" and tab.preview.page_total() == 2
    with qtbot.waitSignal(tab.packet_created, timeout=10_000) as created:
        tab.create_button.click()
    packets = admin(fresh_sandbox, "GET", f"/orders/{order_id}/forms").json()["packets"]
    assert [p["id"] for p in packets] == [created.args[0]]
    assert [f["template"]["name"] for f in packets[0]["forms"]] == ["Odometer Disclosure Statement", "VIN slip"]
    [sent] = [e for e in tab.workspace.audit_log().entries() if e.action == "sent"]
    assert sent.subject == f"order:{order_id}" and sent.profile == tab.workspace.profile.name

    tab.list.setCurrentRow(3)
    tab.delete_button.click()
    box = tab.confirm_box
    assert box is not None and "VIN slip" in box.text()
    with qtbot.waitSignal(tab.template_deleted, timeout=10_000), qtbot.waitSignal(tab.templates_loaded, timeout=10_000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert [t.name for t in tab.templates()] == SEEDED


def test_save_refuses_with_a_sentence_and_keeps_the_drawing(qtbot: QtBot, tab: TemplatesTab) -> None:
    tab.save_button.click()
    assert "Choose the form's PDF first" in tab.banner.text()
    with qtbot.waitSignal(tab.pdf_file_read, timeout=15_000):
        tab.load_pdf_file(SAMPLE_PDFS / "004-pdflatex-4-pages_pdflatex-4-pages.pdf")
    tab.designer.set_zoom(2.0)
    drag(qtbot, tab.designer, (72, 100), (200, 120))
    tab.name_edit.clear()
    tab.save_button.click()
    assert "needs a name" in tab.banner.text()
    assert len(tab.designer.fields()) == 1
    with qtbot.waitSignal(tab.pdf_file_read, timeout=15_000) as read:
        tab.load_pdf_file(SAMPLE_PDFS / "005-libreoffice-writer-password_libreoffice-writer-password.pdf")
    assert read.args == [False]
    assert "password-protected" in tab.banner.text()
    assert len(tab.designer.fields()) == 1  # the refused file did not replace the drawing


def test_packet_needs_templates(tab: TemplatesTab) -> None:
    tab.preview_button.click()
    assert "Tick one or more templates" in tab.banner.text()


def _draw_vin_slip(qtbot: QtBot, tab: TemplatesTab, name: str) -> None:
    with qtbot.waitSignal(tab.pdf_file_read, timeout=15_000):
        tab.load_pdf_file(SAMPLE_PDFS / "001-trivial_minimal-document.pdf")
    tab.designer.set_zoom(2.0)
    tab.designer.type_combo.setCurrentIndex(tab.designer.type_combo.findData("vehicleVin"))
    drag(qtbot, tab.designer, (72, 300), (300, 318))
    tab.name_edit.setText(name)


def test_saved_confirmation_stays_and_the_form_clears(qtbot: QtBot, tab: TemplatesTab) -> None:
    _draw_vin_slip(qtbot, tab, "VIN slip")
    with qtbot.waitSignal(tab.template_saved, timeout=10_000), qtbot.waitSignal(tab.templates_loaded, timeout=10_000):
        tab.save_button.click()
    assert "VIN slip saved" in tab.banner.text() and tab.banner.isVisible()  # the reload did not wipe it
    assert tab.name_edit.text() == "" and not tab.designer.has_document() and tab.pdf == b""
    tab.save_button.click()  # a second click on the same form makes no duplicate
    assert "Choose the form's PDF first" in tab.banner.text()
    assert [t.name for t in tab.templates()].count("VIN slip") == 1


def test_a_second_template_of_the_same_name_asks_first(qtbot: QtBot, tab: TemplatesTab) -> None:
    _draw_vin_slip(qtbot, tab, "we owe")
    tab.save_button.click()
    box = tab.confirm_box
    assert box is not None and "already has a template named we owe" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert "Not saved" in tab.banner.text() and tab.designer.has_document()  # the drawing is kept
    assert [t.name for t in tab.templates()] == SEEDED
    tab.save_button.click()
    assert tab.confirm_box is not None
    with qtbot.waitSignal(tab.template_saved, timeout=10_000), qtbot.waitSignal(tab.templates_loaded, timeout=10_000):
        tab.confirm_box.button(QMessageBox.StandardButton.Save).click()
    assert [t.name for t in tab.templates()] == [*SEEDED, "we owe"]


def test_a_typed_order_id_makes_the_packet(qtbot: QtBot, tab: TemplatesTab, fresh_sandbox: SandboxServer) -> None:
    client = roadster_for(fresh_sandbox)
    try:
        second = make_order(client, "hyundaidemo")["id"]
    finally:
        client.close()
    tab.list.item(0).setCheckState(Qt.CheckState.Checked)
    tab.order_combo.setEditText(f"#{second}")  # the id from the deal or its events, as production needs
    with qtbot.waitSignal(tab.packet_created, timeout=10_000) as created:
        tab.create_button.click()
    packets = admin(fresh_sandbox, "GET", f"/orders/{second}/forms").json()["packets"]
    assert [p["id"] for p in packets] == [created.args[0]]
    tab.order_combo.setEditText("not an order")
    tab.order_combo.setCurrentIndex(-1)
    tab.create_button.click()
    assert "Order: choose one, or type the order id" in tab.banner.text()


def test_the_order_box_and_the_name_hint_fit_the_form_at_1280_by_720(
    qtbot: QtBot, tab: TemplatesTab, workspace: Workspace
) -> None:
    tab.resize(1280, 620)  # the tab's share of a 1280x720 window
    qtbot.waitUntil(lambda: tab.width() == 1280)
    assert cut_off(tab) == []  # "#<id> Jane Doe" fits; the car is in the tooltip
    assert tab.order_combo.currentText().endswith("Jane Doe")
    assert tab.order_combo.toolTip().startswith(tab.order_combo.currentText() + " - 20")
    assert "Odometer Disclosure Statement" in tab.name_edit.toolTip()
    with qtbot.waitSignal(tab.orders_loaded, timeout=10_000):
        workspace.set_rooftop("toyotademo")  # a rooftop with no order yet: the box is empty, with a short hint
    assert tab.order_combo.count() == 0 and tab.order_combo.currentText() == ""
    assert tab.order_combo.lineEdit().placeholderText() == "No orders yet: type an id"
    assert "create a customer with a vehicle" in tab.order_combo.toolTip()
    assert cut_off(tab) == []
    tab.list.item(0).setCheckState(Qt.CheckState.Checked)
    tab.preview_button.click()
    assert "Order: choose one, or type the order id" in tab.banner.text()


def test_an_opened_template_shows_the_start_of_its_name(qtbot: QtBot, tab: TemplatesTab) -> None:
    with qtbot.waitSignal(tab.template_opened, timeout=15_000):
        tab.open_template(tab.templates()[0])
    assert tab.name_edit.text() == "Odometer Disclosure Statement (copy)"
    assert tab.name_edit.cursorPosition() == 0 and tab.description_edit.cursorPosition() == 0  # not their ends


def test_a_typed_id_of_a_known_order_previews_its_values_and_an_unknown_one_says_why_the_fields_are_empty(
    qtbot: QtBot, tab: TemplatesTab, order_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walked at the desk: typing the order id previewed the packet with every field empty, without a word."""
    from desktop.services import packets

    filled: list[dict[str, Any]] = []
    real = packets.preview_packet

    def spy(client: Any, dpid: str, ids: Any, order: dict[str, Any]) -> Any:
        filled.append(order)  # the order the real filling below is given
        return real(client, dpid, ids, order)

    monkeypatch.setattr(packets, "preview_packet", spy)
    tab.list.item(0).setCheckState(Qt.CheckState.Checked)
    tab.order_combo.setEditText(str(order_id))  # the listed order's id, typed
    with qtbot.waitSignal(tab.preview_ready, timeout=10_000):
        tab.preview_button.click()
    assert filled[-1]["customer"]["first_name"] == "Jane"
    assert "not known on this desk" not in tab.banner.text()
    tab.order_combo.setEditText("#987654")  # an order this desk has never seen
    with qtbot.waitSignal(tab.preview_ready, timeout=10_000):
        tab.preview_button.click()
    assert set(filled[-1]) == {"id", "date"}
    assert "Order #987654 is not known on this desk" in tab.banner.text()
    assert "Roadster fills them from the order when the packet is created" in tab.banner.text()


def test_a_production_profile_reads_its_orders_from_the_one_shared_event_log(
    qtbot: QtBot,
    runner: TaskRunner,
    workspace: Workspace,
    fresh_sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each refresh of the list used to open the event file anew, with a fresh keyring look-up for its key."""
    from desktop.config import Profile
    from desktop.ui import workspace as workspace_module

    opened: list[object] = []
    real = workspace_module.EventLog

    def counted(path: Any, secrets: Any) -> Any:
        opened.append(path)
        return real(path, secrets)

    monkeypatch.setattr(workspace_module, "EventLog", counted)
    url = fresh_sandbox.url
    workspace.profile = Profile("Production", "remote", url + "/v1", url, "")
    workspace.set_rooftop("hyundaidemo")
    widget = TemplatesTab(runner, workspace)
    qtbot.addWidget(widget)
    widget.show()
    with qtbot.waitSignal(widget.templates_loaded, timeout=10_000):
        workspace.set_connection(connection_to(fresh_sandbox))
    for _ in range(2):
        with qtbot.waitSignal(widget.templates_loaded, timeout=10_000):
            widget.refresh()
    assert len(opened) == 1
    assert workspace.event_log() is workspace.event_log()
    runner.wait_idle()


def test_another_rooftop_leaves_no_packet_filled_for_the_last_ones_buyer(
    qtbot: QtBot, tab: TemplatesTab, workspace: Workspace
) -> None:
    """Walked at the desk: under another rooftop the tab still showed the last one's packet, filled with its buyer's
    name and email."""
    tab.list.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(tab.preview_ready, timeout=10_000):
        tab.preview_button.click()
    assert tab.preview.state == "pdf" and tab.stack.currentWidget() is tab.preview
    with qtbot.waitSignal(tab.templates_loaded, timeout=10_000):
        workspace.set_rooftop("umazda")
    assert tab.preview.state != "pdf" and tab.stack.currentWidget() is tab.designer
    assert not tab.back_button.isVisible()


def test_a_previewed_packet_is_saved_as_a_pdf_to_print_and_the_save_is_audited(
    qtbot: QtBot, tab: TemplatesTab, order_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walked at the desk: the filled packet could be seen, not printed or saved."""
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "packet.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    assert not tab.save_packet_button.isVisible()
    tab.list.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(tab.preview_ready, timeout=10_000):
        tab.preview_button.click()
    assert tab.save_packet_button.isVisible()
    tab.save_packet_button.click()
    qtbot.waitUntil(lambda: "Saved the packet" in tab.banner.text(), timeout=10_000)
    assert len(PdfReader(target).pages) >= 1
    [saved] = [e for e in tab.workspace.audit_log().entries() if e.action == "downloaded"]
    assert saved.subject == f"order:{order_id}" and "packet.pdf" in saved.detail
