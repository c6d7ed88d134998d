"""``dealer-desk chaiz register`` against a real sandbox: summary, exit codes, the local cache across runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.api.chaiz import paths
from desktop.cli import main
from desktop.cli_chaiz import ENV_CHAIZ_TOKEN, ENV_ROADSTER_KEY
from desktop.sandbox.config import SandboxConfig
from desktop.sandbox.server import SandboxServer
from tests.conftest import admin


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    config = SandboxConfig(data_dir=tmp_path / "sandbox", inventory_size=24, chaiz_latency=0.2)
    started = SandboxServer(config).start()
    yield started
    started.stop()


def _key_file(folder: Path, name: str, value: str) -> str:
    path = folder / name
    path.write_text(value + "\n")
    path.chmod(0o600)
    return str(path)


def _args(server: SandboxServer, *extra: str) -> list[str]:
    keys = server.config.data_dir.parent
    return [
        "chaiz",
        "register",
        "--dpid",
        "umazda",
        "--roadster-url",
        server.url + "/v1",
        "--api-key-file",
        _key_file(keys, "roadster.key", server.config.api_key),
        "--chaiz-url",
        server.url,
        "--chaiz-token-file",
        _key_file(keys, "chaiz.token", server.config.chaiz_token),
        *extra,
    ]


def test_register_then_rerun_finds_everything_cached(server: SandboxServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_args(server, "--concurrency", "5")) == 0
    first = capsys.readouterr()
    assert "failed" in first.out and " 0 failed" in first.out
    assert server.config.chaiz_token not in first.out + first.err
    registered = int(first.out.split("): ")[1].split(" registered")[0])
    assert registered > 0

    assert main(_args(server, "--only-new")) == 0
    second = capsys.readouterr().out
    assert "0 registered" in second and f"{registered} already cached" in second


def test_a_failed_vehicle_makes_a_non_zero_exit_with_the_reason(
    server: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    admin(server, "POST", "/faults", json={"path_prefix": paths.VEHICLE_REGISTRATION, "status": 400, "count": 1})
    assert main(_args(server)) == 1
    out = capsys.readouterr().out
    assert "1 failed" in out
    assert "  failed " in out and "400" in out


def test_bad_concurrency_and_missing_key_are_refused(server: SandboxServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_args(server, "--concurrency", "20")) == 2
    assert "between 5 and 10" in capsys.readouterr().err
    args = ["chaiz", "register", "--dpid", "umazda", "--chaiz-url", server.url, "--profile", "Production"]
    assert main(args) == 2
    assert "No Roadster API key" in capsys.readouterr().err


def test_keys_on_the_command_line_are_refused_and_the_environment_works(
    server: SandboxServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    base = ["chaiz", "register", "--dpid", "umazda", "--roadster-url", server.url + "/v1", "--chaiz-url", server.url]
    assert main([*base, "--api-key", server.config.api_key]) == 2
    err = capsys.readouterr().err
    assert "--api-key-file" in err and ENV_ROADSTER_KEY in err and server.config.api_key not in err
    assert main([*base, "--chaiz-token", server.config.chaiz_token]) == 2
    assert "--chaiz-token-file" in capsys.readouterr().err
    loose = Path(_key_file(server.config.data_dir.parent, "loose.key", server.config.api_key))
    loose.chmod(0o644)
    assert main([*base, "--api-key-file", str(loose)]) == 2
    assert "chmod 600" in capsys.readouterr().err
    monkeypatch.setenv(ENV_ROADSTER_KEY, server.config.api_key)
    monkeypatch.setenv(ENV_CHAIZ_TOKEN, server.config.chaiz_token)
    assert main(base) == 0
    assert " 0 failed" in capsys.readouterr().out


def test_only_new_retries_a_failed_vehicle_and_fails_while_it_still_fails(
    server: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    admin(server, "POST", "/faults", json={"path_prefix": paths.VEHICLE_REGISTRATION, "status": 400, "count": 1})
    assert main(_args(server)) == 1
    failed_vin = capsys.readouterr().out.split("  failed ")[1].split(":")[0]
    admin(server, "POST", "/faults", json={"path_prefix": paths.VEHICLE_REGISTRATION, "status": 400, "count": 1})
    assert main(_args(server, "--only-new")) == 1, "the retry failed again: cron must see it"
    assert f"  failed {failed_vin}" in capsys.readouterr().out
    assert main(_args(server, "--only-new")) == 0
    out = capsys.readouterr().out
    assert "1 registered" in out and " 0 failed" in out
