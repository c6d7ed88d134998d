"""The state every tab shares: the profile's cache, the live connection once it is up, the selected rooftop.

It holds no business logic; tabs call services through the TaskRunner with what it holds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop.config import AppPaths, Profile
from desktop.secrets import SecretStore
from desktop.store.agents import AgentRoster, roster_file
from desktop.store.audit import Actor, AuditLog, audit_file
from desktop.store.customers import CustomerRegister, register_file
from desktop.store.events import EventLog, events_file
from desktop.store.inventory_cache import InventoryCache

# What changed, for `Workspace.data_changed`: a tab that wrote something says so, the tabs that list it reload.
CUSTOMERS, ORDERS, DOCUMENTS, TEMPLATES, DEALS = "customers", "orders", "documents", "templates", "deals"

if TYPE_CHECKING:  # the clients import httpx and the sandbox FastAPI: not before the window is up
    from desktop.services.connection import Connection


class Workspace(QObject):
    rooftop_changed = Signal(str)  # dpid ("" = none)
    inventory_changed = Signal(str)  # dpid whose cached inventory a sync just changed
    connection_changed = Signal()  # connected, disconnected or failed
    reach_changed = Signal()  # an API of the connection stopped answering, or answers again (see ``unreachable``)
    _reach_seen = Signal(object, str, str)  # (connection, api, reason): from the request's thread
    dealers_changed = Signal()
    dealer_detail_changed = Signal(object)  # the current rooftop's detail, just fetched (see ui/dealer_detail.py)
    notice = Signal(str)  # a sentence for the status bar
    data_changed = Signal(str, str)  # (CUSTOMERS | ORDERS | ..., dpid): lists showing it reload in the background

    def __init__(
        self,
        paths: AppPaths,
        profile: Profile,
        cache: InventoryCache,
        parent: QObject | None = None,
        *,
        secrets: Callable[[], SecretStore] = SecretStore,
    ):
        super().__init__(parent)
        self.paths = paths
        self.profile = profile
        self.cache = cache
        self.connection: Connection | None = None
        self.connection_error: str = ""
        self.unreachable: dict[str, str] = {}  # API name -> why the live connection's last request could not reach it
        self.dpid = ""
        self.dealers: list[dict[str, Any]] = []
        self._audit: AuditLog | None = None
        self._events: EventLog | None = None
        self._roster: AgentRoster | None = None
        self._register: CustomerRegister | None = None
        self._secrets_factory = secrets
        self._secrets: SecretStore | None = None
        self._secrets_lock = threading.Lock()
        self._reach_seen.connect(self._on_reach_seen)

    def secrets(self) -> SecretStore:
        """The window's keyring store, made on first use (in a worker: an unlock prompt can block) and then shared.

        One store for the window, the deals, the upload queue and the logs: when no keyring exists the keys are
        held in that store's memory, so the notice the window shows ("Keys in memory only") is true of them all,
        and a benchmark's memory-only store is the one every tab uses (the Binder's queue made its own and went to
        the system keyring).
        """
        with self._secrets_lock:
            if self._secrets is None:
                self._secrets = self._secrets_factory()
            return self._secrets

    def audit_log(self) -> AuditLog:
        """The profile's access audit log, shared by every tab that shows or sends personal data (the file opens
        on first use, in a worker)."""
        path = audit_file(self.paths.data, self.profile.name)
        if self._audit is None or self._audit.path != path:
            self._audit = AuditLog(path, self.secrets)
        return self._audit

    def event_log(self) -> EventLog:
        """The profile's local copy of its customer events, shared by the tabs that read it (the Customers tab's
        timeline, the Templates tab's orders): one file, one key fetched from the keyring, once per profile (the
        file opens on first use, in a worker)."""
        path = events_file(self.paths.data, self.profile.name)
        if self._events is None or self._events.path != path:
            self._events = EventLog(path, self.secrets)
        return self._events

    def agent_roster(self) -> AgentRoster:
        """The profile's agents roster, shared by the tabs and the events they pull (Customers lists and assigns
        agents, Deals offers them as salespeople and remembers "me"): one copy in memory, current with every write
        made through it, read from the file once (on first use, in a worker)."""
        path = roster_file(self.paths.data, self.profile.name)
        if self._roster is None or self._roster.path != path:
            self._roster = AgentRoster(path)
        return self._roster

    def customer_register(self) -> CustomerRegister:
        """The profile's customer register, shared by the Customers tab (its list, what it creates, the events it
        pulls) and the Binder's customer picker: one pool of connections on the file. A second register opened and
        closed per read opened a connection every time, and SQLite keeps a closed connection's file open while
        another connection holds the file's locks: the soak's "customers-soak.sqlite3 +1" (the file opens on first
        use, in a worker)."""
        path = register_file(self.paths.data, self.profile.name)
        if self._register is None or self._register.path != path:
            self._register = CustomerRegister(path)
        return self._register

    def actor(self) -> Actor:
        """Who is acting, for the audit log: this OS account on this computer, under the active profile."""
        return Actor.current(self.profile.name)

    @property
    def connected(self) -> bool:
        return self.connection is not None

    def set_connection(self, connection: Connection | None, error: str = "") -> None:
        if self.connection is not None and self.connection is not connection:
            self.connection.observe_reach(None)
        self.connection = connection
        self.connection_error = error
        self.unreachable = {}
        if connection is not None:
            seen = self._reach_seen
            connection.observe_reach(lambda api, reason: seen.emit(connection, api, reason))
        self.connection_changed.emit()

    def _on_reach_seen(self, connection: object, api: str, reason: str) -> None:
        if connection is not self.connection:  # a request of a connection closed meanwhile
            return
        if reason:
            self.unreachable[api] = reason
        elif self.unreachable.pop(api, None) is None:
            return  # the first answer of a connection that never lost its server
        self.reach_changed.emit()

    def set_dealers(self, dealers: list[dict[str, Any]]) -> None:
        self.dealers = dealers
        self.dealers_changed.emit()

    def dealer(self, dpid: str | None = None) -> dict[str, Any] | None:
        wanted = dpid or self.dpid
        return next((d for d in self.dealers if d.get("dpid") == wanted), None)

    def announce(self, what: str, dpid: str = "") -> None:
        """Say that `what` changed at a rooftop (this one by default), so every list showing it reloads."""
        self.data_changed.emit(what, dpid or self.dpid)

    def set_rooftop(self, dpid: str) -> None:
        if dpid != self.dpid:
            self.dpid = dpid
            self.rooftop_changed.emit(dpid)
