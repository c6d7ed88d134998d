"""The agents roster: each rooftop's sales agents by name, so people see "Natalie Wood", never "ID9876" or "0".

Roadster has no agent list, so the desk learns its agents from what it meets: the agent of a customer event, and
the name, id and email a user types when assigning one. An agent is known by their id, or by their email when the
id is missing or is Roadster's placeholder 0; what is learned later fills in, never blanks, what was known.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from desktop.store.db import LocalDB, profile_file

SCHEMA = """
CREATE TABLE IF NOT EXISTS agents (
    dpid TEXT NOT NULL,
    key TEXT NOT NULL,
    agent_id TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (dpid, key)
);
-- The name the desk's user picked as theirs at each rooftop: the Deals tab's "Mine" lists that salesperson's deals.
CREATE TABLE IF NOT EXISTS me (dpid TEXT PRIMARY KEY, name TEXT NOT NULL);
"""

NO_ID = ("", "0")  # Roadster sends id 0 for an agent it knows only by name or email


@dataclass(frozen=True)
class Agent:
    dpid: str
    agent_id: str
    name: str
    email: str

    @property
    def label(self) -> str:
        """How an agent is shown: the name, else the email, else the id."""
        return self.name or self.email or self.agent_id

    @property
    def choice(self) -> str:
        """How an agent is offered in a picker: the name with what tells two namesakes apart."""
        extra = " · ".join(p for p in (self.agent_id, self.email) if p)
        return f"{self.name} ({extra})" if self.name and extra else self.label


def roster_file(data_dir: Path, profile: str) -> Path:
    return profile_file(data_dir, "agents", profile)


def _key(agent_id: str, email: str) -> str:
    return f"id:{agent_id}" if agent_id not in NO_ID else f"email:{email.lower()}"


class AgentRoster:
    """One profile's agents, per rooftop (a SQLite file; it opens on first use, from a worker thread)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = LocalDB(path, SCHEMA)

    def learn(self, dpid: str, agent_id: str = "", name: str = "", email: str = "") -> Agent | None:
        """Remember an agent seen in an event or typed by a user; returns what is now known, or None if nothing."""
        agent_id, name, email = agent_id.strip(), name.strip(), email.strip()
        if agent_id in NO_ID:
            agent_id = ""
        if not dpid or not (agent_id or email):
            return None
        if name in (agent_id, email):
            name = ""  # an event's "full_name" that only repeats the id or email is no name
        key = _key(agent_id, email)
        with self._db.write() as conn:
            row = conn.execute("SELECT agent_id, name, email FROM agents WHERE dpid = ? AND key = ?", (dpid, key))
            known = row.fetchone()
            if known is None and agent_id and email:  # first known by email, now with an id: one agent, not two
                known = conn.execute(
                    "SELECT agent_id, name, email FROM agents WHERE dpid = ? AND key = ?", (dpid, _key("", email))
                ).fetchone()
                if known is not None:
                    conn.execute("DELETE FROM agents WHERE dpid = ? AND key = ?", (dpid, _key("", email)))
            if known is None and email and not agent_id:  # known by id (typed at the desk), now seen by email alone
                found = conn.execute(
                    "SELECT key, agent_id, name, email FROM agents WHERE dpid = ? AND lower(email) = ?",
                    (dpid, email.lower()),
                ).fetchone()
                if found is not None:
                    key, known = found[0], found[1:]
            if known is not None and name == known[0]:
                name = ""  # Roadster's "full_name" for an agent assigned by id is that id: no name either
            merged = Agent(
                dpid,
                agent_id or (known[0] if known else ""),
                name or (known[1] if known else ""),
                email or (known[2] if known else ""),
            )
            conn.execute(
                "INSERT INTO agents (dpid, key, agent_id, name, email, seen_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (dpid, key) DO UPDATE SET agent_id = excluded.agent_id, name = excluded.name,"
                " email = excluded.email, seen_at = excluded.seen_at",
                (dpid, key, merged.agent_id, merged.name, merged.email, int(time.time())),
            )
        return merged

    def agents(self, dpid: str) -> list[Agent]:
        """The rooftop's agents, by name."""
        rows = self._db.connect().execute(
            "SELECT agent_id, name, email FROM agents WHERE dpid = ? ORDER BY name = '', name COLLATE NOCASE, email",
            (dpid,),
        )
        return [Agent(dpid, *row) for row in rows]

    def me(self, dpid: str) -> str:
        """The salesperson the user said they are at ``dpid`` ("" until they pick one)."""
        row = self._db.connect().execute("SELECT name FROM me WHERE dpid = ?", (dpid,)).fetchone()
        return "" if row is None else str(row[0])

    def set_me(self, dpid: str, name: str) -> None:
        """Remember ``name`` as the user's own at ``dpid`` ("": forget it)."""
        with self._db.write() as conn:
            if name:
                conn.execute(
                    "INSERT INTO me (dpid, name) VALUES (?, ?) ON CONFLICT (dpid) DO UPDATE SET name = excluded.name",
                    (dpid, name),
                )
            else:
                conn.execute("DELETE FROM me WHERE dpid = ?", (dpid,))

    def close(self) -> None:
        self._db.close()


def agent_label(agents: list[Agent], agent_id: str = "", email: str = "") -> str:
    """The name to show for an agent known by id or email; the id or email itself when the roster has no name."""
    agent_id = "" if agent_id in NO_ID else agent_id
    for agent in agents:
        if (agent_id and agent.agent_id == agent_id) or (email and agent.email.lower() == email.lower()):
            return agent.label
    return email or agent_id
