"""Where Dealer Desk keeps its files, and the profiles (which servers to talk to). No secrets live here.

``DEALER_DESK_HOME`` puts every file under one folder (tests, portable installs); otherwise the platform's
standard folders are used (platformdirs: ``~/.local/share/dealer-desk`` and ``~/.config/dealer-desk`` on Linux).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import platformdirs

from desktop.api.chaiz import paths as chaiz_paths
from desktop.api.roadster import paths as roadster_paths
from desktop.store.inventory_cache import cache_file

APP_NAME = "dealer-desk"
SANDBOX = "Sandbox"
PRODUCTION = "Production"

ProfileKind = Literal["sandbox", "remote"]

# Names of the secrets a profile can hold; the values only ever live in the keyring (or in memory).
KEY_ROADSTER = "roadster_api_key"
KEY_LINK = "roadster_link_key"
KEY_CHAIZ = "chaiz_token"
KEY_WEBHOOK = "webhook_key"
KEY_TEAM_TOKEN = "team_token"  # noqa: S105 - the keyring entry's name for the team-server token
SECRET_NAMES = {
    KEY_ROADSTER: "Roadster API key",
    KEY_LINK: "Roadster link-encryption key",
    KEY_CHAIZ: "Chaiz token",
    KEY_WEBHOOK: "Webhook key",
    KEY_TEAM_TOKEN: "Team server token",
}


@dataclass(frozen=True)
class AppPaths:
    data: Path
    config: Path
    logs: Path

    @classmethod
    def default(cls) -> AppPaths:
        home = os.environ.get("DEALER_DESK_HOME")
        if home:
            root = Path(home)
            paths = cls(root / "data", root / "config", root / "logs")
        else:
            paths = cls(
                Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
                Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
                Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
            )
        for p in (paths.data, paths.config, paths.logs):
            p.mkdir(mode=0o700, parents=True, exist_ok=True)  # customers' data: the owner's only
        return paths

    @property
    def sandbox_dir(self) -> Path:
        return self.data / "sandbox"

    def cache_file(self, profile: str) -> Path:
        """The profile's inventory cache in the data folder (:func:`desktop.store.inventory_cache.cache_file`)."""
        return cache_file(self.data, profile)


@dataclass
class Profile:
    """A set of servers. The sandbox profile's URLs are those of the embedded server, known once it runs."""

    name: str
    kind: ProfileKind = "remote"
    roadster_url: str = roadster_paths.PRODUCTION_BASE_URL
    chaiz_url: str = chaiz_paths.PRODUCTION_BASE_URL
    events_url: str = ""  # the partner's webhook receiver (``dealer-desk webhooks serve``); "" = no timeline feed
    team_url: str = ""  # the dealership's team server (``dealer-desk server``); "" = deals kept on this desk only

    @property
    def is_sandbox(self) -> bool:
        return self.kind == "sandbox"


def default_profiles() -> list[Profile]:
    return [Profile(SANDBOX, "sandbox", "", ""), Profile(PRODUCTION)]


# Customer events and customers untouched this long are deleted (desktop/services/retention.py): a year of
# follow-up plus a month's grace. Settings can shorten or lengthen it within the bounds below.
DEFAULT_RETENTION_DAYS = 400
MIN_RETENTION_DAYS = 30
MAX_RETENTION_DAYS = 3650


@dataclass
class Settings:
    """The settings file: profiles, the active one and the retention of customer data; UI state (geometry, last
    tab) is kept by Qt itself."""

    profiles: list[Profile] = field(default_factory=default_profiles)
    active: str = SANDBOX
    retention_days: int = DEFAULT_RETENTION_DAYS

    def profile(self, name: str | None = None) -> Profile:
        wanted = name or self.active
        for p in self.profiles:
            if p.name == wanted:
                return p
        return self.profiles[0]

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        profiles = [Profile(**p) for p in raw.get("profiles", []) if isinstance(p, dict)]
        if not any(p.is_sandbox for p in profiles):
            profiles.insert(0, default_profiles()[0])
        retention = raw.get("retention_days", DEFAULT_RETENTION_DAYS)
        if isinstance(retention, bool) or not isinstance(retention, int):
            retention = DEFAULT_RETENTION_DAYS
        retention = min(max(retention, MIN_RETENTION_DAYS), MAX_RETENTION_DAYS)
        return cls(profiles=profiles, active=str(raw.get("active", SANDBOX)), retention_days=retention)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        body = {"profiles": [asdict(p) for p in self.profiles], "active": self.active}
        tmp.write_text(json.dumps({**body, "retention_days": self.retention_days}, indent=2))
        tmp.replace(path)


def settings_file(paths: AppPaths) -> Path:
    return paths.config / "settings.json"
