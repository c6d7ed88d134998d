"""Deal Pricing's result callbacks do little on the GUI thread: the same answer again touches no widget, the menu of
a new catalog is priced in the TaskRunner, and the late answer of a superseded check or menu is dropped."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.domain.desking.menu import MenuQuote
from desktop.sandbox.server import SandboxServer
from desktop.ui.tabs.pricing import PricingTab
from desktop.ui.tabs.pricing.menu_flow import MENU_LABEL
from desktop.ui.tabs.pricing.programs_tree import program_rows
from desktop.ui.tabs.pricing.server_check import Verdict, judge
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from tests.ui.pricing_helpers import menu_priced, pricing_tab, repriced

CHECK_LABEL = "Checking the deal with the server"


@pytest.fixture
def tab(qtbot: QtBot, runner: TaskRunner, workspace: Workspace, sandbox: SandboxServer) -> PricingTab:
    return pricing_tab(qtbot, runner, workspace, sandbox)


def spy(target: Any, name: str) -> list[tuple[Any, ...]]:
    """Record the Python calls of ``target.name`` (the method still runs)."""
    calls: list[tuple[Any, ...]] = []
    method = getattr(target, name)

    def record(*args: Any) -> Any:
        calls.append(args)
        return method(*args)

    setattr(target, name, record)
    return calls


def checked(qtbot: QtBot, tab: PricingTab) -> None:
    with qtbot.waitSignal(tab.server_checked, timeout=15_000):
        tab.check_with_server()


def test_the_same_answer_again_sets_no_text_and_rebuilds_no_tree(tab: PricingTab, qtbot: QtBot) -> None:
    checked(qtbot, tab)
    texts = [column.check.text() for column in tab.columns.values()]
    assert any(text.startswith("Server agrees") for text in texts), texts
    set_texts = [spy(column.check, "setText") for column in tab.columns.values()]
    cleared = spy(tab.programs, "clear")
    said = spy(tab.programs_source, "setText")
    checked(qtbot, tab)
    assert [column.check.text() for column in tab.columns.values()] == texts
    assert set_texts == [[], [], []]
    assert not cleared and not said
    assert tab.programs.topLevelItemCount() == 3


def test_the_late_answer_of_a_superseded_check_is_dropped(tab: PricingTab, qtbot: QtBot) -> None:
    tab.check_timer.setInterval(600_000)  # no check of the edit's own: only the superseded one can answer
    answered: list[None] = []
    tab.server_checked.connect(lambda: answered.append(None))
    tab.check_with_server()
    assert any(job.label == CHECK_LABEL for job in tab.runner.running())
    with repriced(qtbot, tab):
        tab.credit_score.setValue(tab.credit_score.value() - 60)
    qtbot.waitUntil(lambda: not any(job.label == CHECK_LABEL for job in tab.runner.running()), timeout=15_000)
    qtbot.wait(50)  # a queued delivery would land in these turns
    assert not answered
    assert all(column.check.text() == "Checking with the server…" for column in tab.columns.values())


def test_a_new_catalog_prices_its_menu_in_the_task_runner(tab: PricingTab, qtbot: QtBot) -> None:
    shown = spy(tab.menu_page, "show_menu")
    tab.menu = {}
    tab._on_catalog(dict(tab.catalogs))  # the same catalog, as it comes back: the chosen products cost the same
    assert not shown and tab.menu == {}  # nothing priced in the catalog's own turn
    assert any(job.label == MENU_LABEL for job in tab.runner.running())
    menu_priced(qtbot, tab)
    assert len(shown) == 1
    assert isinstance(tab.menu.get("finance"), MenuQuote) and isinstance(tab.menu.get("lease"), MenuQuote)


def test_a_catalog_is_read_into_products_in_its_job_not_on_the_gui_thread(
    tab: PricingTab, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from desktop.ui.tabs.pricing import products

    read_on: list[bool] = []
    original = products.catalog_product

    def recording(plan: Any) -> Any:
        read_on.append(threading.current_thread() is threading.main_thread())
        return original(plan)

    monkeypatch.setattr(products, "catalog_product", recording)
    with qtbot.waitSignal(tab.catalog_loaded, timeout=15_000):
        tab.finance_term.setValue(48 if tab.finance_term.value() != 48 else 60)  # a new term: the catalog again
    assert read_on and not any(read_on)
    assert tab.products.products  # and the table lists them


def test_a_menu_priced_for_a_form_since_edited_is_dropped(tab: PricingTab, qtbot: QtBot) -> None:
    tab.check_timer.setInterval(600_000)
    shown = spy(tab.menu_page, "show_menu")
    tab.recompute_menu()  # as a catalog does: priced in the TaskRunner
    with repriced(qtbot, tab):
        tab.credit_score.setValue(tab.credit_score.value() - 60)
    menu_priced(qtbot, tab)
    qtbot.wait(50)
    assert len(shown) == 1  # the edit's board only: the earlier menu's answer never reached the page
    finance = tab.menu["finance"]
    assert isinstance(finance, MenuQuote) and finance == tab.menu_page.quote


def test_judge_names_the_differing_field_and_keeps_the_server_rate() -> None:
    class Deal:
        def __init__(self, payment: float) -> None:
            self.payment = payment

        def to_api(self) -> dict[str, Any]:
            return {"terms": {"monthly_payment": self.payment, "combined_tax_rate": 0.0725}}

    class Answer:
        def __init__(self, payment: float) -> None:
            self.deals = {"finance": {"terms": {"monthly_payment": payment, "combined_tax_rate": 0.0725}}}
            self.programs = {"finance": [], "lease": [], "cash": {}}

    outcome = judge({"finance": Answer(415.0), "cash": None}, {"finance": Deal(412.1)}, {"finance": "94113"}, {})
    assert outcome.verdicts["finance"] == Verdict(
        "Server differs — monthly_payment: 412.10 here, 415.00 on the server.", True
    )
    assert outcome.verdicts["cash"] == Verdict("The server cannot price it either.", False)
    assert outcome.rates == {"94113": Decimal("0.0725")}
    assert outcome.program_rows == program_rows(outcome.programs or {})


def test_a_refusal_names_the_field_as_the_form_does() -> None:
    """The column said "The server refused this deal (payment.term): The Roadster API answered 400: …": the
    partner's path for the field, and the status line before the reason, in a narrow column."""
    from desktop.api.errors import BadRequest

    names = {"lease.payment.term": "Lease term", "payment.customer_cash": "Cash down / due"}
    term = BadRequest("term must be one of 24, 36, 39, 48.", field="payment.term", status=400, api="Roadster")
    cash = BadRequest("customer_cash is more than the price", field="payment.customer_cash", status=400)
    whole = BadRequest("request body is not JSON", status=400, api="Roadster")

    class Priced:
        def to_api(self) -> dict[str, Any]:
            return {"terms": {"monthly_payment": 389.0}}

    outcome = judge({"lease": term, "cash": cash, "finance": whole}, {"lease": Priced()}, {}, names)
    assert outcome.verdicts["lease"] == Verdict(
        "The server refused the lease deal: Lease term — term must be one of 24, 36, 39, 48.", True
    )
    assert outcome.verdicts["cash"].text == (
        "The server refused the cash deal: Cash down / due — customer_cash is more than the price."
    )
    assert outcome.verdicts["finance"] == Verdict(
        "The server refused the finance deal: request body is not JSON.", False
    )


def test_a_menu_priced_behind_another_section_is_laid_out_when_shown(tab: PricingTab, qtbot: QtBot) -> None:
    tab.check_timer.setInterval(600_000)
    tab.resize(1280, 720)
    tab.show()
    qtbot.waitExposed(tab)
    page = tab.menu_page
    tab.sections.setCurrentWidget(tab.products)
    assert not page.isVisible()
    built = spy(page, "_show_layout")
    filled = spy(page, "_fill")
    with repriced(qtbot, tab):
        tab.customer_cash.setText("3100")
    assert not built and not filled  # nothing laid out on a page nobody sees
    assert page.quote is tab.menu["finance"]
    sections = tab.sections
    sections.setCurrentIndex(next(i for i in range(sections.count()) if sections.tabText(i) == "Menu"))
    qtbot.waitUntil(page.isVisible)
    assert filled and filled[-1][0] is tab.menu["finance"]
    assert page.choose_buttons
