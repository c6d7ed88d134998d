"""The trade-in's value as Roadster prices it, shown in the deal's trade-in box as the agent types.

Whenever what the valuation depends on changes (the trade's value, payoff, mileage, year, firm-offer flag, the
vehicle, the buyer's ZIP), the server is asked again a moment after the typing stops, through the TaskRunner; an
answer that arrives after a newer question is dropped. The server's figure is the one shown: it is the value the
customer's deal is priced with.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from desktop.services.trade_value import TradeAppraisal, appraisal_request, appraise
from desktop.ui.amounts import money
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.errors import sentence
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace

SETTLE_MS = 400  # a value being typed is not asked digit by digit


def describe(appraisal: TradeAppraisal) -> str:
    """One line for the trade-in box: the value, and why it is that value."""
    value = money(appraisal.value)
    if appraisal.firm_offer:
        return f"{value}: a firm offer, priced as given."
    if appraisal.mileage is None:
        return f"{value}: an estimate; type the mileage to have it appraised."
    return f"{value}: the {money(appraisal.given)} estimate appraised for {appraisal.mileage:,} miles."


class TradeValue(QObject):
    """Keeps ``show`` (the form's appraisal line) up to date with the server's value of the open deal's trade."""

    def __init__(
        self,
        runner: TaskRunner,
        workspace: Workspace,
        current: CurrentDeal,
        show: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.workspace = workspace
        self.current = current
        self._show = show
        self._asked = ""  # the request last asked (or waiting to be), as JSON
        self._request: dict[str, Any] | None = None
        self._job = 0
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._on_settled)
        current.changed.connect(self._on_inputs_changed)
        workspace.connection_changed.connect(self._on_connection_changed)

    def _on_connection_changed(self) -> None:
        self._asked = ""
        self._on_inputs_changed()

    def _on_inputs_changed(self) -> None:
        deal = self.current.deal
        dealer = self.workspace.dealer(deal.dpid) if deal is not None else None
        request = None if deal is None else appraisal_request(deal, str((dealer or {}).get("zip_code") or ""))
        key = "" if request is None else json.dumps(request, sort_keys=True)
        if deal is not None and key and key == self._asked:
            return
        self._asked, self._request = key, request
        self.runner.cancel(self._job)
        self._settle.stop()
        if deal is None or not deal.trade_ins or not deal.trade_ins[0].offer_value:
            self._show("—")
        elif request is None:
            self._show("Choose the vehicle to have Roadster value the trade.")
        elif self.workspace.connection is None:
            self._show("Not connected: the trade is valued once the connection is up.")
        else:
            self._show("Asking Roadster…")
            self._settle.start()

    def _on_settled(self) -> None:
        connection, request = self.workspace.connection, self._request
        if connection is None or request is None:
            return
        client = connection.roadster
        self._job = self.runner.submit(
            lambda: appraise(client, request),
            lambda appraisal: self._show(describe(appraisal)),
            lambda exc: self._show(f"Not valued: {sentence(exc)}"),
            label="Valuing the trade-in",
            owner=self,
        )
