"""Fixtures of the conformance suite: the replay server and clients pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.api.base import RetryPolicy
from desktop.api.roadster.client import RoadsterClient
from tests.conformance.replay import ROOT, ReplayServer, roadster_routes

REPLAY_KEY = "replay-key"


@pytest.fixture
def replay() -> Iterator[ReplayServer]:
    """A fresh replay server per test, so each test sees only the requests it made."""
    server = ReplayServer(roadster_routes()).start()
    yield server
    server.stop()


@pytest.fixture
def replayed(replay: ReplayServer) -> Iterator[RoadsterClient]:
    """The real Roadster client, talking to the replay server."""
    client = RoadsterClient(replay.url + ROOT, REPLAY_KEY, retry=RetryPolicy(attempts=1))
    yield client
    client.close()
