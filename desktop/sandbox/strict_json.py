"""JSON bodies the partner APIs could never have sent are refused with a 400 before any route reads them.

Python's ``json`` module takes ``NaN``, ``Infinity`` and ``1e400`` (which becomes ``inf``) and integers of any size;
none of them is JSON a partner sends, and each one used to reach arithmetic or SQLite and end as a 500
(``OverflowError: cannot convert float infinity to integer``, ``Python int too large to convert to SQLite
INTEGER``). This ASGI middleware reads a JSON body once, checks every number, and answers the API's own error
shape naming the field; a good body is handed on unchanged.
"""

from __future__ import annotations

import json
import math
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from desktop.sandbox.errors import SandboxError, error_response

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LARGEST = 2**63 - 1  # what SQLite's INTEGER holds, and far beyond any amount, mileage or id


class _Bad:
    """A number that was refused, kept where it stood so its field can be named."""

    def __init__(self, text: str) -> None:
        self.text = text


def _constant(text: str) -> _Bad:
    return _Bad(text)


def _float(text: str) -> float | _Bad:
    value = float(text)
    return value if math.isfinite(value) else _Bad(text)


def _int(text: str) -> int | _Bad:
    if len(text.lstrip("-")) > 19:
        return _Bad(text)
    value = int(text)
    return value if -LARGEST <= value <= LARGEST else _Bad(text)


def _first_bad(value: Any, path: str) -> tuple[str, str] | None:
    if isinstance(value, _Bad):
        return path or "request", value.text
    if isinstance(value, dict):
        for key, item in value.items():
            found = _first_bad(item, f"{path}.{key}" if path else str(key))
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _first_bad(item, f"{path}[{index}]")
            if found:
                return found
    return None


def problem(raw: bytes) -> SandboxError | None:
    """The 400 to answer for ``raw``, or ``None`` when it is not JSON at all (the route says so) or is fine."""
    try:
        parsed = json.loads(raw, parse_constant=_constant, parse_float=_float, parse_int=_int)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    found = _first_bad(parsed, "")
    if found is None:
        return None
    field, text = found
    shown = text if len(text) <= 24 else text[:21] + "..."
    return SandboxError(400, f"Parameter '{field}' must be a finite number within range, not {shown}.", field=field)


class StrictJson:
    """Pure ASGI middleware: buffer a JSON request body, refuse it if :func:`problem` finds one, else replay it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        raw = b"".join(chunks)
        del chunks
        refused = problem(raw) if raw.strip() else None
        if refused is not None:
            await error_response(scope["path"], refused)(scope, receive, send)
            return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": raw, "more_body": False}

        await self.app(scope, replay, send)


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return bool(value.split(b";")[0].strip().lower() == b"application/json")
    return scope.get("method") in ("POST", "PUT", "DELETE", "PATCH", "GET")
