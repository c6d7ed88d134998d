"""Errors the sandbox answers, in the shape of the API whose path was called."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from desktop.api.chaiz import paths as chaiz_paths
from desktop.api.chaiz.schema import error_envelope


class SandboxError(Exception):
    """Raised by a route; turned into the API's error body by the app's handler."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        field: str | None = None,
        code: str = "",
        number: int = 0,
        action: str = "CheckInput",
        endpoint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field
        self.code = code
        self.number = number
        self.action = action
        self.endpoint = endpoint


def bad_request(message: str, field: str | None = None) -> SandboxError:
    return SandboxError(400, message, field=field)


def not_found(message: str) -> SandboxError:
    return SandboxError(404, message)


def error_response(path: str, err: SandboxError, headers: dict[str, str] | None = None) -> JSONResponse:
    body: dict[str, Any]
    if path.startswith(chaiz_paths.PREFIX):
        body = error_envelope(
            err.message,
            code=err.code or _default_chaiz_code(err.status),
            number=err.number or err.status,
            field=err.field,
            action=err.action,
            endpoint=err.endpoint,
        )
    else:
        body = {"status": "error", "error": err.message}
        if err.field:
            body["field"] = err.field
    return JSONResponse(body, status_code=err.status, headers=headers)


def _default_chaiz_code(status: int) -> str:
    return {401: "Unauthorized", 404: "NotFound", 429: "TooManyRequests"}.get(
        status, "ServerError" if status >= 500 else "BadRequest"
    )
