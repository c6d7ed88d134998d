"""The agents roster: each rooftop's sales agents by name, so people see "Natalie Wood", never "ID9876" or "0".

Roadster has no agent list, so the desk learns its agents from what it meets: the agent of a customer event, and
the name, id and email a user types when assigning one. An agent is known by their id, or by their email when the
id is missing or is Roadster's placeholder 0; what is learned later fills in, never blanks, what was known.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.store.db import QUIET_IDLE, LocalDB, profile_file

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

# SQLite's NOCASE collation folds the 26 ASCII capitals only (and compares the rest by code point).
_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

_Stamp = tuple[tuple[int, int, int] | None, ...] | None  # see AgentRoster._file_stamp


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
    """One profile's agents, per rooftop: a SQLite file, and a copy of it in memory that serves every read.

    The roster is tiny and read by background jobs on any of the runner's threads; read from the file, each thread
    kept a connection of its own open (the pool lends a connection only to the thread that last used it), so the
    window's open files grew with the threads that ever listed agents. The whole roster, every rooftop, is read
    once, on the first read; :meth:`learn` and :meth:`set_me` write the file and keep the copy current.
    Share one roster per profile in a process (``Workspace.agent_roster()``): writes through it reach every
    reader at once. A write through another roster on the file (another window, a test) is noticed by the file's
    and its WAL's size and modification time, checked with ``os.stat`` (no file opened) on every read: the copy
    is then read again. Nothing opens before the first read or write, which runs in a worker thread.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = LocalDB(path, SCHEMA, max_idle=QUIET_IDLE)  # read once; written when an agent is met
        # Held across the file's reads and writes too, so a copy being read never misses a write landing meanwhile.
        self._lock = threading.Lock()
        self._agents: dict[str, dict[str, Agent]] | None = None  # dpid -> key -> agent; None until read
        self._me: dict[str, str] = {}
        self._stamp: _Stamp = None

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
        merged_away = ""
        with self._lock:
            before = self._file_stamp()
            with self.db.write() as conn:
                row = conn.execute("SELECT agent_id, name, email FROM agents WHERE dpid = ? AND key = ?", (dpid, key))
                known = row.fetchone()
                if known is None and agent_id and email:  # first known by email, now with an id: one agent, not two
                    known = conn.execute(
                        "SELECT agent_id, name, email FROM agents WHERE dpid = ? AND key = ?", (dpid, _key("", email))
                    ).fetchone()
                    if known is not None:
                        merged_away = _key("", email)
                        conn.execute("DELETE FROM agents WHERE dpid = ? AND key = ?", (dpid, merged_away))
                if known is None and email and not agent_id:  # known by id (typed at the desk), now seen by email
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
            if self._agents is not None:
                rooftop = self._agents.setdefault(dpid, {})
                rooftop.pop(merged_away, None)
                rooftop[key] = merged
            self._wrote(before)
        return merged

    def agents(self, dpid: str) -> list[Agent]:
        """The rooftop's agents, by name (those without one last, then by email)."""
        with self._lock:
            agents = list(self._copy()[0].get(dpid, {}).values())
        # The order the file's query gave: ORDER BY name = '', name COLLATE NOCASE (ASCII letters folded), email.
        return sorted(agents, key=lambda a: (a.name == "", a.name.translate(_ASCII_FOLD), a.email))

    def me(self, dpid: str) -> str:
        """The salesperson the user said they are at ``dpid`` ("" until they pick one)."""
        with self._lock:
            return self._copy()[1].get(dpid, "")

    def set_me(self, dpid: str, name: str) -> None:
        """Remember ``name`` as the user's own at ``dpid`` ("": forget it)."""
        with self._lock:
            before = self._file_stamp()
            with self.db.write() as conn:
                if name:
                    conn.execute(
                        "INSERT INTO me (dpid, name) VALUES (?, ?)"
                        " ON CONFLICT (dpid) DO UPDATE SET name = excluded.name",
                        (dpid, name),
                    )
                else:
                    conn.execute("DELETE FROM me WHERE dpid = ?", (dpid,))
            if self._agents is not None:
                if name:
                    self._me[dpid] = name
                else:
                    self._me.pop(dpid, None)
            self._wrote(before)

    def close(self) -> None:
        """Close the file's connections; the copy stays (it is read again if the file changed meanwhile)."""
        self.db.close()

    def _copy(self) -> tuple[dict[str, dict[str, Agent]], dict[str, str]]:
        """The roster in memory, read from the file first if it was never read or changed behind this roster."""
        if self._agents is None or self._file_stamp() != self._stamp:
            conn = self.db.connect()  # which makes the file, its WAL and its tables the first time
            stamp = self._file_stamp()  # before the read: a write landing during it is seen by the next read
            agents: dict[str, dict[str, Agent]] = {}
            for dpid, key, agent_id, name, email in conn.execute(
                "SELECT dpid, key, agent_id, name, email FROM agents ORDER BY rowid"
            ):
                agents.setdefault(dpid, {})[key] = Agent(dpid, agent_id, name, email)
            self._me = {str(dpid): str(name) for dpid, name in conn.execute("SELECT dpid, name FROM me")}
            self._agents, self._stamp = agents, stamp
        return self._agents, self._me

    def _wrote(self, before: _Stamp) -> None:
        """After a write through this roster: the copy matches the file now, unless the file had changed behind
        it before the write (then it is read again on the next read)."""
        if before != self._stamp:
            self._agents = None
        self._stamp = self._file_stamp()

    def _file_stamp(self) -> _Stamp:
        """What changes when anything writes the file: its WAL's and its own identity, size and time."""
        marks: list[tuple[int, int, int] | None] = []
        for path in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                info = os.stat(path)
            except FileNotFoundError:
                marks.append(None)
            else:
                marks.append((info.st_ino, info.st_size, info.st_mtime_ns))
        return tuple(marks)


def agent_label(agents: list[Agent], agent_id: str = "", email: str = "") -> str:
    """The name to show for an agent known by id or email; the id or email itself when the roster has no name."""
    agent_id = "" if agent_id in NO_ID else agent_id
    for agent in agents:
        if (agent_id and agent.agent_id == agent_id) or (email and agent.email.lower() == email.lower()):
            return agent.label
    return email or agent_id
