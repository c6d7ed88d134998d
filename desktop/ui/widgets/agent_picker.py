"""A picker of the rooftop's agents, by name, from the agents roster; choosing one fills the agent fields."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.store.agents import Agent
from desktop.ui.widgets.wheel_guard import ComboBox


class AgentPicker(ComboBox):
    """The roster's agents by name; the first entry invites typing a new one (who is learned once assigned)."""

    picked = Signal(object)  # the Agent chosen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agentPicker")
        self.setToolTip("Agents of this rooftop, learned from customer events and from earlier assignments")
        self.set_agents([])
        self.activated.connect(self._on_activated)

    def set_agents(self, agents: list[Agent]) -> None:
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem("Known agents…" if agents else "No agents known yet: type one below", None)
        for agent in agents:
            self.addItem(agent.choice, agent)
        index = next((i for i in range(1, self.count()) if self.itemData(i) == current), 0)
        self.setCurrentIndex(index)
        self.blockSignals(False)

    def agents(self) -> list[Agent]:
        return [self.itemData(i) for i in range(1, self.count())]

    def _on_activated(self, index: int) -> None:
        agent = self.itemData(index)
        if isinstance(agent, Agent):
            self.picked.emit(agent)
