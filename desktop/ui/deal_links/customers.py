"""Customers shows the current deal's customer: its new-customer and trade-in forms are the deal's fields.

What the agent types there goes into the deal as it is typed (and what the deal holds fills those forms), the
Roadster customer id is written back when the customer is created (from then on the new-customer form is for
another customer: what is typed there no longer changes the deal's buyer, nor does the deal refill it), "Start /
open deal" gives the selected customer's deal, and a customer event from Roadster updates the matching deal and
its stage.
"""

from __future__ import annotations

import copy
import functools
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from desktop.domain.deals import Deal, DealType, DealVehicle, Person, Stage, TradeIn, advanced
from desktop.domain.deals.wmi import make_from_vin
from desktop.services.deals import apply_customer_event, apply_event
from desktop.store.customers import CustomerRecord
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.deal_links.common import insert_beside, show_text, write_text
from desktop.ui.errors import sentence
from desktop.ui.workspace import DEALS


class CustomerDealLink(QObject):
    def __init__(self, tab: Any, current: CurrentDeal) -> None:
        super().__init__(tab)
        self.tab, self.current = tab, current
        self.button = QPushButton("Start / open deal", tab)
        self.button.setObjectName("startOrOpenDeal")
        self.button.setToolTip("The selected customer's open deal, or a new one for them")
        insert_beside(tab.new_button, self.button)
        self.button.clicked.connect(self.start_or_open)
        self.buyer_entries: dict[str, QLineEdit] = {
            "buyer.first_name": tab.first_name,
            "buyer.last_name": tab.last_name,
            "buyer.email": tab.email,
            "buyer.phone": tab.phone,
            "vehicle.vin": tab.create_vehicle.vin_edit.edit,
        }
        self.trade_entries: dict[str, QLineEdit] = {
            "trade_ins[0].vin": tab.trade_vin.edit,
            "trade_ins[0].offer_value": tab.trade_value,
            "trade_ins[0].year": tab.trade_year,
            "trade_ins[0].make": tab.trade_make,
            "trade_ins[0].model": tab.trade_model,
            "trade_ins[0].mileage": tab.trade_mileage,
        }
        for path, entry in self.buyer_entries.items():
            entry.textEdited.connect(lambda text, p=path: self._write_buyer(p, text))
        for path, entry in self.trade_entries.items():
            entry.textEdited.connect(lambda text, p=path: self._write_trade(p, text))
        # A VIN chosen from the list is put in the field without a keystroke: it goes to the deal all the same.
        tab.create_vehicle.picked.connect(lambda vin: self._write_buyer("vehicle.vin", vin))
        current.changed.connect(self._on_deal_changed)
        tab.customer_created.connect(self._on_customer_created)
        tab.events_arrived.connect(self._on_events)
        self._shown_for = ""
        self._payment_shown: dict[str, str] = {}  # what _show_payment last put in each payment field
        self._on_deal_changed()

    # deal → tab
    def _on_deal_changed(self) -> None:
        deal = self.current.deal
        if deal is None:
            self._shown_for = ""
            return
        another = deal.id != self._shown_for
        # A deal whose customer exists fills the new-customer form when it is opened, not as it changes: the agent
        # may be typing another customer there.
        bound = (*self.buyer_entries.items(),) if another or self._buyer_bound() else ()
        for path, entry in (*bound, *self.trade_entries.items()):
            show_text(self.current, path, entry, empty="" if another else None)
        if bound:
            self._show_payment(deal, another)
        if another:
            self._shown_for = deal.id
            self._select_customer(deal.buyer.customer_id)

    def _show_payment(self, deal: Deal, another: bool) -> None:
        """The structure desked on Deal Pricing as the new customer's payment preferences: its deal type, the cash
        down for either deal, the finance and lease terms and the lease's mileage (walked: the agent had desked a
        finance deal with $3,000 down, and the Roadster customer went out with no preference and no payment).

        A field the agent typed something else into keeps it; what the deal changes next fills only the fields
        still showing what this put there. The form does not write the structure back: Deal Pricing owns it."""
        s = deal.structure
        down = "" if s.cash_down is None else str(int(s.cash_down.quantize(Decimal(1), ROUND_HALF_UP)))
        wanted = {
            "lease_down": down,
            "lease_months": "" if s.lease_term is None else str(s.lease_term),
            "lease_miles": "" if s.annual_mileage is None else str(s.annual_mileage),
            "finance_down": down,
            "finance_months": "" if s.term is None else str(s.term),
        }
        for key, text in wanted.items():
            entry = self.tab.payment_edits[key]
            if self._fills(key, entry, entry.text(), another):
                self._payment_shown[key] = text
                if entry.text() != text:
                    entry.setText(text)
        kind = s.deal_type.value if s.deal_type in (DealType.LEASE, DealType.FINANCE) else ""
        combo = self.tab.deal_type
        if self._fills("deal_type", combo, combo.currentData(), another):
            self._payment_shown["deal_type"] = kind
            combo.setCurrentIndex(max(0, combo.findData(kind)))

    def _fills(self, key: str, widget: QWidget, now: Any, another: bool) -> bool:
        """Whether the deal's figure goes into payment field ``key``: not while the agent is in it, and for the same
        deal only while it is empty or still shows what the deal put there."""
        return not widget.hasFocus() and (another or now in ("", self._payment_shown.get(key, "")))

    def _select_customer(self, customer_id: int | None) -> None:
        row = self.tab.model.row_of(customer_id) if customer_id else -1
        if row >= 0:
            self.tab.table.setCurrentIndex(self.tab.model.index(row, 0))
        else:
            self.tab.table.setCurrentIndex(QModelIndex())

    # tab → deal
    def _buyer_bound(self) -> bool:
        """The new-customer form is the deal's buyer until that customer is created in Roadster."""
        deal = self.current.deal
        return deal is not None and deal.buyer.customer_id is None

    def _write_buyer(self, path: str, text: str) -> None:
        if self._buyer_bound():
            write_text(self.current, path, text)

    def _write_trade(self, path: str, text: str) -> None:
        deal = self.current.deal
        if deal is None:
            return
        if not deal.trade_ins:
            self.current.update(lambda d: d.trade_ins.append(TradeIn()))
        write_text(self.current, path, text)

    def _on_customer_created(self, record: CustomerRecord) -> None:
        deal = self.current.deal
        if deal is None or deal.dpid != record.dpid:
            return
        if deal.buyer.customer_id not in (None, record.id):
            return  # the deal is another customer's: creating this one does not change it

        def link(d: Any) -> None:
            b = d.buyer
            b.customer_id = record.id
            b.first_name, b.last_name = b.first_name or record.first_name, b.last_name or record.last_name
            b.email, b.phone = b.email or record.email, b.phone or record.phone
            d.stage = advanced(d.stage, Stage.WORKING)

        self.current.update(link)

    def start_or_open(self) -> None:
        record = self.tab.selected()
        if record is None:
            self.tab.banner.show_error("Select a customer in the list first (or create one).")
            return
        buyer = Person(
            customer_id=record.id,
            first_name=record.first_name,
            last_name=record.last_name,
            email=record.email,
            phone=record.phone,
        )
        # A new deal starts on the car the customer was created with (its make from the VIN's maker code).
        vehicle = DealVehicle(vin=record.vin, make=make_from_vin(record.vin)) if record.vin else None
        self.current.open_for_customer(buyer, vehicle, then=self._on_opened)

    def _on_opened(self, deal: Any) -> None:
        """Said, since nothing on this tab changes when the deal was open already (walked: no sign at all)."""
        self.tab.banner.show_info(f"Deal {deal.number} is open: the strip above shows it on every tab.")

    # customer events
    def _on_events(self, events: list[dict[str, Any]]) -> None:
        """Events of the current deal's customer change it here (so typing goes on); others change it in the store."""
        deal, store = self.current.deal, self.current.store
        others = []
        for event in events:
            if deal is not None and self._is_for(deal, event):
                self.current.update(functools.partial(apply_event, event=event))
            else:
                others.append(event)
        if store is None or not others:
            return
        skip = deal.id if deal is not None else ""
        batch = copy.deepcopy(others)
        # Which deal is open is decided at submit: one opened while the job waits gets the change when it is done.
        self.tab.runner.submit(
            lambda: [apply_customer_event(store, e, skip_id=skip) for e in batch],
            functools.partial(self._on_deals_updated, batch),
            lambda exc: self.tab.banner.show_error(f"A customer event could not update its deal: {sentence(exc)}"),
            label="Updating deals from customer events",
            write=True,
            owner=self.tab,
        )

    def _on_deals_updated(self, events: list[dict[str, Any]], saved: list[Any]) -> None:
        """Deals changed in the store behind the Deals list: it reloads them (and the open one catches up)."""
        for event, deal in zip(events, saved, strict=True):
            if deal is not None:
                self.current.caught_up(deal, functools.partial(apply_event, event=event))
        for dpid in sorted({deal.dpid for deal in saved if deal is not None}):
            self.tab.workspace.announce(DEALS, dpid)

    @staticmethod
    def _is_for(deal: Any, event: dict[str, Any]) -> bool:
        customer = event.get("customer") or {}
        if str((event.get("dealer") or {}).get("dpid") or "") != deal.dpid:
            return False
        if deal.buyer.customer_id is not None:
            return bool(customer.get("id") == deal.buyer.customer_id)
        email = str(customer.get("email") or "").strip().lower()
        return bool(email) and email == deal.buyer.email.strip().lower()
