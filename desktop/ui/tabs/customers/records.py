"""What the Customers tab lists and picks from: the profile's customer register, its agents roster and the
rooftop's vehicles in stock, each read in the background and kept on the current selection."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from desktop.store.agents import Agent, AgentRoster, agent_label
from desktop.store.customers import CustomerRecord, CustomerRegister
from desktop.ui.errors import sentence
from desktop.ui.models.common import ObjectRole
from desktop.ui.tabs.customers.form import CustomerForm


class CustomerRecords(CustomerForm):
    """The register, the roster and the pickers' stock, for the profile and rooftop at hand."""

    def register(self) -> CustomerRegister:
        """The profile's register, the workspace's (the Binder's customer picker reads the same one)."""
        return self.workspace.customer_register()

    def roster(self) -> AgentRoster:
        """The profile's agents roster, the workspace's (the Deals tab reads the same copy)."""
        return self.workspace.agent_roster()

    def close_register(self) -> None:
        """Close the register's and the roster's files (both open again if used after)."""
        self.register().close()
        self.roster().close()

    def reload_lists(self) -> None:
        """The rooftop's customers and agents, read again."""
        self.load_customers()
        self.load_agents()

    def load_customers(self) -> None:
        dpid, register, text = self.workspace.dpid, self.register(), self.search.text()
        self._list_profile = self.workspace.profile.name
        if not dpid:
            self._list_dpid = ""
            self.model.set_customers([])
            self._update_count()  # no rooftop (another profile): "2 customers" must not stay under an empty list
            return
        if dpid != self._list_dpid:  # another rooftop's customers do not stay listed while this one's are read
            self._list_dpid = dpid
            self.table.setCurrentIndex(QModelIndex())
            self.model.set_customers([])
            self.count_label.setText(f"Reading the customers of {dpid}…")
        self.runner.cancel(self._list_job)
        self._list_job = self.runner.submit(
            lambda: (dpid, register.search(dpid, text)),
            self._on_customers_loaded,
            self._on_list_failed,
            label="Reading customers",
        )

    def _on_customers_loaded(self, result: tuple[str, list[CustomerRecord]]) -> None:
        dpid, rows = result
        if dpid != self.workspace.dpid:
            return
        selected = self.selected()
        self.model.set_customers(rows)
        if selected is not None and (row := self.model.row_of(selected.id)) >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        else:
            self._show_selected(None)
        self._update_count()

    def _on_failed(self, exc: BaseException) -> None:
        self.banner.show_error(sentence(exc))

    def _on_list_failed(self, exc: BaseException) -> None:
        """The list was not read: the count says so instead of "Reading…"; the customers already listed stay."""
        self.banner.show_error(f"Customers could not be read: {sentence(exc)}")
        if self.model.rowCount():
            self._update_count()
        else:
            self.count_label.setText(f"The customers of {self._list_dpid} were not read")

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(f"{n} customer{'s' if n != 1 else ''} in this register")

    def selected(self) -> CustomerRecord | None:
        index = self.table.currentIndex()
        record = index.data(ObjectRole) if index.isValid() else None
        return record if isinstance(record, CustomerRecord) else None

    def _show_record(self, record: CustomerRecord) -> None:
        if record.dpid != self.workspace.dpid:
            return
        row = self.model.put(record)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self._show_selected(record)
        self._update_count()

    def _show_selected(self, record: CustomerRecord | None) -> None:
        if record is None:
            text = "Select a customer in the list (or create one)."
        else:
            text = f"<b>{record.name or '—'}</b> &lt;{record.email}&gt; · #{record.id}"
            if record.agent_id or record.agent_email:
                text += f" · agent {agent_label(self.agent_picker.agents(), record.agent_id, record.agent_email)}"
        for label in (self.agent_customer, self.trade_customer, self.unlock_customer):
            label.setText(text)
        if record is not None and record.vin and not self.unlock_vehicle.vin_edit.edit.text():
            self.unlock_vehicle.vin_edit.edit.setText(record.vin)
        for button in (self.agent_button, self.trade_button, self.unlock_button):
            button.setEnabled(record is not None)

    def load_agents(self) -> None:
        """The rooftop's agents, by name, into the picker, the customer list and the timeline."""
        dpid, roster = self.workspace.dpid, self.roster()
        if not dpid:
            return
        self.runner.cancel(self._agents_job)
        self._agents_job = self.runner.submit(
            lambda: (dpid, roster.agents(dpid)), self._on_agents, self._on_failed, label="Reading agents"
        )

    def _on_agents(self, result: tuple[str, list[Agent]]) -> None:
        dpid, agents = result
        if dpid != self.workspace.dpid:
            return
        self.agent_picker.set_agents(agents)
        self.model.set_agents(agents)
        self.timeline.set_agents(agents)
        self._show_selected(self.selected())

    def _on_agent_picked(self, agent: Agent) -> None:
        self.agent_name.setText(agent.name)
        self.agent_id.setText(agent.agent_id)
        self.agent_email.setText(agent.email)
        self.agent_button.setFocus()

    def _on_inventory_changed(self, dpid: str) -> None:
        if dpid == self.workspace.dpid:
            self.when_shown.run("vehicles", lambda: self._load_inventory(self.workspace.dpid))

    def _load_inventory(self, dpid: str) -> None:
        for picker in (self.create_vehicle, self.unlock_vehicle, self.link_vehicle):
            picker.set_source(self.workspace.cache, dpid)
