"""The vehicle picker of Deal Pricing and Customers: pages of the cached inventory, read and filtered in a worker.

The 100,000-vehicle tests assert what keeps a rooftop change inside one frame: nothing reads the rooftop's list
on the GUI thread, and the model holds one page after a change, however many vehicles the cache has.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.vin import check_digit, year_code
from desktop.store.inventory_cache import InventoryCache, choice_text
from desktop.ui.models.common import ObjectRole
from desktop.ui.models.vehicle_choices import PAGE, VehicleChoicesModel, VinRole
from desktop.ui.tabs.customers import CustomersTab
from desktop.ui.tabs.pricing import PricingTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.vehicle_picker import VehiclePicker
from desktop.ui.workspace import Workspace

MODELS = ("Elantra", "Tucson", "Santa Fe", "Kona")
TRIMS = ("SE", "SEL", "Limited")
BIG = 100_000
# A popup on the offscreen platform: Qt says it cannot raise it or grab the keyboard there.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")


def vin_for(i: int) -> str:
    """Vehicle ``i``'s VIN: a real one (check digit, model-year code), serial number ``i``."""
    body = f"KMHJ3814X{year_code(2025 + i % 2)}U{i:06d}"
    return body[:8] + check_digit(body) + body[9:]


def fill(cache: InventoryCache, dpid: str, n: int) -> None:
    """``n`` vehicles straight into the cache table (the sync's JSON per vehicle is not what is tested here), with
    the text a picker searches as ``upsert_vehicles`` writes it."""
    with cache.db.write() as conn:
        conn.executemany(
            "INSERT INTO vehicles (dpid, vin, stock_number, year, make, model, trim, body_style, color, rgb, msrp,"
            f" in_stock, reserved, updated_at, raw, choice_text) VALUES ({', '.join('?' * 16)})",
            (
                (
                    dpid,
                    vin_for(i),
                    f"H-{i:06d}",
                    2025 + i % 2,
                    "Hyundai",
                    MODELS[i % 4],
                    TRIMS[i % 3],
                    "SUV",
                    "Red",
                    "9B1B1E",
                    30000.0 + i % 9000,
                    int(i % 5 != 0),
                    0,
                    1_700_000_000,
                    f'{{"vin": "{vin_for(i)}", "year": {2025 + i % 2}, "make": "Hyundai", "model": "{MODELS[i % 4]}"}}',
                    choice_text(vin_for(i), f"H-{i:06d}", 2025 + i % 2, "Hyundai", MODELS[i % 4], TRIMS[i % 3]),
                )
                for i in range(n)
            ),
        )


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[InventoryCache]:
    c = InventoryCache(tmp_path / "picker.sqlite3")
    fill(c, "hyundaidemo", 450)
    fill(c, "other", 3)
    yield c
    c.close()


@pytest.fixture(scope="module")
def big_cache_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "cache.sqlite3"
    c = InventoryCache(path)
    fill(c, "hyundaidemo", BIG)
    c.close()
    return path


def loaded(model: VehicleChoicesModel, qtbot: QtBot, rows: int) -> None:
    qtbot.waitUntil(lambda: not model.is_loading() and model.rowCount() == rows, timeout=10_000)


def test_model_passes_the_model_tester_while_pages_arrive(
    qtmodeltester: Any, qtbot: QtBot, runner: TaskRunner, cache: InventoryCache
) -> None:
    model = VehicleChoicesModel(runner)
    qtmodeltester.check(model)  # the tester stays attached: every page inserted and every reset below is checked
    model.set_source(cache, "hyundaidemo")
    loaded(model, qtbot, PAGE)
    model.fetchMore()
    loaded(model, qtbot, 2 * PAGE)
    model.fetchMore()
    loaded(model, qtbot, 450)
    model.set_filter("kona")
    loaded(model, qtbot, 112)
    model.set_source(cache, "other")  # the filter stays: none of its three vehicles is a Kona
    loaded(model, qtbot, 0)
    model.set_filter("")
    loaded(model, qtbot, 3)
    model.set_source(None, "")
    assert model.rowCount() == 0 and not model.canFetchMore()


