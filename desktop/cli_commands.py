"""The ``dealer-desk`` sub-commands (sandbox, unlock-link, chaiz, webhooks, server); ``desktop.cli`` dispatches here."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from desktop import cli_chaiz, cli_webhooks
from desktop.logs import MaskingFilter
from desktop.sandbox import config as sandbox_config

ENV_LINK_KEY = "DEALER_DESK_LINK_KEY"  # for scripts without a keyring: the environment is not shown by ps


def _add_sandbox(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("sandbox", help="serve the local Roadster + Chaiz sandbox until interrupted")
    p.add_argument("--host", default=sandbox_config.DEFAULT_HOST)
    p.add_argument("--port", type=int, default=sandbox_config.DEFAULT_PORT)
    p.add_argument("--data-dir", type=Path, default=None, help="default: the app's data folder / sandbox")
    p.add_argument("--api-key", default=sandbox_config.DEFAULT_API_KEY)
    p.add_argument("--chaiz-token", default=sandbox_config.DEFAULT_CHAIZ_TOKEN)
    p.add_argument("--link-key", default=sandbox_config.DEFAULT_LINK_KEY)
    p.add_argument("--seed", type=int, default=sandbox_config.DEFAULT_SEED)
    p.add_argument(
        "--inventory-size",
        type=int,
        default=sandbox_config.DEFAULT_INVENTORY_SIZE,
        help="new vehicles per dealer, used on first start only",
    )
    p.add_argument("--chaiz-latency", type=float, default=1.5, help="seconds a Chaiz registration takes")
    p.add_argument("--chaiz-fault-rate", type=float, default=0.0, help="share of Chaiz calls answered 429/5xx")


def run_sandbox(args: argparse.Namespace) -> int:
    from desktop.config import AppPaths
    from desktop.sandbox.server import serve_forever

    data_dir = args.data_dir or AppPaths.default().sandbox_dir
    config = sandbox_config.SandboxConfig(
        data_dir=data_dir,
        api_key=args.api_key,
        chaiz_token=args.chaiz_token,
        link_key=args.link_key,
        seed=args.seed,
        inventory_size=args.inventory_size,
        chaiz_latency=args.chaiz_latency,
        chaiz_fault_rate=args.chaiz_fault_rate,
    )
    print(f"Dealer Desk sandbox: data in {data_dir}", file=sys.stderr)
    # Only the public demo keys are echoed; a key given on the command line stays off the screen.
    key = args.api_key if args.api_key == sandbox_config.DEFAULT_API_KEY else "<your --api-key>"
    token = args.chaiz_token if args.chaiz_token == sandbox_config.DEFAULT_CHAIZ_TOKEN else "<your --chaiz-token>"
    print(f"  Roadster  http://{args.host}:{args.port}/v1               Authorization: Bearer {key}", file=sys.stderr)
    print(f"  Chaiz     http://{args.host}:{args.port}/api/v2/Partners  Authorization: Bearer {token}", file=sys.stderr)
    serve_forever(config, args.host, args.port)
    return 0


def _add_unlock_link(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("unlock-link", help="print the browser link that signs a customer in and unlocks pricing")
    p.add_argument("--dpid", required=True)
    p.add_argument("--vin", required=True)
    p.add_argument("--email", required=True)
    p.add_argument("--fname", default="")
    p.add_argument("--lname", default="")
    p.add_argument("--phone", default="")
    p.add_argument("--custid", default="")
    p.add_argument(
        "--key-file",
        type=Path,
        default=None,
        help=f"file holding the link-encryption key, mode 600 (default: ${ENV_LINK_KEY}, then the profile's keyring)",
    )
    # Refused with a sentence: a key on the command line is visible to every user (ps).
    p.add_argument("--key", default=None, help=argparse.SUPPRESS)
    p.add_argument("--profile", default=None, help="profile whose key to use (default: the active one)")
    p.add_argument("--sandbox-url", default=None, help="e.g. http://127.0.0.1:8765/v1: a link to that sandbox")


def run_unlock_link(args: argparse.Namespace) -> int:
    from desktop.api import mem_token
    from desktop.config import KEY_LINK, AppPaths, Settings, settings_file
    from desktop.domain.vin import normalize_vin, vin_problem
    from desktop.secrets import KeyFileRefused, SecretStore, unattended_secret

    if args.key is not None:
        print(
            "--key is no longer accepted: every user of this computer can read a command line (ps). "
            f"Use --key-file PATH (a file of mode 600) or the environment variable {ENV_LINK_KEY}.",
            file=sys.stderr,
        )
        return 2
    problem = vin_problem(args.vin)
    if problem:
        print(f"--vin: {problem}", file=sys.stderr)
        return 2
    try:
        key = unattended_secret(args.key_file, ENV_LINK_KEY)
    except KeyFileRefused as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if not key:
        profile = Settings.load(settings_file(AppPaths.default())).profile(args.profile)
        key = SecretStore().get(profile.name, KEY_LINK)
        if not key and profile.is_sandbox:
            key = sandbox_config.DEFAULT_LINK_KEY
        if not key:
            print(
                f"Profile {profile.name} has no link-encryption key; give --key-file, set {ENV_LINK_KEY}, "
                "or set it in Settings.",
                file=sys.stderr,
            )
            return 2
    fields = {"email": args.email, "fname": args.fname, "lname": args.lname, "phone": args.phone, "custid": args.custid}
    try:
        token = mem_token.encode_token(fields, key)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(mem_token.express_url(args.dpid, normalize_vin(args.vin), token, sandbox_base=args.sandbox_url))
    return 0


def _add_audit(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("audit-verify", help="check that a profile's access audit log was not edited")
    p.add_argument("--profile", default=None, help="profile whose log to check (default: the active one)")


def run_audit_verify(args: argparse.Namespace) -> int:
    """Exit 0 when the chain is intact, 1 with the first broken entry named, 2 when there is no log."""
    from desktop.config import AppPaths, Settings, settings_file
    from desktop.store.audit import AuditLog, audit_file

    paths = AppPaths.default()
    profile = Settings.load(settings_file(paths)).profile(args.profile)
    path = audit_file(paths.data, profile.name)
    if not path.exists():
        print(f"Profile {profile.name} has no audit log yet ({path}).", file=sys.stderr)
        return 2
    audit = AuditLog(path)
    try:
        check = audit.verify()
    finally:
        audit.close()
    if check.intact:
        print(f"The audit log of {profile.name} is intact: {check.entries:,} entries.")
        return 0
    print(f"The audit log of {profile.name} was tampered with: {check.problem}.", file=sys.stderr)
    return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dealer-desk", description="Dealer Desk, a dealership back office.")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("app", help="start the desktop app (the default)")
    _add_sandbox(sub)
    embedded = sub.add_parser("embedded-services", help="internal: the sandbox + receiver the app starts for itself")
    embedded.add_argument("--data-dir", type=Path, required=True)
    _add_unlock_link(sub)
    _add_audit(sub)
    cli_chaiz.add_parser(sub)
    cli_webhooks.add_parsers(sub)
    return parser


def dispatch(args_list: list[str]) -> int:
    args = build_parser().parse_args(args_list)
    before = set(logging.getLogger().handlers)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in set(logging.getLogger().handlers) - before:  # cron mails stderr: masked like the log file
        handler.addFilter(MaskingFilter())
    if args.command == "sandbox":
        return run_sandbox(args)
    if args.command == "unlock-link":
        return run_unlock_link(args)
    if args.command == "audit-verify":
        return run_audit_verify(args)
    if args.command == "chaiz":
        return cli_chaiz.run(args)
    if args.command in ("webhooks", "sandbox-simulate", "server"):
        return cli_webhooks.run(args)
    if args.command == "embedded-services":
        from desktop.composition import serve_embedded

        return serve_embedded(args.data_dir)
    build_parser().print_help(sys.stderr)  # "app" and no command are started by desktop.cli before this
    return 2
