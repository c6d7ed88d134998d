"""Settings: profiles (which servers) and their keys (kept in the OS keyring, never in the settings file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.config import (
    DEFAULT_RETENTION_DAYS,
    KEY_CHAIZ,
    KEY_ROADSTER,
    KEY_TEAM_TOKEN,
    KEY_WEBHOOK,
    MAX_RETENTION_DAYS,
    MIN_RETENTION_DAYS,
    SECRET_NAMES,
    Profile,
    Settings,
)
from desktop.ui.errors import sentence
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.wheel_guard import ComboBox, SpinBox

if TYPE_CHECKING:
    from desktop.secrets import SecretStore


class SettingsDialog(QDialog):
    profile_activated = Signal(str)

    def __init__(
        self,
        settings: Settings,
        secrets: SecretStore,
        runner: TaskRunner,
        sandbox_check: object = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings — Dealer Desk")
        self.settings = settings
        self.secrets = secrets
        self.runner = runner
        self.sandbox_check = sandbox_check  # callable returning a sentence, for the running sandbox
        self._test_job = 0

        self.profiles = ComboBox(self)
        self.profiles.setObjectName("profileCombo")
        add = QPushButton("Add profile…", self)
        add.clicked.connect(self._on_add_profile)
        self.roadster_url = QLineEdit(self)
        self.chaiz_url = QLineEdit(self)
        self.events_url = QLineEdit(self)
        self.events_url.setPlaceholderText("your webhook receiver, e.g. http://10.0.0.5:8766 (optional)")
        self.team_url = QLineEdit(self)
        self.team_url.setObjectName("teamUrl")
        self.team_url.setPlaceholderText("your team server, e.g. https://desk.example-dealer.com (optional)")
        self.team_url.setToolTip(
            "Deals are shared through this server (dealer-desk server); your token from add-user goes below."
        )
        self.key_edits: dict[str, QLineEdit] = {}
        keys = QGroupBox("Keys (stored in the OS keyring)", self)
        key_form = QFormLayout(keys)
        for name, label in SECRET_NAMES.items():
            edit = QLineEdit(self)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setObjectName(f"key_{name}")
            edit.setPlaceholderText("not set")
            self.key_edits[name] = edit
            key_form.addRow(label, edit)
        self.backend = QLabel(f"Keyring: {secrets.backend_name}", self)
        self.notice = QLabel(secrets.notice, self)
        self.notice.setObjectName("keyringNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(bool(secrets.notice))
        self.test_button = QPushButton("Test connection", self)
        self.test_result = QLabel(self)
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        self.test_button.clicked.connect(self._on_test)

        top = QHBoxLayout()
        top.addWidget(self.profiles, 1)
        top.addWidget(add)
        form = QFormLayout()
        form.addRow("Profile", top)
        form.addRow("Roadster base URL", self.roadster_url)
        form.addRow("Chaiz base URL", self.chaiz_url)
        form.addRow("Events receiver URL", self.events_url)
        form.addRow("Team server URL", self.team_url)
        self.retention = SpinBox(self)
        self.retention.setRange(MIN_RETENTION_DAYS, MAX_RETENTION_DAYS)
        self.retention.setSuffix(" days")
        self.retention.setValue(settings.retention_days)
        self.retention.setToolTip(
            "Customer events and customers not updated for this long are deleted from this computer "
            f"(default {DEFAULT_RETENTION_DAYS} days). The audit log is kept."
        )
        form.addRow("Keep customer data for", self.retention)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.use_button = buttons.addButton("Save and use this profile", QDialogButtonBox.ButtonRole.ApplyRole)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        self.use_button.clicked.connect(self._on_use)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(keys)
        layout.addWidget(self.backend)
        layout.addWidget(self.notice)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        layout.addLayout(test_row)
        layout.addWidget(buttons)

        # Wide enough for the longest hint and address a field shows: nothing in the dialog is cut to "…".
        urls = (self.roadster_url, self.chaiz_url, self.events_url, self.team_url)
        hints = [w.placeholderText() for w in urls] + ["embedded sandbox (started by the app)"]
        hints += ["sandbox keys are built in (see README)", "stored — type to replace"]
        room = max(self.fontMetrics().horizontalAdvance(text) for text in hints) + 24  # the edit's frame and margins
        for edit in (*urls, *self.key_edits.values()):
            edit.setMinimumWidth(room)

        for p in settings.profiles:
            self.profiles.addItem(p.name)
        self.profiles.currentTextChanged.connect(self._on_profile_changed)
        self.profiles.setCurrentText(settings.active)
        self._on_profile_changed(self.profiles.currentText())

    def current(self) -> Profile:
        return self.settings.profile(self.profiles.currentText())

    def _on_profile_changed(self, name: str) -> None:
        profile = self.settings.profile(name)
        sandbox = profile.is_sandbox
        self.roadster_url.setText("embedded sandbox (started by the app)" if sandbox else profile.roadster_url)
        self.chaiz_url.setText("embedded sandbox" if sandbox else profile.chaiz_url)
        self.events_url.setText("embedded receiver" if sandbox else profile.events_url)
        self.team_url.setText("" if sandbox else profile.team_url)
        for w in (self.roadster_url, self.chaiz_url, self.events_url, self.team_url, *self.key_edits.values()):
            w.setEnabled(not sandbox)
            w.setCursorPosition(0)  # an address is read from its start (the end of it was shown, cut)
            if w in self.key_edits.values():
                w.clear()
        self.test_result.clear()
        if sandbox:
            for edit in self.key_edits.values():
                edit.setPlaceholderText("sandbox keys are built in (see README)")
            return
        secrets = self.secrets
        self.runner.submit(
            lambda: {k: bool(secrets.get(profile.name, k)) for k in SECRET_NAMES},
            self._on_keys_known,
            lambda exc: self.test_result.setText(sentence(exc)),
            label="Reading keyring",
            owner=self,
        )

    def _on_keys_known(self, present: dict[str, bool]) -> None:
        for name, edit in self.key_edits.items():
            edit.setPlaceholderText("stored — type to replace" if present.get(name) else "not set")

    def _on_add_profile(self) -> None:
        name, ok = QInputDialog.getText(self, "New profile", "Profile name:")
        name = name.strip()
        if not ok or not name:
            return
        if any(p.name == name for p in self.settings.profiles):
            self.test_result.setText(f"A profile named {name!r} already exists.")
            return
        self.settings.profiles.append(Profile(name))
        self.profiles.addItem(name)
        self.profiles.setCurrentText(name)

    def _on_test(self) -> None:
        profile = self.current()
        self.test_result.setText("Testing…")
        if profile.is_sandbox:
            if callable(self.sandbox_check):
                self._test_job = self.runner.submit(self.sandbox_check, self._on_tested, self._on_test_failed)
            else:
                self.test_result.setText("The sandbox is still starting.")
            return
        urls = (self.roadster_url.text().strip(), self.chaiz_url.text().strip(), self.events_url.text().strip())
        team_url = self.team_url.text().strip()
        typed = {k: e.text() for k, e in self.key_edits.items()}
        secrets, name = self.secrets, profile.name

        def check() -> str:
            from desktop.services.connection import check_services
            from desktop.services.team import check_connection

            def key(which: str) -> str:
                return typed[which] or secrets.get(name, which) or ""

            found = check_services(
                urls[0], key(KEY_ROADSTER), urls[1], key(KEY_CHAIZ), urls[2], key(KEY_WEBHOOK) if urls[2] else ""
            )
            if team_url:
                found.append(check_connection(team_url, key(KEY_TEAM_TOKEN)))
            return "\n".join(("✓ " if c.ok else "✗ ") + c.sentence for c in found)

        self._test_job = self.runner.submit(check, self._on_tested, self._on_test_failed, label="Testing connection")

    def _on_tested(self, text: str) -> None:
        self.test_result.setText(text)

    def _on_test_failed(self, exc: BaseException) -> None:
        self.test_result.setText(sentence(exc))

    def _store(self) -> bool:
        self.settings.retention_days = self.retention.value()
        profile = self.current()
        if not profile.is_sandbox:
            url, chaiz_url = self.roadster_url.text().strip(), self.chaiz_url.text().strip()
            events_url, team_url = self.events_url.text().strip(), self.team_url.text().strip()
            web = ("https://", "http://")
            if not url.startswith(web):
                self.test_result.setText("Roadster base URL: must start with https:// (or http:// for a local server).")
                return False
            if not chaiz_url.startswith(web):
                self.test_result.setText("Chaiz base URL: must start with https:// (or http:// for a local server).")
                return False
            if events_url and not events_url.startswith(web):
                self.test_result.setText("Events receiver URL: must start with https:// or http://, or be empty.")
                return False
            if team_url and not team_url.startswith(web):
                self.test_result.setText("Team server URL: must start with https:// or http://, or be empty.")
                return False
            profile.roadster_url, profile.chaiz_url, profile.events_url = url, chaiz_url, events_url
            profile.team_url = team_url
            typed = {k: e.text() for k, e in self.key_edits.items() if e.text()}
            secrets, name = self.secrets, profile.name

            def save_keys() -> None:
                for key, value in typed.items():
                    secrets.set(name, key, value)

            self.runner.submit(
                save_keys,
                None,
                lambda exc: self.test_result.setText(f"Keys not saved: {sentence(exc)}"),
                label="Saving keys",
                write=True,
                owner=self,
            )
        return True

    def _on_save(self) -> None:
        if self._store():
            self.accept()

    def _on_use(self) -> None:
        if self._store():
            self.settings.active = self.current().name
            self.profile_activated.emit(self.current().name)
            self.accept()
