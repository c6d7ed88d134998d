"""Fixtures of the team-server tests: one real PostgreSQL cluster per session, and a database of each engine."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from desktop.server.db import Database, sqlite_url
from desktop.server.migrations import migrate
from desktop.server.threaded import TeamServer
from desktop.server.users import add_user
from tests.server.pg import PostgresCluster

WEBHOOK_KEY = "server-test-webhook-key"
ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    cluster = PostgresCluster()
    yield cluster
    cluster.stop()


@pytest.fixture(params=ENGINES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh empty database: a SQLite file, or a new database on the session's PostgreSQL."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "server")
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.database()


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    migrate(database)
    yield database
    database.dispose()


@dataclass
class Desk:
    """One signed-in person talking to the server over HTTP."""

    name: str
    client: httpx.Client
    user_id: int

    def get(self, path: str, **kw: object) -> httpx.Response:
        return self.client.get(path, **kw)  # type: ignore[arg-type]

    def post(self, path: str, **kw: object) -> httpx.Response:
        return self.client.post(path, **kw)  # type: ignore[arg-type]

    def put(self, path: str, **kw: object) -> httpx.Response:
        return self.client.put(path, **kw)  # type: ignore[arg-type]


class Team:
    def __init__(self, server: TeamServer) -> None:
        self.server = server
        self.desks: list[Desk] = []

    def desk(self, name: str, role: str, rooftops: tuple[str, ...] = ()) -> Desk:
        assert self.server.services is not None
        user, token = add_user(self.server.services.db, name, role, list(rooftops))
        client = httpx.Client(base_url=self.server.url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        desk = Desk(name, client, user.id)
        self.desks.append(desk)
        return desk

    def close(self) -> None:
        for desk in self.desks:
            desk.client.close()


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[TeamServer]:
    running = TeamServer(tmp_path / "data", WEBHOOK_KEY, database_url).start()
    yield running
    running.stop()


@pytest.fixture
def team(server: TeamServer) -> Iterator[Team]:
    t = Team(server)
    yield t
    t.close()