def test_pages_arrive_in_vin_order_one_at_a_time(qtbot: QtBot, runner: TaskRunner, cache: InventoryCache) -> None:
    model = VehicleChoicesModel(runner)
    model.set_source(cache, "hyundaidemo")
    loaded(model, qtbot, PAGE)
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()  # a page is already on its way: not a second one
    loaded(model, qtbot, 2 * PAGE)
    model.fetchMore()
    loaded(model, qtbot, 450)
    assert not model.canFetchMore()
    vins = [model.index(r).data(VinRole) for r in range(model.rowCount())]
    assert vins == sorted(vins) and len(set(vins)) == 450
    assert model.index(0).data(ObjectRole).vin == vins[0]
    first = model.choice(0)
    assert model.index(0).data() == (
        f"{first.year} Hyundai {first.model} {first.trim} · {first.vin} · stock {first.stock_number} · "
        f"${first.msrp:,.2f}"
    )
    model.set_source(cache, "other")
    loaded(model, qtbot, 3)


def test_filter_matches_every_word_in_any_field_and_pages_on(
    qtbot: QtBot, runner: TaskRunner, cache: InventoryCache
) -> None:
    model = VehicleChoicesModel(runner, page_size=50)
    model.set_source(cache, "hyundaidemo")
    loaded(model, qtbot, 50)
    model.set_filter("  TUCSON   limited ")
    assert model.rowCount() == 0  # emptied at once; the matches come from the worker
    # i % 4 == 1 and i % 3 == 2: i ≡ 5 (mod 12), 38 of them below 450.
    loaded(model, qtbot, 38)
    assert not model.canFetchMore()
    assert all(c.model == "Tucson" and c.trim == "Limited" for c in map(model.choice, range(38)))
    model.set_filter("h-000017")
    loaded(model, qtbot, 1)
    assert model.choice(0).vin == vin_for(17)
    model.set_filter("nothing like it")
    loaded(model, qtbot, 0)


def test_in_stock_only_leaves_out_sold_vehicles(qtbot: QtBot, runner: TaskRunner, cache: InventoryCache) -> None:
    model = VehicleChoicesModel(runner, in_stock_only=True, page_size=500)
    model.set_source(cache, "hyundaidemo")
    loaded(model, qtbot, 360)
    assert all(model.choice(r).in_stock for r in range(360))


def test_a_late_page_of_an_older_filter_is_dropped(qtbot: QtBot, runner: TaskRunner, cache: InventoryCache) -> None:
    model = VehicleChoicesModel(runner)
    model.set_source(cache, "hyundaidemo")
    model.set_filter("kona")
    model.set_filter("santa")
    loaded(model, qtbot, 112)
    runner.wait_idle()
    qtbot.wait(50)  # let any queued result of the dropped reads arrive
    assert model.rowCount() == 112 and all(model.choice(r).model == "Santa Fe" for r in range(112))


def test_a_page_read_for_a_closed_picker_goes_nowhere(qtbot: QtBot, runner: TaskRunner, cache: InventoryCache) -> None:
    """Its tab closed while the page was read: the model is gone, so nothing is emitted from it (that raised
    'Signal source has been deleted', in whatever test came next) and nothing is reported."""
    release = threading.Event()
    for _ in range(4):  # every read thread busy: the page read waits in the queue
        runner.submit(lambda: release.wait(10))
    tab = QWidget()
    model = VehicleChoicesModel(runner, parent=tab)
    heard: list[object] = []
    for signal in (model.page_loaded, model.count_known, model.failed, runner.notice):
        signal.connect(lambda *args: heard.append(args))
    model.set_source(cache, "hyundaidemo")
    assert model.is_loading()
    with qtbot.waitSignal(model.destroyed):
        tab.deleteLater()
    release.set()
    assert runner.wait_idle()
    done: list[object] = []
    runner.submit(lambda: None, done.append)  # answered after anything the page read could have sent
    qtbot.waitUntil(lambda: bool(done))
    assert heard == []


