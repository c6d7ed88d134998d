"""``dealer-desk server``: where the webhook key may come from, and what add-user needs."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from desktop import cli_server
from desktop.cli_commands import build_parser, dispatch


def _args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["server", *argv])


def test_the_key_comes_from_the_environment_or_an_owner_only_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(cli_server.KEY_ENV, raising=False)
    monkeypatch.delenv(cli_server.KEY_FILE_ENV, raising=False)
    assert cli_server.webhook_key(_args()) is None
    monkeypatch.setenv(cli_server.KEY_ENV, "from-env")
    assert cli_server.webhook_key(_args()) == "from-env"
    assert cli_server.webhook_key(_args("--api-key", "from-arg")) == "from-arg"  # the contract's option still works

    monkeypatch.delenv(cli_server.KEY_ENV)
    key_file = tmp_path / "webhook-key"
    key_file.write_text("from-file\n")
    key_file.chmod(0o600)
    monkeypatch.setenv(cli_server.KEY_FILE_ENV, str(key_file))
    assert cli_server.webhook_key(_args()) == "from-file"
    key_file.chmod(0o644)
    with pytest.raises(SystemExit, match=r"can be read by other users.*chmod 600"):
        cli_server.webhook_key(_args())
    key_file.chmod(0o600)
    key_file.write_text("\n")
    with pytest.raises(SystemExit, match="is empty"):  # one reader for every key file: it refuses an empty one too
        cli_server.webhook_key(_args())


def test_add_user_needs_storage_and_a_known_role(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert dispatch(["server", "add-user", "--name", "a", "--role", "agent"]) == 2
    assert "--database URL or --data-dir DIR" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        dispatch(["server", "add-user", "--data-dir", str(tmp_path), "--name", "a", "--role", "boss"])
    assert dispatch(["server", "add-user", "--data-dir", str(tmp_path), "--name", "a", "--role", "agent"]) == 0
    assert dispatch(["server", "add-user", "--data-dir", str(tmp_path), "--name", "a", "--role", "agent"]) == 2
    assert "already exists" in capsys.readouterr().err


def test_the_server_refuses_to_start_without_a_webhook_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(cli_server.KEY_ENV, raising=False)
    monkeypatch.delenv(cli_server.KEY_FILE_ENV, raising=False)
    assert dispatch(["server", "--data-dir", str(tmp_path)]) == 2
    assert cli_server.KEY_ENV in capsys.readouterr().err
