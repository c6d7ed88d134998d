"""The profile's agents roster, one per workspace: read by jobs on any reader thread without opening its file again."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from desktop.config import Profile
from desktop.store.agents import Agent
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import Workspace


def test_reading_agents_on_every_reader_thread_opens_the_roster_file_once(
    qtbot: QtBot, runner: TaskRunner, workspace: Workspace
) -> None:
    """The soak's "agents-soak.sqlite3 +2": each "Reading agents" job kept a connection of its reader thread open,
    so the window's files grew whenever a thread listed agents for the first time."""
    roster = workspace.agent_roster()
    learned: list[object] = []
    runner.submit(lambda: roster.learn("D1", "9876", "Natalie Wood"), learned.append, label="Assigning", write=True)
    qtbot.waitUntil(lambda: len(learned) == 1)
    readers = 4  # the runner's reader threads, all busy at once: each job runs on a thread of its own
    together = threading.Barrier(readers)

    def read() -> tuple[list[Agent], str]:
        agents = roster.agents("D1"), roster.me("D1")
        together.wait(10)
        return agents

    lists: list[tuple[list[Agent], str]] = []
    for _ in range(readers):
        runner.submit(read, lists.append, label="Reading agents")
    qtbot.waitUntil(lambda: len(lists) == readers, timeout=15_000)
    assert lists == [([Agent("D1", "9876", "Natalie Wood", "")], "")] * readers
    assert roster.db.open_connections <= 2  # the writer's and one reader's, however many threads read it
    roster.close()


def test_the_roster_is_the_profiles_and_shared_until_the_profile_changes(workspace: Workspace) -> None:
    roster = workspace.agent_roster()
    assert workspace.agent_roster() is roster  # the Customers tab, the Deals tab and the events pull: one copy
    workspace.profile = Profile("Production", "remote", "https://roadster.example/v1", "https://chaiz.example")
    other = workspace.agent_roster()
    assert other is not roster and other.path != roster.path
