"""The Binder opens the current deal's customer, and the documents found there are listed on the deal."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from desktop.domain.deals import DealDocument
from desktop.ui.current_deal import CurrentDeal


class BinderDealLink(QObject):
    def __init__(self, tab: Any, current: CurrentDeal) -> None:
        super().__init__(tab)
        self.tab, self.current = tab, current
        current.changed.connect(self._on_deal_changed)
        tab.documents_loaded.connect(self._on_documents_loaded)
        self._on_deal_changed()

    def _customer_id(self) -> int | None:
        deal = self.current.deal
        return deal.buyer.customer_id if deal is not None else None

    def _on_deal_changed(self) -> None:
        customer_id = self._customer_id()
        if customer_id and customer_id != self.tab.customer_id and self.tab.workspace.connection is not None:
            self.tab.open_customer(customer_id)

    def _on_documents_loaded(self) -> None:
        customer_id = self._customer_id()
        if not customer_id or customer_id != self.tab.customer_id:
            return
        docs = [DealDocument(str(d.id), d.document_type, d.name or d.file_name) for d in self.tab.model.documents()]
        deal = self.current.deal
        if deal is not None and deal.documents != docs:
            self.current.update(lambda d: setattr(d, "documents", docs))
