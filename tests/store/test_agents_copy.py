"""The agents roster served from memory: read by any thread without opening the file again, and current with
every write, through this roster or another one on the same file."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.store.agents import Agent, AgentRoster


@pytest.fixture
def roster(tmp_path: Path) -> Iterator[AgentRoster]:
    r = AgentRoster(tmp_path / "agents.sqlite3")
    yield r
    r.close()


def on_threads_at_once(count: int, fn: Callable[[], object]) -> list[object]:
    """Run ``fn`` on ``count`` threads that are all alive at once (so no two share an OS thread), to their end."""
    results: list[object] = []
    errors: list[BaseException] = []
    together = threading.Barrier(count)

    def run() -> None:
        try:
            results.append(fn())
            together.wait(10)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert not any(t.is_alive() for t in threads)
    if errors:
        raise errors[0]
    return results


def test_the_roster_read_from_many_threads_at_once_keeps_one_connection(roster: AgentRoster) -> None:
    """The soak's "agents.sqlite3 +2": each reader thread of the window kept a connection to the roster open; the
    roster is read once, then served from memory to every thread."""
    on_threads_at_once(1, lambda: roster.learn("umazda", "9876", "Natalie Wood", "natalie@example.com"))
    lists = on_threads_at_once(6, lambda: (roster.agents("umazda"), roster.me("umazda")))
    assert lists == [([Agent("umazda", "9876", "Natalie Wood", "natalie@example.com")], "")] * 6
    assert roster.db.open_connections <= 2  # the writer's, and the one that read the roster; not one per reader


def test_what_the_roster_learns_reaches_readers_on_other_threads_without_reading_the_file(
    roster: AgentRoster,
) -> None:
    roster.agents("umazda")  # read once, on this thread
    on_threads_at_once(1, lambda: roster.learn("umazda", "0", "Bo Reyes", "bo@example.com"))
    on_threads_at_once(1, lambda: roster.set_me("umazda", "Bo Reyes"))
    connections = roster.db.open_connections
    lists = on_threads_at_once(4, lambda: ([a.label for a in roster.agents("umazda")], roster.me("umazda")))
    assert lists == [(["Bo Reyes"], "Bo Reyes")] * 4
    assert roster.db.open_connections == connections
    on_threads_at_once(1, lambda: roster.set_me("umazda", ""))
    assert roster.me("umazda") == ""


def test_a_write_through_another_roster_on_the_file_is_read(roster: AgentRoster, tmp_path: Path) -> None:
    """Two windows on one profile, or a roster opened for one write: the copy must not hide what they wrote."""
    assert roster.agents("umazda") == [] and roster.me("umazda") == ""
    other = AgentRoster(roster.path)
    try:
        other.learn("umazda", "ID9876", "Natalie Wood", "natalie@example.com")
        other.set_me("umazda", "Natalie Wood")
        assert [a.name for a in roster.agents("umazda")] == ["Natalie Wood"]
        assert roster.me("umazda") == "Natalie Wood"
        roster.learn("umazda", "0", "ID9876", "Natalie@example.com")  # merged with what the other one wrote
        assert other.agents("umazda") == [Agent("umazda", "ID9876", "Natalie Wood", "Natalie@example.com")]
        other.learn("umazda", "5555", "Bo Reyes", "")
        roster.learn("umazda", "7", "Zoe Young", "")  # the other's write came first: both are known
        assert [a.name for a in roster.agents("umazda")] == ["Bo Reyes", "Natalie Wood", "Zoe Young"]
    finally:
        other.close()
    roster.close()  # the last connection's close folds the WAL into the file: read again, the same roster
    assert [a.name for a in roster.agents("umazda")] == ["Bo Reyes", "Natalie Wood", "Zoe Young"]


def test_agents_come_in_the_order_the_file_gave_them(roster: AgentRoster) -> None:
    """By name as SQLite's NOCASE compares (ASCII capitals folded, the rest by code point), nameless ones last."""
    names = ["zoe", "Émile", "éa", "Adam", "adam", "ÉBERT", "", "Zed", "ß", "SS"]
    for n, name in enumerate(names):
        roster.learn("umazda", str(n + 1), name, f"{9 - n}@example.com")
    roster.learn("umazda", "", "", "z@example.com")
    with sqlite3.connect(roster.path) as conn:
        expected = conn.execute(
            "SELECT agent_id, name, email FROM agents WHERE dpid = 'umazda'"
            " ORDER BY name = '', name COLLATE NOCASE, email"
        ).fetchall()
    conn.close()
    assert [(a.agent_id, a.name, a.email) for a in roster.agents("umazda")] == expected
