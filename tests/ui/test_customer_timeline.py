"""Customer events reach the Customers tab: the timeline fills, newcomers join the register, PII stays masked."""

from __future__ import annotations

import httpx
from pytestqt.qtbot import QtBot

from desktop.api.events_feed import EventFeedClient
from desktop.sandbox.server import SandboxServer
from desktop.ui.models.common import ObjectRole
from desktop.ui.tabs.customers import CustomersTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace
from desktop.webhooks.server import WebhookServer
from tests.conftest import HOOK_KEY, admin
from tests.ui.conftest import connection_to
from tests.webhook_helpers import hook_up, stored_events


def test_simulated_journey_fills_the_timeline(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace, fresh_sandbox: SandboxServer, receiver: WebhookServer
) -> None:
    hook_up(fresh_sandbox, receiver)
    tab = CustomersTab(runner, workspace)
    qtbot.addWidget(tab)
    tab.poll_timer.stop()
    conn = connection_to(fresh_sandbox)
    conn.events = EventFeedClient(receiver.url, HOOK_KEY)
    workspace.set_rooftop("toyotademo")
    workspace.set_connection(conn)  # connecting reads the (still empty) feed once
    qtbot.waitUntil(lambda: not runner.is_running(tab._pull_job), timeout=10_000)
    journey = admin(fresh_sandbox, "POST", "/simulate", json={"dpid": "toyotademo", "seed": 5}).json()
    customer_id = journey["customer"]["id"]

    def delivered() -> bool:
        with httpx.Client() as c:
            status = c.get(
                fresh_sandbox.url + "/sandbox/webhook",
                headers={"Authorization": f"Bearer {fresh_sandbox.config.api_key}"},
            ).json()
        return status["pending"] == 0 and status["delivered"] >= len(journey["events"])

    qtbot.waitUntil(delivered, timeout=20_000)
    with qtbot.waitSignal(workspace.notice, timeout=10_000) as notice:
        tab.pull_events()
    assert "New customer event" in notice.args[0]
    # the shopper, first seen in events, joined the register
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    qtbot.waitUntil(lambda: tab.timeline.model.rowCount() == len(journey["events"]), timeout=10_000)
    texts = [
        str(tab.timeline.model.index(r, c).data())
        for r in range(tab.timeline.model.rowCount())
        for c in range(tab.timeline.model.columnCount())
    ]
    assert any("credit" in t.lower() for t in texts)
    stored = stored_events(receiver)
    applicant = next(e["credit_applicant"] for e in stored if "credit_applicant" in e)
    assert applicant["ssn"] and all(applicant["ssn"] not in t for t in texts)
    born = str(applicant["birth_date"])  # as the API sends it: 1980-11-23T00:00:00.000Z
    assert "T00:00:00" in born
    births = []
    for row in range(tab.timeline.model.rowCount()):
        tab.timeline.table.selectRow(row)
        details = tab.timeline.details.toPlainText()
        assert applicant["ssn"] not in details and born[:10] not in details and "000Z" not in details
        births += [line for line in details.splitlines() if line.startswith("Birth date")]
    assert births and set(births) == {f"Birth date: ••/••/{born[:4]}"}  # its year: never the API's time of day
    assert int(tab.model.index(0, 0).data(ObjectRole).id) == customer_id
