"""Settings of one sandbox instance; the defaults are the ones README documents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
# Public demo credentials of the local sandbox only -- never valid anywhere else.
DEFAULT_API_KEY = "sandbox-roadster-key"
DEFAULT_CHAIZ_TOKEN = "sandbox-chaiz-token"  # noqa: S105 - public demo token
DEFAULT_LINK_KEY = "sandbox-link-key"
DEFAULT_SEED = 42
DEFAULT_INVENTORY_SIZE = 2000


@dataclass
class SandboxConfig:
    """What a sandbox serves and with which keys."""

    data_dir: Path
    api_key: str = DEFAULT_API_KEY
    chaiz_token: str = DEFAULT_CHAIZ_TOKEN
    link_key: str = DEFAULT_LINK_KEY
    seed: int = DEFAULT_SEED
    inventory_size: int = DEFAULT_INVENTORY_SIZE
    chaiz_latency: float = 1.5
    chaiz_fault_rate: float = 0.0
    # Longest a Chaiz registration request is held open (long poll) before it answers 202 in progress.
    chaiz_hold: float = 1.0

    @property
    def db_path(self) -> Path:
        return self.data_dir / "sandbox.sqlite3"
