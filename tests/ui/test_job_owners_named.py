"""Every job whose callbacks are lambdas or closures names the widget they touch (``owner=``).

The runner finds a job's owners alone only among callbacks that are methods of a QObject. A lambda or closure over a
tab or dialog is invisible to it: closed while the job runs, the tab would still be called and a deleted Qt object
touched ("Signal source has been deleted", "Internal C++ object already deleted"). This reads the source of
``desktop/ui`` and fails on a submission that hides its owner so.

Left out: the window's own jobs (``main_window``, ``window_profile``: the window outlives them).
"""

from __future__ import annotations

import ast
from pathlib import Path

import desktop.ui

UI = Path(desktop.ui.__file__).parent
EXEMPT = ("main_window.py", "window_profile.py")
CALLBACK_KEYWORDS = ("on_success", "on_error", "on_progress")


def _found_alone(node: ast.expr) -> bool:
    """A callback the runner ties to its owner itself: none, a method (``self.x._on_y``) or a partial of one."""
    if isinstance(node, ast.Constant) and node.value is None:
        return True
    if isinstance(node, ast.Attribute):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "partial" and node.args:
        return isinstance(node.args[0], ast.Attribute)
    return False


def hidden_owners(source: str, name: str) -> list[str]:
    """``file:line`` of each ``submit``/``submit_job`` with a lambda or closure callback and no ``owner=``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in ("submit", "submit_job"):
            continue
        callbacks = list(node.args[1:3]) + [k.value for k in node.keywords if k.arg in CALLBACK_KEYWORDS]
        named = any(k.arg == "owner" for k in node.keywords)
        if not named and not all(_found_alone(c) for c in callbacks):
            found.append(f"{name}:{node.lineno}")
    return found


def test_the_rule_sees_a_lambda_callback_without_its_owner() -> None:
    source = (
        "runner.submit(work, lambda r: self.show(r), self._on_failed)\n"
        "runner.submit(work, lambda r: self.show(r), owner=self)\n"
        "runner.submit_job(work, self._on_done, on_progress=step)\n"
        "runner.submit(work, self._on_done, partial(self._on_failed, 1))\n"
    )
    assert hidden_owners(source, "x.py") == ["x.py:1", "x.py:3"]


def test_every_closure_callback_in_the_ui_names_its_owner() -> None:
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        relative = path.relative_to(UI).as_posix()
        if any(relative == e or relative.startswith(e) for e in EXEMPT):
            continue
        offenders += hidden_owners(path.read_text(encoding="utf-8"), relative)
    assert offenders == []
