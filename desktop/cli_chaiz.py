"""``dealer-desk chaiz register``: pre-register a dealer's inventory with Chaiz, e.g. nightly from cron.

Prints a progress bar when stderr is a terminal, then a summary; exits 1 when any vehicle failed, 2 when it could
not start (no key, unknown dealer, server unreachable), 130 when interrupted (what finished stays cached and the
next run resumes with the rest).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from desktop.domain.chaiz_rules import DEFAULT_CONCURRENCY, MAX_CONCURRENCY, MIN_CONCURRENCY

if TYPE_CHECKING:
    from desktop.config import AppPaths, Profile

# For cron on a machine without a keyring: the environment is private to the process, unlike its arguments.
ENV_ROADSTER_KEY = "DEALER_DESK_ROADSTER_KEY"
ENV_CHAIZ_TOKEN = "DEALER_DESK_CHAIZ_TOKEN"  # noqa: S105 -- the variable's name, not a token


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    chaiz = sub.add_parser("chaiz", help="Chaiz service contracts")
    commands = chaiz.add_subparsers(dest="chaiz_command", required=True)
    p = commands.add_parser(
        "register",
        help="pre-register a dealer's inventory with Chaiz (run it daily or weekly from cron)",
        description="URLs and keys default to the active profile; the Sandbox profile starts the local sandbox.",
    )
    p.add_argument("--dpid", required=True, help="the dealer whose inventory to register")
    p.add_argument("--only-new", action="store_true", help="only vehicles never sent to Chaiz before")
    p.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        help=f"registrations at once, {MIN_CONCURRENCY}-{MAX_CONCURRENCY} (default {DEFAULT_CONCURRENCY})",
    )
    p.add_argument("--profile", default=None, help="profile to use (default: the active one)")
    p.add_argument("--roadster-url", default=None)
    p.add_argument(
        "--api-key-file",
        type=Path,
        default=None,
        help=f"file holding the Roadster API key, mode 600 (default: ${ENV_ROADSTER_KEY}, then the keyring)",
    )
    p.add_argument("--chaiz-url", default=None)
    p.add_argument(
        "--chaiz-token-file",
        type=Path,
        default=None,
        help=f"file holding the Chaiz token, mode 600 (default: ${ENV_CHAIZ_TOKEN}, then the keyring)",
    )
    # Refused with a sentence, not unknown: a cron line written for an older version says what to change.
    p.add_argument("--api-key", default=None, help=argparse.SUPPRESS)
    p.add_argument("--chaiz-token", default=None, help=argparse.SUPPRESS)


class _Clients:
    """The two API clients of one run and, for the Sandbox profile, the local sandbox serving them."""

    def __init__(self, roadster: Any, chaiz: Any, cache_name: str, sandbox: Any = None) -> None:
        self.roadster = roadster
        self.chaiz = chaiz
        self.cache_name = cache_name
        self.sandbox = sandbox

    def close(self) -> None:
        self.roadster.close()
        self.chaiz.close()
        if self.sandbox is not None:
            self.sandbox.stop()


class _Refused(Exception):
    """Cannot start: the message says why and what to do."""


def _clients(args: argparse.Namespace, paths: AppPaths, profile: Profile) -> _Clients:
    from desktop.api.chaiz.client import ChaizClient
    from desktop.api.roadster import paths as roadster_paths
    from desktop.api.roadster.client import RoadsterClient
    from desktop.config import KEY_CHAIZ, KEY_ROADSTER
    from desktop.sandbox.config import SandboxConfig
    from desktop.sandbox.server import SandboxServer
    from desktop.secrets import KeyFileRefused, SecretStore, unattended_secret

    for given, instead in ((args.api_key, "--api-key-file"), (args.chaiz_token, "--chaiz-token-file")):
        if given is not None:
            option = instead.removesuffix("-file")
            raise _Refused(
                f"{option} is no longer accepted: every user of this computer can read a command line (ps). "
                f"Use {instead} PATH (a file of mode 600) or the environment variable "
                f"{ENV_ROADSTER_KEY if option == '--api-key' else ENV_CHAIZ_TOKEN}."
            )
    try:
        api_key = unattended_secret(args.api_key_file, ENV_ROADSTER_KEY)
        token = unattended_secret(args.chaiz_token_file, ENV_CHAIZ_TOKEN)
    except KeyFileRefused as exc:
        raise _Refused(str(exc)) from None
    explicit = any((args.roadster_url, api_key, args.chaiz_url, token))
    if profile.is_sandbox and not explicit:
        config = SandboxConfig(data_dir=paths.sandbox_dir)
        server = SandboxServer(config).start()
        return _Clients(
            RoadsterClient(server.url + roadster_paths.SANDBOX_PREFIX, config.api_key),
            ChaizClient(server.url, config.chaiz_token),
            profile.name,
            server,
        )
    secrets = SecretStore()
    roadster_url = args.roadster_url or profile.roadster_url
    chaiz_url = args.chaiz_url or profile.chaiz_url
    api_key = api_key or secrets.get(profile.name, KEY_ROADSTER)
    token = token or secrets.get(profile.name, KEY_CHAIZ)
    if not roadster_url or not chaiz_url:
        raise _Refused("Give --roadster-url and --chaiz-url, or pick a profile that has them.")
    if not api_key:
        raise _Refused(
            f"No Roadster API key: give --api-key-file, set {ENV_ROADSTER_KEY}, "
            f"or add it to profile {profile.name} in Settings."
        )
    if not token:
        raise _Refused(
            f"No Chaiz token: give --chaiz-token-file, set {ENV_CHAIZ_TOKEN}, "
            f"or add it to profile {profile.name} in Settings."
        )
    cache_name = profile.name if not args.chaiz_url else "url-" + hashlib.sha256(chaiz_url.encode()).hexdigest()[:12]
    return _Clients(RoadsterClient(roadster_url, api_key), ChaizClient(chaiz_url, token), cache_name)


class _Bar:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.live = out.isatty()
        self._lock = threading.Lock()

    def __call__(self, done: int, total: int, text: str) -> None:
        if not self.live or total <= 0:
            return
        width = 30
        filled = int(width * done / total)
        with self._lock:
            self.out.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}")
            self.out.flush()

    def end(self) -> None:
        if self.live:
            self.out.write("\n")
            self.out.flush()


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from desktop.api.errors import ApiError
    from desktop.config import AppPaths, Settings, settings_file
    from desktop.services.cancel import JobControl
    from desktop.services.chaiz_registrar import ChaizRegistrar, RegistrationReport, vehicles_from_inventory
    from desktop.store.chaiz_cache import ChaizCache, chaiz_cache_path

    out = out or sys.stdout
    err = err or sys.stderr
    paths = AppPaths.default()
    profile = Settings.load(settings_file(paths)).profile(args.profile)
    if not MIN_CONCURRENCY <= args.concurrency <= MAX_CONCURRENCY:
        print(f"--concurrency must be between {MIN_CONCURRENCY} and {MAX_CONCURRENCY}.", file=err)
        return 2
    try:
        clients = _clients(args, paths, profile)
    except _Refused as exc:
        print(str(exc), file=err)
        return 2
    cache = ChaizCache(chaiz_cache_path(paths.data, clients.cache_name))
    try:
        try:
            vehicles = vehicles_from_inventory(
                v for page, _total in clients.roadster.iter_inventory_pages(args.dpid, in_stock=True) for v in page
            )
        except ApiError as exc:
            print(f"Could not read the inventory of {args.dpid}: {exc.sentence()}", file=err)
            return 2
        bar = _Bar(err)
        control = JobControl(on_progress=bar)
        registrar = ChaizRegistrar(clients.chaiz, cache, concurrency=args.concurrency)
        result: list[RegistrationReport] = []
        finished = threading.Event()

        def batch() -> None:
            try:
                result.append(registrar.run(vehicles, control, only_new=args.only_new, dpid=args.dpid))
            finally:
                finished.set()

        threading.Thread(target=batch, name="chaiz-register-batch", daemon=True).start()
        # Wait on an Event, not Thread.join: a join interrupted by Ctrl+C can return early on the next call.
        while not finished.is_set():
            try:
                finished.wait(0.2)
            except KeyboardInterrupt:
                control.cancel()
        bar.end()
        if not result:
            print("The registration stopped on an unexpected error; see the log.", file=err)
            return 2
        report = result[0]
        print(f"Chaiz pre-registration of {args.dpid} ({len(vehicles):,} vehicles): {report.summary()}", file=out)
        for vin, reason in sorted(report.failed.items()):
            print(f"  failed {vin}: {reason}", file=out)
        if report.cancelled:
            return 130
        return 1 if report.failed else 0
    finally:
        cache.close()
        clients.close()
