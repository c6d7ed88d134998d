"""A live connection to one profile's servers: the API clients, the offline cache and, for the sandbox
profile, the embedded sandbox server."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from desktop.api.base import RetryPolicy
from desktop.api.chaiz.client import ChaizClient
from desktop.api.chaiz.registration import start_price
from desktop.api.errors import ApiError, BadRequest
from desktop.api.events_feed import EventFeedClient
from desktop.api.roadster import paths as roadster_paths
from desktop.api.roadster.client import RoadsterClient
from desktop.config import KEY_CHAIZ, KEY_ROADSTER, KEY_WEBHOOK, AppPaths, Profile
from desktop.sandbox.config import SandboxConfig
from desktop.sandbox.server import SandboxServer
from desktop.secrets import SecretStore
from desktop.store.inventory_cache import InventoryCache
from desktop.webhooks.defaults import DEFAULT_SANDBOX_KEY
from desktop.webhooks.server import WebhookServer

log = logging.getLogger(__name__)


class MissingKey(Exception):
    """A production profile has no key yet; the message says which and where to set it."""


@dataclass
class Connection:
    profile: Profile
    roadster: RoadsterClient
    chaiz: ChaizClient
    sandbox: SandboxServer | None = None
    events: EventFeedClient | None = None  # the customer-event feed of the webhook receiver
    webhooks: WebhookServer | None = None  # the embedded receiver of the sandbox profile

    @property
    def description(self) -> str:
        where = self.sandbox.url if self.sandbox else self.roadster.base_url
        return f"{self.profile.name} ({where})"

    def close(self) -> None:
        self.roadster.close()
        self.chaiz.close()
        if self.events is not None:
            self.events.close()
        if self.sandbox is not None:
            self.sandbox.stop()
        if self.webhooks is not None:
            self.webhooks.stop()


def open_cache(paths: AppPaths, profile: Profile) -> InventoryCache:
    """The profile's offline cache; opened at start, before any network, so the window shows data at once."""
    return InventoryCache(paths.cache_file(profile.name))


def connect(profile: Profile, secrets: SecretStore, paths: AppPaths) -> Connection:
    """Start the embedded sandbox (sandbox profile) or read the keys (remote); may take seconds, run off-thread."""
    if profile.is_sandbox:
        config = SandboxConfig(data_dir=paths.sandbox_dir)
        server = SandboxServer(config).start()
        base = server.url
        roadster = RoadsterClient(base + roadster_paths.SANDBOX_PREFIX, config.api_key)
        # The sandbox sends its customer events to a receiver of our own, as Roadster would to the partner's.
        receiver = WebhookServer(paths.data / "webhooks", api_key=DEFAULT_SANDBOX_KEY).start()
        httpx.post(
            base + "/sandbox/webhook",
            json={"url": receiver.events_url, "api_key": DEFAULT_SANDBOX_KEY},
            headers={"Authorization": f"Bearer {config.api_key}"},
            timeout=10,
        ).raise_for_status()
        return Connection(
            profile,
            roadster,
            ChaizClient(base, config.chaiz_token),
            server,
            EventFeedClient(receiver.url, DEFAULT_SANDBOX_KEY),
            receiver,
        )
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


def test_connection(profile: Profile, secrets: SecretStore, paths: AppPaths) -> str:
    """One cheap authenticated call; the sentence a Settings dialog shows."""
    conn = connect(profile, secrets, paths)
    try:
        dealers = conn.roadster.dealers()
    finally:
        conn.close()
    return f"Connected to {profile.name}: {len(dealers)} dealer(s) available."


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
        _check("Roadster", roadster_key, "Roadster API key", lambda: _roadster(roadster_url, roadster_key)),
        _check("Chaiz", chaiz_token, "Chaiz token", lambda: _chaiz(chaiz_url, chaiz_token)),
        _events(events_url, events_key),
    ]


def _check(service: str, key: str, key_name: str, call: Callable[[], str]) -> ServiceCheck:
    if not key:
        return ServiceCheck(service, False, f"{service}: no {key_name} yet. Add it above.")
    try:
        return ServiceCheck(service, True, f"{service}: {call()}")
    except ApiError as exc:
        return ServiceCheck(service, False, f"{service}: {exc.sentence()}")


def _roadster(url: str, key: str) -> str:
    client = RoadsterClient(url, key, retry=RetryPolicy(attempts=1))
    try:
        return f"connected, {len(client.dealers())} dealer(s) provisioned for the key."
    finally:
        client.close()


def _chaiz(url: str, token: str) -> str:
    client = ChaizClient(url, token, retry=RetryPolicy(attempts=1))
    try:
        with contextlib.suppress(BadRequest):  # a 400 means the token was accepted and only the probe refused
            start_price(client, PROBE_VIN, 1000, state="CA")
        return "connected, the token is accepted."
    finally:
        client.close()


def _events(url: str, key: str) -> ServiceCheck:
    if not url:
        return ServiceCheck("Events", True, "Events: no receiver URL set; the timeline stays empty on this profile.")
    if not key:
        return ServiceCheck("Events", False, "Events: no Webhook key yet. Add it above.")
    client = EventFeedClient(url, key, retry=RetryPolicy(attempts=1))
    try:
        client.page(None, limit=1)
        return ServiceCheck("Events", True, "Events: the receiver answers and accepts the key.")
    except ApiError as exc:
        return ServiceCheck("Events", False, f"Events: {exc.sentence()}")
    finally:
        client.close()
