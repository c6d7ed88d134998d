"""What the soak window's open descriptors are: a file by its path, a socket by the server at its other end.

A socket's descriptor reads ``socket:[inode]`` and tells nothing; the kernel's TCP tables of the process's network
namespace (``/proc/self/net/tcp`` and ``tcp6``) give each inode its remote port and state, and the soak knows the
ports of its servers. A socket the server already closed (its keep-alive timeout) while the client still holds it
reads CLOSE_WAIT: an httpx pool closes those only when it is next used. The HTTP pools themselves are counted per
API client, so a growing socket row names the client whose pool grew.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

SMALL = 64  # a container walked for stores: longer ones are rows, not a window's parts
TCP_STATES = {"01": "established", "06": "time-wait", "08": "close-wait", "0A": "listening"}


def server_ports(config: dict[str, Any]) -> dict[int, str]:
    """The soak's servers by port: what a socket's remote port names."""
    ports = {}
    for key, name in (("sandbox_url", "sandbox"), ("receiver_url", "webhook receiver")):
        port = urlsplit(str(config.get(key, ""))).port
        if port is not None:
            ports[port] = name
    return ports


def _tcp_sockets() -> dict[str, tuple[int, str]]:
    """inode -> (remote port, state) of the namespace's TCP sockets."""
    found: dict[str, tuple[int, str]] = {}
    for table in ("/proc/self/net/tcp", "/proc/self/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]  # noqa: SIM115 -- a /proc file, read at once
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            found[fields[9]] = (int(fields[2].rsplit(":", 1)[1], 16), fields[3])
    return found


def descriptors(servers: dict[int, str]) -> dict[str, str]:
    """This process's descriptors: a file's path, a TCP socket as "socket to the sandbox (established)"."""
    targets: dict[str, str] = {}
    for fd in os.listdir("/proc/self/fd"):
        try:
            targets[fd] = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue  # the listing's own descriptor, closed already
    sockets = _tcp_sockets()
    for fd, target in targets.items():
        if target.startswith("socket:[") and (peer := sockets.get(target[8:-1])) is not None:
            port, state = peer
            if state == "0A":
                targets[fd] = "listening socket"
            else:
                where = servers.get(port, f"port {port}")
                targets[fd] = f"socket to the {where} ({TCP_STATES.get(state, 'state ' + state)})"
    return targets


def http_pools(window: Any) -> dict[str, int]:
    """The connections each API client's httpx pool holds now (in use or kept alive), by API."""
    connection = window.workspace.connection
    if connection is None:
        return {}
    return {api: len(client.http._transport._pool.connections) for api, client in connection.clients().items()}


class OpenedConnections:
    """How many connections each API client's pool opened while counting: the pool's ``create_connection`` of each
    client wrapped (in the soak's child only; the product is not changed). A pool that keeps its connections opens
    few; one whose connections expire between requests (httpx's keep-alive expiry, the server's idle timeout)
    opens one every so often."""

    def __init__(self) -> None:
        self.opened: dict[str, int] = {}
        self.counting = False
        self._watched: set[int] = set()

    def watch(self, window: Any) -> None:
        """Count the pools of the window's connection (again after a reconnect; once each)."""
        connection = window.workspace.connection
        if connection is None or id(connection) in self._watched:
            return
        self._watched.add(id(connection))
        for api, client in connection.clients().items():
            pool = client.http._transport._pool
            pool.create_connection = self._counted(api, pool.create_connection)

    def _counted(self, api: str, create: Any) -> Any:
        def counted(origin: Any) -> Any:
            if self.counting:
                self.opened[api] = self.opened.get(api, 0) + 1
            return create(origin)

        return counted


def thread_kept_stores(root: Any, depth: int = 8) -> list[Any]:
    """The window's SQLite stores that keep a connection for every thread that used them (not the quiet ones).

    Found by walking what the window refers to (``gc.get_referents`` also sees objects frozen at start-up, which
    ``gc.get_objects`` does not), so a store a tab opened lazily is found as well as the workspace's. Containers
    longer than ``SMALL`` (a model's 100,000 rows) are not walked: walking them took 390 ms of the GUI thread.
    """
    import gc

    from desktop.store.db import QUIET_IDLE, LocalDB

    found: dict[int, Any] = {}
    seen = {id(root)}
    layer = [root]
    for _ in range(depth):
        following = []
        for obj in layer:
            for ref in gc.get_referents(obj):
                if id(ref) in seen or isinstance(ref, (str, bytes, int, float, type)):
                    continue
                seen.add(id(ref))
                if isinstance(ref, LocalDB):
                    if ref._max_idle != QUIET_IDLE:
                        found[id(ref)] = ref
                elif not isinstance(ref, (list, tuple, dict, set, frozenset)) or len(ref) <= SMALL:
                    following.append(ref)
        layer = following
    return list(found.values())


def meet_every_store(runner: Any, stores: list[Any], then: Any) -> None:
    """Have every thread of ``runner``'s pools, at once, take its connection to each of ``stores``; ``then()``.

    Such a store holds a connection (its file and its ``-wal``) for each thread that used it, bounded by the threads;
    a worker that first uses one minutes into the soak adds two descriptors that the start figures never saw. The
    start figures are the steady state only once every worker has met every store: the jobs wait for each other,
    so each of a pool's jobs runs on its own thread.
    """
    import threading

    pools = [("read", runner._reads), ("local", runner._local), ("write", runner._writes)]
    left = sum(pool.maxThreadCount() for _name, pool in pools)
    for store in stores:
        store.connect()  # the GUI thread's

    def done(_result: object) -> None:
        nonlocal left
        left -= 1
        if left == 0:
            then()

    for name, pool in pools:
        together = threading.Barrier(pool.maxThreadCount())

        def meet(together: threading.Barrier = together) -> None:
            together.wait(30)
            for store in stores:
                store.connect().execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()

        for _ in range(pool.maxThreadCount()):
            runner.submit(
                meet, done, done, label="Soak: meeting the stores", local=name == "local", write=name == "write"
            )
