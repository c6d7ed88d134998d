"""The Chaiz API client base: bearer token and the ``{response, errorResponse}`` envelope."""

from __future__ import annotations

import httpx

from desktop.api.base import ApiClient
from desktop.api.chaiz.schema import Envelope

API_NAME = "Chaiz"


def parse_chaiz_error(response: httpx.Response) -> tuple[str, str | None]:
    """First error of a Chaiz error envelope as ``(message, field)``."""
    envelope = Envelope.model_validate(response.json())
    if envelope.errorResponse is None or not envelope.errorResponse.errors:
        raise ValueError("not a Chaiz error body")
    first = envelope.errorResponse.errors[0]
    return f"{first.errorMessage} ({first.errorCode} {first.errorNumber})", first.errorField


class ChaizClient(ApiClient):
    """Calls over :mod:`desktop.api.chaiz.paths`."""

    api = API_NAME
    parse_error = staticmethod(parse_chaiz_error)
