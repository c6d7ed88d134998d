"""The composition root: which servers the app talks to, and the clients it builds for them.

On the Sandbox profile the app starts the sandbox (Roadster + Chaiz) and a customer-event receiver as ONE child
process — the same executable with its hidden ``embedded-services`` sub-command — so the window never shares its
interpreter lock with a server and the demo behaves as production does. On any other profile it builds clients for
the profile's URLs with the keys from the keyring. Nothing below this module imports the sandbox or the receiver.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from desktop.config import KEY_TEAM_TOKEN, AppPaths, Profile
from desktop.secrets import SecretStore
from desktop.services.connection import Connection, connect_remote

if TYPE_CHECKING:
    from desktop.store.deals import DealStore

READY_TIMEOUT = 180.0  # the first start seeds the sandbox's demo data
STOP_GRACE = 10.0


class ChildFailed(RuntimeError):
    """The embedded services did not start; the message says why (the tail of the child's log)."""


def self_command(*args: str) -> list[str]:
    """This program with a sub-command: the frozen executable itself, or ``python -m desktop`` from a venv."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *args]
    return [sys.executable, "-m", "desktop", *args]


class EmbeddedServices:
    """The child process serving the sandbox and the receiver on loopback ports it announces on stdout.

    The child exits when its stdin closes, so it also ends when this process dies, however it dies.
    """

    def __init__(self, data_dir: Path, log_file: Path) -> None:
        self.data_dir = data_dir
        self.log_file = log_file
        self.urls: dict[str, str] = {}
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = READY_TIMEOUT) -> EmbeddedServices:
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_file, "ab") as log:
            os.chmod(self.log_file, 0o600)
            self._proc = subprocess.Popen(  # noqa: S603 - our own executable, fixed arguments
                self_command("embedded-services", "--data-dir", str(self.data_dir)),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                env=dict(os.environ, PYTHONUNBUFFERED="1"),
            )
        assert self._proc.stdout is not None
        line = _read_line(self._proc.stdout, timeout)
        if not line:
            self.stop()
            raise ChildFailed(f"The built-in sandbox did not start: {self._log_tail()}")
        self.urls = json.loads(line)
        return self

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def exit_reason(self) -> str:
        """ "" while the child runs; else what became of it, for the status bar (a crash, a kill, a stop)."""
        proc = self._proc
        code = None if proc is None else proc.poll()
        if proc is None or code is None:
            return ""
        how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
        return f"The built-in sandbox stopped ({how})."

    def stop(self) -> None:
        """Ask the child to stop (close its stdin); a daemon thread reaps it, killing it after a grace period."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()

        def reap() -> None:
            try:
                proc.wait(STOP_GRACE)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()

        threading.Thread(target=reap, name="embedded-services-reaper", daemon=True).start()

    def _log_tail(self) -> str:
        try:
            lines = self.log_file.read_text(errors="replace").strip().splitlines()
        except OSError:
            return "no log was written."
        return lines[-1] if lines else "it exited without a word."


def _read_line(stream: IO[bytes], timeout: float) -> str:
    """The child's first stdout line, or "" when it exits or stays silent past ``timeout`` (portable: no select)."""
    box: queue.Queue[bytes] = queue.Queue(maxsize=1)
    threading.Thread(target=lambda: box.put(stream.readline()), name="embedded-services-ready", daemon=True).start()
    try:
        return box.get(timeout=timeout).decode().strip()
    except queue.Empty:
        return ""


def connect_sandbox(profile: Profile, paths: AppPaths) -> Connection:
    """Start the embedded services and build clients for them."""
    from desktop.api.chaiz.client import ChaizClient
    from desktop.api.events_feed import EventFeedClient
    from desktop.api.roadster.client import RoadsterClient

    services = EmbeddedServices(paths.sandbox_dir, paths.logs / "embedded-services.log").start()
    urls = services.urls
    return Connection(
        profile,
        RoadsterClient(urls["roadster"], urls["api_key"]),
        ChaizClient(urls["chaiz"], urls["chaiz_token"]),
        EventFeedClient(urls["events"], urls["events_key"]),
        sandbox_url=urls["sandbox"],
        sandbox_api_key=urls["api_key"],
        link_key=urls["link_key"],
        on_close=[services.stop],
        servers_gone=services.exit_reason,
    )


def connect(profile: Profile, secrets: SecretStore, paths: AppPaths) -> Connection:
    """A live connection for ``profile``; may take seconds (run off the GUI thread)."""
    if profile.is_sandbox:
        return connect_sandbox(profile, paths)
    return connect_remote(profile, secrets)


def open_deal_store(profile: Profile, secrets: SecretStore, data_dir: Path) -> DealStore:
    """The profile's deals: shared through its team server when it has one and a token, else this desk's own.

    The shared store's local copy is a file of its own, so deals kept on this desk before joining a team server
    never mix with the server's numbers. Reads the keyring: run off the GUI thread.
    """
    from desktop.store.deals import SqliteDealStore, deals_file

    token = secrets.get(profile.name, KEY_TEAM_TOKEN) if profile.team_url else None
    if not token:
        return SqliteDealStore(deals_file(data_dir, profile.name), secrets)
    from desktop.api.base import RetryPolicy
    from desktop.api.team_server import TeamServerClient
    from desktop.services.team import RemoteDealStore

    copy = SqliteDealStore(deals_file(data_dir, f"{profile.name} team"), secrets)
    return RemoteDealStore(TeamServerClient(profile.team_url, token, retry=RetryPolicy(attempts=2)), copy)


def serve_embedded(data_dir: Path) -> int:
    """The child's side: serve the sandbox and a receiver it delivers events to, until stdin closes."""
    import httpx

    from desktop.api.roadster import paths as roadster_paths
    from desktop.sandbox.config import SandboxConfig
    from desktop.sandbox.server import SandboxServer
    from desktop.services.priority import lower_this_process
    from desktop.webhooks.defaults import DEFAULT_SANDBOX_KEY
    from desktop.webhooks.server import WebhookServer

    lower_this_process()  # it stands in for the partners' servers: the window's thread takes a core first
    config = SandboxConfig(data_dir=data_dir)
    sandbox = SandboxServer(config).start()
    receiver = WebhookServer(data_dir.parent / "webhooks", api_key=DEFAULT_SANDBOX_KEY).start()
    try:
        httpx.post(
            sandbox.url + "/sandbox/webhook",
            json={"url": receiver.events_url, "api_key": DEFAULT_SANDBOX_KEY},
            headers={"Authorization": f"Bearer {config.api_key}"},
            timeout=10,
        ).raise_for_status()
        announce: dict[str, Any] = {
            "sandbox": sandbox.url,
            "roadster": sandbox.url + roadster_paths.SANDBOX_PREFIX,
            "chaiz": sandbox.url,
            "events": receiver.url,
            # The sandbox's public demo credentials, valid nowhere else: safe on a pipe.
            "api_key": config.api_key,
            "chaiz_token": config.chaiz_token,
            "link_key": config.link_key,
            "events_key": DEFAULT_SANDBOX_KEY,
        }
        sys.stdout.write(json.dumps(announce) + "\n")
        sys.stdout.flush()
        sys.stdin.buffer.read()  # until the parent closes the pipe or dies
    finally:
        receiver.stop()
        sandbox.stop()
    return 0
