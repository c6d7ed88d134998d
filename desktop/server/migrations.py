"""Schema migrations, applied in order on start, each recorded in ``schema_migrations``.

A short ordered list instead of Alembic: the server has a handful of migrations, they must run inside the frozen
build (Alembic wants its script folder and ``env.py`` shipped as data files) and two server processes starting
at once on one PostgreSQL database need a lock around them anyway -- which is the whole of this runner. Each
migration is Core DDL, so one definition serves both engines; a migration is never edited once released, a
change is a new entry at the end.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import Connection, select, text

from desktop.server import schema
from desktop.server.db import Database

Migration = tuple[int, str, Callable[[Connection, Database], None]]

_APPEND_ONLY = ("deal_history", "audit_log")


def _create_tables(conn: Connection, db: Database) -> None:
    later = (schema.schema_migrations, schema.seal_check)
    tables = [t for t in schema.metadata.sorted_tables if t not in later]
    schema.metadata.create_all(conn, tables=tables)


def _append_only(conn: Connection, db: Database) -> None:
    """History and audit rows can be added, never changed or removed -- by this program or by hand in psql."""
    if db.is_postgresql:
        conn.execute(
            text(
                "CREATE OR REPLACE FUNCTION dealer_desk_append_only() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql"
            )
        )
        for table in _APPEND_ONLY:
            conn.execute(
                text(
                    f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION dealer_desk_append_only()"
                )
            )
        return
    for table in _APPEND_ONLY:
        for action in ("UPDATE", "DELETE"):
            conn.execute(
                text(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
            )


def _seal_check(conn: Connection, db: Database) -> None:
    schema.seal_check.create(conn, checkfirst=True)


MIGRATIONS: list[Migration] = [
    (1, "tables", _create_tables),
    (2, "append-only history and audit", _append_only),
    (3, "sealing key check", _seal_check),
]


def migrate(db: Database) -> list[int]:
    """Apply the migrations this database lacks; returns the versions applied now (empty when up to date)."""
    with db.write() as conn:
        if db.is_postgresql:
            conn.execute(text("SELECT pg_advisory_xact_lock(7316000)"))
        schema.schema_migrations.create(conn, checkfirst=True)
    applied_now: list[int] = []
    with db.write() as conn:
        if db.is_postgresql:
            conn.execute(text("SELECT pg_advisory_xact_lock(7316000)"))
        done = set(conn.scalars(select(schema.schema_migrations.c.version)))
        for version, name, step in MIGRATIONS:
            if version in done:
                continue
            step(conn, db)
            conn.execute(schema.schema_migrations.insert().values(version=version, name=name, applied_at=time.time()))
            applied_now.append(version)
    return applied_now
