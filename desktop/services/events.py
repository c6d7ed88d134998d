"""Customer events on the desktop: read what is new from the receiver, describe it in words, mask the PII.

The credit applicant's SSN and driver's licence number (by their last four) and birth date (by its year) are shown
masked everywhere -- timeline, details, logs, exports -- through :func:`masked`; the clear value comes only from
:func:`reveal`, which writes the audit log first.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.api.events_feed import EventFeedClient
from desktop.domain.personal import MASK, mask_personal
from desktop.services.cancel import JobControl
from desktop.store.agents import Agent, AgentRoster, agent_label
from desktop.store.audit import REVEALED, Actor, AuditLog
from desktop.store.customers import CustomerRecord, CustomerRegister
from desktop.store.events import EventLog

log = logging.getLogger(__name__)

SENSITIVE_KEYS = frozenset(
    {
        "ssn",
        "social_security_number",
        "drivers_license_number",
        "driver_license_number",
        "license_number",
        "licence_number",
        "dl_number",
        "birth_date",
        "date_of_birth",
        "dob",
    }
)

EVENT_WORDS = {
    "agent_cancelled_purchase": "cancelled the purchase",
    "agent_cancelled_reservation": "cancelled the reservation",
    "agent_checked_in_customer": "checked the customer in",
    "agent_created_note": "wrote a note",
    "agent_made_trade_valuation": "valued the trade-in",
    "agent_sent_message": "sent a message",
    "agent_sent_share_details": "shared the deal details",
    "co_applicant_completed_credit_application": "co-applicant completed the credit application",
    "customer_accepted_trade_valuation": "accepted the trade-in value",
    "customer_cancelled_purchase": "cancelled the purchase",
    "customer_checked_in": "checked in at the dealership",
    "customer_completed_credit_application": "completed the credit application",
    "customer_completed_soft_credit_pull": "completed a soft credit pull",
    "customer_completed_trade": "completed the trade-in",
    "customer_made_trade_valuation": "valued a trade-in",
    "customer_partially_completed_trade": "partly completed the trade-in",
    "customer_referred": "was referred",
    "customer_rejected_trade_valuation": "rejected the trade-in value",
    "customer_requested_help": "asked for help",
    "customer_requested_price": "requested a price",
    "customer_requested_test_drive": "requested a test drive",
    "customer_requested_vehicle_info": "asked about a vehicle",
    "customer_reserved_vehicle": "reserved a vehicle",
    "customer_saved_vehicle": "saved a vehicle",
    "customer_started_credit_application": "started a credit application",
    "customer_started_purchase": "started a purchase",
    "customer_unlocked_pricing": "unlocked pricing",
    "service_made_trade_valuation": "valued the trade-in",
    "service_made_credit_decision": "made a credit decision",
}


# masking
def mask_value(key: str, value: object) -> str:
    """``123-45-6789`` → ``•••• 6789``: the last four letters or digits only; a birth date (``birth_date``,
    ``dob``...) by its year alone, ``••/••/1984``, never the time of the API's ``...T00:00:00.000Z``."""
    return mask_personal(key, str(value)) or MASK


def sensitive_fields(event: dict[str, Any]) -> list[tuple[str, str]]:
    """``(dotted path, clear value)`` of every sensitive field, wherever in the event it is."""
    return list(_walk(event, ""))


