"""A live connection to one profile's servers: the API clients, the offline cache and, for the sandbox
profile, the embedded sandbox server."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from desktop.api.chaiz.client import ChaizClient
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