def shown_picker(qtbot: QtBot, runner: TaskRunner, cache: InventoryCache) -> VehiclePicker:
    """A picker on screen with hyundaidemo's first page loaded."""
    picker = VehiclePicker(runner, "VIN")
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    picker.set_source(cache, "hyundaidemo")
    loaded(picker.model, qtbot, PAGE)
    return picker


def test_picking_from_the_list_fills_the_vin(qtbot: QtBot, runner: TaskRunner, cache: InventoryCache) -> None:
    picker = shown_picker(qtbot, runner, cache)
    assert "450 cached vehicles" in picker.vin_edit.edit.placeholderText()
    fitted = picker.vin_edit.edit.fontMetrics().horizontalAdvance(picker.vin_edit.edit.placeholderText())
    picker.set_source(cache, "gwinnettkia")  # a rooftop with nothing cached: a hint no longer than that one
    qtbot.waitUntil(lambda: picker.vin_edit.edit.placeholderText() == "VIN (none cached)")
    assert picker.vin_edit.edit.fontMetrics().horizontalAdvance(picker.vin_edit.edit.placeholderText()) <= fitted
    picker.set_source(cache, "hyundaidemo")
    loaded(picker.model, qtbot, PAGE)
    assert not picker.list.isVisible()  # a rooftop change never opens the list unasked
    picker.vin_edit.edit.setFocus()
    qtbot.keyClicks(picker.vin_edit.edit, "santa h-0001")
    qtbot.waitUntil(lambda: picker.model.filter_words() == ("santa", "h-0001") and not picker.model.is_loading())
    qtbot.waitUntil(picker.list.isVisible)
    assert picker.model.rowCount() == 25  # stock numbers H-000100 to H-000199, every fourth a Santa Fe
    popup = picker.list
    typed: list[str] = []
    picker.vin_edit.accepted.connect(typed.append)
    with qtbot.waitSignal(picker.picked) as picked:
        popup.setCurrentIndex(popup.model().index(1, 0))
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picked.args == [picker.model.choice(1).vin]
    assert typed == []  # one choice, one signal: the Enter that chose it is not also a typed VIN
    assert picker.vin_edit.edit.text() == picker.model.choice(1).vin
    assert picker.vin_edit.problem() is None


def test_typing_the_last_filter_again_opens_the_list(qtbot: QtBot, runner: TaskRunner, cache: InventoryCache) -> None:
    """Seen under Xvfb: a vehicle picked after typing "Tucson", a new deal cleared the desk's field, and "Tucson"
    typed again showed no list: the filter had not changed, so no page was read and nothing opened it."""
    picker = shown_picker(qtbot, runner, cache)
    picker.vin_edit.edit.setFocus()
    qtbot.keyClicks(picker.vin_edit.edit, "santa")
    qtbot.waitUntil(lambda: picker.model.filter_words() == ("santa",) and not picker.model.is_loading())
    qtbot.waitUntil(picker.list.isVisible)
    with qtbot.waitSignal(picker.picked):
        picker.list.setCurrentIndex(picker.list.model().index(0, 0))
        qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert not picker.list.isVisible()
    picker.vin_edit.edit.clear()  # as a new deal clears the desk's field
    qtbot.keyClicks(picker.vin_edit.edit, "santa")
    qtbot.waitUntil(picker.list.isVisible)
    assert picker.model.filter_words() == ("santa",) and picker.model.rowCount() > 0


