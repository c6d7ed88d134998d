"""A desk catching up with more than 500 changed deals, at start and after a reconnect, on both engines."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.api.base import RetryPolicy
from desktop.api.team_server import TeamServerClient
from desktop.domain.deals import Deal
from desktop.secrets import SecretStore
from desktop.server.models import DealCreate, DealUpdate
from desktop.server.users import User
from desktop.services.team import ChangeFollower, RemoteDealStore
from desktop.store.deals import SqliteDealStore
from tests.server.conftest import Team

DPID = "hyundai-demo"
MANY = 520  # beyond the 500 deals one list answers


def wait_for(check: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "not within the time allowed"
        threading.Event().wait(0.05)


@pytest.fixture
def desk(team: Team, tmp_path: Path) -> Iterator[RemoteDealStore]:
    token = team.desk("fiona", "finance", (DPID,)).client.headers["Authorization"][7:]
    client = TeamServerClient(team.server.url, token, retry=RetryPolicy(attempts=1))
    store = RemoteDealStore(client, SqliteDealStore(tmp_path / "fiona.sqlite3", SecretStore()))
    yield store
    store.close()


def _make_deals(team: Team, n: int) -> list[str]:
    services = team.server.services
    assert services is not None
    boss = User(0, "boss", "admin", frozenset())
    return [
        services.deals.create(boss, DealCreate(dpid=DPID, buyer={"first_name": f"Buyer {i}"}))[0]["id"]  # type: ignore[arg-type]
        for i in range(n)
    ]


def _follow(desk: RemoteDealStore, seen: dict[str, Deal], cursor: str | None = None) -> ChangeFollower:
    follower = ChangeFollower(desk, lambda: [DPID], lambda deals: seen.update((d.id, d) for d in deals), wait=1)
    follower.cursor = cursor
    return follower.start()


def test_a_desk_starting_fresh_gets_every_deal_not_only_the_newest_500(team: Team, desk: RemoteDealStore) -> None:
    ids = _make_deals(team, MANY)
    seen: dict[str, Deal] = {}
    follower = _follow(desk, seen)
    try:
        wait_for(lambda: len(seen) >= MANY)
    finally:
        follower.stop(timeout=10)
    assert set(seen) == set(ids)
    assert all(desk.held_version(i) == 1 for i in ids)


def test_a_reconnecting_desk_pages_the_feed_until_caught_up(team: Team, desk: RemoteDealStore) -> None:
    ids = _make_deals(team, MANY)
    seen: dict[str, Deal] = {}
    follower = _follow(desk, seen)
    try:
        wait_for(lambda: len(seen) >= MANY)
    finally:
        follower.stop(timeout=10)
    cursor = follower.cursor
    assert cursor is not None

    services = team.server.services
    assert services is not None
    boss = User(0, "boss", "admin", frozenset())
    for i in ids:  # while the desk was away: every deal saved again, 520 changes
        services.deals.update(boss, i, DealUpdate(version=1, notes="away"))
    seen.clear()
    follower = _follow(desk, seen, cursor)
    try:
        wait_for(lambda: len(seen) >= MANY)
    finally:
        follower.stop(timeout=10)
    assert set(seen) == set(ids) and {d.notes for d in seen.values()} == {"away"}
    assert all(desk.held_version(i) == 2 for i in ids)
