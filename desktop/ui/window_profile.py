"""The window's profile and connection: the keyring, the profile's deals, connecting, and switching profiles.

Split from :mod:`desktop.ui.main_window` (which lays out the window and its tabs): everything here answers "which
profile is this window working for, and is it connected", and leaves nothing of an old profile on screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QMainWindow

from desktop.config import AppPaths, Settings, settings_file
from desktop.services.cancel import JobControl
from desktop.store.inventory_cache import InventoryCache
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.errors import sentence
from desktop.ui.tasks import TaskRunner
from desktop.ui.team_feed import TeamFeed
from desktop.ui.workspace import Workspace

PROBE_EVERY_MS = 15_000
"""While an API of the live connection does not answer, it is asked again this often: the desk says when it is
back without waiting for the user's next click."""


class ProfileHandling(QMainWindow):
    """The main window's profile side; the annotations are set by :class:`~desktop.ui.main_window.MainWindow`."""

    paths: AppPaths
    settings: Settings
    runner: TaskRunner
    secrets: Any
    _connector: Any
    _deal_stores: Any
    _connect_job: int
    workspace: Workspace
    current_deal: CurrentDeal
    team_feed: TeamFeed
    profile_label: QLabel
    sync_label: QLabel
    _synced: dict[str, tuple[str, str]]
    memory_notice: QLabel
    _reach_probe: QTimer | None = None

    def _load_cached_dealers(self) -> None:
        cache = self.workspace.cache
        self.runner.submit(cache.dealers, self._on_cached_dealers, self._on_cache_error, label="Reading cache")

    def _load_secrets(self) -> None:
        self.runner.submit(self.workspace.secrets, self._on_secrets, label="Opening keyring")

    def connect_profile(self) -> None:
        # Everything the job needs is taken now: a profile switch swaps (and closes) the workspace's cache while
        # an older connect job may still be running.
        profile, paths, cache = self.workspace.profile, self.paths, self.workspace.cache
        secrets, connector = self.workspace.secrets, self._connector
        old = self.workspace.connection
        if old is not None:
            self.workspace.set_connection(None)
            # Off the GUI thread (stopping the sandbox joins its threads), and in the write lane: before the new one.
            self.runner.submit(old.close, label="Closing the connection", write=True)

        def connect(control: JobControl) -> tuple[Any, list[dict[str, Any]]]:
            from desktop.services import inventory_sync

            control.check()
            conn = connector(profile, secrets(), paths)
            try:
                control.check()  # switched away meanwhile: nobody would close this connection
                dealers = inventory_sync.refresh_dealers(conn.roadster, cache)
                control.check()
            except BaseException:
                conn.close()
                raise
            return conn, dealers

        self._connect_job = self.runner.submit_job(
            connect, self._on_connected, self._on_connect_failed, label=f"Connecting to {profile.name}", write=True
        )

    def _on_secrets(self, store: Any) -> None:
        self.secrets = store
        if store.notice:
            self.memory_notice.setText("Keys in memory only")
            self.memory_notice.setToolTip(store.notice)
            self.memory_notice.show()
        self._open_deal_store()

    def _open_deal_store(self) -> None:
        """The profile's deals, sealed with the key in ``self.secrets`` (the file opens on first use, off-thread)."""
        from desktop.store.deals import SqliteDealStore, deals_file

        profile, secrets, data, factory = self.workspace.profile, self.secrets, self.paths.data, self._deal_stores
        if factory is None:
            self._use_deal_store(SqliteDealStore(deals_file(data, profile.name), secrets))
            return
        self.runner.submit(
            lambda: factory(profile, secrets, data),
            self._use_deal_store,
            lambda exc: self.statusBar().showMessage(f"Deals could not be opened: {sentence(exc)}"),
            label="Opening deals",
        )

    def _use_deal_store(self, store: Any) -> None:
        old = self.current_deal.store
        self.current_deal.set_store(store)
        self.team_feed.follow(store)
        if store.notice:
            self.memory_notice.setToolTip(f"{self.secrets.notice}\n{store.notice}")
        if old is not None:
            self.runner.submit(old.close, label="Closing deals", write=True)  # after the saves queued before it

    def _on_cached_dealers(self, dealers: list[dict[str, Any]]) -> None:
        if dealers and not self.workspace.dealers:
            self.workspace.set_dealers(dealers)

    def _on_cache_error(self, exc: BaseException) -> None:
        self.statusBar().showMessage(f"Could not read the offline cache: {sentence(exc)}")

    def _on_connected(self, result: tuple[Any, list[dict[str, Any]]]) -> None:
        conn, dealers = result
        self.workspace.set_dealers(dealers)
        self.workspace.set_connection(conn)

    def _on_connect_failed(self, exc: BaseException) -> None:
        self.workspace.set_connection(None, sentence(exc))

    def _update_connection_state(self, starting: bool = False) -> None:
        ws = self.workspace
        tip = ""
        if ws.connection is not None and ws.unreachable:
            # Connected, but the last request found the server gone: not "Connected" any more. The clients stay;
            # a probe (and every request the user makes) finds out when it answers again.
            names = ", ".join(ws.unreachable)
            text, color = f"● Offline: {names}", "#b91c1c"
            tip = "\n".join(f"{api}: {why}" for api, why in ws.unreachable.items())
            tip += f"\nAsked again every {PROBE_EVERY_MS // 1000} s; cached data stays available."
            self.statusBar().showMessage(f"Lost contact with {names}. Retrying…")
        elif ws.connection is not None:
            text, color = f"● Connected: {ws.connection.description}", "#166534"
            self.statusBar().clearMessage()  # a failure of an earlier attempt or profile is no longer true
        elif ws.connection_error:
            # The reason once, whole, on the message side of the bar (until it is no longer true); the state
            # beside it stays short, so the two do not share the width and both end cut.
            text, color, tip = f"● Offline ({ws.profile.name})", "#b91c1c", ws.connection_error
            self.statusBar().showMessage(ws.connection_error)
        else:
            what = "starting the sandbox" if ws.profile.is_sandbox else "connecting"
            text, color = f"● {ws.profile.name}: {what}…", "#92400e"
        self.profile_label.setText(text)
        self.profile_label.setToolTip(tip)
        self.profile_label.setStyleSheet(f"color: {color}")
        self._follow_reach()

    def _follow_reach(self) -> None:
        """Probe the unreachable APIs every :data:`PROBE_EVERY_MS` while there are any; stop when none is left."""
        lost = self.workspace.connection is not None and bool(self.workspace.unreachable)
        if lost and self._reach_probe is None:
            self._reach_probe = QTimer(self)
            self._reach_probe.setInterval(PROBE_EVERY_MS)
            self._reach_probe.timeout.connect(self.probe_unreachable)
        if self._reach_probe is not None:
            if not lost:
                self._reach_probe.stop()
            elif not self._reach_probe.isActive():
                self._reach_probe.start()

    def probe_unreachable(self) -> None:
        """Ask each API that stopped answering whether it is back (the answer arrives as ``reach_changed``)."""
        conn = self.workspace.connection
        if conn is None:
            return
        gone = conn.servers_gone() if conn.servers_gone is not None and self.workspace.unreachable else ""
        if gone:  # the servers this desk started (the built-in sandbox) died: asking them again is pointless
            self.connect_profile()  # closes the old connection and starts them again
            self.statusBar().showMessage(f"{gone} Starting it again…")
            return
        clients = conn.clients()
        for api in list(self.workspace.unreachable):
            client = clients.get(api)
            if client is not None:
                self.runner.submit(client.probe, None, lambda _exc: None, label=f"Checking {api}")

    def open_settings(self) -> None:
        if self.secrets is None:
            self.statusBar().showMessage("The keyring is still opening; try again in a moment.", 5000)
            return
        conn = self.workspace.connection

        def sandbox_check() -> str:
            if conn is None or conn.sandbox_url is None:
                raise RuntimeError("The sandbox is not running yet.")
            return f"Connected to the sandbox: {len(conn.roadster.dealers())} dealer(s)."

        from desktop.ui.dialogs.settings import SettingsDialog  # not needed for the first paint

        dialog = SettingsDialog(self.settings, self.secrets, self.runner, sandbox_check, self)
        dialog.profile_activated.connect(self._on_profile_activated)
        dialog.finished.connect(self._save_settings)
        dialog.open()

    def _save_settings(self, _result: int = 0) -> None:
        settings, path = self.settings, settings_file(self.paths)
        self.runner.submit(
            lambda: settings.save(path),
            None,
            lambda exc: self.statusBar().showMessage(f"Settings were not saved: {sentence(exc)}", 15_000),
            label="Saving settings",
            write=True,
        )

    def _on_profile_activated(self, name: str) -> None:
        profile = self.settings.profile(name)
        self.runner.cancel_all()
        old_cache, old_roster = self.workspace.cache, self.workspace.agent_roster()
        old_register = self.workspace.customer_register()
        self.workspace.profile = profile
        self.workspace.cache = InventoryCache(self.paths.cache_file(profile.name))
        # Off the GUI thread (the last connection's close checkpoints the WAL) and after the jobs queued before it
        # in the write lane; a cancelled read still running on the old cache fails, and its failure is dropped.
        self.runner.submit(old_cache.close, label="Closing the offline cache", write=True)
        self.runner.submit(old_roster.close, label="Closing the agents roster", write=True)
        self.runner.submit(old_register.close, label="Closing the customer register", write=True)
        if self.secrets is not None:
            self._open_deal_store()
        self.setWindowTitle(f"Dealer Desk — {profile.name}")
        self.statusBar().clearMessage()  # the old profile's message must not sit beside the new connection
        self._synced.clear()  # nor its last syncs
        self.sync_label.clear()
        self.sync_label.setToolTip("")
        from desktop.ui.widgets.pdf_password import forget_passwords  # loaded with the tabs by then

        forget_passwords()  # PDF passwords typed for the old profile's customers are not kept for the new one
        self.workspace.connection_error = ""  # the old profile's failure is not the new one's
        # Nothing of the previous profile stays on screen: its rooftop (a sandbox dpid means nothing on production)
        # and its dealers go before the new profile's cache and connection fill the tabs.
        self.workspace.set_rooftop("")
        self.workspace.set_dealers([])
        self._load_cached_dealers()
        self._update_connection_state()
        self.connect_profile()
