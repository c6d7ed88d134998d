"""Customer use cases run from worker threads: create, agent, trade-in, links -- each kept in the local register."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.api import mem_token
from desktop.api.roadster import customers as api
from desktop.api.roadster.client import RoadsterClient
from desktop.api.roadster.schema import (
    AgentAssigned,
    CustomerRequest,
    DealerRef,
    LinkCreated,
    TradeInRequest,
    TradeInSaved,
    VehicleRequest,
)
from desktop.config import KEY_LINK
from desktop.secrets import SecretStore
from desktop.services.connection import Connection
from desktop.store.customers import CustomerRecord, CustomerRegister, TradeInRecord


class MissingLinkKey(Exception):
    """The profile has no link-encryption key; the message says where to set it."""


def create_customer(
    client: RoadsterClient,
    register: CustomerRegister,
    request: CustomerRequest,
    on_retry: Callable[[int], None] | None = None,
) -> tuple[api.CreateOutcome, CustomerRecord]:
    """Create (safely repeated after a timeout) and remember the customer."""
    outcome = api.create_customer_once(client, request, on_retry=on_retry)
    ref = outcome.created.customer
    contact = request.customer
    record = register.upsert(
        CustomerRecord(
            dpid=ref.dpid or request.dealer.dpid or "",
            id=ref.id,
            first_name=contact.first_name,
            last_name=contact.last_name,
            email=contact.email.lower(),
            phone=contact.phone or "",
            vin=(request.vehicle.vin or "") if request.vehicle else "",
            redirect_url=ref.redirect_url,
        )
    )
    return outcome, record


def assign_agent(
    client: RoadsterClient, register: CustomerRegister, dpid: str, customer_id: int, agent_id: str, agent_email: str
) -> AgentAssigned:
    answer = api.assign_agent(client, customer_id, DealerRef(dpid=dpid), agent_id=agent_id, agent_email=agent_email)
    c = answer.customer
    register.upsert(
        CustomerRecord(
            dpid=dpid,
            id=customer_id,
            first_name=c.first_name,
            last_name=c.last_name,
            email=c.email,
            phone=c.phone or "",
        )
    )
    register.set_agent(dpid, customer_id, agent_id, agent_email)
    return answer


def save_tradein(client: RoadsterClient, register: CustomerRegister, offer: TradeInRequest) -> TradeInSaved:
    answer = api.save_tradein_offer(client, offer)
    register.upsert(CustomerRecord(dpid=offer.dpid, id=answer.customer.id, email=offer.email.lower()))
    register.save_tradein(
        TradeInRecord(
            dpid=offer.dpid,
            email=offer.email,
            vin=offer.vin,
            customer_id=answer.customer.id,
            value=offer.value,
            year=offer.year,
            make=offer.make or "",
            model=offer.model or "",
            trim=offer.trim or "",
            mileage=offer.mileage,
        )
    )
    return answer


def vehicle_link(
    client: RoadsterClient, dpid: str, vehicle: VehicleRequest | None, analytics: dict[str, str]
) -> LinkCreated:
    return api.create_link(client, DealerRef(dpid=dpid), vehicle, analytics)


def link_key(connection: Connection, secrets: SecretStore | None = None) -> str:
    """The dealers' link-encryption key: the one the connection knows (a sandbox's own), else the profile's."""
    if connection.link_key:
        return connection.link_key
    store = secrets or SecretStore()
    key = store.get(connection.profile.name, KEY_LINK)
    if key:
        return key
    raise MissingLinkKey(
        f"Profile {connection.profile.name} has no Roadster link-encryption key. Add it in Settings (Ctrl+,)."
    )


@dataclass(frozen=True)
class UnlockLink:
    url: str
    token: str


def unlock_link(
    connection: Connection, dpid: str, vin: str, fields: dict[str, str], secrets: SecretStore | None = None
) -> UnlockLink:
    """The browser link that signs the customer in and unlocks pricing; on the sandbox it points at the sandbox."""
    token = mem_token.encode_token(fields, link_key(connection, secrets))
    base = connection.roadster.base_url if connection.profile.is_sandbox else None
    return UnlockLink(mem_token.express_url(dpid, vin, token, sandbox_base=base), token)
