"""The Chaiz API client base: bearer token and the ``{response, errorResponse}`` envelope."""

from __future__ import annotations

import httpx

from desktop.api.base import ApiClient, RetryPolicy
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

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: httpx.Timeout | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(
            API_NAME, base_url, token, parse_chaiz_error, timeout=timeout, retry=retry, transport=transport
        )
