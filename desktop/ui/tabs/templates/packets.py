"""Packets of the Templates tab: an order (listed, or typed from a deal), the ticked templates filled for it,
previewed locally, saved as a PDF to print (an audited download: it holds the buyer's data), then created at
Roadster (an audited send)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.api import errors
from desktop.api.roadster import templates as api
from desktop.services import packets
from desktop.services.access import audited
from desktop.services.event_orders import orders_from_events, typed_order
from desktop.store.audit import DOWNLOADED, SENT
from desktop.store.events import EventLog
from desktop.ui.errors import sentence
from desktop.ui.file_places import PRINTED, remember, start_in
from desktop.ui.keys import submit_on_enter
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.document_preview import DocumentPreview
from desktop.ui.widgets.wheel_guard import ComboBox
from desktop.ui.workspace import Workspace

PAGE_DESIGNER, PAGE_PREVIEW = range(2)
NO_ORDER = "Order: choose one, or type the order id from the deal or its events."


def order_label(order: dict[str, Any]) -> str:
    """What the Order box shows: the id and the buyer, which fit its third of a 1280 px window."""
    customer = order.get("customer") or {}
    who = " ".join(p for p in (customer.get("first_name"), customer.get("last_name")) if p) or "(no name)"
    return f"#{order.get('id')} {who}"


def order_car(order: dict[str, Any]) -> str:
    """The order's vehicle in words (its VIN when the order names no model), for the item's tooltip."""
    vehicle = order.get("vehicle") or {}
    car = " ".join(str(p) for p in (vehicle.get("year"), vehicle.get("make"), vehicle.get("model")) if p)
    return car or str(order.get("vin") or "")


def add_order(combo: QComboBox, label: str, order: dict[str, Any], index: int | None = None) -> None:
    """One order in the box: the short label shown, the whole order (who and which car) in its tooltip."""
    index = combo.count() if index is None else index
    combo.insertItem(index, label, order)
    car = order_car(order)
    combo.setItemData(index, f"{label} - {car}" if car else label, Qt.ItemDataRole.ToolTipRole)
    if combo.currentIndex() == index:  # the first item becomes current before its tooltip is set
        combo.setToolTip(combo.itemData(index, Qt.ItemDataRole.ToolTipRole))


def orders_for(client: Any, dpid: str, sandbox: bool, events: EventLog) -> list[dict[str, Any]]:
    """The sandbox lists its orders; on any other profile the orders are those the customer events named.

    Never ``/sandbox/...`` outside the sandbox profile: production has no such path. An order id can also be typed.
    """
    if sandbox:
        try:
            return api.sandbox_orders(client, dpid)
        except errors.NotFound:
            return []
    if not events.path.exists():  # no event received yet: nothing to open (or to create)
        return []
    return orders_from_events(events.for_dealer(dpid), dpid)


def order_known(order: dict[str, Any]) -> bool:
    """Whether ``order`` says more than its id and date (who buys, which car): else a preview fills nothing."""
    return bool(set(order) - {"id", "date"})


class TemplatePackets(QWidget):
    """The packet half of :class:`TemplatesTab`, its base class: the packet form and what its buttons do."""

    packet_created = Signal(int)

    # what the tab provides
    runner: TaskRunner
    workspace: Workspace
    banner: Banner
    preview: DocumentPreview
    _client_and_dpid: Callable[[], tuple[Any, str] | None]
    ticked_ids: Callable[[], list[int]]
    _show_page: Callable[[int], None]
    _previewed_unknown: int | None = None  # the id of a previewed order this desk knows nothing else of
    _previewed: tuple[int, bytes] | None = None  # the order and the filled packet last previewed, to save

    def _make_packet_controls(self) -> None:
        """Order, title, Preview and Create, made where the tab's focus order wants them (see :meth:`_packet_box`)."""
        self.order_combo = ComboBox(self)
        self.order_combo.setEditable(True)  # an order id from the deal can be typed: production lists no orders
        self.order_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.order_combo.currentIndexChanged.connect(self._on_order_changed)
        self._on_order_changed(-1)
        self.title_edit = QLineEdit("Your documents for review", self)
        self.preview_button = QPushButton("Preview packet", self)
        self.create_button = QPushButton("Create packet", self)
        self.preview_button.clicked.connect(self.preview_packet)
        self.create_button.clicked.connect(self.create_packet)

    def _on_order_changed(self, index: int) -> None:
        """The box's hint fits its third of a 1280 px window: the whole sentence, or the whole order with its car,
        is in its tooltip."""
        listed = self.order_combo.count() > 0
        if (edit := self.order_combo.lineEdit()) is not None:
            edit.setPlaceholderText("Choose or type an order id" if listed else "No orders yet: type an id")
        if index >= 0:
            self.order_combo.setToolTip(str(self.order_combo.itemData(index, Qt.ItemDataRole.ToolTipRole) or ""))
        elif listed:
            self.order_combo.setToolTip("Pick the order, or type the order id from the deal or its events.")
        else:
            self.order_combo.setToolTip(
                "No orders yet: type the order id from the deal or its events, or create a customer with a "
                "vehicle on the Customers tab."
            )

    def _packet_box(self) -> QGroupBox:
        """The controls laid out in a box; the tab places it under its templates and the new-template form."""
        packet_box = QGroupBox("Packet (tick the templates above)", self)
        packet_form = QFormLayout(packet_box)
        packet_form.addRow("Order", self.order_combo)
        packet_form.addRow("Title", self.title_edit)
        packet_buttons = QHBoxLayout()
        packet_buttons.addWidget(self.preview_button)
        packet_buttons.addWidget(self.create_button)
        packet_form.addRow(packet_buttons)
        submit_on_enter(self.create_button, [self.title_edit])
        return packet_box

    def _packet_inputs(self) -> tuple[Any, str, dict[str, Any], list[int]] | None:
        found = self._client_and_dpid()
        if found is None:
            return None
        order = self.order_combo.currentData()
        typed = self.order_combo.currentText()
        if not order or self.order_combo.itemText(self.order_combo.currentIndex()) != typed:
            bare = typed_order(typed)
            order = (bare and self._known_order(bare["id"])) or bare or order
        ids = self.ticked_ids()
        if not order:
            self.banner.show_error(NO_ORDER)
            return None
        if not ids:
            self.banner.show_error("Tick one or more templates for the packet.")
            return None
        return found[0], found[1], order, ids

    def _known_order(self, order_id: int) -> dict[str, Any] | None:
        """The order with this id among those offered (listed, from the events, or the open deal's), with its
        buyer, vehicle and deal: a typed id alone would fill every field of the preview with nothing."""
        for i in range(self.order_combo.count()):
            order = self.order_combo.itemData(i)
            if isinstance(order, dict) and order.get("id") == order_id:
                return order
        return None

    def preview_packet(self) -> None:
        inputs = self._packet_inputs()
        if inputs is None:
            return
        client, dpid, order, ids = inputs
        self._previewed_unknown = None if order_known(order) else int(order["id"])
        order_id = int(order["id"])

        def work() -> tuple[bytes, list[str]]:
            forms = packets.preview_packet(client, dpid, ids, order)
            notes = [f"{f.name}: {', '.join(f.filled.clipped)} cut off" for f in forms if f.filled.clipped]
            return packets.combined_pdf(forms), notes

        self.runner.submit(
            work,
            lambda result: self._on_preview(order_id, result),
            lambda exc: self.banner.show_error(f"Could not preview the packet: {sentence(exc)}"),
            label="Filling the packet",
            owner=self,
        )

    def _on_preview(self, order_id: int, result: tuple[bytes, list[str]]) -> None:
        data, notes = result
        self._previewed = (order_id, data)
        self._show_page(PAGE_PREVIEW)
        self.preview.show_bytes("packet-preview.pdf", data)
        if notes:
            self.banner.show_error("Text too long for its box, shown cut off: " + "; ".join(notes) + ".")
        elif self._previewed_unknown is not None:
            self.banner.show_info(
                f"Order #{self._previewed_unknown} is not known on this desk (not listed, not the open deal's), so "
                "the preview leaves its fields empty: Roadster fills them from the order when the packet is created."
            )
        else:
            self.banner.show_info("Preview of the filled packet. Create it when it looks right.")

    def save_packet(self) -> None:
        """Save the packet previewed as a PDF to print here (walked at the desk: it could be seen, not printed)."""
        if self._previewed is None:
            self.banner.show_error("Preview the packet first, then save it.")
            return
        order_id, data = self._previewed
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the packet", start_in(PRINTED, f"packet-{order_id}.pdf"), "PDF (*.pdf)"
        )
        if not name:
            return
        remember(PRINTED, name)
        target, audit, actor = Path(name), self.workspace.audit_log(), self.workspace.actor()
        self.runner.submit(
            lambda: audited(
                audit,
                actor,
                DOWNLOADED,
                f"order:{order_id}",
                f"packet -> {target.name}",
                lambda: target.write_bytes(data),
            ),
            lambda _n: self.banner.show_info(f"Saved the packet to {target}."),
            lambda exc: self.banner.show_error(f"The packet was not saved to {target}: {sentence(exc)}"),
            label="Saving the packet",
            owner=self,
        )

    def create_packet(self) -> None:
        inputs = self._packet_inputs()
        if inputs is None:
            return
        client, _dpid, order, ids = inputs
        title = self.title_edit.text().strip()
        if not title:
            self.banner.show_error("The packet needs a title.")
            self.title_edit.setFocus()
            return
        self.create_button.setEnabled(False)
        audit, actor, detail = self.workspace.audit_log(), self.workspace.actor(), f"{title} (templates {ids})"
        self.runner.submit(
            lambda: audited(
                audit,
                actor,
                SENT,
                f"order:{order['id']}",
                detail,
                lambda: api.create_forms(client, int(order["id"]), title, ids),
            ),
            self._on_packet_created,
            self._on_packet_failed,
            label="Creating the packet",
            write=True,
        )

    def _on_packet_created(self, created: Any) -> None:
        self.create_button.setEnabled(True)
        self.banner.show_info(f"Packet created with {len(created.forms) or len(self.ticked_ids())} form(s).")
        self.packet_created.emit(int(created.packet_id or 0))

    def _on_packet_failed(self, exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        self.banner.show_error(f"The packet was not created: {sentence(exc)}")
