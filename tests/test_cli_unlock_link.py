"""``dealer-desk unlock-link``: the express URL with a token the sandbox's key decodes."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from desktop import cli
from desktop.api import mem_token
from desktop.cli_commands import ENV_LINK_KEY
from desktop.config import KEY_LINK, PRODUCTION, AppPaths, Settings, settings_file
from desktop.sandbox.config import DEFAULT_LINK_KEY
from desktop.secrets import SecretStore

ARGS = ["unlock-link", "--dpid", "umazda", "--vin", "jm1ndam77k0306400", "--email", "a@example.com", "--fname", "Ann"]


def token_of(out: str) -> str:
    return parse_qs(urlsplit(out.strip()).query)["mem"][0]


def test_sandbox_profile_uses_the_sandbox_link_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(ARGS) == 0
    out = capsys.readouterr().out
    assert out.startswith("https://express.umazda.com/JM1NDAM77K0306400?mem=")
    assert mem_token.decode_token(token_of(out), DEFAULT_LINK_KEY) == {"email": "a@example.com", "fname": "Ann"}


def test_key_from_the_keyring_profile(capsys: pytest.CaptureFixture[str]) -> None:
    SecretStore().set(PRODUCTION, KEY_LINK, "0123456789abcdef0123456789abcdef")
    assert cli.main([*ARGS, "--profile", PRODUCTION]) == 0
    token = token_of(capsys.readouterr().out)
    assert mem_token.decode_token(token, "0123456789abcdef0123456789abcdef")["email"] == "a@example.com"


def test_key_from_an_owner_only_file_or_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = tmp_path / "link.key"
    key_file.write_text("k2\n")
    key_file.chmod(0o600)
    assert cli.main([*ARGS, "--key-file", str(key_file), "--sandbox-url", "http://127.0.0.1:8765/v1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("http://127.0.0.1:8765/v1/express/JM1NDAM77K0306400?mem=") and "&dpid=umazda" in out
    assert mem_token.decode_token(token_of(out), "k2")["fname"] == "Ann"
    key_file.chmod(0o644)
    assert cli.main([*ARGS, "--key-file", str(key_file)]) == 2
    assert "chmod 600" in capsys.readouterr().err
    monkeypatch.setenv(ENV_LINK_KEY, "k3")
    assert cli.main(ARGS) == 0
    assert mem_token.decode_token(token_of(capsys.readouterr().out), "k3")["fname"] == "Ann"


def test_a_key_on_the_command_line_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([*ARGS, "--key", "k2"]) == 2
    err = capsys.readouterr().err
    assert "--key-file" in err and ENV_LINK_KEY in err


def test_missing_key_and_bad_vin_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings()
    settings.active = PRODUCTION
    settings.save(settings_file(AppPaths.default()))
    assert cli.main(ARGS) == 2
    assert "no link-encryption key" in capsys.readouterr().err
    assert cli.main(["unlock-link", "--dpid", "d", "--vin", "123", "--email", "a@example.com"]) == 2
    assert "--vin" in capsys.readouterr().err
