"""The container installs only the server's dependencies: they must match pyproject.toml and be enough."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONTAINERFILE = ROOT / "packaging" / "server" / "Containerfile"

_BLOCK = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {names}:
            raise ImportError(f"{{name}} is not in the server image")
sys.meta_path.insert(0, Block())
from desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _image_requirements() -> dict[str, str]:
    """The quoted requirement lines of the Containerfile's ``pip install`` (one per line, ending in ``\\``)."""
    specs = re.findall(r'^\s+"([A-Za-z][^"]*)"\s*\\?$', CONTAINERFILE.read_text(), flags=re.MULTILINE)
    return {re.split(r"[\[<>=]", spec)[0].lower(): spec for spec in specs}


def test_the_image_requirements_are_the_projects_own() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    by_name = {re.split(r"[\[<>=]", spec)[0].lower(): spec for spec in project}
    image = _image_requirements()
    assert image, "no requirements found in the Containerfile"
    for name, spec in image.items():
        assert by_name.get(name) == spec, f"{name}: image has {spec!r}, pyproject.toml {by_name.get(name)!r}"


def test_the_server_runs_without_the_desktops_libraries(tmp_path: Path) -> None:
    image = set(_image_requirements())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    absent = {re.split(r"[\[<>=]", spec)[0].lower() for spec in project} - image
    modules = {"pyside6": "PySide6", "pyside6-essentials": "PySide6", "pyside6-addons": "PySide6", "pypdf": "pypdf"}
    blocked = sorted({modules.get(n, n.replace("-", "_")) for n in absent} | {"shiboken6"})
    assert "PySide6" in blocked and "keyring" in blocked
    script = _BLOCK.format(names=repr(set(blocked)))
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "server",
            "add-user",
            "--data-dir",
            str(tmp_path),
            "--name",
            "a",
            "--role",
            "admin",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip().splitlines()[-1].startswith("ddt_")
