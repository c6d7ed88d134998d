"""Deal use cases run from worker threads: start a deal, reveal its personal data, follow customer events.

The tabs call these through the TaskRunner with the store they were given; none of them touches Qt.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from desktop.domain.deals import Deal, DealVehicle, Person, Stage, advanced
from desktop.domain.deals.fields import get_text, label
from desktop.domain.deals.history import is_pii
from desktop.services.team import RemoteDealStore
from desktop.store.deals import DealStore

# The customer events that move a deal, and how far: an event never moves a deal back (see ``advanced``).
EVENT_STAGES: dict[str, Stage] = {
    "customer_requested_price": Stage.WORKING,
    "customer_started_purchase": Stage.WORKING,
    "customer_completed_credit_application": Stage.WORKING,
    "service_made_credit_decision": Stage.PRICED,
}


def start_deal(
    store: DealStore,
    dpid: str,
    who: str,
    prefix: str,
    *,
    vehicle: DealVehicle | None = None,
    buyer: Person | None = None,
) -> Deal:
    """A new deal started by ``who``, numbered for the rooftop, from what the starting screen already knows.

    Its salesperson stays blank until one is assigned on the deal: the person at the keyboard (a receptionist, a
    finance manager) is recorded as its creator, not as the agent who sells the car.
    """
    deal = Deal(dpid, vehicle=vehicle or DealVehicle(), buyer=buyer or Person())
    return store.create(deal, who, prefix)


def reveal(record: Callable[[str, str], None], deal: Deal, path: str, store: DealStore | None = None) -> str:
    """The clear value of one personal-data field, once ``record(subject, detail)`` has written the audit log.

    ``record`` is the profile's audit log's own call (its who and when), so this rule does not depend on how
    that log is kept; an exception from it means nothing is revealed. A deal shared through the team server is
    revealed by the server (its audit log records who revealed what, when, whichever desk asked), and its value
    is the one shown: another desk may have typed it.
    """
    if not is_pii(path):
        raise KeyError(f"{path} is not personal data")
    value = get_text(deal, path)
    if isinstance(store, RemoteDealStore):
        held = store.reveal(deal.id, path)
        if held is not None:
            value = held
        elif not value and deal.server_mask(path):
            raise RevealUnavailable(
                f"the {_whose(path)} was typed at another desk and only the team server holds it, which is out "
                "of reach now. Try Reveal again once it is back (the status bar says when)."
            )
    record(f"deal:{deal.id}", f"{deal.number} {path}")
    return value


def _whose(path: str) -> str:
    """``co_buyer.birth_date`` → ``co-buyer's date of birth``: a personal field named inside a sentence."""
    party, _, name = path.partition(".")
    word = label(name)
    return f"{party.replace('_', '-')}'s {word if word.isupper() else word[0].lower() + word[1:]}"


class RevealUnavailable(Exception):
    """The clear value is only on the team server, which cannot answer now: nothing was revealed or recorded."""


def apply_event(deal: Deal, event: dict[str, Any]) -> None:
    """What a Roadster customer event tells a deal: its customer id, its order id, and how far along it is."""
    customer = event.get("customer") or {}
    if customer.get("id") is not None and deal.buyer.customer_id is None:
        deal.buyer.customer_id = int(customer["id"])
    order_id = (event.get("order") or {}).get("id")
    if order_id is not None and not deal.order_id:
        deal.order_id = str(order_id)
    target = EVENT_STAGES.get(str(event.get("event_type")))
    if target is not None:
        deal.stage = advanced(deal.stage, target)


def apply_customer_event(
    store: DealStore, event: dict[str, Any], who: str = "roadster", skip_id: str = ""
) -> Deal | None:
    """Update the customer's open deal in the store from a Roadster event.

    The deal is matched by Roadster customer id, else by email (a deal started at the desk before the customer
    existed in Roadster). ``skip_id`` is a deal the caller changes itself (the one open on screen). Returns the
    saved deal, or ``None`` when no open deal matches or nothing changed.
    """
    customer = event.get("customer") or {}
    dpid = str((event.get("dealer") or {}).get("dpid") or "")
    customer_id = int(customer["id"]) if customer.get("id") is not None else None
    deal = store.for_customer(dpid, customer_id, str(customer.get("email") or ""))
    if deal is None or deal.id == skip_id:
        return None
    before = copy.deepcopy(deal)
    apply_event(deal, event)
    if deal == before:
        return None
    return store.save(deal, before.version, who)