def _walk(node: Any, prefix: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if str(key).lower() in SENSITIVE_KEYS and value not in (None, ""):
                yield path, str(value)
            else:
                yield from _walk(value, path)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{prefix}[{i}]")


def masked(event: dict[str, Any]) -> dict[str, Any]:
    """A copy of the event with every sensitive value masked; what every view, log and export uses."""
    copy_ = copy.deepcopy(event)
    _mask_in_place(copy_)
    return copy_


def _mask_in_place(node: Any) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if str(key).lower() in SENSITIVE_KEYS and value not in (None, ""):
                node[key] = mask_value(str(key), value)
            else:
                _mask_in_place(value)
    elif isinstance(node, list):
        for value in node:
            _mask_in_place(value)


def reveal(audit: AuditLog, actor: Actor, event: dict[str, Any], path: str, reason: str = "") -> str:
    """The clear value of one sensitive field; the reveal is in the audit log before the value is returned."""
    for found_path, value in sensitive_fields(event):
        if found_path == path:
            audit.record(actor, REVEALED, f"event:{event.get('event_id', '')}", path, reason)
            return value
    raise KeyError(f"the event has no sensitive field {path!r}")


# words
def _money(value: object) -> str:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"${amount:,.2f}" if amount != amount.to_integral_value() else f"${amount:,.0f}"


def _vehicle_words(vehicle: dict[str, Any] | None) -> str:
    if not vehicle:
        return ""
    parts = [str(vehicle[k]) for k in ("year", "make", "model", "trim") if vehicle.get(k)]
    return " ".join(parts)


def document_words(event: dict[str, Any]) -> str:
    """The document an event is about (Roadster announces an upload with a note event that carries it)."""
    document = event.get("document") or {}
    if not isinstance(document, dict) or not document:
        return ""
    name = str(document.get("name") or document.get("file_name") or "a document")
    kind = str(document.get("type") or "").replace("_", " ")
    return f"{name} ({kind})" if kind and kind.lower() not in name.lower() else name


def describe(event: dict[str, Any], agents: list[Agent] | None = None) -> str:
    """The event in words: who did what (the agent by the roster's name when it knows one); a type this version
    does not know yet reads as "other"."""
    kind = str(event.get("event_type", ""))
    if kind not in EVENT_WORDS:
        return f"Other event: {kind.replace('_', ' ')}"
    words = EVENT_WORDS[kind]
    customer = event.get("customer") or {}
    if kind == "agent_created_note" and document_words(event):
        # Without an agent it was uploaded through the partner API, from this desk or another: not "Roadster added"
        # (walked: the clerk's own upload came back credited to Roadster).
        who = agent_words(event, agents)
        added = f"{who} added a document" if who else "A document was added"
        return f"{added}: {document_words(event)}"
    if kind.startswith("agent_"):
        who = agent_words(event, agents) or "The agent"
    elif kind.startswith("service_"):
        who = "The lender" if "credit" in kind else "Roadster"
    elif kind.startswith("co_applicant_"):
        return f"{customer.get('first_name', 'The customer')}'s {words}"
    else:
        who = " ".join(str(customer.get(k)) for k in ("first_name", "last_name") if customer.get(k)) or "The customer"
    vehicle = _vehicle_words(event.get("vehicle"))
    if kind in ("customer_saved_vehicle", "customer_reserved_vehicle", "customer_requested_test_drive") and vehicle:
        return f"{who} {words}: {vehicle}"
    return f"{who} {words}"


def agent_words(event: dict[str, Any], agents: list[Agent] | None = None) -> str:
    """The event's agent by name: the roster's name for the id or email, else the event's own name."""
    agent = event.get("agent") or {}
    if not agent:
        return ""
    agent_id, email = str(agent.get("id") or ""), str(agent.get("email") or "")
    known = agent_label(agents or [], agent_id, email)
    full_name = str(agent.get("full_name") or "")
    if known and known not in (agent_id, email):
        return known
    return full_name or known


def order_words(event: dict[str, Any]) -> str:
    order = event.get("order") or {}
    financing = order.get("financing") or {}
    if not financing:
        return ""
    parts = [str(financing.get("type", "")).capitalize()]
    if financing.get("term"):
        parts.append(f"{financing['term']} months")
    if financing.get("monthly_payment"):
        parts.append(f"{_money(financing['monthly_payment'])}/month")
    elif financing.get("purchase_price"):
        parts.append(_money(financing["purchase_price"]))
    plans = order.get("plans") or []
    accessories = order.get("accessories") or []
    if plans:
        parts.append(", ".join(str(p.get("title", "plan")) for p in plans))
    if accessories:
        parts.append(", ".join(str(a.get("title", "accessory")) for a in accessories))
    return "; ".join(p for p in parts if p)


def trade_words(event: dict[str, Any]) -> str:
    trade = (event.get("order") or {}).get("trade_in") or {}
    if not trade:
        return ""
    value = _money(trade.get("value", 0))
    kind = "offer" if trade.get("is_offer") else "estimate"
    return f"{_vehicle_words(trade)} {value} ({kind})".strip()


def credit_words(event: dict[str, Any]) -> str:
    decision = event.get("credit_decision") or {}
    if not decision:
        return ""
    text = f"{str(decision.get('status', '')).capitalize()} by {decision.get('finance_company', '?')}"
    if decision.get("approved_amount"):
        text += f", {_money(decision['approved_amount'])}"
    return text


def local_time(iso: str) -> str:
    """An event's ISO 8601 time as a person reads it, in this computer's time zone; unparseable text as is."""
    try:
        when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def summary(event: dict[str, Any], agents: list[Agent] | None = None) -> dict[str, str]:
    """The timeline's columns of one event, from its masked copy."""
    safe = masked(event)
    message = safe.get("message") or {}
    return {
        "time": local_time(str(safe.get("event_time", ""))),
        "event": describe(safe, agents),
        "agent": agent_words(safe, agents),
        "message": " — ".join(str(message[k]) for k in ("subject", "body") if message.get(k)),
        "vehicle": _vehicle_words(safe.get("vehicle")),
        "order": order_words(safe),
        "trade": trade_words(safe),
        "credit": credit_words(safe),
    }


_PERSONAL_WORDS = {
    "ssn": "Social security number",
    "social_security_number": "Social security number",
    "drivers_license_number": "Driver's licence number",
    "driver_license_number": "Driver's licence number",
    "license_number": "Driver's licence number",
    "licence_number": "Driver's licence number",
    "dl_number": "Driver's licence number",
    "birth_date": "Birth date",
    "date_of_birth": "Birth date",
    "dob": "Birth date",
}


def details(event: dict[str, Any], agents: list[Agent] | None = None) -> list[str]:
    """The event as a person at the desk reads it: what happened, to whom, on which deal -- from its masked copy.

    The API's plumbing (the partner's name, placeholder agent ids, internal keys) is left out; personal data shows
    only masked, under its plain name.
    """
    safe = masked(event)
    customer = safe.get("customer") or {}
    name = " ".join(str(customer[k]) for k in ("first_name", "middle_name", "last_name") if customer.get(k))
    lines = [describe(safe, agents), f"When: {local_time(str(safe.get('event_time', '')))}"]
    contact = ", ".join(
        str(p) for p in (name, customer.get("email"), customer.get("phone") or customer.get("mobile")) if p
    )
    if contact:
        lines.append(f"Customer: {contact} (Roadster customer {customer.get('id')})")
    if (dealer := safe.get("dealer") or {}).get("name"):
        lines.append(f"Dealership: {dealer['name']}")
    if agent := agent_words(safe, agents):
        email = str((safe.get("agent") or {}).get("email") or "")
        lines.append(f"Agent: {agent}" + (f" <{email}>" if email and email != agent else ""))
    vehicle = safe.get("vehicle") or {}
    if vehicle:
        extra = [
            f"VIN {vehicle['vin']}" if vehicle.get("vin") else "",
            f"stock {vehicle['stock_number']}" if vehicle.get("stock_number") else "",
        ]
        lines.append("Vehicle: " + ", ".join(p for p in (_vehicle_words(vehicle), *extra) if p))
    labelled = (
        ("Document", document_words(safe)),
        ("Deal", order_words(safe)),
        ("Trade-in", trade_words(safe)),
        ("Credit decision", credit_words(safe)),
    )
    lines.extend(f"{label}: {text}" for label, text in labelled if text)
    message = safe.get("message") or {}
    if text := " — ".join(str(message[k]) for k in ("subject", "body") if message.get(k)):
        lines.append(f"Message: {text}")
    for path, value in sensitive_fields(safe):
        lines.append(f"{_PERSONAL_WORDS.get(path.rsplit('.', 1)[-1].lower(), path)}: {value}")
    return lines


# reading the receiver
class EventInbox:
    """Reads what is new from the receiver into the local event log; customers first seen join the register."""

    def __init__(
        self,
        feed: EventFeedClient,
        events: EventLog,
        register: CustomerRegister | None = None,
        source: str = "receiver",
        roster: AgentRoster | None = None,
    ) -> None:
        self.feed = feed
        self.events = events
        self.register = register
        self.source = source
        self.roster = roster

    def pull(self, control: JobControl | None = None, page_size: int = 200) -> list[dict[str, Any]]:
        """Every event stored by the receiver since the last pull, oldest first; the news are returned.

        News are the events this desk never had: events read again after a lost key dropped them (no keyring
        keeps the key across a restart) rejoin the log and the register but are not returned, so they are not
        announced a second time.
        """
        new: list[dict[str, Any]] = []
        cursor = self.events.cursor(self.source)
        while True:
            if control is not None:
                control.check()
            page = self.feed.page(cursor, page_size)
            if not page.events:
                return new
            added = self.events.add_page(self.source, page.events, page.cursor)
            self._join_register(added.stored)
            new.extend(added.news)
            cursor = page.cursor
            if control is not None:
                control.progress(len(new), 0, f"{len(new)} new customer events")

    def _join_register(self, events: list[dict[str, Any]]) -> None:
        for event in events:
            agent = event.get("agent") or {}
            if self.roster is not None and agent:  # the agents roster learns who works at the rooftop
                self.roster.learn(
                    str(event["dealer"]["dpid"]),
                    str(agent.get("id") or ""),
                    str(agent.get("full_name") or ""),
                    str(agent.get("email") or ""),
                )
            if self.register is None:
                continue
            customer = event["customer"]
            self.register.upsert(
                CustomerRecord(
                    dpid=str(event["dealer"]["dpid"]),
                    id=int(customer["id"]),
                    first_name=str(customer.get("first_name") or ""),
                    last_name=str(customer.get("last_name") or ""),
                    email=str(customer.get("email") or ""),
                    phone=str(customer.get("phone") or ""),
                    vin=str((event.get("vehicle") or {}).get("vin") or ""),
                    agent_id=str(agent.get("id") or ""),
                    agent_email=str(agent.get("email") or ""),
                    source="event",
                )
            )
