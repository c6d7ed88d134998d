"""Roadster customers, agents, trade-in offers and links: typed calls over a :class:`RoadsterClient`.

``create_customer`` is a POST, so the client never repeats it on its own; :func:`create_customer_once` is the
safe repeat: the API matches a customer by email at a dealer and answers ``duplicate: true``, so sending the same
request again after a timeout finds the customer the first attempt made instead of making a second one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.api import errors
from desktop.api.roadster import paths
from desktop.api.roadster.client import RoadsterClient
from desktop.api.roadster.schema import (
    AgentAssigned,
    AgentRef,
    CustomerCreated,
    CustomerRequest,
    DealerRef,
    LinkCreated,
    TradeInRequest,
    TradeInSaved,
    VehicleRequest,
)


def _body(model: Any) -> Any:
    return model.model_dump(exclude_none=True, mode="json")


def create_customer(client: RoadsterClient, request: CustomerRequest) -> CustomerCreated:
    response = client.request("POST", paths.CUSTOMERS, json=_body(request))
    return CustomerCreated.model_validate(response.json())


@dataclass(frozen=True)
class CreateOutcome:
    """What a create came to: ``retried`` says an attempt timed out and was sent again."""

    created: CustomerCreated
    retried: bool

    @property
    def matched_existing(self) -> bool:
        """An existing customer, not one this request made (a duplicate answer to the first attempt)."""
        return self.created.duplicate and not self.retried


def create_customer_once(
    client: RoadsterClient,
    request: CustomerRequest,
    *,
    attempts: int = 3,
    on_retry: Callable[[int], None] | None = None,
) -> CreateOutcome:
    """Create, repeating the POST after a timeout or a dropped connection; never makes two customers.

    A repeat that answers ``duplicate: true`` found the customer the timed-out attempt made; that counts as
    created, not as an existing customer matched.
    """
    for attempt in range(attempts):
        try:
            return CreateOutcome(create_customer(client, request), retried=attempt > 0)
        except (errors.RequestTimedOut, errors.ConnectionFailed):
            if attempt == attempts - 1:
                raise
            if on_retry is not None:
                on_retry(attempt + 1)
    raise AssertionError("unreachable")  # pragma: no cover


def assign_agent(
    client: RoadsterClient, customer_id: int, dealer: DealerRef, *, agent_id: str = "", agent_email: str = ""
) -> AgentAssigned:
    """Set or change the customer's agent (a PUT: repeating it is harmless, so the client may retry)."""
    body = {"agent": _body(AgentRef(id=agent_id or None, email=agent_email or None)), "dealer": _body(dealer)}
    response = client.request("PUT", paths.CUSTOMER_AGENT.format(customer_id=customer_id), json=body)
    return AgentAssigned.model_validate(response.json())


def save_tradein_offer(client: RoadsterClient, offer: TradeInRequest) -> TradeInSaved:
    """Create the offer, or update the one keyed by email + dealer + VIN; a repeat updates the same offer."""
    response = client.request("POST", paths.TRADEIN_OFFER, json=_body(offer), retry=True)
    return TradeInSaved.model_validate(response.json())


def create_link(
    client: RoadsterClient, dealer: DealerRef, vehicle: VehicleRequest | None, analytics: dict[str, str] | None
) -> LinkCreated:
    """A vehicle page link; creates nothing, so it is retried like a read."""
    body: dict[str, Any] = {"dealer": _body(dealer)}
    if vehicle is not None:
        body["vehicle"] = _body(vehicle)
    if analytics:
        body["analytics"] = analytics
    response = client.request("POST", paths.LINKS, json=body, retry=True)
    return LinkCreated.model_validate(response.json())