def test_without_an_inline_message_the_picker_says_its_problems_without_moving_what_is_below(
    qtbot: QtBot, runner: TaskRunner, cache: InventoryCache, tmp_path: Path
) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    quiet = VehiclePicker(runner, "VIN", inline_message=False, parent=page)
    inline = VehiclePicker(runner, "VIN", parent=page)  # Deal Pricing's: its line under the field, as before
    below = QLineEdit(page)
    layout = QVBoxLayout(page)
    for widget in (quiet, below, inline):
        layout.addWidget(widget)
    layout.addStretch(1)
    page.resize(500, 300)
    page.show()
    qtbot.waitExposed(page)
    below_top = below.y()
    said: list[str] = []
    quiet.problem_changed.connect(said.append)
    qtbot.keyClicks(quiet.vin_edit.edit, "1HGCM82635A004352")  # a wrong check digit, seen as the 17th is typed
    assert said and "check digit" in said[-1] and "check digit" in quiet.vin_edit.edit.toolTip()
    assert not quiet.vin_edit.message.isVisible()
    layout.activate()
    assert below.y() == below_top  # the field below did not move under the mouse
    quiet.vin_edit.edit.clear()
    qtbot.keyClicks(quiet.vin_edit.edit, "1HGCM82633A004352")
    assert said[-1] == "" and quiet.vin_edit.edit.toolTip() == ""
    broken = InventoryCache(tmp_path / "broken.sqlite3")
    assert broken.vehicle_count("hyundaidemo") == 0  # the cache file and its tables exist
    with closing(sqlite3.connect(tmp_path / "broken.sqlite3")) as damage, damage:
        damage.execute("DROP TABLE vehicles")  # a damaged cache: said the same way, the VIN is not marked wrong
    with qtbot.waitSignal(quiet.problem_changed, timeout=5000) as failed:
        quiet.set_source(broken, "hyundaidemo")
    assert "could not be read" in failed.args[0] and not quiet.vin_edit.message.isVisible()
    assert quiet.vin_edit.edit.text() == "1HGCM82633A004352" and not quiet.vin_edit.edit.property("invalid")
    broken.close()
    qtbot.keyClicks(inline.vin_edit.edit, "1HGCM82635A004352")
    assert inline.vin_edit.message.isVisible() and "check digit" in inline.vin_edit.message.text()


def list_opened_in_page(
    qtbot: QtBot, runner: TaskRunner, cache: InventoryCache, page_width: int, field_width: int | None
) -> tuple[QWidget, VehiclePicker, int]:
    """A picker in a window ``page_width`` wide (at its right edge, ``field_width`` wide, when given), its whole
    list opened: (the window, the picker, the first row's text width)."""
    page = QWidget()
    qtbot.addWidget(page)
    picker = VehiclePicker(runner, "VIN", parent=page)
    layout = QHBoxLayout(page)
    if field_width is not None:
        layout.addStretch(1)
        picker.setFixedWidth(field_width)
    layout.addWidget(picker)
    page.resize(page_width, 200)
    page.show()
    qtbot.waitExposed(page)
    picker.set_source(cache, "hyundaidemo")
    loaded(picker.model, qtbot, PAGE)
    picker.show_list()
    qtbot.waitUntil(picker.list.isVisible)
    return page, picker, picker.list.fontMetrics().horizontalAdvance(str(picker.model.index(0).data()))


def test_the_list_is_wide_enough_for_a_whole_row_and_stays_in_the_window(
    qtbot: QtBot, runner: TaskRunner, cache: InventoryCache
) -> None:
    # A narrow field at the window's right edge, as on the Customers pages.
    page, picker, row = list_opened_in_page(qtbot, runner, cache, 1000, 300)
    assert picker.list.viewport().width() >= row  # the stock number and the price are not cut off
    assert not picker.list.horizontalScrollBar().isVisible()
    left = picker.list.mapToGlobal(QPoint(0, 0)).x() - page.mapToGlobal(QPoint(0, 0)).x()
    assert left >= 0 and left + picker.list.width() <= page.width()  # opened leftwards, inside the window


def test_in_a_window_narrower_than_a_row_the_list_cuts_its_rows_with_no_scroll_bar_over_them(
    qtbot: QtBot, runner: TaskRunner, cache: InventoryCache
) -> None:
    """Walked on Xvfb: a horizontal bar a few pixels wide came up over the list's last row."""
    page, picker, row = list_opened_in_page(qtbot, runner, cache, 260, None)  # narrower than a row
    assert picker.list.width() <= page.width() < row
    assert not picker.list.horizontalScrollBar().isVisible()


