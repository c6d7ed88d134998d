"""The shared :class:`~desktop.store.deals.DealStore`: deals on the team server, a local copy for offline work.

Every read the list makes comes from the local copy (the follower keeps it fresh within a second or so of
another desk's save); opening a deal and saving it go to the server. When the server is out of reach, saves
land in the local copy and the outbox, and :meth:`RemoteDealStore.replay` sends them in order once it is back.
A save on a stale version -- at once or on replay -- raises :class:`~desktop.store.deals.DealConflict` with the
server's current deal, and the local copy keeps the person's values until they choose.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from desktop.api import errors
from desktop.api.base import RetryPolicy
from desktop.api.team_server import RemoteDeal, TeamServerClient, VersionConflict
from desktop.domain.deals import Deal, HistoryEntry
from desktop.services.connection import ServiceCheck, check_service
from desktop.services.team.wire import from_wire, patch, to_wire
from desktop.store.deals import DealConflict, DealNotFound, DealQuery, DealRow, SqliteDealStore
from desktop.store.deals.account import TeamAccount
from desktop.store.deals.outbox import Outbox, Pending

log = logging.getLogger(__name__)

ConflictListener = Callable[[DealConflict], None]


def is_unreachable(exc: BaseException) -> bool:
    """The server could not answer (down, network gone, 5xx): work continues from the local copy."""
    return isinstance(exc, errors.ConnectionFailed | errors.RequestTimedOut | errors.ServerError)


class RemoteDealStore:
    """Deals shared through the team server, with ``local`` as the offline copy and outbox. Thread-safe.

    Args:
        client: the team server's client, with this person's token.
        local: the profile's local deals file (also holds the outbox).
    """

    def __init__(self, client: TeamServerClient, local: SqliteDealStore) -> None:
        self.client = client
        self.local = local
        self.outbox = Outbox(local)
        self.account = TeamAccount(local)
        self.online = True
        self._signed_in: str | None = None  # the account's name as the server gave it this session
        # Whether the server shows this person reserve and profit (finance and admin only): it leaves ``finance``
        # out of every deal it answers otherwise. ``None`` until a deal has been read. Screens showing the
        # dealer's side (reserve, profit, the deal recap) hide it unless this is True.
        self.sees_profit: bool | None = None
        self._listeners: list[ConflictListener] = []
        self._replaying = threading.Lock()
        self._refused: dict[str, errors.ApiError] = {}  # queued deals the server refused (a field, a role)

    @property
    def notice(self) -> str:
        if self.online:
            return self.local.notice
        return (
            f"The team server is out of reach: working from this desk's copy, {len(self.outbox)} deal(s) waiting "
            f"to be sent. {self.local.notice}"
        ).strip()

    def on_conflict(self, listener: ConflictListener) -> None:
        """Call ``listener`` (from a worker thread) when a queued change is refused as stale on replay."""
        self._listeners.append(listener)

    def close(self) -> None:
        self.client.close()
        self.local.close()

    # reading
    def search(self, query: DealQuery) -> list[DealRow]:
        return self.local.search(query)

    def _local(self, deal_id: str) -> Deal | None:
        try:
            return self.local.get(deal_id)
        except DealNotFound:
            return None

    def _seen(self, remote: RemoteDeal) -> RemoteDeal:
        self.sees_profit = "finance" in remote.data
        return remote

    def _keep(self, remote: RemoteDeal, who: str) -> Deal:
        """The server's deal into the local copy (unless this desk has changes of it waiting to be sent)."""
        self._seen(remote)
        local = self._local(remote.id)
        deal = from_wire(remote.data, local)
        if self.outbox.get(remote.id) is None:
            self.local.put(deal, who)
        return deal

    def held_version(self, deal_id: str) -> int | None:
        """The version of the local copy of a deal (``None``: this desk has none)."""
        local = self._local(deal_id)
        return None if local is None else local.version

    def refresh(self, deal_id: str) -> Deal | None:
        """Fetch one deal into the local copy (the follower calls this); ``None`` when this user may not see it,
        or this desk's own changes of it wait to be sent (the screen keeps them: a conflict shows both values)."""
        if self.outbox.get(deal_id) is not None:
            return None
        try:
            remote = self.client.deal(deal_id)
        except (errors.NotFound, errors.Unauthorized):
            return None
        return self._keep(remote, remote.data.get("updated_by", ""))

    def sync(self, dpid: str, limit: int = 500) -> list[Deal]:
        """The rooftop's most recently active deals (the server lists 500 at most) into the local copy; returns
        those that were new or changed here."""
        changed = []
        for remote in self.client.deals(dpid, limit=limit):
            local = self._local(remote.id)
            if (local is None or local.version != remote.version) and self.outbox.get(remote.id) is None:
                changed.append(self._keep(remote, str(remote.data.get("updated_by", ""))))
        return changed

    def get(self, deal_id: str) -> Deal:
        """The server's copy when it answers (this desk's own while changes of it wait in the outbox)."""
        if self.outbox.get(deal_id) is None:
            try:
                return self._keep(self.client.deal(deal_id), "")
            except errors.NotFound as exc:
                raise DealNotFound(deal_id) from exc
            except errors.ApiError as exc:
                if not is_unreachable(exc):
                    raise
                self.online = False
        return self.local.get(deal_id)

    def history(self, deal_id: str) -> list[HistoryEntry]:
        """The server's history (every desk's changes), or this desk's when it is out of reach or the deal is
        not on the server yet (started here and still in the outbox)."""
        try:
            rows = self.client.history(deal_id)
        except errors.ApiError as exc:
            if not (is_unreachable(exc) or isinstance(exc, errors.NotFound)):
                raise
            return self.local.history(deal_id)
        return [
            HistoryEntry(deal_id, str(r["field"]), _text(r.get("old")), _text(r.get("new")), str(r["user"]), _at(r))
            for r in rows
        ]

    def reveal(self, deal_id: str, path: str) -> str | None:
        """The server's clear value of personal field ``path`` (``buyer.ssn``, ``co_buyer.birth_date``), through
        its audited reveal: the server's audit log records who revealed what, when.

        ``None`` when the server cannot answer for it -- out of reach, or the deal is still in this desk's outbox
        -- and the desk's own copy (audited in the profile's log) is all there is.
        """
        party, _, field = path.rpartition(".")
        try:
            return self.client.reveal(deal_id, field, party or "buyer")
        except errors.NotFound:
            return None
        except errors.ApiError as exc:
            if not is_unreachable(exc):
                raise
            self.online = False
            return None

    def next_number(self, dpid: str, prefix: str) -> str:
        return self.local.next_number(dpid, prefix)

    def creator(self, who: str) -> str:
        """The account this desk's token signs in as: the server records it as the creator of every deal started
        here, whoever is at the keyboard (``who``, the desk's user, is the answer only until the server first
        answers). Asked once a session while the server answers; kept in the local copy for the days it does not.
        """
        if self._signed_in is None and self.online:
            try:
                self._signed_in = str(self.client.me()["name"])
            except errors.ApiError as exc:
                self.online = not is_unreachable(exc)
                log.warning("The team server did not say whom this desk signs in as: %s", exc.sentence())
            else:
                if self._signed_in != self.account.name():
                    self.account.keep(self._signed_in)
        return self._signed_in or self.account.name() or who

    def for_customer(self, dpid: str, customer_id: int | None, email: str) -> Deal | None:
        found = self.local.for_customer(dpid, customer_id, email)
        return None if found is None else self.get(found.id)

    # writing
    def create(self, deal: Deal, who: str, prefix: str) -> Deal:
        """Start the deal on the server (which numbers it); offline, locally numbered and queued.

        The server needs the buyer's name to start a deal: one started from a vehicle alone is kept here (with a
        provisional number) and sent with the first save that names the buyer.
        """
        deal.id = str(uuid.UUID(deal.id))  # the server's spelling of the same id, so both copies are one row
        if len(self.outbox) == 0 and deal.buyer.name:
            try:
                return self._create_remote(deal, who)
            except errors.ApiError as exc:
                if not is_unreachable(exc):
                    raise
                self.online = False
        if not deal.number:  # provisional until the server numbers it: never one of the server's numbers
            deal.number = f"{prefix}-{deal.id[:6].upper()}"
        # the creator the server will record when the deal is sent, so "Mine" lists it meanwhile too
        deal.created_by = deal.created_by or self._signed_in or self.account.name()
        made = self.local.create(deal, who, prefix)
        self.outbox.queue("create", made.id, None)
        return made

    def _create_remote(self, deal: Deal, who: str) -> Deal:
        remote = self._seen(self.client.create_deal(deal.dpid, deal_id=deal.id, **to_wire(deal)))
        made = from_wire(remote.data, deal)
        self.local.put(made, who)
        return made

    def save(self, deal: Deal, expected_version: int, who: str) -> Deal:
        """Send what changed since ``expected_version``; offline, keep it locally and queue it.

        Raises:
            DealConflict: the server holds a newer version; ``current`` is it, with this desk's personal values.
        """
        pending = self.outbox.get(deal.id)
        if pending is not None and pending.conflict_version is None:
            self.local.put(deal, who)  # joins this deal's queued changes: the replay sends the local copy
            if not self.replay() or self.outbox.get(deal.id) is not None:
                refused = self._refused.get(deal.id)
                if refused is not None:
                    raise refused  # kept here and queued; the person corrects the field named and it goes again
                return deal
            return self.local.get(deal.id)  # sent, at the server's version
        try:
            return self._save_remote(deal, expected_version, who)
        except errors.ApiError as exc:
            if not is_unreachable(exc):
                raise
            self.online = False
            if self.outbox.get(deal.id) is None:
                self.outbox.queue("save", deal.id, self._local(deal.id))
            deal.version = expected_version
            self.local.put(deal, who)
            return deal

    def _save_remote(self, deal: Deal, expected_version: int, who: str) -> Deal:
        base, queued = self._local(deal.id), self.outbox.get(deal.id)
        started_from = queued.base if queued is not None else None
        if base is None or base.version != expected_version or queued is not None:
            current = self.client.deal(deal.id)
            if current.version != expected_version:
                raise DealConflict(from_wire(current.data, deal), expected_version, started_from)
            base = from_wire(current.data, base)
        try:
            remote = self._seen(self.client.save_deal(deal.id, expected_version, patch(base, deal)))
        except VersionConflict as exc:
            raise DealConflict(from_wire(exc.current.data, deal), expected_version, started_from) from exc
        self.online = True
        saved = from_wire(remote.data, deal)
        self.outbox.done(deal.id)
        self.local.put(saved, who)
        return saved

    def waiting_conflict(self, deal_id: str) -> DealConflict | None:
        """The conflict a replay met for this deal and the person has not resolved yet (``None``: none, or the
        server is out of reach), for the screen to show when the deal is opened."""
        queued = self.outbox.get(deal_id)
        if queued is None or queued.conflict_version is None:
            return None
        try:
            current = self.client.deal(deal_id)
        except errors.ApiError as exc:
            if not is_unreachable(exc):
                raise
            return None
        return DealConflict(from_wire(current.data, self.local.get(deal_id)), queued.base_version, queued.base)

    def replay(self) -> bool:
        """Send the outbox in order; ``True`` when it is empty (or holds only conflicts waiting for a person)."""
        with self._replaying:
            for pending in self.outbox.pending():
                if pending.conflict_version is not None:
                    continue
                try:
                    self._replay_one(pending)
                except errors.ApiError as exc:
                    if not is_unreachable(exc):  # refused (a field, a role): kept, the others still go
                        log.warning("Deal %s was not sent to the team server: %s", pending.deal_id, exc.sentence())
                        self._refused[pending.deal_id] = exc
                        continue
                    self.online = False
                    return False
                self._refused.pop(pending.deal_id, None)
            self.online = True
            return True

    def _replay_one(self, pending: Pending) -> None:
        mine = self.local.get(pending.deal_id)
        if pending.kind == "create":
            if not mine.buyer.name:  # the server starts a deal once it has a buyer's name: it waits here till then
                return
            self._create_remote(mine, mine.created_by)
            self.outbox.done(pending.deal_id)
            return
        assert pending.base is not None
        try:
            remote = self.client.save_deal(pending.deal_id, pending.base_version, patch(pending.base, mine))
        except VersionConflict as exc:
            self.outbox.mark_conflict(pending.deal_id, exc.current.version)
            conflict = DealConflict(from_wire(exc.current.data, mine), pending.base_version, pending.base)
            for listener in self._listeners:
                listener(conflict)
            return
        self.outbox.done(pending.deal_id)
        self.local.put(from_wire(remote.data, mine), mine.updated_by)


def _text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _at(row: dict[str, object]) -> datetime:
    return datetime.fromtimestamp(float(str(row["at"])), UTC)


def check_connection(url: str, token: str) -> ServiceCheck:
    """One cheap authenticated call to a team server (Settings → Test connection), as one line of the check."""
    return check_service("Team server", token, "Team server token", lambda: _team_server(url, token))


def _team_server(url: str, token: str) -> str:
    with contextlib.closing(TeamServerClient(url, token, retry=RetryPolicy(attempts=1))) as client:
        client.changes(None, limit=1)
        return "connected, and the token works."
