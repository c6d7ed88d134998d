"""``dealer-desk``: without a sub-command it starts the desktop app on the active profile.

Kept tiny on purpose: starting the app must not pay for importing every sub-command (FastAPI, httpx, argparse
tables); those live in :mod:`desktop.cli_commands` and load only when a sub-command is asked for.
"""

from __future__ import annotations

import importlib
import sys


def run_app(argv: list[str]) -> int:
    from desktop.platform_check import library_problem, problems

    found = problems()
    if not found:
        try:
            app = importlib.import_module("desktop.ui.app")
        except ImportError as exc:  # Qt's own libraries load, a system library they need does not
            found = [library_problem() or f"Qt could not be loaded: {exc}"]
    if found:
        print("Dealer Desk cannot open its window here:\n", file=sys.stderr)
        print("\n\n".join(found), file=sys.stderr)
        return 2
    from desktop.composition import connect, open_deal_store

    code: int = app.run(argv, connect, open_deal_store)
    return code


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    if not args_list or args_list[0] == "app":
        return run_app([sys.argv[0]])
    if args_list[0] == "doc-worker":  # the frozen app's document worker process (desktop/services/doc_worker)
        from desktop.services.doc_worker.child import main as worker_main

        return worker_main(args_list[1:])
    from desktop.cli_commands import dispatch

    return dispatch(args_list)


if __name__ == "__main__":
    sys.exit(main())
