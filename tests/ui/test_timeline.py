"""The timeline widget: fills as events arrive, masks PII in every view, reveals only with an audit entry."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.store.agents import Agent
from desktop.store.audit import Actor, AuditLog
from desktop.store.events import EventLog
from desktop.ui.models.common import ObjectRole
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.timeline import COL_AGENT, COL_CREDIT, COL_EVENT, TimelineModel, TimelineWidget
from tests.webhooks.events_factory import make_event

CLEAR = ("123-45-6789", "D1234567", "1985-04-12")
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ObjectRole)


def journey(customer_id: int = 777) -> list[dict[str, Any]]:
    events = []
    for n, kind in enumerate(
        ("customer_saved_vehicle", "customer_completed_credit_application", "service_made_credit_decision")
    ):
        event = make_event(n, customer_id=customer_id)
        event["event_type"] = kind
        event["event_time"] = f"2026-11-23T19:4{n}:00Z"
        if kind == "customer_completed_credit_application":
            event["credit_applicant"] = {"ssn": CLEAR[0], "drivers_license_number": CLEAR[1], "birth_date": CLEAR[2]}
        if kind == "service_made_credit_decision":
            event["credit_decision"] = {"status": "approved", "finance_company": "Ally"}
        events.append(event)
    return events


@pytest.fixture
def event_log(tmp_path: Path) -> Iterator[EventLog]:
    log = EventLog(tmp_path / "events.sqlite3")
    yield log
    log.close()


@pytest.fixture
def audit(tmp_path: Path) -> Iterator[AuditLog]:
    log = AuditLog(tmp_path / "audit.sqlite3")
    yield log
    log.close()


@pytest.fixture
def timeline(qtbot: QtBot, runner: TaskRunner, audit: AuditLog) -> TimelineWidget:
    widget = TimelineWidget(runner, audit, Actor("judy", "desk-1", "Sandbox"))
    qtbot.addWidget(widget)
    return widget


def everything_shown(widget: TimelineWidget) -> str:
    model = widget.model
    cells = [
        json.dumps(model.data(model.index(r, c), role), default=str)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        for role in ROLES
    ]
    return "\n".join([*cells, widget.details.toPlainText(), widget.notice.text(), widget.revealed_label.text()])


def test_the_model_passes_the_model_tester(qtmodeltester: Any) -> None:
    model = TimelineModel()
    model.set_customer("toyotademo", 777, journey())
    qtmodeltester.check(model)


def test_the_timeline_fills_as_events_arrive_and_says_so(qtbot: QtBot, timeline: TimelineWidget) -> None:
    first, *later = journey()
    timeline.show_customer("toyotademo", 777, [first])
    assert timeline.model.rowCount() == 1
    other = make_event(9, customer_id=778)
    with qtbot.waitSignal(timeline.model.event_added, timeout=1000) as blocker:
        assert timeline.add_events([other, later[0]]) == 1  # another customer's event is not shown here
    assert "completed the credit application" in blocker.args[0]
    with qtbot.waitSignal(timeline.model.event_added, timeout=1000):
        timeline.add_events(later)  # the one already shown is not added twice
    assert timeline.model.rowCount() == 3
    assert timeline.notice.text() == "New: The lender made a credit decision"
    model = timeline.model
    assert model.data(model.index(2, COL_CREDIT)) == "Approved by Ally"
    assert model.data(model.index(0, COL_EVENT)) == "Carlos Silva saved a vehicle: 2020 Toyota Camry"


def test_masking_holds_in_every_view_until_an_audited_reveal(
    qtbot: QtBot, timeline: TimelineWidget, audit: AuditLog
) -> None:
    timeline.show_customer("toyotademo", 777, journey())
    for row in range(timeline.model.rowCount()):
        timeline.table.selectRow(row)
        shown = everything_shown(timeline)
        assert not any(value in shown for value in CLEAR)
    timeline.table.selectRow(0)
    assert not timeline.reveal_button.isEnabled()  # nothing to reveal on a saved vehicle

    timeline.table.selectRow(1)
    assert "•••• 6789" in timeline.details.toPlainText()
    assert "Birth date: ••/••/1985" in timeline.details.toPlainText().splitlines()  # its year, month and day hidden
    assert timeline.reveal_button.isEnabled()
    assert audit.entries() == []
    timeline.field_box.setCurrentText("credit_applicant.ssn")
    with qtbot.waitSignal(timeline.revealed, timeout=5000) as blocker:
        qtbot.mouseClick(timeline.reveal_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["credit_applicant.ssn", CLEAR[0]]
    assert CLEAR[0] in timeline.revealed_label.text()
    [entry] = audit.entries()
    assert (entry.os_user, entry.profile, entry.action, entry.detail) == (
        "judy",
        "Sandbox",
        "revealed",
        "credit_applicant.ssn",
    )
    assert audit.verify().intact
    assert CLEAR[0] not in timeline.details.toPlainText()  # only the reveal line shows it

    timeline.table.selectRow(2)  # moving on hides the revealed value again
    assert not any(value in everything_shown(timeline) for value in CLEAR)


def test_details_are_business_words_with_agents_by_name(qtbot: QtBot, timeline: TimelineWidget) -> None:
    event = journey()[1]
    event["agent"] = {"id": 0, "full_name": "ID9876", "email": "natalie@example.com"}
    timeline.show_customer("toyotademo", 777, [event])
    text = timeline.details.toPlainText()
    assert text.splitlines()[0] == "Carlos Silva completed the credit application"
    assert "Api partner" not in text and "Agent Id" not in text and "Roadster extra" not in text
    assert "Agent: ID9876 <natalie@example.com>" in text and "Social security number: •••• 6789" in text
    timeline.set_agents([Agent("toyotademo", "ID9876", "Natalie Wood", "natalie@example.com")])
    assert "Agent: Natalie Wood <natalie@example.com>" in timeline.details.toPlainText()
    assert timeline.model.index(0, COL_AGENT).data() == "Natalie Wood"


@pytest.mark.parametrize("width", [420, 560, 900])
def test_long_event_sentences_wrap_inside_a_narrow_table(qtbot: QtBot, timeline: TimelineWidget, width: int) -> None:
    """At 1280x720 the timeline has a few hundred pixels: no column may run past the table's edge, no cell is cut;
    the sentence is whole in its tooltip and in the details below."""
    from tests.ui.layout_check import cut_off

    events = journey()
    events[0]["vehicle"] = {"year": 2024, "make": "Mercedes-Benz", "model": "GLE 450 4MATIC Coupe with a long trim"}
    timeline.resize(width, 500)
    timeline.show()
    qtbot.waitExposed(timeline)
    timeline.show_customer("toyotademo", 777, events[:1])
    later = make_event(7, customer_id=777)
    later["event_type"] = "customer_saved_vehicle"
    later["vehicle"] = {"year": 2025, "make": "Land Rover", "model": "Range Rover Sport Autobiography Dynamic Black"}
    timeline.add_events([later, *events[1:]])
    qtbot.waitUntil(lambda: not cut_off(timeline), timeout=2000)
    event = timeline.model.index(1, COL_EVENT)
    assert "Range Rover Sport Autobiography" in event.data(Qt.ItemDataRole.ToolTipRole)
    timeline.table.selectRow(1)
    assert "Range Rover Sport Autobiography" in timeline.details.toPlainText()


def test_the_columns_and_rows_are_fitted_when_events_come_not_measured_on_every_show(
    qtbot: QtBot, timeline: TimelineWidget
) -> None:
    """ResizeToContents headers (both ways: the rows' heights follow the wrapped sentences) measured every cell
    again on each show of the Customers tab: 23-41 ms of GUI-thread CPU a switch at 60 events. The widths and
    heights are fitted when events come, and a later event's longer text still widens its column."""
    from PySide6.QtWidgets import QHeaderView

    from desktop.ui.widgets.timeline import COL_VEHICLE

    to_contents = QHeaderView.ResizeMode.ResizeToContents
    header, rows = timeline.table.horizontalHeader(), timeline.table.verticalHeader()
    assert to_contents not in {header.sectionResizeMode(c) for c in range(header.count())}
    timeline.resize(1400, 500)
    timeline.show()
    qtbot.waitExposed(timeline)
    timeline.show_customer("toyotademo", 777, journey())
    metrics = timeline.table.fontMetrics()

    def fits(column: int) -> bool:
        texts = timeline.model.column_texts(column)
        return header.sectionSize(column) > max(metrics.horizontalAdvance(t) for t in texts)

    qtbot.waitUntil(lambda: fits(COL_VEHICLE), timeout=2000)
    before = header.sectionSize(COL_VEHICLE)
    later = make_event(9, customer_id=777)
    later["event_type"] = "customer_saved_vehicle"
    later["vehicle"] = {"year": 2025, "make": "Land Rover", "model": "Range Rover Sport Autobiography Dynamic Black"}
    timeline.add_events([later])
    qtbot.waitUntil(lambda: fits(COL_VEHICLE) and header.sectionSize(COL_VEHICLE) > before, timeout=2000)
    assert rows.sectionResizeMode(0) != to_contents


def test_an_empty_timeline_shows_each_column_title_whole(qtbot: QtBot, timeline: TimelineWidget) -> None:
    """With no customer chosen the sentence column was squeezed to its (missing) contents and read "ven" (seen under
    Xvfb): a squeezed column is never narrower than its title."""
    header = timeline.table.horizontalHeader()
    timeline.resize(520, 400)
    timeline.show()
    qtbot.waitExposed(timeline)
    qtbot.wait(100)  # the collapser's fits after the show
    assert header.sectionSize(COL_EVENT) >= header.sectionSizeHint(COL_EVENT)
