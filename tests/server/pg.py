"""A real PostgreSQL server for the tests and the benchmark, started from this machine's binaries.

``initdb`` and ``pg_ctl`` are looked for on PATH and in ``/usr/lib/postgresql/*/bin``; on a machine without them
and running as root (CI), Debian's ``postgresql`` package is installed. PostgreSQL refuses to run as root, so
there the cluster belongs to the ``postgres`` user (or ``nobody``) and is run through ``runuser``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg


def _find_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def _install() -> None:
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise RuntimeError(
            "PostgreSQL's server binaries (initdb, pg_ctl) are not installed and this user cannot install them: "
            "run `sudo apt-get install -y postgresql` (or put its bin folder on PATH)."
        )
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    cmd = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "postgresql"]
    if subprocess.run(cmd, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, check=True, capture_output=True)
        subprocess.run(cmd, env=env, check=True, capture_output=True)


def server_bin() -> Path:
    """The folder of ``initdb`` and ``pg_ctl``, installing PostgreSQL first when it is missing."""
    found = _find_bin()
    if found is None:
        _install()
        found = _find_bin()
    if found is None:
        raise RuntimeError("PostgreSQL was installed but initdb/pg_ctl were not found.")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresCluster:
    """One throw-away cluster on a loopback port; ``database()`` makes a fresh empty database per use."""

    def __init__(self, fsync: bool = False) -> None:
        self.bin = server_bin()
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="dealer-desk-pg-"))
        self.data = self.root / "data"
        self._as: list[str] = []
        if os.geteuid() == 0:
            owner = "postgres" if _user_exists("postgres") else "nobody"
            info = pwd.getpwnam(owner)
            self.root.chmod(0o755)
            self.data.mkdir(mode=0o700)
            os.chown(self.data, info.pw_uid, info.pw_gid)
            self._as = ["runuser", "-u", owner, "--"]
        else:
            self.data.mkdir(mode=0o700)
        self._run("initdb", "-D", str(self.data), "-U", "dealerdesk", "--auth=trust", "-E", "UTF8", "--no-sync")
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300"
        if not fsync:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.data / "log.txt"), "-w", "start")

    def _run(self, tool: str, *args: str) -> None:
        result = subprocess.run([*self._as, str(self.bin / tool), *args], capture_output=True, text=True, cwd="/")
        if result.returncode != 0:
            raise RuntimeError(f"{tool} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")

    @property
    def admin_url(self) -> str:
        return f"postgresql://dealerdesk@127.0.0.1:{self.port}/postgres"

    def database(self) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # a generated name, never user input
        return f"postgresql://dealerdesk@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
