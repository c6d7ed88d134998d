"""Defaults of the webhook receiver, importable without the server (the CLI parser needs them at start-up)."""

from __future__ import annotations

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8766
# Public demo key of the sandbox profile only -- never valid anywhere else.
DEFAULT_SANDBOX_KEY = "sandbox-webhook-key"
