"""A schemathesis run against the server's own OpenAPI: every generated request, valid or not, gets no 5xx."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.server.threaded import TeamServer
from desktop.server.users import add_user

pytestmark = pytest.mark.slow
EXAMPLES = "8"


@pytest.fixture
def open_server(tmp_path: Path) -> Iterator[tuple[TeamServer, str]]:
    """A server whose webhook key is also an admin's token, so one header reaches every route."""
    from desktop.server.db import Database, sqlite_url
    from desktop.server.migrations import migrate

    data = tmp_path / "data"
    db = Database(sqlite_url(data))
    migrate(db)
    _, token = add_user(db, "fuzzer", "admin", [])
    db.dispose()
    # Long-polls that may wait 30 s would take most of the run; the published bound follows the setting.
    server = TeamServer(data, token, max_wait=1.0).start()
    yield server, token
    server.stop()


def test_schemathesis_finds_no_server_error(open_server: tuple[TeamServer, str], tmp_path: Path) -> None:
    server, token = open_server
    report = tmp_path / "report"
    run = subprocess.run(
        [
            str(Path(sys.executable).parent / "schemathesis"),
            "run",
            server.url + "/api/v1/openapi.json",
            "--checks",
            "not_a_server_error",
            "-H",
            f"Authorization: Bearer {token}",
            "--max-examples",
            EXAMPLES,
            "--seed",
            "1642",
            "--workers",
            "2",
            "--request-timeout",
            "60",  # a slow answer on a busy CI machine is not a server error; a 5xx is
            "--mode",
            "all",
            "--phases",
            "examples,coverage,fuzzing",
            "--report",
            "ndjson",
            "--report-dir",
            str(report),
        ],
        cwd=tmp_path,  # schemathesis keeps its example database in the working folder
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-6000:]
    counted = re.search(r"(\d+) generated, (\d+) passed", run.stdout)
    assert counted is not None, run.stdout[-3000:]
    assert int(counted.group(1)) == int(counted.group(2)) > 1000  # every request answered, none with a 5xx
