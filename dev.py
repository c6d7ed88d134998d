#!/usr/bin/env python3
"""The two set-up-and-go commands of README, for a fresh machine that has only python3 (3.11+).

    python3 dev.py app      make .venv if needed, install, start Dealer Desk on the built-in sandbox
    python3 dev.py test     make .venv if needed, install with test extras, run every check and test
    python3 dev.py package  install the package extra (PyInstaller), build dist/dealer-desk/, smoke-test it

Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("DEALER_DESK_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def _say(text: str) -> None:
    print(f"[dev] {text}", flush=True)


def ensure_venv(extras: str) -> None:
    """Create .venv and (re)install the project when pyproject.toml changed since the last install."""
    if sys.version_info < (3, 11):
        sys.exit(f"Dealer Desk needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not PY.exists():
        _say(f"creating {VENV}")
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        except Exception as exc:  # Debian ships venv without ensurepip
            sys.exit(
                f"Could not create the virtual environment ({exc}).\n"
                "On Debian/Ubuntu install venv support first:\n    sudo apt-get install -y python3-venv"
            )
    stamp = VENV / f".installed-{extras or 'app'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    _say(f"installing {target} into {VENV} (first time takes a minute)")
    subprocess.run([str(PY), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([str(PY), "-m", "pip", "install", "-q", "-e", target], check=True)
    stamp.write_text(digest)


def run(cmd: list[str], env: dict[str, str] | None = None) -> int:
    _say(" ".join(cmd))
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode


def app(args: list[str]) -> int:
    ensure_venv("")
    return run([str(BIN / "dealer-desk"), *args])


def test(args: list[str]) -> int:
    ensure_venv("test")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    steps = [
        [str(BIN / "ruff"), "check", "."],
        [str(BIN / "ruff"), "format", "--check", "."],
        [str(BIN / "mypy")],
        [str(BIN / "lint-imports")],
        [str(PY), "-m", "pytest", *args],
    ]
    failed = [Path(step[0]).name for step in steps if run(step, env) != 0]
    if failed:
        _say(f"FAILED: {', '.join(failed)}")
        return 1
    _say("all checks passed")
    return 0


def package(args: list[str]) -> int:
    """One-folder PyInstaller build of this OS into dist/dealer-desk/, then the smoke test on it."""
    ensure_venv("package")
    started = time.monotonic()
    build = [str(BIN / "pyinstaller"), "--noconfirm", "--log-level", "WARN", "--distpath", "dist"]
    build += ["--workpath", str(Path("build") / "pyinstaller"), str(Path("packaging") / "dealer-desk.spec"), *args]
    if run(build) != 0:
        _say("FAILED: pyinstaller")
        return 1
    folder = ROOT / "dist" / "dealer-desk"
    size = sum(os.lstat(Path(d) / f).st_size for d, _dirs, files in os.walk(folder) for f in files)  # as du does
    _say(f"built {folder} ({size / 1e6:.0f} MB) in {time.monotonic() - started:.0f} s")
    if run([str(PY), str(Path("packaging") / "smoke_test.py")]) != 0:
        _say("FAILED: smoke test")
        return 1
    return 0


COMMANDS = {"app": app, "test": test, "package": package}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        return 2
    return COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
