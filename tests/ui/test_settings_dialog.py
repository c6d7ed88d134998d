"""Settings: keys go to the keyring (never the settings file), and Test connection answers in a sentence."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.config import (
    KEY_CHAIZ,
    KEY_ROADSTER,
    KEY_TEAM_TOKEN,
    KEY_WEBHOOK,
    AppPaths,
    Profile,
    Settings,
    settings_file,
)
from desktop.sandbox.server import SandboxServer
from desktop.secrets import SecretStore
from desktop.ui.dialogs.settings import SettingsDialog
from desktop.ui.tasks import TaskRunner
from tests.conftest import MemoryKeyring
from tests.ui.test_wheel_guard import notch


def make_dialog(qtbot: QtBot, runner: TaskRunner, settings: Settings, store: SecretStore) -> SettingsDialog:
    dialog = SettingsDialog(settings, store, runner)
    qtbot.addWidget(dialog)
    return dialog


def test_keys_are_saved_to_the_keyring_only(
    qtbot: QtBot, runner: TaskRunner, memory_keyring: MemoryKeyring, app_home: Path
) -> None:
    settings = Settings()
    store = SecretStore()
    dialog = make_dialog(qtbot, runner, settings, store)
    dialog.profiles.setCurrentText("Production")
    dialog.key_edits[KEY_ROADSTER].setText("prod-key-abcdef")
    dialog.key_edits[KEY_CHAIZ].setText("chaiz-token-xyz")
    dialog._on_save()
    assert runner.wait_idle(10_000)
    qtbot.waitUntil(lambda: store.get("Production", KEY_ROADSTER) == "prod-key-abcdef", timeout=5000)
    assert store.get("Production", KEY_CHAIZ) == "chaiz-token-xyz"
    settings.save(settings_file(AppPaths.default()))
    for f in app_home.rglob("*"):
        if f.is_file():
            assert b"prod-key-abcdef" not in f.read_bytes()


def test_test_connection_against_a_server(qtbot: QtBot, runner: TaskRunner, sandbox: SandboxServer) -> None:
    settings = Settings(profiles=[Profile("Sandbox", "sandbox", "", ""), Profile("Staging", "remote", "x", "y")])
    dialog = make_dialog(qtbot, runner, settings, SecretStore())
    dialog.profiles.setCurrentText("Staging")
    dialog.roadster_url.setText(sandbox.url + "/v1")
    dialog.key_edits[KEY_ROADSTER].setText(sandbox.config.api_key)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "Roadster: connected" in dialog.test_result.text(), timeout=10_000)
    assert "dealer(s)" in dialog.test_result.text()
    assert "Chaiz: no Chaiz token yet" in dialog.test_result.text()
    dialog.key_edits[KEY_ROADSTER].setText("wrong-key-123")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "refused the key" in dialog.test_result.text(), timeout=10_000)
    assert "wrong-key-123" not in dialog.test_result.text()


def test_test_connection_checks_roadster_chaiz_and_events_each(
    qtbot: QtBot, runner: TaskRunner, sandbox: SandboxServer, tmp_path: Path
) -> None:
    from desktop.webhooks.server import WebhookServer

    receiver = WebhookServer(tmp_path / "hooks", api_key="hook-key").start()
    try:
        settings = Settings(profiles=[Profile("Sandbox", "sandbox", "", ""), Profile("Staging", "remote", "x", "y")])
        dialog = make_dialog(qtbot, runner, settings, SecretStore())
        dialog.profiles.setCurrentText("Staging")
        dialog.roadster_url.setText(sandbox.url + "/v1")
        dialog.key_edits[KEY_ROADSTER].setText(sandbox.config.api_key)
        dialog.chaiz_url.setText(sandbox.url)
        dialog.key_edits[KEY_CHAIZ].setText("wrong-chaiz-token")
        dialog.events_url.setText(receiver.url)
        dialog.key_edits[KEY_WEBHOOK].setText("hook-key")
        dialog.test_button.click()
        qtbot.waitUntil(lambda: "Events:" in dialog.test_result.text(), timeout=15_000)
        lines = dialog.test_result.text().splitlines()
        assert lines[0].startswith("✓ Roadster: connected")
        assert lines[1].startswith("✗ Chaiz:") and "refused the key" in lines[1]
        assert lines[2] == "✓ Events: the receiver answers and accepts the key."
        dialog.key_edits[KEY_CHAIZ].setText(sandbox.config.chaiz_token)
        dialog.key_edits[KEY_WEBHOOK].setText("not-the-hook-key")
        dialog.test_button.click()
        qtbot.waitUntil(lambda: "✓ Chaiz: connected" in dialog.test_result.text(), timeout=15_000)
        assert "✗ Events:" in dialog.test_result.text()
        assert "not-the-hook-key" not in dialog.test_result.text()
    finally:
        runner.wait_idle(10_000)
        receiver.stop()


def test_missing_key_is_named(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = make_dialog(qtbot, runner, Settings(), SecretStore())
    dialog.profiles.setCurrentText("Production")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "Roadster API key" in dialog.test_result.text(), timeout=10_000)


def test_bad_url_is_refused_at_the_field(qtbot: QtBot, runner: TaskRunner) -> None:
    settings = Settings()
    dialog = make_dialog(qtbot, runner, settings, SecretStore())
    dialog.profiles.setCurrentText("Production")
    dialog.roadster_url.setText("api.roadster.com")
    dialog._on_save()
    assert "Roadster base URL" in dialog.test_result.text()
    assert settings.profile("Production").roadster_url.startswith("https://")


def test_memory_only_notice_is_shown(qtbot: QtBot, runner: TaskRunner) -> None:
    from keyring.backends import fail

    dialog = make_dialog(qtbot, runner, Settings(), SecretStore(fail.Keyring()))
    assert not dialog.notice.isHidden() and "memory" in dialog.notice.text()


def test_retention_is_set_in_settings_with_its_default_shown(qtbot: QtBot, runner: TaskRunner) -> None:
    settings = Settings()
    dialog = make_dialog(qtbot, runner, settings, SecretStore())
    assert dialog.retention.value() == 400 and "default 400 days" in dialog.retention.toolTip()
    shown = dialog.profiles.currentText()
    notch(dialog.retention)  # a notch passing over the boxes changes neither (the dialog is not scrolled)
    notch(dialog.profiles)
    assert dialog.retention.value() == 400 and dialog.profiles.currentText() == shown
    dialog.retention.setValue(180)
    dialog._on_save()
    assert settings.retention_days == 180


def test_team_server_url_and_token(
    qtbot: QtBot, runner: TaskRunner, sandbox: SandboxServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    from desktop.server.db import sqlite_url
    from desktop.server.threaded import TeamServer
    from desktop.server.users import add_user

    team = TeamServer(tmp_path / "team", "webhook-key-for-this-test", sqlite_url(tmp_path / "team")).start()
    try:
        assert team.services is not None
        _, token = add_user(team.services.db, "Judy", "agent", ["hyundai-demo"])
        settings = Settings(profiles=[Profile("Sandbox", "sandbox", "", ""), Profile("Staging", "remote", "x", "y")])
        store = SecretStore()
        dialog = make_dialog(qtbot, runner, settings, store)
        dialog.profiles.setCurrentText("Staging")
        dialog.roadster_url.setText(sandbox.url + "/v1")
        dialog.key_edits[KEY_ROADSTER].setText(sandbox.config.api_key)
        dialog.chaiz_url.setText(sandbox.url)
        dialog.team_url.setText("ftp://nope")
        dialog._on_save()
        assert dialog.test_result.text().startswith("Team server URL:") and settings.profiles[1].team_url == ""
        dialog.team_url.setText(team.url)
        dialog.key_edits[KEY_TEAM_TOKEN].setText("not-the-token")
        dialog.test_button.click()
        qtbot.waitUntil(lambda: "Team server" in dialog.test_result.text(), timeout=10_000)
        assert "token works" not in dialog.test_result.text()
        dialog.key_edits[KEY_TEAM_TOKEN].setText(token)
        dialog.test_button.click()
        qtbot.waitUntil(lambda: "token works" in dialog.test_result.text(), timeout=10_000)
        dialog._on_save()
        assert runner.wait_idle(10_000)
        assert settings.profiles[1].team_url == team.url and store.get("Staging", KEY_TEAM_TOKEN) == token
    finally:
        team.stop()


def test_nothing_in_the_dialog_is_cut_at_its_own_size(qtbot: QtBot, runner: TaskRunner, app_home: Path) -> None:
    """At the size it opens with, every address and hint shows whole, read from its start."""
    from PySide6.QtWidgets import QLineEdit

    from tests.ui.layout_check import cut_off

    dialog = make_dialog(qtbot, runner, Settings(), SecretStore())
    dialog.adjustSize()
    dialog.show()
    qtbot.waitExposed(dialog)
    for profile in ("Sandbox", "Production"):
        dialog.profiles.setCurrentText(profile)
        assert cut_off(dialog) == []
        for edit in dialog.findChildren(QLineEdit):
            if edit.isVisible() and edit.parent() is not dialog.profiles:
                shown = edit.text() or edit.placeholderText()
                room = edit.contentsRect().width() - 8  # the line edit's own text margins
                assert edit.fontMetrics().horizontalAdvance(shown) <= room, (profile, edit.objectName(), shown)
                assert edit.cursorPosition() == 0 or not edit.text()
