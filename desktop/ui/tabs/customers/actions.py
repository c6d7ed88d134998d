"""What the Customers tab sends to Roadster (create, assign, trade-in, links) and how it shows the answers.

A create that timed out can be pressed again: the API matches the customer by email, so it never makes two.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton

from desktop.api import errors
from desktop.api.roadster.schema import (
    TradeInRequest,
    VehicleRequest,
)
from desktop.domain.contact import email_problem
from desktop.services import customers as service
from desktop.store.agents import agent_label
from desktop.store.customers import CustomerRecord
from desktop.ui.errors import sentence
from desktop.ui.tabs.customers.events import CustomerEvents
from desktop.ui.tabs.customers.fields import FieldProblem, whole
from desktop.ui.widgets.field_message import mark_invalid as mark
from desktop.ui.workspace import CUSTOMERS, ORDERS


class CustomerActions(CustomerEvents):
    """The tab's actions, sent on the runner, and their results."""

    customer_created = Signal(object)  # the CustomerRecord just created (or matched) in Roadster

    def create_customer(self) -> None:
        if not self._rooftop_chosen():
            return
        try:
            request = self.customer_request()
        except FieldProblem as problem:
            self._refuse(problem.field, str(problem))
            return
        connection = self._connection_or_refuse()
        if connection is None:
            return
        register, key = self.register(), (self.workspace.dpid, request.customer.email.lower())
        self.create_button.setEnabled(False)
        self.create_result.setText("Creating…")
        self.runner.submit(
            lambda: service.create_customer(connection.roadster, register, request),
            lambda result: self._on_created(key, result),
            lambda exc: self._on_create_failed(key, exc),
            label="Creating customer",
            write=True,
            owner=self,
        )

    def assign_agent(self) -> None:
        customer = self._selected_customer()
        if customer is None:
            return
        agent_id, agent_email = self.agent_id.text().strip(), self.agent_email.text().strip()
        agent_name = self.agent_name.text().strip()
        if not agent_id and not agent_email:
            self._refuse("agent.id", "Give the agent's id or email.")
            return
        problem = email_problem(agent_email) if agent_email else None
        if problem:
            self._refuse("agent.email", problem)
            return
        connection = self._connection_or_refuse()
        if connection is None:
            return
        register, roster = self.register(), self.roster()

        def job() -> CustomerRecord | None:
            service.assign_agent(connection.roadster, register, customer.dpid, customer.id, agent_id, agent_email)
            roster.learn(customer.dpid, agent_id, agent_name, agent_email)  # what the user typed joins the roster
            return register.get(customer.dpid, customer.id)

        self._send(self.agent_button, job, self._on_agent_assigned, "Assigning agent", write=True)

    def save_tradein(self) -> None:
        customer = self._selected_customer()
        if customer is None:
            return
        try:
            problem = self.trade_vin.problem()
            if problem:
                self.trade_vin._show(problem)
                raise FieldProblem("vin", problem)
            value = whole(self.trade_value.text(), "value", "Value")
            if value is None:
                raise FieldProblem("value", "Value is required.")
            year = whole(self.trade_year.text(), "year", "Year", minimum=1900)
            if year is not None and year > 2100:
                raise FieldProblem("year", "Year must be a four-digit model year.")
            offer = TradeInRequest(
                dpid=customer.dpid,
                email=customer.email,
                vin=self.trade_vin.vin(),
                value=value,
                year=year,
                make=self.trade_make.text().strip() or None,
                model=self.trade_model.text().strip() or None,
                trim=self.trade_trim.text().strip() or None,
                mileage=whole(self.trade_mileage.text(), "mileage", "Mileage"),
            )
        except FieldProblem as problem:
            self._refuse(problem.field, str(problem))
            return
        connection = self._connection_or_refuse()
        if connection is None:
            return
        register = self.register()
        self._send(
            self.trade_button,
            lambda: service.save_tradein(connection.roadster, register, offer),
            self._on_tradein_saved,
            "Saving trade-in offer",
            write=True,
        )

    def build_unlock_link(self) -> None:
        customer = self._selected_customer()
        if customer is None:
            return
        try:
            vin = self.unlock_vehicle.vin("vehicle.vin", required=True)
        except FieldProblem as problem:
            self.banner.show_error(f"Vehicle: {problem}")
            mark(self.unlock_vehicle.vin_edit.edit, True)
            return
        connection = self._connection_or_refuse()
        if connection is None:
            return
        fields = {
            "email": customer.email,
            "fname": customer.first_name,
            "lname": customer.last_name,
            "phone": customer.phone,
            "custid": self.custid.text().strip(),
        }
        dpid = customer.dpid
        self._send(
            self.unlock_button,
            lambda: service.unlock_link(connection, dpid, vin, fields),
            self._on_unlock_link,
            "Building unlock link",
        )

    def create_vehicle_link(self) -> None:
        if not self._rooftop_chosen():
            return
        try:
            vin = self.link_vehicle.vin("vehicle.vin")
        except FieldProblem as problem:
            self.banner.show_error(f"Vehicle: {problem}")
            return
        connection = self._connection_or_refuse()
        if connection is None:
            return
        dpid, analytics = self.workspace.dpid, self._utm(self.link_utm)
        vehicle = VehicleRequest(vin=vin) if vin else None
        self._send(
            self.link_button,
            lambda: service.vehicle_link(connection.roadster, dpid, vehicle, analytics),
            self._on_vehicle_link,
            "Creating vehicle link",
        )

    def _send(
        self,
        button: QPushButton,
        job: Callable[[], Any],
        on_done: Callable[[Any], None],
        label: str,
        *,
        write: bool = False,
    ) -> None:
        """Sends one action on the runner with its button held down until the answer is shown.

        Every action but create reports failure the same way (:meth:`_on_action_failed` frees all their buttons and
        shows the error), so only the job, the result slot and the label differ.
        """
        button.setEnabled(False)
        self.runner.submit(job, on_done, self._on_action_failed, label=label, write=write, owner=self)

    def _rooftop_chosen(self) -> bool:
        """Starts an action for the rooftop: clears the last marks and refuses when no rooftop is picked."""
        self._clear_marks()
        if not self.workspace.dpid:
            self.banner.show_error("Pick a rooftop first (toolbar).")
            return False
        return True

    def _selected_customer(self) -> CustomerRecord | None:
        """Starts an action on the selected customer: clears the last marks and refuses when none is selected."""
        self._clear_marks()
        customer = self.selected()
        if customer is None:
            self.banner.show_error("Select a customer in the list first (or create one).")
        return customer

    def _on_created(self, key: tuple[str, str], result: tuple[Any, CustomerRecord]) -> None:
        outcome, record = result
        self.create_button.setEnabled(True)
        earlier_attempt = key in self._uncertain
        self._uncertain.discard(key)
        if outcome.matched_existing and not earlier_attempt:
            text = f"Existing customer matched: #{record.id} {record.name} — no new customer was made."
        elif outcome.created.duplicate:
            text = (
                f"Customer created: #{record.id} {record.name}. An earlier attempt that timed out had reached "
                "the server; this one found it, so there is still one customer."
            )
        else:
            text = f"Customer created: #{record.id} {record.name}."
        self.create_result.setText(text)
        self.create_link.set_url(outcome.created.customer.redirect_url)
        self._show_record(record)
        self.customer_created.emit(record)
        self.workspace.announce(CUSTOMERS, record.dpid)
        self.workspace.announce(ORDERS, record.dpid)  # a customer with a vehicle and a payment has an order

    def _on_create_failed(self, key: tuple[str, str], exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        self.create_result.setText("")
        if isinstance(exc, errors.RequestTimedOut | errors.ConnectionFailed):
            self._uncertain.add(key)
            self.banner.show_error(
                f"{sentence(exc)} Your entries are kept. Press Create again: if the customer was made, "
                "the same customer is found, never a second one."
            )
            return
        self._show_api_error(exc)

    def _show_api_error(self, exc: BaseException) -> None:
        field = exc.field if isinstance(exc, errors.BadRequest) else None
        if field and field in self._fields:
            self._refuse(field, sentence(exc))
        else:
            self.banner.show_error(sentence(exc) + " Your entries are kept.")

    def _on_action_failed(self, exc: BaseException) -> None:
        for button in (self.agent_button, self.trade_button, self.unlock_button, self.link_button):
            button.setEnabled(True)
        self._show_api_error(exc)

    def _on_agent_assigned(self, record: CustomerRecord | None) -> None:
        self.agent_button.setEnabled(True)
        if record is None:
            return
        who = self.agent_name.text().strip() or agent_label(
            self.agent_picker.agents(), record.agent_id, record.agent_email
        )
        self.agent_result.setText(f"Agent {who} assigned to {record.name or record.email}.")
        self._show_record(record)
        self.load_agents()
        self.workspace.announce(CUSTOMERS, record.dpid)

    def _on_tradein_saved(self, saved: Any) -> None:
        self.trade_button.setEnabled(True)
        verb = "updated (an offer for this VIN existed)" if saved.updated else "saved"
        self.trade_result.setText(f"Trade-in offer {verb} for customer #{saved.customer.id}.")
        self.trade_link.set_url(saved.customer.redirect_url)

    def _on_unlock_link(self, link: service.UnlockLink) -> None:
        self.unlock_button.setEnabled(True)
        self.unlock_link.set_url(link.url)
        self.qr.set_text(link.url)
        host = urlsplit(link.url).hostname or ""
        local = host in ("localhost", "::1") or host.startswith("127.")
        self.qr_note.setText(
            f"This code works only on this computer: it opens the sandbox at {host}, which a phone cannot reach. "
            "With a production profile the code opens on any phone."
            if local
            else ""
        )

    def _on_vehicle_link(self, created: Any) -> None:
        self.link_button.setEnabled(True)
        v = created.vehicle
        stock = {True: "in stock", False: "not in stock", None: "no vehicle named"}[v.in_stock]
        locked = "price locked until the shopper signs in" if v.price_locked else "prices shown to everyone"
        self.link_result.setText(f"{created.link.dpid}: {stock}, {v.grade or '—'}, {locked}.")
        self.vehicle_link.set_url(created.link.redirect_url)