def test_scrolling_to_the_end_of_the_list_loads_the_next_page(
    qtbot: QtBot, runner: TaskRunner, cache: InventoryCache
) -> None:
    picker = VehiclePicker(runner, "VIN")
    qtbot.addWidget(picker)
    picker.show()
    picker.set_source(cache, "hyundaidemo")
    loaded(picker.model, qtbot, PAGE)
    picker.show_list()
    popup = picker.list
    qtbot.waitUntil(popup.isVisible)
    qtbot.wait(100)
    assert picker.model.rowCount() == PAGE  # showing the list alone loads nothing more
    popup.scrollToBottom()
    loaded(picker.model, qtbot, 2 * PAGE)


def _guard_gui_thread_reads(
    monkeypatch: pytest.MonkeyPatch, names: tuple[str, ...] = ("vehicle_rows", "vehicle_choices", "vehicle_count")
) -> list[str]:
    """Record every call of the cache's ``names`` made on the GUI thread."""
    on_gui: list[str] = []
    for name in names:
        original = getattr(InventoryCache, name)

        def guarded(self: InventoryCache, *args: Any, _original: Any = original, _name: str = name, **kw: Any) -> Any:
            if threading.current_thread() is threading.main_thread():
                on_gui.append(_name)
            return _original(self, *args, **kw)

        monkeypatch.setattr(InventoryCache, name, guarded)
    return on_gui


@pytest.fixture
def big_workspace(workspace: Workspace, big_cache_file: Path) -> Iterator[Workspace]:
    cache = InventoryCache(big_cache_file)
    workspace.cache.close()
    workspace.cache = cache
    yield workspace
    cache.close()


