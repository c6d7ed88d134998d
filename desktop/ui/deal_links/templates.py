"""Templates & Packets offers the current deal's Roadster order, built from the deal itself.

The order id comes from a customer event or is typed on the deal; the packet's other values (buyer, vehicle) are
the deal's, so no order listing (which only the sandbox has) is needed. A packet made for it is kept on the deal.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject

from desktop.domain.deals import Deal, Packet
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.tabs.templates.packets import NO_ORDER, add_order

DEALER_KEYS = ("dpid", "name", "address", "city", "state", "zip_code", "phone")


def order_of(deal: Deal, dealer: Mapping[str, Any] | None = None, today: datetime.date | None = None) -> dict[str, Any]:
    """The deal as the order the packet's fields are filled from (see ``form_fields.order_values``): its buyer,
    vehicle and structure, the rooftop's dealer record, and today's date (the day the packet is signed).

    Walked at the desk: filled from the deal, every form's date and the privacy notice's dealership were blank.
    """
    buyer, vehicle, structure = deal.buyer, deal.vehicle, deal.structure
    deal_type = structure.deal_type.value if structure.deal_type is not None else ""
    terms: dict[str, Any] = {"term": structure.months, "deal_type": deal_type}
    if structure.selling_price is not None:
        terms["price"] = str(structure.selling_price)
    if structure.cash_down is not None:
        terms["down_payment"] = str(structure.cash_down)
    if deal_type == "finance" and structure.sell_rate is not None:
        terms["apr"] = str(structure.sell_rate)
    order: dict[str, Any] = {
        "id": int(deal.order_id),
        "date": (today or datetime.date.today()).isoformat(),
        "dealer": {k: (dealer or {}).get(k) for k in DEALER_KEYS},
        "vin": vehicle.vin,
        "customer": {
            "first_name": buyer.first_name,
            "last_name": buyer.last_name,
            "email": buyer.email,
            "phone": buyer.phone,
            "address": buyer.street,
            "city": buyer.city,
            "state": buyer.state,
            "zip_code": buyer.zip_code,
        },
        "vehicle": {
            "vin": vehicle.vin,
            "year": vehicle.year,
            "make": vehicle.make,
            "model": vehicle.model,
            "trim": vehicle.trim,
            "odometer": vehicle.odometer,
            "stock_number": vehicle.stock_number,
        },
        "deal": terms,
    }
    if deal.co_buyer is not None:
        order["co_buyer"] = {"first_name": deal.co_buyer.first_name, "last_name": deal.co_buyer.last_name}
    return order


class TemplatesDealLink(QObject):
    def __init__(self, tab: Any, current: CurrentDeal) -> None:
        super().__init__(tab)
        self.tab, self.current = tab, current
        current.changed.connect(self._offer_order)
        tab.orders_loaded.connect(self._offer_order)
        tab.packet_created.connect(self._on_packet_created)
        self._offer_order()

    def _offer_order(self) -> None:
        combo, deal = self.tab.order_combo, self.current.deal
        for i in reversed(range(combo.count())):
            data = combo.itemData(i)
            if isinstance(data, dict) and data.get("from_deal"):
                combo.removeItem(i)
        if deal is None or not deal.order_id.isdigit():
            return
        order = {**order_of(deal, self.tab.workspace.dealer(deal.dpid)), "from_deal": True}
        add_order(combo, f"{deal.number} · #{deal.order_id} {deal.buyer.name}", order, 0)
        combo.setCurrentIndex(0)
        if (edit := combo.lineEdit()) is not None:
            edit.setCursorPosition(0)  # the deal's number shows, not the end of the buyer's name
        if self.tab.banner.text() == NO_ORDER:  # answered: the deal's order is offered now
            self.tab.banner.clear_message()

    def _on_packet_created(self, packet_id: int) -> None:
        deal = self.current.deal
        order = self.tab.order_combo.currentData()
        if deal is None or not isinstance(order, dict) or str(order.get("id")) != deal.order_id:
            return
        title = self.tab.title_edit.text().strip()
        packet = Packet(str(packet_id), deal.order_id, title)
        self.current.update(lambda d: d.packets.append(packet))
