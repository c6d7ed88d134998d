"""The main window: rooftop selector, the current deal's strip, the tabs, and a status bar saying what goes on."""

from __future__ import annotations

import datetime
import importlib
import os
from typing import Any

from PySide6.QtCore import QByteArray, QPoint, QSettings, QSize, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QToolBar, QVBoxLayout, QWidget

from desktop.config import AppPaths, Settings
from desktop.services.doc_worker.pool import interrupt_shared, warm_shared
from desktop.store.inventory_cache import InventoryCache
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.dealer_detail import DealerDetailRefresh
from desktop.ui.keys import fit_keyboard
from desktop.ui.milestones import after_all
from desktop.ui.splitter_state import restore_splitters, save_splitters
from desktop.ui.tasks import TaskRunner
from desktop.ui.team_feed import TeamFeed
from desktop.ui.widgets.deal_strip import DealStrip
from desktop.ui.widgets.first_paint import FirstPaint
from desktop.ui.widgets.jobs import JobsIndicator
from desktop.ui.widgets.rooftop_picker import RooftopPicker
from desktop.ui.widgets.steady_tabs import SteadyTabWidget
from desktop.ui.window_profile import ProfileHandling
from desktop.ui.workspace import Workspace

# Network clients, FastAPI and the sandbox are imported in the jobs that use them, after the first paint.

TAB_DEALS, TAB_DEALERS, TAB_INVENTORY, TAB_CUSTOMERS, TAB_PRICING, TAB_BINDER, TAB_TEMPLATES = range(7)
TITLE_BAR_PX = 32  # room kept for the window manager's title bar before the window has a frame to measure
FIRST_START_SHARE = 0.9  # of the screen's free area a first start opens at (no size saved yet)
SMALLEST_START = QSize(1280, 720)  # the size every tab is laid out for; a smaller screen caps it
SHUTDOWN_WAIT_MS = 5_000  # how long closing waits for cancelled jobs to stop before the window goes anyway
WARM_WORKERS_AFTER_MS = 1_000  # from the end of the start-up to the document workers' start (see __init__)
LAZY_WORKERS = "DEALER_DESK_LAZY_WORKERS"  # set: the workers start at their first use (the tests, a bench)

# (title, module, class). The tab modules are imported in a worker thread after the first paint and built then:
# the window frame shows at once.
TAB_SPECS: tuple[tuple[str, str, str], ...] = (
    ("D&eals", "desktop.ui.tabs.deals", "DealsTab"),
    ("Dea&lers", "desktop.ui.tabs.dealers", "DealersTab"),
    ("&Inventory", "desktop.ui.tabs.inventory", "InventoryTab"),
    ("&Customers", "desktop.ui.tabs.customers", "CustomersTab"),
    ("Deal &Pricing", "desktop.ui.tabs.pricing", "PricingTab"),
    ("Document &Binder", "desktop.ui.tabs.binder", "BinderTab"),
    ("&Templates && Packets", "desktop.ui.tabs.templates", "TemplatesTab"),
)


def _log() -> Any:
    import logging  # not needed for the first paint

    return logging.getLogger(__name__)


def plain_title(title: str) -> str:
    """A tab title without its mnemonic marks ("&&" is a literal ampersand)."""
    return title.replace("&&", "\0").replace("&", "").replace("\0", "&")


