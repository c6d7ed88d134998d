"""Run the sandbox with uvicorn: in the foreground (CLI) or in a background thread (app, tests, benchmarks)."""

from __future__ import annotations

import logging

import uvicorn

from desktop.sandbox.app import create_app
from desktop.sandbox.config import SandboxConfig
from desktop.serving import ThreadedServer

log = logging.getLogger(__name__)


class SandboxServer(ThreadedServer):
    """A sandbox on a loopback port (0 = any free port), served from a daemon thread."""

    def __init__(self, config: SandboxConfig, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__("sandbox", host, port)
        self.config = config

    def start(self, timeout: float = 120.0) -> SandboxServer:
        """Open (seeding on first start) and serve; returns once requests are accepted."""
        self.serve(create_app(self.config), timeout)
        return self

    def stop(self) -> None:
        self.shutdown()


def serve_forever(config: SandboxConfig, host: str, port: int) -> None:
    """The ``dealer-desk sandbox`` command: serve until interrupted."""
    app = create_app(config)
    uvicorn.run(app, host=host, port=port, log_level="info", lifespan="off")
