"""Typed errors of the partner API clients.

Each carries the HTTP status and the server's own message, so the UI can say what happened in a sentence. None
of them ever carries a credential: messages are built from the server's answer and the request path only.
"""

from __future__ import annotations


class ApiError(Exception):
    """Base of every error a partner API client raises."""

    def __init__(self, message: str, *, status: int | None = None, api: str = "", path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.api = api
        self.path = path

    def sentence(self) -> str:
        """What happened and what to do, for a person."""
        return self.message


class ConnectionFailed(ApiError):
    """The server could not be reached (refused, DNS, TLS, dropped connection)."""

    def sentence(self) -> str:
        return f"Could not reach the {self.api} API ({self.message}). Check the network or the profile's URL."


class RequestTimedOut(ApiError):
    """The server did not answer in time."""

    def sentence(self) -> str:
        return f"The {self.api} API did not answer in time. Try again; cached data stays available."


class HttpError(ApiError):
    """The server answered with a non-2xx status."""

    def sentence(self) -> str:
        return f"The {self.api} API answered {self.status}: {self.message}"


class Unauthorized(HttpError):
    """401/403: the key was refused."""

    def sentence(self) -> str:
        return f"The {self.api} API refused the key ({self.status}). Check the key in Settings."


class Forbidden(Unauthorized):
    """403 from the team server: the token is good, but its user is not given this rooftop or role."""

    def sentence(self) -> str:
        reason = self.message.rstrip(". ")
        return (
            f"The {self.api} says your user has no access to this rooftop or role ({reason}). "
            "Ask an admin to give your user the rooftop or the role."
        )


class NotFound(HttpError):
    """404: unknown dealer, vehicle, customer or document."""


class BadRequest(HttpError):
    """400: the server refused a parameter; the message names it."""

    def __init__(self, message: str, *, field: str | None = None, **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.field = field


class RateLimited(HttpError):
    """429 after all retries."""


class ServerError(HttpError):
    """5xx after all retries."""

    def sentence(self) -> str:
        return f"The {self.api} API had a server error ({self.status}): {self.message.rstrip('. ')}. Try again later."


class Cancelled(Exception):
    """The user cancelled the operation; not a failure to report."""


class BadAnswer(ApiError):
    """The server answered 2xx with a body the client cannot read (wrong shape, not base64 ...)."""

    def sentence(self) -> str:
        return f"The {self.api} API sent an answer the app cannot read: {self.message.rstrip('. ')}. Try again later."
