"""The customer picker of the Document Binder tab: the rooftop's customers, read from the local register when the
tab is shown, so a customer is picked by name rather than by id."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox

from desktop.ui.errors import sentence
from desktop.ui.tabs.binder.uploads import BinderUploads
from desktop.ui.widgets.when_shown import WhenShown


class BinderCustomers(BinderUploads):
    """The customer list of :class:`BinderTab`, its base class: the picker filled per rooftop, a pick opens a binder."""

    # what the tab provides
    when_shown: WhenShown
    customer_combo: QComboBox
    _register_job: int
    _register_dpid: str
    open_customer: Callable[[int], None]

    def _load_register_when_shown(self, *_args: object) -> None:
        """The picker's customers are read when the tab is next shown, not behind the tab in use."""
        self.when_shown.run("register", self._load_register)

    def _load_register(self) -> None:
        """Customers from the local register (read only), when that register exists for this profile."""
        register, dpid = self.workspace.customer_register(), self.workspace.dpid
        if not dpid:
            return
        if dpid != self._register_dpid:  # another rooftop's customers are not offered while this one's are read
            self._register_dpid = dpid
            self.customer_combo.clear()
            self.customer_combo.setPlaceholderText(f"Reading the customers of {dpid}…")

        def load() -> list[tuple[int, str]]:
            if not register.path.exists():  # read only: no register is made for a profile that has none
                return []
            return [(c.id, f"{c.name or '(no name)'} <{c.email}> · #{c.id}") for c in register.search(dpid)]

        self.runner.cancel(self._register_job)
        self._register_job = self.runner.submit(
            load,
            lambda customers: self._on_register(dpid, customers),
            self._on_register_failed,
            label="Reading customers",
            owner=self,
        )

    def _on_register(self, dpid: str, customers: list[tuple[int, str]]) -> None:
        if dpid != self.workspace.dpid:
            return  # a switch meanwhile: its own read follows
        combo = self.customer_combo
        # An empty picker says why, and where customers come from (it read as a control not working yet).
        combo.setPlaceholderText(
            "Customers of this rooftop" if customers else f"No customers at {dpid} yet: add one in Customers"
        )
        if [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())] == customers:
            return  # nothing new: the open popup and the selection are left alone
        self.customer_combo.clear()
        for customer_id, label in customers:
            self.customer_combo.addItem(label, customer_id)
        self.customer_combo.setCurrentIndex(self.customer_combo.findData(self.customer_id))

    def _on_register_failed(self, exc: BaseException) -> None:
        self.banner.show_error(
            f"The customer list could not be read: {sentence(exc)} Open a customer by number meanwhile."
        )

    def _on_customer_picked(self, index: int) -> None:
        customer_id = self.customer_combo.itemData(index)
        if customer_id:
            self.open_customer(int(customer_id))
