"""The Binder opens the current deal's customer, and the documents found there are listed on the deal.

Another deal opened (or the deal closed, as a rooftop switch closes it) whose buyer is no Roadster customer yet
closes the binder shown: walked at the desk, a new deal's Binder still showed the last deal's customer, and a file
uploaded there went into that customer's binder.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from desktop.domain.deals import DealDocument
from desktop.ui.current_deal import CurrentDeal


class BinderDealLink(QObject):
    def __init__(self, tab: Any, current: CurrentDeal) -> None:
        super().__init__(tab)
        self.tab, self.current = tab, current
        self._deal_id = ""
        current.changed.connect(self._on_deal_changed)
        tab.documents_loaded.connect(self._on_documents_loaded)
        self._on_deal_changed()

    def _customer_id(self) -> int | None:
        deal = self.current.deal
        return deal.buyer.customer_id if deal is not None else None

    def _on_deal_changed(self) -> None:
        deal = self.current.deal
        another = (deal.id if deal is not None else "") != self._deal_id
        self._deal_id = deal.id if deal is not None else ""
        customer_id = self._customer_id()
        if customer_id and customer_id != self.tab.customer_id and self.tab.workspace.connection is not None:
            self.tab.open_customer(customer_id)
        elif another and not customer_id:
            # A deal opened on an empty binder says why it stays empty, too (walked: "or open their deal", with
            # the deal open); a deal closed on one no longer names it (walked: "Deal HD-1001's buyer…" at the
            # next rooftop, with no deal open).
            if deal is None:
                hint = "No deal is open: choose a customer above to see their binder."
            else:
                hint = (
                    f"Deal {deal.number}'s buyer is not a Roadster customer yet: create them on the Customers tab "
                    "(or choose a customer above) to file documents for this deal."
                )
            self.tab.close_customer(hint)

    def _on_documents_loaded(self) -> None:
        customer_id = self._customer_id()
        if not customer_id or customer_id != self.tab.customer_id:
            return
        docs = [DealDocument(str(d.id), d.document_type, d.name or d.file_name) for d in self.tab.model.documents()]
        deal = self.current.deal
        if deal is not None and deal.documents != docs:
            self.current.update(lambda d: setattr(d, "documents", docs))
