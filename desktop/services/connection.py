"""A live connection to one profile's servers: the API clients and whatever must stop with them.

Which servers those are (production's, or a sandbox the app started) is decided by the composition root
(:mod:`desktop.composition`); this module knows only what a connection holds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.api.chaiz.client import ChaizClient
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

    @property
    def description(self) -> str:
        return f"{self.profile.name} ({self.sandbox_url or self.roadster.base_url})"

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
