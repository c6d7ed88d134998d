"""The one HTTP client base both partner APIs share.

One ``httpx.Client`` per API (thread-safe, connection pooling), bearer auth, timeouts, typed errors and retries
with exponential backoff and jitter -- retried only for idempotent methods, since a repeated POST could create a
second customer.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import httpx

from desktop.api import errors

log = logging.getLogger(__name__)

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
NO_ANSWER = "no answer in time"  # why an API that accepts connections but never answers counts as unreachable

ReachObserver = Callable[[str, str], None]
"""Told ``(api, "")`` when the API answers again and ``(api, reason)`` when it can no longer be reached; called in
the thread that sent the request, only when the state changes."""


class RetryPolicy:
    """Exponential backoff with full jitter; honours Retry-After on 429/503.

    A request the server took and never answered within the timeout is sent ``silent_attempts`` times at most (of
    ``attempts``): a server silent for a whole timeout rarely answers the third or fourth time, and four silent tries
    kept a person who had clicked a dealer under "Loading…" for 90 seconds before a word was said.
    """

    def __init__(self, attempts: int = 4, base: float = 0.25, cap: float = 8.0, silent_attempts: int = 2) -> None:
        self.attempts = attempts
        self.base = base
        self.cap = cap
        self.silent_attempts = silent_attempts

    def delay(self, attempt: int, retry_after: str | None = None) -> float:
        if retry_after:
            try:
                return min(float(retry_after), self.cap)
            except ValueError:
                pass
        return random.uniform(0, min(self.cap, self.base * 2**attempt))


class ApiClient:
    """Shared behaviour of the partner clients; a subclass says only which API it is and how its errors read.

    Attributes:
        api: the API's display name, used in every error sentence.

    Args:
        base_url: the root every path of the API's path table is joined to.
        token: the bearer credential; kept only inside the httpx client's headers.
    """

    api: ClassVar[str]

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: httpx.Timeout | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._retry = retry or RetryPolicy()
        self._sleep = sleep
        self._closed = threading.Event()
        self._unreachable: str | None = None  # None: not known yet; "": it answers; else why it cannot be reached
        self.on_reach: ReachObserver | None = None
        self.http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
            timeout=timeout or httpx.Timeout(20.0, connect=5.0),
            transport=transport,
            follow_redirects=False,
        )

    @staticmethod
    def parse_error(response: httpx.Response) -> tuple[str, str | None]:
        """(message, field) of an error response, in the API's own error shape: each subclass sets its parser."""
        raise NotImplementedError

    @property
    def base_url(self) -> str:
        return str(self.http.base_url)

    def close(self) -> None:
        self._closed.set()
        self.http.close()

    def probe(self) -> bool:
        """Whether the server answers at all (any HTTP status will do): one GET of the root, never retried.

        The outcome reaches :attr:`on_reach` like any request's, which is how a desk that lost its server
        notices it is back without waiting for the user's next action.
        """
        try:
            self.http.request("GET", "/")
        except httpx.TransportError as exc:
            self._reached(_transport_reason(exc))
            return False
        self._reached("")
        return True

    def _reached(self, reason: str) -> None:
        if reason == self._unreachable or self._closed.is_set():
            return
        self._unreachable = reason
        if self.on_reach is not None:
            self.on_reach(self.api, reason)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        retry: bool | None = None,
    ) -> httpx.Response:
        """Send one request; raise a typed :class:`errors.ApiError` unless it ends 2xx.

        ``retry`` defaults to whether ``method`` is idempotent.
        """
        may_retry = method.upper() in IDEMPOTENT if retry is None else retry
        attempts = self._retry.attempts if may_retry else 1
        clean_params = {k: v for k, v in (params or {}).items() if v is not None}
        silent = 0  # tries the server took and never answered
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = self.http.request(method, path, params=clean_params, json=json)
            except httpx.ConnectTimeout as exc:
                if last or self._closed.is_set():
                    self._reached("no answer to the connection")
                    raise errors.RequestTimedOut(type(exc).__name__, api=self.api, path=path) from None
                self._backoff(attempt, None, path, type(exc).__name__)
                continue
            except httpx.TimeoutException as exc:
                silent += 1
                if last or silent >= self._retry.silent_attempts:
                    # Connected but silent (a hung server, a dead proxy): not "Connected" any more either. Any
                    # later answer, or the window's probe, says when it is back.
                    self._reached(NO_ANSWER)
                    raise errors.RequestTimedOut(type(exc).__name__, api=self.api, path=path) from None
                self._backoff(attempt, None, path, type(exc).__name__)
                continue
            except httpx.TransportError as exc:
                if last or self._closed.is_set():
                    self._reached(_transport_reason(exc))
                    raise errors.ConnectionFailed(_transport_reason(exc), api=self.api, path=path) from None
                self._backoff(attempt, None, path, type(exc).__name__)
                continue
            self._reached("")  # any answer, even an error status, means the server is there
            if response.is_success:
                return response
            if response.status_code in RETRY_STATUSES and not last:
                self._backoff(attempt, response.headers.get("Retry-After"), path, str(response.status_code))
                continue
            raise self._error_for(response, path)
        raise AssertionError("unreachable")  # pragma: no cover

    def get_json(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        return self.request("GET", path, params=params).json()

    def _backoff(self, attempt: int, retry_after: str | None, path: str, why: str) -> None:
        delay = self._retry.delay(attempt, retry_after)
        log.info("%s %s: %s, retrying in %.2fs", self.api, path, why, delay)
        self._sleep(delay)

    def _error_for(self, response: httpx.Response, path: str) -> errors.ApiError:
        status = response.status_code
        try:
            message, field = self.parse_error(response)
        except ValueError:
            message, field = (response.reason_phrase or f"HTTP {status}"), None
        kw: dict[str, Any] = {"status": status, "api": self.api, "path": path}
        if status in (401, 403):
            return errors.Unauthorized(message, **kw)
        if status == 404:
            return errors.NotFound(message, **kw)
        if status in (400, 413, 422):
            return errors.BadRequest(message, field=field, **kw)
        if status == 429:
            return errors.RateLimited(message, **kw)
        if status >= 500:
            return errors.ServerError(message, **kw)
        return errors.HttpError(message, **kw)


def _transport_reason(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return NO_ANSWER
    if isinstance(exc, httpx.ConnectError):
        return "connection refused or host unreachable"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the server dropped the connection"
    return type(exc).__name__
