"""The Templates & Packets tab: a rooftop's document templates, the new-template form, the designer and preview.

Saving a new template (its PDF read from disk, the drawing checked and sent) is its base class,
:class:`.new_template.NewTemplateForm`; the packet form and what it does are that one's base,
:class:`.packets.TemplatePackets`.

Left: the rooftop's templates (tick the ones a packet should contain), the new-template form and the packet form.
Centre: the designer (a template opened or a new PDF chosen) or the local preview of a packet. Every network call
runs on the TaskRunner; a failure is said in the banner and nothing typed or drawn is lost.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api.roadster import templates as api
from desktop.api.roadster.schema import DocumentTemplate
from desktop.services import packets
from desktop.ui.errors import sentence
from desktop.ui.keys import submit_on_enter
from desktop.ui.tabs.templates.new_template import NewTemplateForm
from desktop.ui.tabs.templates.packets import PAGE_DESIGNER, PAGE_PREVIEW, add_order, order_label, orders_for
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.confirm import ask
from desktop.ui.widgets.document_preview import DocumentPreview
from desktop.ui.widgets.staggered import CoveredShow, CoveredTab
from desktop.ui.widgets.template_designer import TemplateDesigner
from desktop.ui.widgets.when_shown import WhenShown
from desktop.ui.workspace import ORDERS, TEMPLATES, Workspace

TemplateRole = Qt.ItemDataRole.UserRole + 1


class TemplatesTab(CoveredTab, NewTemplateForm):
    templates_loaded = Signal()
    template_opened = Signal()
    template_deleted = Signal(int)
    orders_loaded = Signal()
    preview_ready = Signal()

    def __init__(self, runner: TaskRunner, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.when_shown = WhenShown(self)  # a rooftop switch while another tab is shown is followed when this is
        self.runner = runner
        self.workspace = workspace
        self._list_dpid = ""  # the rooftop whose templates and orders the lists hold, or are being filled with
        self.pdf = b""  # the PDF of a new template, until it is saved
        self.confirm_box: QMessageBox | None = None
        self._load_job = 0
        self._load_message = False  # the banner says why the list is empty; a successful load may clear it

        self.banner = Banner(self)
        self.list = QListWidget(self)
        self.list.setObjectName("templatesList")
        self.list.itemDoubleClicked.connect(lambda item: self.open_template(item.data(TemplateRole)))
        self.open_button = QPushButton("Open", self)
        self.delete_button = QPushButton("Delete…", self)
        self.refresh_button = QPushButton("Refresh", self)
        self.open_button.clicked.connect(lambda: self._with_current(self.open_template))
        self.delete_button.clicked.connect(lambda: self._with_current(self.confirm_delete))
        self.refresh_button.clicked.connect(self.refresh)

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("e.g. Odometer Statement")  # short: the form is a third of 1280 px
        self.name_edit.setToolTip("The name staff pick the template by, e.g. Odometer Disclosure Statement.")
        self.description_edit = QLineEdit(self)
        self.file_label = QLabel("No PDF chosen", self)
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton("Choose PDF…", self)
        self.save_button = QPushButton("Save template", self)
        self.choose_button.clicked.connect(self._on_choose_pdf)
        self.save_button.clicked.connect(self.save_template)

        self._make_packet_controls()

        self.designer = TemplateDesigner(self, runner=self.runner)
        self.designer.view.empty_text = (
            "To make a template, choose its PDF under New template, then draw its fields here.\n"
            "To see one of the list, select it and click Open."
        )
        self.preview = DocumentPreview(self, runner=self.runner)
        self.preview.settled.connect(lambda _state: self.preview_ready.emit())  # the worker has read the packet
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.designer)
        self.stack.addWidget(self.preview)
        self.back_button = QPushButton("Back to the designer", self)
        self.back_button.clicked.connect(lambda: self._show_page(PAGE_DESIGNER))
        self.save_packet_button = QPushButton("Save PDF…", self)
        self.save_packet_button.setToolTip(
            "Save the filled packet as a PDF, to print or keep (recorded in the audit log)"
        )
        self.save_packet_button.clicked.connect(self.save_packet)

        buttons = QHBoxLayout()
        for b in (self.open_button, self.delete_button, self.refresh_button):
            buttons.addWidget(b)
        new_box = QGroupBox("New template", self)
        new_form = QFormLayout(new_box)
        new_form.addRow("Name", self.name_edit)
        new_form.addRow("Description", self.description_edit)
        new_form.addRow(self.choose_button, self.file_label)
        new_form.addRow("", self.save_button)
        packet_box = self._packet_box()

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel("Templates of this rooftop", left))
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(new_box)
        left_layout.addWidget(packet_box)
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        preview_bar = QHBoxLayout()
        preview_bar.addWidget(self.back_button)
        preview_bar.addWidget(self.save_packet_button)
        preview_bar.addStretch(1)
        centre_layout.addLayout(preview_bar)
        centre_layout.addWidget(self.stack, 1)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(centre)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self._show_page(PAGE_DESIGNER)
        submit_on_enter(self.save_button, [self.name_edit, self.description_edit])
        # A switch here paints the list and forms on the turn after it, the designer on the next: painted whole,
        # the first visit's paint was 7-12 ms of one turn.
        self.lists_pane, self.work_pane = left, centre
        self.covered_show = CoveredShow((left, centre), self)

        workspace.connection_changed.connect(self._refresh_when_shown)
        workspace.rooftop_changed.connect(self._refresh_when_shown)
        workspace.data_changed.connect(self._on_data_changed)
        self._refresh_when_shown()

    def _refresh_when_shown(self, *_args: object) -> None:
        """A hidden tab reads the rooftop's templates and orders when next shown, not behind the tab in use."""
        self.when_shown.run("load", self.refresh)

    # loading
    def _client_and_dpid(self) -> tuple[Any, str] | None:
        connection = self.workspace.connection
        if connection is None:
            self._show_load_message("Connect to a profile to see templates.")
            return None
        if not self.workspace.dpid:
            self._show_load_message("Choose a rooftop to see its templates.")
            return None
        return connection.roadster, self.workspace.dpid

    def _show_load_message(self, text: str, *, error: bool = False) -> None:
        (self.banner.show_error if error else self.banner.show_info)(text)
        self._load_message = True

    def bind_deal(self, current: Any) -> None:
        """The window's current deal: its Roadster order is offered for the packet."""
        from desktop.ui.deal_links.templates import TemplatesDealLink

        self.deal_link = TemplatesDealLink(self, current)

    def refresh(self) -> None:
        found = self._client_and_dpid()
        if found is None:
            self.list.clear()
            self._list_dpid = ""
            return
        client, dpid = found
        sandbox = self.workspace.profile.is_sandbox
        events = self.workspace.event_log()
        if self._load_message:  # only a message about loading goes: a confirmation stays until the next action
            self.banner.clear_message()
            self._load_message = False
        if dpid != self._list_dpid:  # another rooftop's templates do not stay listed while this one's are read
            self._list_dpid = dpid
            self.list.clear()  # (the order combo keeps what was typed in it until the orders arrive)
            # Nor its customer's packet: a preview filled with the last rooftop's buyer stayed under the new one.
            self.preview.clear("Preview a packet to see it filled for an order of this rooftop.")
            self._show_page(PAGE_DESIGNER)
            self._show_load_message(f"Reading the templates of {dpid}…")
        self.runner.cancel(self._load_job)
        self._load_job = self.runner.submit(
            lambda: (api.list_templates(client, dpid), orders_for(client, dpid, sandbox, events)),
            lambda result: self._on_loaded(dpid, *result),
            lambda exc: self._show_load_message(f"Could not load the templates: {sentence(exc)}", error=True),
            label="Loading templates",
            owner=self,
        )

    def _on_data_changed(self, what: str, dpid: str) -> None:
        if what in (TEMPLATES, ORDERS) and dpid == self.workspace.dpid:
            self._refresh_when_shown()

    def _on_loaded(self, dpid: str, templates: list[DocumentTemplate], orders: list[dict[str, Any]]) -> None:
        if dpid != self.workspace.dpid:
            return
        if self._load_message:  # "Reading the templates of …" is over
            self.banner.clear_message()
            self._load_message = False
        ticked = set(self.ticked_ids())
        current = self.list.currentItem()
        current_id = current.data(TemplateRole).id if current is not None else None
        self.list.clear()
        for t in templates:
            item = QListWidgetItem(t.name, self.list)
            item.setData(TemplateRole, t)
            item.setToolTip(f"{t.file_name}\n{t.description}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if t.id in ticked else Qt.CheckState.Unchecked)
            if t.id == current_id:
                self.list.setCurrentItem(item)
        current_order = (self.order_combo.currentData() or {}).get("id")
        self.order_combo.clear()
        for order in orders:
            add_order(self.order_combo, order_label(order), order)
        combo = self.order_combo
        index = next((i for i in range(combo.count()) if (combo.itemData(i) or {}).get("id") == current_order), 0)
        self.order_combo.setCurrentIndex(index if combo.count() else -1)
        if (edit := self.order_combo.lineEdit()) is not None:
            edit.setCursorPosition(0)  # a long order label shows its start (who and which car), not its end
        self.templates_loaded.emit()
        self.orders_loaded.emit()

    def templates(self) -> list[DocumentTemplate]:
        return [self.list.item(i).data(TemplateRole) for i in range(self.list.count())]

    def ticked_ids(self) -> list[int]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [item.data(TemplateRole).id for item in items if item.checkState() == Qt.CheckState.Checked]

    def _with_current(self, action: Any) -> None:
        item = self.list.currentItem()
        if item is None:
            self.banner.show_info("Select a template first.")
            return
        action(item.data(TemplateRole))

    # templates
    def open_template(self, template: DocumentTemplate) -> None:
        found = self._client_and_dpid()
        if found is None:
            return
        client, dpid = found
        self.runner.submit(
            lambda: packets.open_template(client, dpid, template.id),
            self._on_opened,
            lambda exc: self.banner.show_error(f"Could not open {template.name}: {sentence(exc)}"),
            label=f"Opening {template.name}",
            owner=self,
        )

    def _on_opened(self, opened: packets.OpenedTemplate) -> None:
        self._show_page(PAGE_DESIGNER)
        if self.designer.load_pdf(opened.pdf, opened.page_sizes):
            self.designer.set_fields(opened.fields)
        self.pdf = opened.pdf
        self.name_edit.setText(f"{opened.template.name} (copy)")
        self.description_edit.setText(opened.template.description)
        for edit in (self.name_edit, self.description_edit):
            edit.setCursorPosition(0)  # a long name shows its start ("Odometer Disclosure…"), not its end
        self.file_label.setText(opened.template.file_name)
        self.banner.show_info(
            f"{opened.template.name}: {len(opened.fields)} fields. Templates cannot be changed once saved; "
            "edit the drawing and save it as a new template if it needs to change."
        )
        self.template_opened.emit()

    def confirm_delete(self, template: DocumentTemplate) -> None:
        self.confirm_box = ask(
            self,
            "Delete template",
            f"Delete the template {template.name} ({template.file_name})? It can no longer be used for new "
            "packets; packets already made keep their copy.",
            on_answer=lambda yes: self._on_delete_answer(yes, template),
        )

    def _on_delete_answer(self, yes: bool, template: DocumentTemplate) -> None:
        self.confirm_box = None
        found = self._client_and_dpid()
        if not yes or found is None:
            return
        client, dpid = found
        self.runner.submit(
            lambda: api.delete_template(client, dpid, template.id),
            lambda _r: self._on_deleted(template),
            lambda exc: self.banner.show_error(f"Could not delete {template.name}: {sentence(exc)}"),
            label=f"Deleting {template.name}",
            write=True,
            owner=self,
        )

    def _on_deleted(self, template: DocumentTemplate) -> None:
        self.banner.show_info(f"Template {template.name} deleted.")
        self.template_deleted.emit(template.id)
        self.workspace.announce(TEMPLATES)

    def _show_page(self, page: int) -> None:
        self.stack.setCurrentIndex(page)
        self.back_button.setVisible(page == PAGE_PREVIEW)
        self.save_packet_button.setVisible(page == PAGE_PREVIEW)
