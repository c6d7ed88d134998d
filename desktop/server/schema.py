"""The server's tables, in SQLAlchemy Core: one definition for SQLite and PostgreSQL.

Bounds here are the bounds of the HTTP schemas (:mod:`desktop.server.models`, :mod:`desktop.webhooks.schema`):
an id the API accepts always fits its column, so no valid request can fail in the database. ``BIGINT`` is the
64-bit signed integer of both engines.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

INT64_MAX = 2**63 - 1
DPID_MAX = 100
NAME_MAX = 200
EVENT_ID_MAX = 50

# SQLite auto-increments only a column declared exactly INTEGER PRIMARY KEY.
SeqType = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(100), nullable=False),
    Column("applied_at", Float, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("seq", SeqType, primary_key=True, autoincrement=True),
    Column("event_id", String(EVENT_ID_MAX), nullable=False, unique=True),
    Column("event_type", String(64), nullable=False),
    Column("dpid", String(DPID_MAX), nullable=False),
    Column("roadster_customer_id", BigInteger, nullable=False),
    Column("received_at", Float, nullable=False, index=True),
    Column("body", Text, nullable=False),  # sealed: the event carries names, contacts and sometimes more
)

dealer_map = Table(
    "dealer_map",
    metadata,
    Column("dpid", String(DPID_MAX), primary_key=True),
    Column("local_id", String(20), nullable=False, unique=True),
)

customer_map = Table(
    "customer_map",
    metadata,
    Column("dpid", String(DPID_MAX), nullable=False),
    Column("roadster_id", BigInteger, nullable=False),
    Column("local_id", String(20), nullable=False, unique=True),
    Column("lead_id", String(20), nullable=False, unique=True),
    PrimaryKeyConstraint("dpid", "roadster_id"),
)

agent_map = Table(
    "agent_map",
    metadata,
    Column("roadster_id", BigInteger, primary_key=True, autoincrement=False),
    Column("local_id", String(20), nullable=False, unique=True),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(NAME_MAX), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", Float, nullable=False),
)

user_rooftops = Table(
    "user_rooftops",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("dpid", String(DPID_MAX), nullable=False),
    PrimaryKeyConstraint("user_id", "dpid"),
)

rooftops = Table(
    "rooftops",
    metadata,
    Column("dpid", String(DPID_MAX), primary_key=True),
    Column("prefix", String(8), nullable=False),
    Column("last_number", Integer, nullable=False),
)

deals = Table(
    "deals",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("dpid", String(DPID_MAX), nullable=False, index=True),
    Column("number", String(32), nullable=False, unique=True),
    Column("version", Integer, nullable=False),
    Column("stage", String(32), nullable=False),
    Column("owner_id", Integer, ForeignKey("users.id"), nullable=True),
    Column("created_at", Float, nullable=False),
    Column("created_by", String(NAME_MAX), nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("updated_by", String(NAME_MAX), nullable=False),
    Column("body", Text, nullable=False),  # the deal's JSON without personal data
    Column("pii", Text, nullable=True),  # sealed JSON of the buyer's licence, birth date and SSN
)

deal_history = Table(
    "deal_history",
    metadata,
    Column("seq", SeqType, primary_key=True, autoincrement=True),
    Column("deal_id", String(36), ForeignKey("deals.id"), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("at", Float, nullable=False),
    Column("user_name", String(NAME_MAX), nullable=False),
    Column("field", String(64), nullable=False),
    Column("old", Text, nullable=True),
    Column("new", Text, nullable=True),
)

customers = Table(
    "customers",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("dpid", String(DPID_MAX), nullable=False, index=True),
    Column("roadster_customer_id", BigInteger, nullable=True),
    Column("version", Integer, nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("body", Text, nullable=False),
    Column("pii", Text, nullable=True),
)

changes = Table(
    "changes",
    metadata,
    Column("seq", SeqType, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("dpid", String(DPID_MAX), nullable=False),
    Column("owner_id", Integer, nullable=True),
    Column("version", Integer, nullable=False),
    Column("at", Float, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", SeqType, primary_key=True, autoincrement=True),
    Column("at", Float, nullable=False),
    Column("user_name", String(NAME_MAX), nullable=False),
    Column("action", String(32), nullable=False),
    Column("entity", String(16), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("field", String(64), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

seal_check = Table(
    "seal_check",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("sealed", Text, nullable=False),  # a known text sealed with the key the database was started with
)

Index("ix_customers_roadster", customers.c.dpid, customers.c.roadster_customer_id)
