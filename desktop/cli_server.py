"""``dealer-desk server`` (the team server), ``dealer-desk server add-user`` and ``... verify-audit``.

The database URL may come from ``DEALER_DESK_DATABASE`` (its password then stays out of ``ps``). The Roadster
webhook key is read from ``DEALER_DESK_WEBHOOK_KEY``, or from the owner-only file named by
``--api-key-file`` / ``DEALER_DESK_WEBHOOK_KEY_FILE``; ``--api-key`` still works but puts the key where ``ps``
shows it, so the environment or the file is the way for a service.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.webhooks import defaults

if TYPE_CHECKING:
    from desktop.server.db import Database

DATABASE_ENV = "DEALER_DESK_DATABASE"  # a PostgreSQL URL carries its password: keep it off the command line
KEY_ENV = "DEALER_DESK_WEBHOOK_KEY"
KEY_FILE_ENV = "DEALER_DESK_WEBHOOK_KEY_FILE"
ROLES = ("agent", "finance", "documents", "admin")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    server = sub.add_parser("server", help="the team server: customer events, shared deals, users")
    _add_storage(server)
    server.add_argument("--host", default=defaults.DEFAULT_HOST)
    server.add_argument("--port", type=int, default=defaults.DEFAULT_PORT)
    server.add_argument(
        "--api-key",
        default=None,
        help=f"the Roadster webhook key (prefer ${KEY_ENV} or --api-key-file: arguments show in ps)",
    )
    server.add_argument("--api-key-file", type=Path, default=None, help="an owner-only file holding the webhook key")
    server.add_argument("--key-file", type=Path, default=None, help="the key that seals personal data at rest")
    server.add_argument("--certfile", type=Path, default=None, help="serve HTTPS with this certificate (PEM)")
    server.add_argument("--keyfile", type=Path, default=None, help="the certificate's private key (PEM)")
    server.add_argument(
        "--retention-days",
        type=float,
        default=None,
        help="delete events and register entries older than this (default 730; 0 keeps everything)",
    )
    server_sub = server.add_subparsers(dest="server_command")
    add_user = server_sub.add_parser("add-user", help="add a user and print their token once")
    _add_storage(add_user)
    add_user.add_argument("--name", required=True)
    add_user.add_argument("--role", required=True, choices=ROLES)
    add_user.add_argument("--rooftop", action="append", default=[], metavar="DPID", help="repeat for each rooftop")
    verify = server_sub.add_parser("verify-audit", help="walk the audit log's hash chain; exit 1 when it is broken")
    _add_storage(verify)


def _add_storage(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        default=os.environ.get(DATABASE_ENV) or None,
        help=f"postgresql://... (default: ${DATABASE_ENV}, else a SQLite file in the data dir)",
    )
    parser.add_argument("--data-dir", type=Path, default=None, help="default: the app's data folder / server")


def _data_dir(args: argparse.Namespace) -> Path:
    if args.data_dir is not None:
        return Path(args.data_dir)
    from desktop.config import AppPaths

    return AppPaths.default().data / "server"


def webhook_key(args: argparse.Namespace) -> str | None:
    """The webhook key from the argument, the environment, or a key file -- in that order.

    The file is read as every other command's key file is (:func:`desktop.secrets.read_key_file`): only a regular
    file of the caller's own that no one else can read, and not empty.
    """
    if args.api_key:
        return str(args.api_key)
    if os.environ.get(KEY_ENV):
        return os.environ[KEY_ENV]
    path = args.api_key_file or (Path(os.environ[KEY_FILE_ENV]) if os.environ.get(KEY_FILE_ENV) else None)
    if path is None:
        return None
    from desktop.secrets import KeyFileRefused, read_key_file

    try:
        return read_key_file(Path(path))
    except KeyFileRefused as exc:  # the message names the file and the fix, never the key
        raise SystemExit(str(exc)) from None


def _storage(args: argparse.Namespace, command: str) -> Database | None:
    """The server's database for an admin command (migrated), or None after saying what is missing."""
    if args.database is None and args.data_dir is None:
        print(f"{command} needs --database URL or --data-dir DIR (the server's storage).", file=sys.stderr)
        return None
    from desktop.server.db import Database, sqlite_url
    from desktop.server.migrations import migrate

    db = Database(args.database or sqlite_url(_data_dir(args)))
    migrate(db)
    return db


def run_verify_audit(args: argparse.Namespace) -> int:
    db = _storage(args, "verify-audit")
    if db is None:
        return 2
    from desktop.server.audit import verify

    try:
        check = verify(db)
    finally:
        db.dispose()
    if check.intact:
        print(f"The audit log is intact: {check.entries} entries, each following the one before.")
        return 0
    print(f"The audit log was altered: {check.reason}. Restore it from a backup and find out who.", file=sys.stderr)
    return 1


def run_add_user(args: argparse.Namespace) -> int:
    db = _storage(args, "add-user")
    if db is None:
        return 2
    from desktop.server.users import UserProblem, add_user

    try:
        user, token = add_user(db, args.name, args.role, list(args.rooftop))
    except UserProblem as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        db.dispose()
    rooftops = ", ".join(sorted(user.rooftops)) or ("any" if user.role in ("agent", "admin") else "none")
    print(f"Added {user.name} ({user.role}; rooftops: {rooftops}). Their token, shown only now:")
    print(token)
    return 0


def run_server(args: argparse.Namespace) -> int:
    if getattr(args, "server_command", None) == "add-user":
        return run_add_user(args)
    if getattr(args, "server_command", None) == "verify-audit":
        return run_verify_audit(args)
    key = webhook_key(args)
    if not key:
        print(
            f"The server needs the Roadster webhook key: set {KEY_ENV}, or {KEY_FILE_ENV} / --api-key-file "
            "naming an owner-only file.",
            file=sys.stderr,
        )
        return 2
    if args.keyfile is not None and args.certfile is None:
        print("--keyfile needs --certfile.", file=sys.stderr)
        return 2
    from desktop.server.app import create_app
    from desktop.server.context import DEFAULT_RETENTION_DAYS, open_services
    from desktop.server.crypto import KeyProblem
    from desktop.server.serve import serve_forever

    data_dir = _data_dir(args)
    # On PostgreSQL no file but the key lives in a data dir: the processes of one user on one machine share the
    # default key whatever --data-dir each was given (a process on another machine needs the key file copied).
    key_dir = None
    if args.database:
        from desktop.config import AppPaths

        key_dir = AppPaths.default().data / "server"
    retention = DEFAULT_RETENTION_DAYS if args.retention_days is None else (args.retention_days or None)
    try:
        services = open_services(data_dir, key, args.database, args.key_file, retention, key_dir)
    except KeyProblem as exc:
        print(str(exc), file=sys.stderr)
        return 2
    where = "PostgreSQL" if services.db.is_postgresql else f"{data_dir}"
    scheme = "https" if args.certfile else "http"
    print(f"Dealer Desk team server: data in {where}", file=sys.stderr)
    print(f"  {scheme}://{args.host}:{args.port}/api/v1/docs  (events: POST /roadster/events)", file=sys.stderr)
    services.start_retention()
    try:
        serve_forever(create_app(services), args.host, args.port, args.certfile, args.keyfile)
    finally:
        services.close()
    return 0
