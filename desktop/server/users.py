"""Users, their roles and rooftops, and the tokens they sign in with (kept as SHA-256 hashes only).

A token is 32 random bytes: a hash without a salt is enough, since nobody can guess such a token from a list of
likely ones, and it lets the server find the user with one indexed lookup. The token is shown once, when the
user is added; the desktop keeps it in the keyring.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Literal, get_args

from sqlalchemy import insert, select

from desktop.server import schema
from desktop.server.db import Database

Role = Literal["agent", "finance", "documents", "admin"]
ROLES: tuple[str, ...] = get_args(Role)
TOKEN_PREFIX = "ddt_"  # noqa: S105 -- a prefix that tells a token apart in a leak scan, not a secret


@dataclass(frozen=True)
class User:
    """Who is asking, and what they may see.

    An agent works the deals they own and the unassigned leads of their rooftops (any rooftop when none was
    given); finance and documents staff work every deal of the rooftops they were given (none when none was
    given); an admin sees everything. Reserve and profit are shown to finance and admin only.
    """

    id: int
    name: str
    role: str
    rooftops: frozenset[str]

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def sees_profit(self) -> bool:
        return self.role in ("finance", "admin")

    @property
    def every_rooftop(self) -> bool:
        """Whether this user works at every rooftop (an admin, or an agent given none)."""
        return self.is_admin or (self.role == "agent" and not self.rooftops)

    def works_at(self, dpid: str) -> bool:
        return self.every_rooftop or dpid in self.rooftops

    def may_see(self, dpid: str, owner_id: int | None, stage: str) -> bool:
        if not self.works_at(dpid):
            return False
        if self.role == "agent":
            return owner_id == self.id or (owner_id is None and stage == "lead")
        return True


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class UserProblem(ValueError):
    """A user that cannot be added as asked; the message names the field."""


def add_user(db: Database, name: str, role: str, rooftops: list[str]) -> tuple[User, str]:
    """Add a user; returns it with its token, which is not kept anywhere and cannot be shown again."""
    name = name.strip()
    if not name or len(name) > schema.NAME_MAX:
        raise UserProblem(f"--name must be 1 to {schema.NAME_MAX} characters.")
    if role not in ROLES:
        raise UserProblem(f"--role must be one of {', '.join(ROLES)}.")
    for dpid in rooftops:
        if not dpid or len(dpid) > schema.DPID_MAX:
            raise UserProblem(f"--rooftop must be a dealer's dpid of 1 to {schema.DPID_MAX} characters.")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    u = schema.users
    with db.write() as conn:
        if conn.scalar(select(u.c.id).where(u.c.name == name)) is not None:
            raise UserProblem(f"A user named {name!r} already exists (--name).")
        created = conn.execute(
            insert(u).values(name=name, role=role, token_hash=hash_token(token), created_at=time.time())
        )
        user_id = created.inserted_primary_key[0] if created.inserted_primary_key else None
        if user_id is None:
            raise UserProblem("The database did not give the new user an id.")
        for dpid in dict.fromkeys(rooftops):
            conn.execute(insert(schema.user_rooftops).values(user_id=user_id, dpid=dpid))
    return User(int(user_id), name, role, frozenset(rooftops)), token


def authenticate(db: Database, token: str) -> User | None:
    """The user holding ``token``, or None."""
    u = schema.users
    with db.read() as conn:
        row = conn.execute(select(u.c.id, u.c.name, u.c.role).where(u.c.token_hash == hash_token(token))).first()
        if row is None:
            return None
        dpids = conn.scalars(select(schema.user_rooftops.c.dpid).where(schema.user_rooftops.c.user_id == row[0]))
        return User(int(row[0]), str(row[1]), str(row[2]), frozenset(dpids))


def roster(db: Database, dpid: str | None) -> list[dict[str, object]]:
    """The agents (and other staff) of a rooftop, or of every rooftop: id, name, role, rooftops."""
    u, ur = schema.users, schema.user_rooftops
    with db.read() as conn:
        people = conn.execute(select(u.c.id, u.c.name, u.c.role).order_by(u.c.name)).all()
        links = conn.execute(select(ur.c.user_id, ur.c.dpid)).all()
    by_user: dict[int, list[str]] = {}
    for user_id, d in links:
        by_user.setdefault(int(user_id), []).append(str(d))
    out: list[dict[str, object]] = []
    for user_id, name, role in people:
        theirs = sorted(by_user.get(int(user_id), []))
        if dpid is None or dpid in theirs:
            out.append({"id": int(user_id), "name": str(name), "role": str(role), "rooftops": theirs})
    return out
