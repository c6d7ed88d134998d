"""The new-customer form read into an API request, every field checked first and named when refused.

Nothing typed is cleared on an error: the field is marked, focused and named on the tab's message line.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.api.roadster.schema import (
    AccessoryChoice,
    CustomerContact,
    CustomerRequest,
    DealerRef,
    PaymentPreference,
    PlanChoice,
    VehicleRequest,
)
from desktop.domain.contact import PhoneError, email_problem, name_problem, phone_e164
from desktop.ui.keys import submit_on_enter
from desktop.ui.tabs.customers.fields import PAYMENT_INTS, FieldProblem, whole
from desktop.ui.tabs.customers.pages import CustomerPages
from desktop.ui.widgets.field_message import mark_invalid as mark


class CustomerForm(CustomerPages):
    """The forms' checks, the create request and the marks on refused fields."""

    def _submit_forms_on_enter(self) -> None:
        """Enter in a field sends the form it belongs to: each page has its own button."""
        create: list[QWidget] = [self.first_name, self.last_name, self.email, self.phone, self.partner_customer_id]
        create += [self.create_vehicle.vin_edit.edit, self.deal_type, *self.payment_edits.values()]
        create += [self.plans, self.accessories, *self.create_utm.values(), self.checkout]
        submit_on_enter(self.create_button, create)
        submit_on_enter(self.agent_button, [self.agent_name, self.agent_id, self.agent_email])
        trade = [self.trade_vin.edit, self.trade_value, self.trade_year, self.trade_make, self.trade_model]
        submit_on_enter(self.trade_button, [*trade, self.trade_trim, self.trade_mileage])
        submit_on_enter(self.unlock_button, [self.unlock_vehicle.vin_edit.edit, self.custid])
        submit_on_enter(self.link_button, [self.link_vehicle.vin_edit.edit, *self.link_utm.values()])

    def clear_create_form(self) -> None:
        """An empty form for the next customer: nothing of the previous one may be sent by mistake."""
        self._clear_marks()
        edits = [self.first_name, self.last_name, self.email, self.phone, self.partner_customer_id]
        edits += [*self.payment_edits.values(), self.plans, self.accessories, *self.create_utm.values()]
        for edit in edits:
            edit.clear()
        self.create_vehicle.vin_edit.edit.clear()
        self.deal_type.setCurrentIndex(0)
        self.checkout.setChecked(False)
        self.create_result.setText("")
        self.create_link.set_url("")

    def forget_rooftop(self) -> None:
        """Another rooftop: nothing of the last one's customers stays to be read or sent (walked: the new-customer
        form at Bellevue Toyota still held the Hyundai buyer, her VIN, and her checkout link, ready to create her
        at the wrong dealer). The forms' values were the closed deal's, saved with it as they were typed."""
        self.clear_create_form()
        trade = [self.trade_vin.edit, self.trade_value, self.trade_year, self.trade_make, self.trade_model]
        for edit in (*trade, self.trade_trim, self.trade_mileage, self.custid, self.unlock_vehicle.vin_edit.edit):
            edit.clear()
        for label in (self.agent_result, self.trade_result, self.link_result, self.qr_note):
            label.setText("")
        for box in (self.trade_link, self.unlock_link, self.vehicle_link):
            box.set_url("")
        self.qr.set_text("")

    def _clear_marks(self) -> None:
        self.banner.clear_message()
        for widget in self._fields.values():
            mark(widget, False)

    def _field_words(self, field: str) -> str:
        """The field as its form labels it ("Agent email"), not as the API names it ("agent.email")."""
        widget: QWidget | None = self._fields.get(field)
        forms = self.findChildren(QFormLayout)
        while widget is not None and widget is not self:
            for form in forms:
                label = form.labelForField(widget)
                if isinstance(label, QLabel):
                    return label.text().rstrip(" *")
            widget = widget.parentWidget()
        return field

    def _on_vin_problem(self, field: str, problem: str) -> None:
        """A VIN refused as it is typed (``field`` is its label, "VIN" or "Vehicle"): said on the message line,
        gone once it is right."""
        if problem:
            self.banner.show_error(f"{field}: {problem}")
        elif self.banner.text().startswith(f"{field}: "):
            self.banner.clear_message()

    def _refuse(self, field: str | None, message: str) -> None:
        widget = self._fields.get(field or "")
        words = self._field_words(field) if field else ""
        # "Value ($): Value must be…" named the field twice: a message that already starts with it needs no label.
        named = words and message.startswith((words, words.split(" (")[0] + " "))
        label = f"{words}: " if words and not named else ""
        self.banner.show_error(f"{label}{message}".strip())
        if widget is not None:
            mark(widget, True)
            widget.setFocus()

    def _connection_or_refuse(self) -> Any:
        if self.workspace.connection is None:
            self.banner.show_error(
                (self.workspace.connection_error or "Not connected yet.") + " Your entries are kept; try again."
            )
        return self.workspace.connection

    def _utm(self, edits: dict[str, QLineEdit]) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in edits.items() if edit.text().strip()}

    def customer_request(self) -> CustomerRequest:
        """The create request from the form; :class:`FieldProblem` names the first wrong field."""
        first, last, email = self.first_name.text().strip(), self.last_name.text().strip(), self.email.text().strip()
        for field, value, label in (
            ("customer.first_name", first, "First name"),
            ("customer.last_name", last, "Last name"),
        ):
            problem = name_problem(value, label)
            if problem:
                raise FieldProblem(field, problem)
        problem = email_problem(email)
        if problem:
            raise FieldProblem("customer.email", problem)
        phone = None
        if self.phone.text().strip():
            try:
                phone = phone_e164(self.phone.text())
            except PhoneError as exc:
                raise FieldProblem("customer.phone", str(exc)) from None
        vin = self.create_vehicle.vin("vehicle.vin")
        payment: dict[str, Any] = {}
        for key, label in PAYMENT_INTS:
            minimum = 1 if key.endswith(("months", "miles")) else 0
            amount = whole(self.payment_edits[key].text(), f"payment.{key}", label, minimum=minimum)
            if amount is not None:
                payment[key] = amount
        if self.deal_type.currentData():
            payment["deal_type"] = self.deal_type.currentData()
        return CustomerRequest(
            customer=CustomerContact(
                first_name=first,
                last_name=last,
                email=email,
                phone=phone,
                partner_id=self.partner_customer_id.text().strip() or None,
            ),
            dealer=DealerRef(dpid=self.workspace.dpid),
            vehicle=VehicleRequest(vin=vin) if vin else None,
            payment=PaymentPreference(**payment) if payment else None,
            plans=self._plans() or None,
            accessories=[AccessoryChoice(code=c) for c in self._codes(self.accessories.text())] or None,
            analytics=self._utm(self.create_utm) or None,
            checkout=True if self.checkout.isChecked() else None,
        )

    @staticmethod
    def _codes(text: str) -> list[str]:
        return [c.strip() for c in text.replace(";", ",").split(",") if c.strip()]

    def _plans(self) -> list[PlanChoice]:
        plans = []
        for item in self._codes(self.plans.text()):
            parts = [p.strip() for p in item.split(":")]
            if not parts[0].isdigit() or len(parts) > 3:
                raise FieldProblem("plans", f"Plan {item!r} must be written id[:code[:tier]], e.g. 6160:RBX301:5R.")
            plans.append(
                PlanChoice(
                    id=int(parts[0]),
                    code=parts[1] if len(parts) > 1 else None,
                    tier=parts[2] if len(parts) > 2 else None,
                )
            )
        return plans
