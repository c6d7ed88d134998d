"""A live connection to one profile's servers: the API clients, the offline cache and, for the sandbox
profile, the embedded sandbox server."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from desktop.api.chaiz.client import ChaizClient
from desktop.api.roadster import paths as roadster_paths
from desktop.api.roadster.client import RoadsterClient
from desktop.config import KEY_CHAIZ, KEY_ROADSTER, AppPaths, Profile
from desktop.sandbox.config import SandboxConfig
from desktop.sandbox.server import SandboxServer
from desktop.secrets import SecretStore
from desktop.store.inventory_cache import InventoryCache

log = logging.getLogger(__name__)


class MissingKey(Exception):
    """A production profile has no key yet; the message says which and where to set it."""


@dataclass
class Connection:
    profile: Profile
    roadster: RoadsterClient
    chaiz: ChaizClient
    sandbox: SandboxServer | None = None

    @property
    def description(self) -> str:
        where = self.sandbox.url if self.sandbox else self.roadster.base_url
        return f"{self.profile.name} ({where})"

    def close(self) -> None:
        self.roadster.close()
        self.chaiz.close()
        if self.sandbox is not None:
            self.sandbox.stop()


def open_cache(paths: AppPaths, profile: Profile) -> InventoryCache:
    """The profile's offline cache; opened at start, before any network, so the window shows data at once."""
    return InventoryCache(paths.cache_file(profile.name))


def connect(profile: Profile, secrets: SecretStore, paths: AppPaths) -> Connection:
    """Start the embedded sandbox (sandbox profile) or read the keys (remote); may take seconds, run off-thread."""
    if profile.is_sandbox:
        config = SandboxConfig(data_dir=paths.sandbox_dir)
        server = SandboxServer(config).start()
        base = server.url
        return Connection(
            profile,
            RoadsterClient(base + roadster_paths.SANDBOX_PREFIX, config.api_key),
            ChaizClient(base, config.chaiz_token),
            server,
        )
    api_key = secrets.get(profile.name, KEY_ROADSTER)
    if not api_key:
        raise MissingKey(f"Profile {profile.name} has no Roadster API key. Add it in Settings (Ctrl+,).")
    chaiz_token = secrets.get(profile.name, KEY_CHAIZ) or ""
    return Connection(
        profile,
        RoadsterClient(profile.roadster_url, api_key),
        ChaizClient(profile.chaiz_url, chaiz_token),
    )


def test_connection(profile: Profile, secrets: SecretStore, paths: AppPaths) -> str:
    """One cheap authenticated call; the sentence a Settings dialog shows."""
    conn = connect(profile, secrets, paths)
    try:
        dealers = conn.roadster.dealers()
    finally:
        conn.close()
    return f"Connected to {profile.name}: {len(dealers)} dealer(s) available."
