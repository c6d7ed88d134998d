"""A live connection to one profile's servers: the API clients and whatever must stop with them.

Which servers those are (production's, or a sandbox the app started) is decided by the composition root
(:mod:`desktop.composition`); this module knows only what a connection holds.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.api.base import ApiClient, ReachObserver, RetryPolicy
from desktop.api.chaiz.client import ChaizClient
from desktop.api.chaiz.registration import start_price
from desktop.api.errors import ApiError, BadRequest
from desktop.api.events_feed import EventFeedClient
from desktop.api.roadster.client import RoadsterClient
from desktop.config import KEY_CHAIZ, KEY_ROADSTER, KEY_WEBHOOK, Profile
from desktop.secrets import SecretStore

log = logging.getLogger(__name__)


class MissingKey(Exception):
    """A production profile has no key yet; the message says which and where to set it."""


@dataclass
class Connection:
    profile: Profile
    roadster: RoadsterClient
    chaiz: ChaizClient
    events: EventFeedClient | None = None  # the customer-event feed of the webhook receiver
    sandbox_url: str | None = None  # the root URL of a sandbox the app started (None on production)
    sandbox_api_key: str = ""  # the sandbox's public demo key, for its /sandbox/... admin paths
    link_key: str | None = None  # the link-encryption key the servers use, when the app knows it (the sandbox's)
    on_close: list[Callable[[], None]] = field(default_factory=list)  # servers started for this connection
    servers_gone: Callable[[], str] | None = None  # "" while the servers it started run; else what became of them

    @property
    def description(self) -> str:
        return f"{self.profile.name} ({self.sandbox_url or self.roadster.base_url})"

    def clients(self) -> dict[str, ApiClient]:
        """The API clients by their API's display name (the name a :data:`~desktop.api.base.ReachObserver` is told)."""
        found: dict[str, ApiClient] = {self.roadster.api: self.roadster, self.chaiz.api: self.chaiz}
        if self.events is not None:
            found[self.events.api] = self.events
        return found

    def observe_reach(self, observer: ReachObserver | None) -> None:
        """Tell ``observer`` whenever one of the clients loses or regains its server (from the request's thread)."""
        for client in self.clients().values():
            client.on_reach = observer

    def close(self) -> None:
        """Close the clients and stop the servers; returns at once (a child server is reaped in the background)."""
        self.roadster.close()
        self.chaiz.close()
        if self.events is not None:
            self.events.close()
        for stop in self.on_close:
            stop()
        self.on_close.clear()


def connect_remote(profile: Profile, secrets: SecretStore) -> Connection:
    """Clients for a profile's own servers, with its keys from the keyring."""
    api_key = secrets.get(profile.name, KEY_ROADSTER)
    if not api_key:
        raise MissingKey(f"Profile {profile.name} has no Roadster API key. Add it in Settings (Ctrl+,).")
    chaiz_token = secrets.get(profile.name, KEY_CHAIZ) or ""
    webhook_key = secrets.get(profile.name, KEY_WEBHOOK) if profile.events_url else None
    return Connection(
        profile,
        RoadsterClient(profile.roadster_url, api_key),
        ChaizClient(profile.chaiz_url, chaiz_token),
        events=EventFeedClient(profile.events_url, webhook_key) if profile.events_url and webhook_key else None,
    )


# A VIN with a valid check digit (the reference's own): a start-price question costs Chaiz nothing and needs the token.
PROBE_VIN = "4T1C11AK0LU322811"


@dataclass(frozen=True)
class ServiceCheck:
    """One server of a profile checked on its own: ``ok`` and the sentence to show."""

    service: str
    ok: bool
    sentence: str


def check_services(
    roadster_url: str,
    roadster_key: str,
    chaiz_url: str,
    chaiz_token: str,
    events_url: str = "",
    events_key: str = "",
) -> list[ServiceCheck]:
    """Roadster, Chaiz and the events receiver, each with one cheap authenticated call; one failing never hides
    the others (a wrong Chaiz token says so even when Roadster answers)."""
    return [
        check_service("Roadster", roadster_key, "Roadster API key", lambda: _roadster(roadster_url, roadster_key)),
        check_service("Chaiz", chaiz_token, "Chaiz token", lambda: _chaiz(chaiz_url, chaiz_token)),
        _events(events_url, events_key),
    ]


def check_service(service: str, key: str, key_name: str, call: Callable[[], str]) -> ServiceCheck:
    """One line of Settings → Test connection: ``call`` makes one cheap authenticated call and says what it found.

    A missing ``key`` (named ``key_name``) is said without calling; a refusal is the error's own sentence. Every
    server the app talks to is checked this way, so the lines read alike.
    """
    if not key:
        return ServiceCheck(service, False, f"{service}: no {key_name} yet. Add it above.")
    try:
        return ServiceCheck(service, True, f"{service}: {call()}")
    except ApiError as exc:
        return ServiceCheck(service, False, f"{service}: {exc.sentence()}")


def _roadster(url: str, key: str) -> str:
    with contextlib.closing(RoadsterClient(url, key, retry=RetryPolicy(attempts=1))) as client:
        return f"connected, {len(client.dealers())} dealer(s) provisioned for the key."


def _chaiz(url: str, token: str) -> str:
    with contextlib.closing(ChaizClient(url, token, retry=RetryPolicy(attempts=1))) as client:
        with contextlib.suppress(BadRequest):  # a 400 means the token was accepted and only the probe refused
            start_price(client, PROBE_VIN, 1000, state="CA")
        return "connected, the token is accepted."


def _events(url: str, key: str) -> ServiceCheck:
    if not url:
        return ServiceCheck("Events", True, "Events: no receiver URL set; the timeline stays empty on this profile.")
    return check_service("Events", key, "Webhook key", lambda: _event_feed(url, key))


def _event_feed(url: str, key: str) -> str:
    with contextlib.closing(EventFeedClient(url, key, retry=RetryPolicy(attempts=1))) as client:
        client.page(None, limit=1)
        return "the receiver answers and accepts the key."