class MainWindow(ProfileHandling):
    first_paint = Signal()
    tabs_ready = Signal()

    def __init__(
        self,
        paths: AppPaths,
        settings: Settings,
        runner: TaskRunner,
        secrets_factory: Any,
        connector: Any,
        *,
        deal_stores: Any = None,
        autoconnect: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.settings = settings
        self.runner = runner
        self.secrets: Any = None
        self._connector = connector  # the composition root's connect(profile, secrets, paths)
        self._deal_stores = deal_stores  # the composition root's open_deal_store(profile, secrets, data_dir)
        self._first_paint = FirstPaint(self, self.first_paint.emit)
        self._connect_job = 0
        self.qsettings = QSettings(str(paths.config / "window.ini"), QSettings.Format.IniFormat)
        profile = settings.profile()
        cache = InventoryCache(paths.cache_file(profile.name))
        self.workspace = Workspace(paths, profile, cache, self, secrets=secrets_factory)  # made once, shared
        self.dealer_detail = DealerDetailRefresh(runner, self.workspace, self)

        self.setWindowTitle(f"Dealer Desk — {profile.name}")
        self.resize(1280, 800)

        self.rooftop = RooftopPicker(self)  # a notch passing over it switched rooftops: it takes a wheel once focused
        self.rooftop.currentIndexChanged.connect(self._on_rooftop_picked)
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(" Rooftop: ", self))
        toolbar.addWidget(self.rooftop)
        self.addToolBar(toolbar)

        self.current_deal = CurrentDeal(runner, self)
        self.deal_strip = DealStrip(self.current_deal, self)
        self.team_feed = TeamFeed(self.current_deal, self)
        self.team_feed.message.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.tabs = SteadyTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.deal_strip.clicked.connect(lambda: self.tabs.setCurrentIndex(TAB_DEALS))
        self.tab_widgets: dict[str, QWidget] = {}
        for title, _module, _class in TAB_SPECS:
            self.tabs.addTab(QWidget(self), title)  # the tab's page arrives a moment after the first paint
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.deal_strip)
        column.addWidget(self.tabs)
        self.setCentralWidget(central)

        refresh = QAction("Refresh", self)
        refresh.triggered.connect(self._on_refresh)
        find = QAction("Find", self)
        find.triggered.connect(self._on_find)
        settings_action = QAction("Settings…", self)
        settings_action.triggered.connect(self.open_settings)
        sync = QAction("Sync inventory", self)
        sync.triggered.connect(self._on_sync_action)
        quit_action = QAction("Quit", self)
        quit_action.setObjectName("quitAction")
        quit_action.triggered.connect(self._on_quit)
        for action in (refresh, sync, settings_action):
            toolbar.addAction(action)
        self.addAction(find)
        self.addAction(quit_action)
        # Shortcuts are given after the first paint: the first setShortcut makes PySide build every enum of the
        # Qt namespace (~40 ms), which the window does not need to appear.
        self._shortcuts: list[tuple[QAction, list[str]]] = [
            (refresh, ["Refresh", "Ctrl+R"]),
            (find, ["Find"]),
            (settings_action, ["Ctrl+,"]),
            (sync, ["Ctrl+Shift+S"]),
            (quit_action, ["Quit", "Ctrl+Q"]),
        ]
        for i in range(self.tabs.count()):
            go = QAction(self)
            go.triggered.connect(lambda _checked=False, i=i: self.tabs.setCurrentIndex(i))
            self.addAction(go)
            self._shortcuts.append((go, [f"Ctrl+{i + 1}"]))

        self.profile_label = QLabel(self)
        self.profile_label.setObjectName("connectionState")
        self.memory_notice = QLabel(self)
        self.memory_notice.setObjectName("memoryNotice")
        self.memory_notice.hide()
        self.sync_label = QLabel(self)
        self._synced: dict[str, tuple[str, str]] = {}  # dpid -> (label, tip) of its last sync this session
        self.jobs = JobsIndicator(runner, self)
        status = self.statusBar()
        # Permanent widgets stay visible while a temporary message (a notice, an error) shows on the left.
        status.addPermanentWidget(self.profile_label)
        status.addPermanentWidget(self.memory_notice)
        status.addPermanentWidget(self.jobs)
        status.addPermanentWidget(self.sync_label)
        # A message longer than the room the permanent widgets leave is cut: hovering the bar reads it whole.
        status.messageChanged.connect(lambda text: status.setToolTip(text))

        self.workspace.dealers_changed.connect(self._on_dealers_changed)
        self.workspace.rooftop_changed.connect(self._on_workspace_rooftop)
        self.workspace.connection_changed.connect(self._update_connection_state)
        self.workspace.reach_changed.connect(self._update_connection_state)
        self.workspace.notice.connect(self._on_notice)
        runner.notice.connect(self._on_notice)

        self._restore_state()
        self._update_connection_state(starting=True)
        self._load_cached_dealers()
        # The keyring and the connection import heavy modules in their worker threads; starting them after the
        # first paint keeps them from competing with it for the interpreter.
        self.first_paint.connect(self._install_shortcuts)
        self.first_paint.connect(self._load_tabs)
        self.first_paint.connect(self._load_secrets)
        if autoconnect:
            self.first_paint.connect(self.connect_profile)
        if not os.environ.get(LAZY_WORKERS):
            # The document workers start once the start-up is over, not at the first upload check (which said
            # "Checking…" for ~3 s while two Pythons and PDFium started) nor during the sandbox's start.
            start_up = (self.tabs_ready, self.workspace.connection_changed)
            after_all(start_up, self._warm_document_workers, delay_ms=WARM_WORKERS_AFTER_MS, context=self)

    # start-up
    def _restore_state(self) -> None:
        geometry = self.qsettings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)  # the size the user left it at
        else:
            self._open_for_screen()
        self.fit_screen()
        tab = self.qsettings.value("tab", 0)
        self.tabs.setCurrentIndex(int(str(tab)) if str(tab).isdigit() else 0)
        self._wanted_rooftop = str(self.qsettings.value("rooftop", "") or "")

    def _open_for_screen(self) -> None:
        """A first start: a comfortable size for this screen, centred (a fixed 1280 px was a strip on 1920)."""
        screen = self.screen()
        if screen is None:
            return
        room = screen.availableGeometry()
        size = first_start_size(room.size())
        self.resize(size)
        self.move(room.center() - QPoint(size.width() // 2, size.height() // 2))

    def fit_screen(self) -> None:
        """The whole window on its screen: a size saved on a large monitor (or the 1280×800 default) is cut to the
        screen's free area, the title bar included, and moved back onto it."""
        screen = self.screen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        room = screen.availableGeometry()
        frame, inner = self.frameGeometry(), self.geometry()
        border = frame.width() - inner.width()
        title = frame.height() - inner.height() or TITLE_BAR_PX  # no frame before the first show: reserve one
        width, height = min(self.width(), room.width() - border), min(self.height(), room.height() - title)
        self.resize(width, height)
        left = max(room.left(), min(frame.left(), room.right() + 1 - width - border))
        top = max(room.top(), min(frame.top(), room.bottom() + 1 - height - title))
        if (left, top) != (frame.left(), frame.top()):
            self.move(left, top)

    def _install_shortcuts(self) -> None:
        standard = {
            "Refresh": QKeySequence.StandardKey.Refresh,
            "Find": QKeySequence.StandardKey.Find,
            "Quit": QKeySequence.StandardKey.Quit,
        }
        for action, keys in self._shortcuts:
            sequences: list[QKeySequence] = []
            for key in keys:
                # A platform's standard key may be the explicit one too (Quit is Ctrl+Q on Linux); giving an
                # action the same sequence twice makes Qt call the shortcut ambiguous.
                for sequence in QKeySequence.keyBindings(standard[key]) if key in standard else [QKeySequence(key)]:
                    if sequence not in sequences:
                        sequences.append(sequence)
            action.setShortcuts(sequences)

    def _load_tabs(self) -> None:
        modules = [m for _t, m, _c in TAB_SPECS]
        self.runner.submit(lambda: [importlib.import_module(m) for m in modules], self._build_tabs, label="Loading")

    def _build_tabs(self, _modules: object) -> None:
        current = self.tabs.currentIndex()
        for i, (title, module, class_name) in enumerate(TAB_SPECS):
            widget: QWidget = getattr(importlib.import_module(module), class_name)(self.runner, self.workspace, self)
            placeholder = self.tabs.widget(i)
            self.tabs.removeTab(i)
            self.tabs.insertTab(i, widget, title)
            if placeholder is not None:
                placeholder.deleteLater()
            self.tab_widgets[plain_title(title)] = widget
            if hasattr(widget, "bind_deal"):
                widget.bind_deal(self.current_deal)
            # After the deal is bound: the Deals jacket and the buttons the deal links add are part of the tab then.
            fit_keyboard(widget)
            restore_splitters(self.qsettings, widget, plain_title(title))
            covers = getattr(widget, "covered_show", None)
            if covers is not None and i != current:  # the first switch to it is spread over turns, as later ones
                covers.hide_contents(widget)  # (Deal Pricing's: 10-13 ms in the switch's turn shown whole, now 4)
        self.tabs.setCurrentIndex(current)
        self.inventory_tab.sync_finished.connect(self._on_sync_finished)
        self.inventory_tab.deal_link.started.connect(self._on_deal_started_from_inventory)
        self.tabs_ready.emit()

    def _on_deal_started_from_inventory(self) -> None:
        """A deal started on a vehicle is worked on Deal Pricing (unless the user has gone to another tab)."""
        if self.tabs.currentWidget() is self.inventory_tab:
            self.tabs.setCurrentIndex(TAB_PRICING)

    def _warm_document_workers(self) -> None:
        if self.isVisible():  # not for a window closed meanwhile
            warm_shared()  # in a thread of the pool's: the GUI thread only starts it

    @property
    def dealers_tab(self) -> Any:
        return self.tab_widgets.get("Dealers")

    @property
    def inventory_tab(self) -> Any:
        return self.tab_widgets.get("Inventory")

    def _on_sync_action(self) -> None:
        if self.inventory_tab is not None:
            self.inventory_tab.start_sync()

    # slots
    def _on_notice(self, text: str) -> None:
        self.statusBar().showMessage(text, 15_000)

    def _on_quit(self) -> None:
        """Ctrl+Q: close the window (which stops the work in flight) and leave the event loop with code 0."""
        if self.close():
            QApplication.exit(0)

    def _on_dealers_changed(self) -> None:
        dealers = self.workspace.dealers
        current = self.workspace.dpid or self._wanted_rooftop
        self.rooftop.set_rooftops(dealers, current)
        self._on_rooftop_picked(self.rooftop.currentIndex())

    def _on_workspace_rooftop(self, dpid: str) -> None:
        """A rooftop chosen elsewhere (Dealers' "Use as rooftop") is the toolbar's too, so the current deal, the
        team feed and the remembered rooftop follow it: the toolbar said Hyundai Demo while every list showed
        Gwinnett Kia, and a new deal was numbered for the rooftop the toolbar named."""
        self._show_sync()
        index = self.rooftop.findData(dpid)
        if index >= 0 and index != self.rooftop.currentIndex():
            self.rooftop.setCurrentIndex(index)  # through _on_rooftop_picked, as if picked here

    def _on_rooftop_picked(self, index: int) -> None:
        dpid = self.rooftop.itemData(index) if index >= 0 else None
        if dpid:
            dealer = self.workspace.dealer(str(dpid)) or {}
            self.current_deal.set_rooftop(str(dpid), str(dealer.get("name") or ""))
            self.team_feed.set_rooftop(str(dpid))
            self.workspace.set_rooftop(str(dpid))

    def _on_sync_finished(self, result: Any) -> None:
        if not isinstance(result, Exception):
            when = datetime.datetime.now().strftime("%H:%M")
            # Short beside the jobs and the connection state, so the message on the left keeps its room.
            self._synced[result.dpid] = (
                f"Synced {when} · {result.total_cached:,} vehicles",
                f"Last sync at {when}: {result.dpid}, {result.total_cached:,} vehicles",
            )
            self._show_sync()

    def _show_sync(self) -> None:
        """The current rooftop's last sync: another rooftop's count beside it read as this one's (seen under
        Xvfb: "Synced 12:55 · 2,000 vehicles" over a rooftop never synced)."""
        text, tip = self._synced.get(self.workspace.dpid, ("", ""))
        self.sync_label.setText(text)
        self.sync_label.setToolTip(tip)

    def _on_refresh(self) -> None:
        if self.workspace.connection is None and not self.runner.is_running(self._connect_job):
            self.connect_profile()
            return
        self.probe_unreachable()  # F5 also asks a server that stopped answering, at once
        widget = self.tabs.currentWidget()
        if hasattr(widget, "refresh"):
            widget.refresh()

    def _on_find(self) -> None:
        widget = self.tabs.currentWidget()
        if hasattr(widget, "focus_find"):
            widget.focus_find()

    # Qt events
    def closeEvent(self, e: QCloseEvent) -> None:
        # The window's state is written here only: QSettings writes its file on the GUI thread, through a
        # QSaveFile that fdatasync()s it, and on a busy disk that held the event loop for 265-324 ms in the soak
        # each time a rooftop pick changed a value.
        self.qsettings.setValue("geometry", self.saveGeometry())
        self.qsettings.setValue("tab", self.tabs.currentIndex())
        for title, widget in self.tab_widgets.items():
            save_splitters(self.qsettings, widget, title)
        if self.workspace.dpid:
            self.qsettings.setValue("rooftop", self.workspace.dpid)
        self.qsettings.sync()
        self.current_deal.flush()  # what was typed in the last moment is queued before the pools drain
        self.team_feed.stop()
        # The tabs learn first that the connection is gone, so their timers (event polling) stop using it; then
        # the work in flight stops (saves finish within the bound). Cancelled uploads stay queued (sealed on disk)
        # and go out on the next start; a job that does not stop within the bound is left to finish, result dropped.
        connection = self.workspace.connection
        if connection is not None:
            self.workspace.set_connection(None)
        interrupt_shared()  # a page that takes seconds to draw must not hold the window open
        if not self.runner.shutdown(SHUTDOWN_WAIT_MS):
            _log().warning("closing with background work still running after %d ms", SHUTDOWN_WAIT_MS)
        if self.current_deal.store is not None:
            self.current_deal.store.close()
        if connection is not None:
            connection.close()
        self.workspace.cache.close()
        super().closeEvent(e)


def first_start_size(room: QSize) -> QSize:
    """The window's size on a first start: 90 % of the screen's free area, at least 1280×720, within the screen."""
    width = max(SMALLEST_START.width(), round(room.width() * FIRST_START_SHARE))
    height = max(SMALLEST_START.height(), round(room.height() * FIRST_START_SHARE))
    return QSize(min(width, room.width()), min(height, room.height()))
