"""The agents roster: learned from events and from what users type, merged, per rooftop, by name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.agents import Agent, AgentRoster, agent_label


@pytest.fixture
def roster(tmp_path: Path) -> Iterator[AgentRoster]:
    r = AgentRoster(tmp_path / "agents.sqlite3")
    yield r
    r.close()


def test_an_agent_first_known_by_email_then_by_id_is_one_agent(roster: AgentRoster) -> None:
    roster.learn("umazda", "0", "natalie@example.com", "natalie@example.com")  # an event: id 0, name = email
    assert roster.agents("umazda") == [Agent("umazda", "", "", "natalie@example.com")]
    roster.learn("umazda", "ID9876", "Natalie Wood", "natalie@example.com")  # typed at the desk
    roster.learn("umazda", "ID9876", "ID9876", "")  # a later event that knows only the id
    assert roster.agents("umazda") == [Agent("umazda", "ID9876", "Natalie Wood", "natalie@example.com")]
    assert roster.agents("hyundaidemo") == []  # per rooftop
    assert roster.learn("umazda", "", "No Id Nor Email", "") is None


def test_agents_are_listed_and_shown_by_name(roster: AgentRoster) -> None:
    roster.learn("umazda", "7", "Zoe Young", "")
    roster.learn("umazda", "", "Adam Abbot", "adam@example.com")
    roster.learn("umazda", "9", "", "")
    agents = roster.agents("umazda")
    assert [a.label for a in agents] == ["Adam Abbot", "Zoe Young", "9"]
    assert agents[0].choice == "Adam Abbot (adam@example.com)"
    assert agent_label(agents, "7") == "Zoe Young"
    assert agent_label(agents, "0", "ADAM@example.com") == "Adam Abbot"
    assert agent_label(agents, "12") == "12"


def test_an_agent_typed_with_an_id_then_seen_by_email_alone_keeps_the_typed_name(roster: AgentRoster) -> None:
    roster.learn("umazda", "ID9876", "Natalie Wood", "natalie@example.com")  # assigned at the desk
    # Roadster's check-in event for an agent id that is not a number: id 0, the id as "full_name", the email.
    roster.learn("umazda", "0", "ID9876", "Natalie@example.com")
    assert roster.agents("umazda") == [Agent("umazda", "ID9876", "Natalie Wood", "Natalie@example.com")]  # one
    assert agent_label(roster.agents("umazda"), "0", "natalie@example.com") == "Natalie Wood"  # not "ID9876"
