"""The customer-event receiver the desktop embeds for the sandbox profile: the team server on a SQLite file.

The receiver grew into the team server (:mod:`desktop.server`); this name stays for the desktop and the
``dealer-desk webhooks serve`` alias.
"""

from __future__ import annotations

from pathlib import Path

from desktop.server.events import EventStore
from desktop.server.threaded import TeamServer
from desktop.webhooks.defaults import DEFAULT_HOST, DEFAULT_SANDBOX_KEY


class WebhookServer(TeamServer):
    """A receiver on a loopback port (0 = any free port), served from a daemon thread, like ``SandboxServer``."""

    def __init__(
        self, data_dir: Path, api_key: str = DEFAULT_SANDBOX_KEY, host: str = DEFAULT_HOST, port: int = 0
    ) -> None:
        super().__init__(data_dir, api_key, host=host, port=port, name="webhooks")
        self.api_key = api_key

    @property
    def store(self) -> EventStore | None:
        return self.services.events if self.services is not None else None

    def start(self, timeout: float = 30.0) -> WebhookServer:
        super().start(timeout)
        return self
