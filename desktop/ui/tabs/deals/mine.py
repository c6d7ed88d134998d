"""The Deals tab's "Mine": the deals I sell and the deals I started, as a dealer's deal log means it.

Who "I" am as a salesperson cannot be the computer's login (the deal's salesperson is a roster name, "Natalie
Wood", never "root"): the user picks their name from the rooftop's agents once, beside the box, and the choice is
kept per rooftop in the profile's agents roster. Deals they started are theirs too, whoever sells them: their
creator is the name the deal store records for this desk's user (:meth:`DealStore.creator`: the desk's user on
its own store, the account the desk signs in with on a team server, which records that account).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QWidget

from desktop.store.agents import AgentRoster
from desktop.ui.errors import sentence
from desktop.ui.tabs.deals.model import Mine
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.wheel_guard import ComboBox

NOT_PICKED = "Who am I?"


class MineFilter(QWidget):
    """The "Mine" box and the salesperson the user is; ``changed`` when either changes."""

    changed = Signal()
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._dpid = ""
        self._roster: AgentRoster | None = None
        self.check = QCheckBox("Mine", self)
        self.check.setObjectName("mineOnly")
        self.check.setToolTip("Only the deals you are the salesperson on, and the deals you started")
        self.me = ComboBox(self)
        self.me.setObjectName("meSalesperson")
        self.me.setToolTip('Which salesperson you are at this rooftop: "Mine" lists the deals they sell')
        self.me.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.me.setMinimumContentsLength(10)
        self.me.addItem(NOT_PICKED, "")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.me)
        self.check.toggled.connect(self._on_toggled)
        self.me.activated.connect(self._on_me_picked)

    def mine(self, creator: str) -> Mine:
        """The filter: everyone's while the box is clear; else my salesperson's deals and those ``creator`` started."""
        if not self.check.isChecked():
            return Mine()
        return Mine(str(self.me.currentData() or ""), creator)

    def salesperson(self) -> str:
        return str(self.me.currentData() or "")

    def set_names(self, dpid: str, roster: AgentRoster, names: list[str], me: str) -> None:
        """The rooftop's salespeople to pick from, and the one picked before (kept even if the roster forgot it)."""
        self._dpid, self._roster = dpid, roster
        before = self.salesperson()
        self.me.blockSignals(True)
        self.me.clear()
        self.me.addItem(NOT_PICKED, "")
        for name in sorted({*names, *([me] if me else [])}, key=str.lower):
            self.me.addItem(name, name)
        self.me.setCurrentIndex(max(0, self.me.findData(me)))
        self.me.blockSignals(False)
        if me != before:
            self.changed.emit()

    def _on_toggled(self, _checked: bool) -> None:
        self.changed.emit()

    def _on_me_picked(self, _index: int) -> None:
        name, dpid, roster = self.salesperson(), self._dpid, self._roster
        self.changed.emit()
        if not dpid or roster is None:
            return
        self.runner.submit(
            lambda: roster.set_me(dpid, name),
            on_error=lambda exc: self.failed.emit(f"Your salesperson was not remembered: {sentence(exc)}"),
            label="Remembering your salesperson",
            write=True,
            owner=self,
        )
