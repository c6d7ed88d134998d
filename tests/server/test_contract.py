"""The server's contract on both engines: migrations that run once, in order, from any earlier release and from
two processes starting at once; an OpenAPI document that describes every answer."""

from __future__ import annotations

import threading

import httpx
import pytest
from sqlalchemy import select

from desktop.server import migrations, schema
from desktop.server.db import Database
from desktop.server.migrations import MIGRATIONS, migrate
from desktop.server.users import add_user, authenticate


def test_two_processes_starting_at_once_apply_each_migration_once(database_url: str) -> None:
    engines = [Database(database_url) for _ in range(4)]
    applied: list[list[int]] = []
    failures: list[BaseException] = []

    def start(db: Database) -> None:
        try:
            applied.append(migrate(db))
        except BaseException as exc:  # reported below: a thread's exception is otherwise lost
            failures.append(exc)

    threads = [threading.Thread(target=start, args=(db,)) for db in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    try:
        assert failures == []
        assert sorted(v for versions in applied for v in versions) == [v for v, _, _ in MIGRATIONS]
        with engines[0].read() as conn:
            rows = list(conn.scalars(select(schema.schema_migrations.c.version)))
        assert sorted(rows) == [v for v, _, _ in MIGRATIONS]
    finally:
        for db in engines:
            db.dispose()


def test_a_database_of_an_earlier_release_is_brought_up_to_date_with_its_data(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database(database_url)
    try:
        monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS[:1])  # the first release had only the tables
        assert migrate(db) == [1]
        _, token = add_user(db, "judy", "agent", ["hyundai-demo"])
        monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS)
        assert migrate(db) == [v for v, _, _ in MIGRATIONS[1:]]
        assert migrate(db) == []
        found = authenticate(db, token)
        assert found is not None and found.name == "judy"
    finally:
        db.dispose()


def test_every_answer_of_every_route_is_described_in_openapi(server) -> None:  # type: ignore[no-untyped-def]
    spec = httpx.get(server.url + "/api/v1/openapi.json").json()
    undescribed = [
        f"{method.upper()} {path} {code}"
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        for code, answer in operation["responses"].items()
        if not any(c.get("schema") for c in answer.get("content", {}).values())
    ]
    assert undescribed == []
    assert spec["components"]["schemas"]["CustomerEvent"]["title"] == "CustomerEvent"
