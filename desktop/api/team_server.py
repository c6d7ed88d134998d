"""The desktop's client of the team server (``/api/v1``): what a shared ``DealStore`` is built on.

Deals travel as the server's JSON (see ``docs/team-server.md``); this module keeps them as plain mappings inside
a small typed record, so the deal domain record can be mapped to and from them in one place. A save is never
retried by this client: a PUT whose answer was lost may have been applied, and sending it again would come back
as a conflict with ourselves -- the caller's queue decides. Creating is safe to retry: the desk picks the id.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx

from desktop.api import errors
from desktop.api.base import ApiClient
from desktop.api.roadster.client import parse_roadster_error

API = "/api/v1"
DEALS = f"{API}/deals"
CUSTOMERS = f"{API}/customers"
CHANGES = f"{API}/changes"
AGENTS = f"{API}/agents"
ME = f"{API}/me"
AUDIT = f"{API}/audit"


@dataclass(frozen=True)
class RemoteDeal:
    """A deal as the server answered it; ``data`` is the whole JSON (buyer, vehicle, structure, notes...)."""

    id: str
    number: str
    version: int
    dpid: str
    stage: str
    data: dict[str, Any]

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> RemoteDeal:
        return cls(
            str(body["id"]), str(body["number"]), int(body["version"]), str(body["dpid"]), str(body["stage"]), body
        )

    @property
    def buyer(self) -> dict[str, Any]:
        buyer: dict[str, Any] = self.data.get("buyer") or {}
        return buyer

    @property
    def notes(self) -> str:
        return str(self.data.get("notes") or "")


@dataclass(frozen=True)
class Change:
    seq: int
    kind: str
    id: str
    dpid: str
    version: int


@dataclass(frozen=True)
class ChangePage:
    changes: list[Change]
    cursor: str


class VersionConflict(errors.HttpError):
    """409: someone saved the deal after it was read; ``current`` is the deal as it is now, to show both values."""

    def __init__(self, current: RemoteDeal, **kw: Any) -> None:
        super().__init__("Someone saved this deal after you opened it.", **kw)
        self.current = current

    def sentence(self) -> str:
        return (
            f"Deal {self.current.number} was changed by {self.current.data.get('updated_by', 'someone')} after you "
            "opened it. Compare both values and choose which to keep; nothing you typed is lost."
        )


class TokenRefused(errors.Unauthorized):
    """401: the server does not know this desk's token (never added, or replaced by an admin)."""

    def sentence(self) -> str:
        return (
            f"The {self.api} does not know this desk's token (401). Paste the token an admin gave you in "
            "Settings (Team server token)."
        )


class TeamServerClient(ApiClient):
    """Typed calls to one team server with one user's token (kept in the keyring by the caller)."""

    api = "Team server"
    parse_error = staticmethod(parse_roadster_error)

    # deals
    def deals(self, dpid: str | None = None, stage: str | None = None, limit: int = 200) -> list[RemoteDeal]:
        body = self.get_json(DEALS, params={"dpid": dpid, "stage": stage, "limit": limit})
        return [RemoteDeal.from_json(d) for d in body["deals"]]

    def deal(self, deal_id: str) -> RemoteDeal:
        return RemoteDeal.from_json(self.get_json(f"{DEALS}/{deal_id}"))

    def create_deal(self, dpid: str, buyer: dict[str, Any], deal_id: str | None = None, **fields: Any) -> RemoteDeal:
        """Start a deal; ``deal_id`` (a UUID the desk chose, e.g. while offline) makes a retry harmless."""
        body = {"id": deal_id or str(uuid.uuid4()), "dpid": dpid, "buyer": buyer, **fields}
        return RemoteDeal.from_json(self.request("POST", DEALS, json=body, retry=True).json())

    def save_deal(self, deal_id: str, version: int, changes: dict[str, Any]) -> RemoteDeal:
        """Send the fields ``changes`` names at the ``version`` they were read at; :class:`VersionConflict` if stale."""
        response = self.request("PUT", f"{DEALS}/{deal_id}", json={**changes, "version": version}, retry=False)
        return RemoteDeal.from_json(response.json())

    def _error_for(self, response: httpx.Response, path: str) -> errors.ApiError:
        if response.status_code in (401, 403):
            refused = super()._error_for(response, path)
            # 403: the token is known, its user lacks the rooftop or the role -- not a key to check
            kind = errors.Forbidden if response.status_code == 403 else TokenRefused
            return kind(refused.message, status=response.status_code, api=self.api, path=path)
        if response.status_code == 409 and path.startswith(DEALS):
            try:
                current = RemoteDeal.from_json(response.json()["current"])
            except (ValueError, KeyError, TypeError):
                return super()._error_for(response, path)
            return VersionConflict(current, status=409, api=self.api, path=path)
        return super()._error_for(response, path)

    def history(self, deal_id: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self.get_json(f"{DEALS}/{deal_id}/history")
        return rows

    def reveal(self, deal_id: str, field: str, party: str = "buyer") -> str | None:
        """One personal value of the buyer or the co-buyer in clear; the server writes the reveal to its audit log."""
        body = {"field": field, "party": party}
        value = self.request("POST", f"{DEALS}/{deal_id}/reveal", json=body, retry=False).json()["value"]
        return None if value is None else str(value)

    # the feed
    def changes(self, since: str | None, wait: float = 0.0, limit: int = 200) -> ChangePage:
        """What changed after ``since``; waits up to ``wait`` seconds (at most 30) for the first change."""
        body = self.get_json(CHANGES, params={"since": since, "wait": wait, "limit": limit})
        found = [
            Change(int(c["seq"]), str(c["kind"]), str(c["id"]), str(c["dpid"]), int(c["version"]))
            for c in body["changes"]
        ]
        return ChangePage(found, str(body["cursor"]))

    # the register and the roster
    def customers(self, dpid: str, query: str | None = None) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.get_json(CUSTOMERS, params={"dpid": dpid, "q": query})
        return found

    def create_customer(self, dpid: str, person: dict[str, Any], customer_id: str | None = None) -> dict[str, Any]:
        body = {"id": customer_id or str(uuid.uuid4()), "dpid": dpid, "person": person}
        made: dict[str, Any] = self.request("POST", CUSTOMERS, json=body, retry=True).json()
        return made

    def me(self) -> dict[str, Any]:
        """The account this token signs in as (``id``, ``name``, ``role``, ``rooftops``): the server records its
        ``name`` as the creator of the deals this desk starts."""
        account: dict[str, Any] = self.get_json(ME)
        return account

    def agents(self, dpid: str) -> list[dict[str, Any]]:
        people: list[dict[str, Any]] = self.get_json(AGENTS, params={"dpid": dpid})["people"]
        return people
