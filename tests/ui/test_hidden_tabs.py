"""A rooftop switch behind the tab in use: a hidden tab makes no job then, and reads the new rooftop's data when it
is next shown; what Deal Pricing prices from (the dealer detail) still follows the switch with Dealers never opened."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from desktop.api.roadster import templates as templates_api
from desktop.domain.deal import DealerConfig
from desktop.domain.deals import Deal, Person
from desktop.sandbox.server import SandboxServer
from desktop.secrets import SecretStore
from desktop.store.customers import CustomerRecord, CustomerRegister, register_file
from desktop.store.deals import SqliteDealStore
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.dealer_detail import DealerDetailRefresh
from desktop.ui.tabs.binder import BinderTab
from desktop.ui.tabs.customers import CustomersTab
from desktop.ui.tabs.dealers import DealersTab
from desktop.ui.tabs.deals import DealsTab
from desktop.ui.tabs.templates import TemplatesTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.conftest import dealers_of, roadster_for
from tests.ui.conftest import connection_to
from tests.ui.pricing_helpers import pricing_tab

HOME, OTHER = "umazda", "hyundaidemo"

Behind = Callable[[QWidget], QTabWidget]


@pytest.fixture
def jobs(runner: TaskRunner, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The labels of the jobs submitted to ``runner`` from now on (cleared by the test when it starts counting)."""
    submitted: list[str] = []
    for name in ("submit", "submit_job"):
        real = getattr(runner, name)

        def spy(fn: Any, *args: Any, real: Any = real, **kwargs: Any) -> int:
            submitted.append(str(kwargs.get("label", "")))
            return int(real(fn, *args, **kwargs))

        monkeypatch.setattr(runner, name, spy)
    return submitted


def switch_behind(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, jobs: list[str], tabs: QTabWidget) -> None:
    """Switch to OTHER while the tab is hidden: no job; then show it: it reads (its answer is awaited by the test)."""
    qtbot.waitUntil(lambda: not runner.running(), timeout=15_000)
    tab: Any = tabs.widget(1)
    jobs.clear()
    workspace.set_rooftop(OTHER)
    assert jobs == [], f"a hidden tab made jobs on a rooftop switch: {jobs}"
    assert tab.when_shown.pending()
    tabs.setCurrentWidget(tab)
    assert jobs, "the tab shown after the switch read nothing"
    assert not tab.when_shown.pending()


@pytest.fixture
def two_registers(workspace: Workspace) -> None:
    """One customer on each rooftop in the profile's register."""
    register = CustomerRegister(register_file(workspace.paths.data, workspace.profile.name))
    register.upsert(CustomerRecord(HOME, 1, "Ann", "Home", "ann@example.com"))
    register.upsert(CustomerRecord(OTHER, 2, "Bo", "Other", "bo@example.com"))
    register.close()


def test_hidden_customers_list_reads_the_new_rooftop_when_shown(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, jobs: list[str], behind: Behind, two_registers: None
) -> None:
    workspace.set_rooftop(HOME)
    tab = CustomersTab(runner, workspace)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: [c.id for c in tab.model.customers()] == [1], timeout=10_000)
    tabs = behind(tab)
    switch_behind(qtbot, runner, workspace, jobs, tabs)
    assert tab.model.rowCount() == 0 and OTHER in tab.count_label.text()  # not Ann, listed as if OTHER's
    qtbot.waitUntil(lambda: [c.id for c in tab.model.customers()] == [2], timeout=10_000)
    assert tab.count_label.text() == "1 customer in this register"
    tab.close_register()


def test_hidden_binder_offers_the_new_rooftops_customers_when_shown(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, jobs: list[str], behind: Behind, two_registers: None
) -> None:
    workspace.set_rooftop(HOME)
    tab = BinderTab(runner, workspace)
    qtbot.addWidget(tab)
    combo = tab.customer_combo
    qtbot.waitUntil(lambda: tab.binder is not None and [combo.itemData(i) for i in range(combo.count())] == [1])
    tabs = behind(tab)
    switch_behind(qtbot, runner, workspace, jobs, tabs)
    assert combo.count() == 0 and OTHER in combo.placeholderText()
    qtbot.waitUntil(lambda: [combo.itemData(i) for i in range(combo.count())] == [2], timeout=10_000)
    qtbot.waitUntil(lambda: not runner.running(), timeout=15_000)
    if tab.binder is not None:
        tab.binder.queue.close()


def test_hidden_dealers_tab_shows_the_new_rooftop_when_shown(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer, jobs: list[str], behind: Behind
) -> None:
    workspace.set_connection(connection_to(sandbox))
    workspace.set_dealers(dealers_of(sandbox))
    workspace.set_rooftop(HOME)
    tab = DealersTab(runner, workspace)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: f"·  {HOME}" in tab.title.text(), timeout=10_000)
    tabs = behind(tab)
    switch_behind(qtbot, runner, workspace, jobs, tabs)
    assert HOME not in tab.title.text()  # the last rooftop's fees are greyed under "Loading…", not titled as current
    qtbot.waitUntil(lambda: f"·  {OTHER}" in tab.title.text(), timeout=10_000)
    assert tab.fees.rowCount() >= 3 and tab.fees.isEnabled()


