"""The :class:`DealStore` interface: what the tabs and services use, whichever store is behind it.

The team server's shared store implements the same calls, so it can replace the local one without touching the
tabs: deal ids are random (no two desks collide), every save names the version it was read at and a stale one
raises :class:`DealConflict` carrying the current deal (nothing is overwritten in silence), and the history is
append-only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from desktop.domain.deals import Deal, HistoryEntry, Stage


class DealRow(NamedTuple):
    """One line of the Deals list: what it shows and searches, without opening the deal.

    A named tuple, not a dataclass: the list of a busy rooftop is 50,000 of them, built in a worker thread that
    shares the interpreter with the window, and a tuple is made several times faster.
    """

    id: str
    number: str
    dpid: str
    stage: Stage
    buyer: str
    phone: str
    email: str
    vin: str
    stock_number: str
    vehicle: str
    agent: str
    customer_id: int | None
    updated_at: float
    haystack: str  # what a search of the list matches (see :func:`search_text`)
    created_by: str  # who started the deal (the desk's user, or the team server's account): "Mine" lists these too


def search_text(number: str, buyer: str, phone: str, email: str, vin: str, stock_number: str) -> str:
    """Number, name, phone (its digits too, so any way of typing it matches), email, VIN, stock number."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return "\t".join((number, buyer, phone, digits, email, vin, stock_number)).lower()


@dataclass
class DealQuery:
    """A search of one rooftop's deals; every word of ``text`` must match (number, name, phone, VIN, stock)."""

    dpid: str
    text: str = ""
    stages: frozenset[Stage] = field(default_factory=frozenset)
    agent: str = ""  # "mine": the deals this salesperson sells, and those ``creator`` started
    creator: str = ""
    limit: int = 100_000


class DealConflict(Exception):
    """The deal was saved by someone else since it was read; ``current`` is what the store holds now.

    ``base``, when the store knows it, is the deal this desk's change started from (a change queued offline:
    the screen's own last save is then not what the other person saw), so both sides' changes can be told apart.
    """

    def __init__(self, current: Deal, expected_version: int, base: Deal | None = None) -> None:
        who = f" by {current.updated_by}" if current.updated_by else ""
        super().__init__(
            f"Deal {current.number} was changed{who} since you opened it (it is at version {current.version}, "
            f"yours was read at {expected_version}); compare and choose which values to keep."
        )
        self.current = current
        self.base = base


class DealNotFound(KeyError):
    """No deal has this id (it was never saved here, or belongs to another profile)."""


class DealStore(Protocol):
    """Every call may block on disk or the network: the UI calls it through the TaskRunner."""

    @property
    def notice(self) -> str: ...

    def search(self, query: DealQuery) -> list[DealRow]: ...

    def get(self, deal_id: str) -> Deal: ...

    def create(self, deal: Deal, who: str, prefix: str) -> Deal: ...

    def save(self, deal: Deal, expected_version: int, who: str) -> Deal: ...

    def history(self, deal_id: str) -> list[HistoryEntry]: ...

    def creator(self, who: str) -> str:
        """The name this store records as the creator of the deals ``who`` (the desk's user) starts: what "deals I
        started" matches. The desk's user on its own store; on a team server, the account its token signs in as."""
        ...

    def next_number(self, dpid: str, prefix: str) -> str: ...

    def for_customer(self, dpid: str, customer_id: int | None, email: str) -> Deal | None: ...

    def close(self) -> None: ...


def deal_row(deal: Deal) -> DealRow:
    """The list line of ``deal`` (the Deals tab updates its line from the saved deal without a query)."""
    buyer, vehicle, email = deal.buyer, deal.vehicle, deal.buyer.email.lower()
    return DealRow(
        deal.id,
        deal.number,
        deal.dpid,
        deal.stage,
        buyer.name,
        buyer.phone,
        email,
        vehicle.vin,
        vehicle.stock_number,
        vehicle.description,
        deal.agent,
        buyer.customer_id,
        deal.updated_at.timestamp(),
        search_text(deal.number, buyer.name, buyer.phone, email, vehicle.vin, vehicle.stock_number),
        deal.created_by,
    )