def test_pricing_rooftop_change_over_100k_vehicles_loads_one_page_off_the_gui_thread(
    qtbot: QtBot, runner: TaskRunner, big_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_gui = _guard_gui_thread_reads(monkeypatch)
    reads_on_gui = _guard_gui_thread_reads(monkeypatch, ("vehicle",))
    tab = PricingTab(runner, big_workspace)
    qtbot.addWidget(tab)
    model = tab.vehicle_picker.model
    big_workspace.set_rooftop("hyundaidemo")
    assert model.rowCount() == 0 and model.is_loading()  # the change itself read nothing
    loaded(model, qtbot, PAGE)
    assert "100,000 cached vehicles" in tab.vin_edit.edit.placeholderText()
    with qtbot.waitSignal(tab.vehicle_read) as read:  # far beyond the loaded page: typed VINs still work
        tab.vin_edit.edit.setText(vin_for(BIG - 1))
        tab.vin_edit.edit.returnPressed.emit()
    assert read.args == [vin_for(BIG - 1)] and tab.vehicle is not None and tab.vehicle["model"] == "Kona"
    with qtbot.waitSignal(tab.vehicle_read) as read:
        big_workspace.set_rooftop("other")  # not in that rooftop's cache: the choice is cleared
    assert read.args == [""] and tab.vehicle is None and tab.vin_edit.edit.text() == ""
    with qtbot.waitSignal(tab.vehicle_read) as read:
        tab.choose_vehicle(vin_for(7))
    assert read.args == [""] and "is not in other's cached inventory" in tab.field_messages["vehicle.vin"].text()
    big_workspace.set_rooftop("hyundaidemo")
    loaded(model, qtbot, PAGE)
    big_workspace.inventory_changed.emit("hyundaidemo")  # a sync finished: read again, one page
    loaded(model, qtbot, PAGE)
    runner.wait_idle()
    assert on_gui == []
    assert reads_on_gui == []  # not even the one vehicle's record, on any path a person takes
    assert tab.select_vehicle(vin_for(BIG - 5)) and not tab.select_vehicle("KMHJ3814XSU999999")  # a reopened deal


def test_customers_rooftop_change_over_100k_vehicles_loads_one_page_per_picker(
    qtbot: QtBot, runner: TaskRunner, big_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_gui = _guard_gui_thread_reads(monkeypatch)
    tab = CustomersTab(runner, big_workspace)
    qtbot.addWidget(tab)
    pickers = (tab.create_vehicle, tab.unlock_vehicle, tab.link_vehicle)
    big_workspace.set_rooftop("hyundaidemo")
    assert all(p.model.rowCount() == 0 for p in pickers)
    for picker in pickers:
        loaded(picker.model, qtbot, PAGE)
        assert all(picker.model.choice(r).in_stock for r in range(PAGE))
    picker = tab.create_vehicle
    picker.model.set_filter("kona 9999")
    qtbot.waitUntil(lambda: not picker.model.is_loading() and picker.model.rowCount() > 0, timeout=10_000)
    assert all("9999" in c.vin and c.model == "Kona" for c in map(picker.model.choice, range(picker.model.rowCount())))
    picker.completer.activated.emit(picker.model.choice(0).vin)  # as choosing row 0 in the list does
    assert picker.vin("vehicle.vin") == picker.model.choice(0).vin
    runner.wait_idle()
    tab.close_register()
    assert on_gui == []


def test_a_filter_narrowing_a_whole_result_is_answered_from_it_with_no_read(
    qtbot: QtBot, runner: TaskRunner, cache: InventoryCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing on into a word whose matches are all listed (every letter of "santa fe sel") asks the cache nothing:
    a word matching none of 100,000 vehicles scanned them all again at each key. A read that does run can be
    interrupted by the cancel of a newer filter."""
    reads: list[tuple[tuple[str, ...], bool]] = []
    original = InventoryCache.vehicle_choices

    def counted(self: InventoryCache, dpid: str, **kw: Any) -> Any:
        reads.append((kw.get("words", ()), kw.get("interruptible") is not None))
        return original(self, dpid, **kw)

    monkeypatch.setattr(InventoryCache, "vehicle_choices", counted)
    model = VehicleChoicesModel(runner)
    model.set_source(cache, "hyundaidemo")
    model.set_filter("santa")
    loaded(model, qtbot, 112)  # i % 4 == 2 below 450: every match in one page, so the list is whole
    assert reads[-1] == (("santa",), True)
    before = len(reads)
    for typed in ("santa ", "santa f", "santa fe", "santa fe s", "santa fe se", "santa fe sel"):
        model.set_filter(typed)
        assert not model.is_loading()
    assert len(reads) == before
    narrowed = [model.choice(r).vin for r in range(model.rowCount())]
    assert narrowed == sorted(vin_for(i) for i in range(450) if i % 4 == 2 and i % 3 == 1)  # a read's VIN order

    model.set_filter("santa fe")  # back-spacing widens: read again
    assert model.is_loading()
    loaded(model, qtbot, 112)
    assert len(reads) == before + 1


def test_after_a_failed_read_the_next_filter_reads_again(
    qtbot: QtBot, runner: TaskRunner, cache: InventoryCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed read lists nothing and stops paging, but it is no whole answer: typing on asks the cache again."""
    original = InventoryCache.vehicle_choices
    failing = {"on": True}

    def flaky(self: InventoryCache, dpid: str, **kw: Any) -> Any:
        if failing["on"]:
            raise sqlite3.OperationalError("disk I/O error")
        return original(self, dpid, **kw)

    monkeypatch.setattr(InventoryCache, "vehicle_choices", flaky)
    model = VehicleChoicesModel(runner)
    failed: list[str] = []
    model.failed.connect(failed.append)
    model.set_source(cache, "hyundaidemo")
    model.set_filter("kon")
    qtbot.waitUntil(lambda: bool(failed) and not model.is_loading())
    failing["on"] = False
    model.set_filter("kona")
    assert model.is_loading()
    loaded(model, qtbot, 112)  # i % 4 == 3 below 450
