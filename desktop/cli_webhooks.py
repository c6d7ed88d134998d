"""``dealer-desk webhooks serve`` (the receiver: an alias of the team server on one SQLite file), ``dealer-desk
sandbox-simulate``, and the ``server`` command of :mod:`desktop.cli_server`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import cli_server
from desktop.sandbox import config as sandbox_config
from desktop.webhooks import defaults


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    hooks = sub.add_parser("webhooks", help="the Roadster customer-event receiver")
    hooks_sub = hooks.add_subparsers(dest="webhooks_command", required=True)
    serve = hooks_sub.add_parser("serve", help="receive customer events until interrupted")
    serve.add_argument("--host", default=defaults.DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=defaults.DEFAULT_PORT)
    serve.add_argument("--data-dir", type=Path, default=None, help="default: the app's data folder / webhooks")
    serve.add_argument(
        "--api-key",
        default=None,
        help="the Bearer key senders must use (default: the profile's webhook key from the keyring; "
        f"on the sandbox profile without one: {defaults.DEFAULT_SANDBOX_KEY})",
    )
    serve.add_argument("--profile", default=None, help="profile whose key to use (default: the active one)")

    cli_server.add_parser(sub)

    sim = sub.add_parser("sandbox-simulate", help="play a shopper's journey in the sandbox (events to the receiver)")
    sim.add_argument("--sandbox-url", default=f"http://{sandbox_config.DEFAULT_HOST}:{sandbox_config.DEFAULT_PORT}")
    sim.add_argument("--api-key", default=sandbox_config.DEFAULT_API_KEY, help="the sandbox's Roadster key")
    sim.add_argument("--dpid", default="hyundaidemo")
    sim.add_argument("--email", default=None, help="default: a new shopper each run")
    sim.add_argument("--first-name", default=None)
    sim.add_argument("--last-name", default=None)
    sim.add_argument("--seed", type=int, default=None)


def _resolve_key(args: argparse.Namespace) -> str | None:
    if args.api_key:
        return str(args.api_key)
    from desktop.config import KEY_WEBHOOK, AppPaths, Settings, settings_file
    from desktop.secrets import SecretStore

    profile = Settings.load(settings_file(AppPaths.default())).profile(args.profile)
    key = SecretStore().get(profile.name, KEY_WEBHOOK)
    if not key and profile.is_sandbox:
        key = defaults.DEFAULT_SANDBOX_KEY
    return key


def run_serve(args: argparse.Namespace) -> int:
    from desktop.config import AppPaths

    key = _resolve_key(args)
    if not key:
        print("This profile has no webhook key; pass --api-key or set it in Settings.", file=sys.stderr)
        return 2
    data_dir = args.data_dir or AppPaths.default().data / "webhooks"
    shown = key if key == defaults.DEFAULT_SANDBOX_KEY else "<your key>"
    print(f"Dealer Desk webhook receiver: data in {data_dir}", file=sys.stderr)
    print(
        f"  POST http://{args.host}:{args.port}/roadster/events   Authorization: Bearer {shown}",
        file=sys.stderr,
        flush=True,
    )
    from desktop.server.app import create_app
    from desktop.server.context import open_services
    from desktop.server.serve import serve_forever

    services = open_services(data_dir, key)
    services.start_retention()
    try:
        serve_forever(create_app(services), args.host, args.port)
    finally:
        services.close()
    return 0


def run_simulate(args: argparse.Namespace) -> int:
    import httpx

    body: dict[str, object] = {"dpid": args.dpid}
    for name in ("email", "first_name", "last_name", "seed"):
        value = getattr(args, name)
        if value is not None:
            body[name] = value
    try:
        response = httpx.post(
            args.sandbox_url.rstrip("/") + "/sandbox/simulate",
            json=body,
            headers={"Authorization": f"Bearer {args.api_key}"},
            timeout=30,
        )
    except httpx.HTTPError as exc:
        print(
            f"The sandbox at {args.sandbox_url} did not answer ({type(exc).__name__}). Is it running?", file=sys.stderr
        )
        return 1
    if response.status_code != 200:
        print(f"The sandbox refused the simulation ({response.status_code}): {response.text}", file=sys.stderr)
        return 1
    answer = response.json()
    print(f"Customer {answer['customer']['id']} ({answer['customer']['email']}) at {args.dpid}:")
    for event in answer["events"]:
        print(f"  {event['event_time']}  {event['event_type']}  {event['event_id']}")
    if not answer.get("delivering"):
        print("No receiver is set (POST /sandbox/webhook); the events were not sent.", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    if args.command == "server":
        return cli_server.run_server(args)
    if args.command == "sandbox-simulate":
        return run_simulate(args)
    return run_serve(args)