def test_hidden_templates_list_the_new_rooftops_when_shown(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer, jobs: list[str], behind: Behind
) -> None:
    client = roadster_for(sandbox)
    expected = {dpid: [t.id for t in templates_api.list_templates(client, dpid)] for dpid in (HOME, OTHER)}
    client.close()
    assert expected[HOME] and expected[OTHER] and set(expected[HOME]).isdisjoint(expected[OTHER])
    workspace.set_connection(connection_to(sandbox))
    workspace.set_rooftop(HOME)
    tab = TemplatesTab(runner, workspace)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: [t.id for t in tab.templates()] == expected[HOME], timeout=10_000)
    tabs = behind(tab)
    with qtbot.waitSignal(tab.templates_loaded, timeout=10_000):
        switch_behind(qtbot, runner, workspace, jobs, tabs)
        assert tab.list.count() == 0 and OTHER in tab.banner.text()
    assert [t.id for t in tab.templates()] == expected[OTHER]
    assert OTHER not in tab.banner.text()  # "Reading the templates of …" went with the answer


@pytest.fixture
def deals(tmp_path: Path, runner: TaskRunner) -> Iterator[CurrentDeal]:
    """The current deal over a store with one deal on each rooftop."""
    store = SqliteDealStore(tmp_path / "deals.sqlite3", SecretStore())
    for dpid, name in ((HOME, "Ann"), (OTHER, "Bo")):
        store.create(Deal(dpid, buyer=Person(first_name=name)), "bo", "HD")
    current = CurrentDeal(runner, who="bo")
    current.set_rooftop(HOME, "Umazda")
    current.set_store(store)
    yield current
    current.flush()
    runner.wait_idle()
    store.close()


def test_hidden_deals_list_the_new_rooftops_when_shown(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, jobs: list[str], behind: Behind, deals: CurrentDeal
) -> None:
    workspace.set_rooftop(HOME)
    tab = DealsTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.bind_deal(deals)

    def listed() -> list[str]:
        return [tab.model.row_at(r).dpid for r in range(tab.model.rowCount())]

    qtbot.waitUntil(lambda: listed() == [HOME], timeout=10_000)
    tabs = behind(tab)
    deals.set_rooftop(OTHER, "Hyundai Demo")  # as the window does, before the workspace
    switch_behind(qtbot, runner, workspace, jobs, tabs)
    assert listed() == [] and OTHER in tab.count.text()
    qtbot.waitUntil(lambda: listed() == [OTHER], timeout=10_000)


def test_pricing_gets_the_dealer_detail_after_a_switch_with_dealers_never_opened(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer
) -> None:
    """The Dealers tab refreshed the cached detail as a side effect of every switch; unopened, it refreshes none,
    and a detail cached in an earlier session (fees changed since) must not price the deal."""
    tab = pricing_tab(qtbot, runner, workspace, sandbox)
    DealerDetailRefresh(runner, workspace, tab)
    client = roadster_for(sandbox)
    fresh = client.dealer(OTHER).model_dump()
    client.close()
    stale = copy.deepcopy(fresh)
    stale["configuration"]["fees"]["doc_fee"] = fresh["configuration"]["fees"]["doc_fee"] + 123
    workspace.cache.save_dealer_detail(OTHER, stale)
    with qtbot.waitSignal(workspace.dealer_detail_changed, timeout=10_000):
        workspace.set_rooftop(OTHER)
    assert workspace.cache.dealer_detail(OTHER) == fresh
    qtbot.waitUntil(lambda: tab.dealer_config is not None, timeout=10_000)
    assert tab.dealer_config is not None
    assert tab.dealer_config.fees == DealerConfig.from_api(fresh["configuration"]).fees  # not the stale doc fee
    qtbot.waitUntil(lambda: not runner.running(), timeout=15_000)


def test_the_dealer_detail_is_asked_once_per_rooftop_and_connection_within_minutes(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer, jobs: list[str]
) -> None:
    """Sixty switches in two minutes were sixty requests for fees that change a few times a year."""
    workspace.set_connection(connection_to(sandbox))
    refresh = DealerDetailRefresh(runner, workspace)
    for dpid in (HOME, OTHER, HOME, OTHER):
        workspace.set_rooftop(dpid)
        qtbot.waitUntil(lambda: not runner.running(), timeout=10_000)
    asked = [f"Refreshing {dpid}'s fees and markups" for dpid in (HOME, OTHER)]
    assert jobs == asked
    old = workspace.connection
    with qtbot.waitSignal(workspace.dealer_detail_changed, timeout=10_000):
        workspace.set_connection(connection_to(sandbox))  # another connection (a profile, a reconnect) asks again
    assert old is not None
    old.close()
    assert jobs == [*asked, asked[1]]
    workspace.set_rooftop(HOME)
    qtbot.waitUntil(lambda: not runner.running(), timeout=10_000)
    assert jobs == [*asked, asked[1], asked[0]]
    refresh.deleteLater()
