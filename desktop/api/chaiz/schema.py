"""Typed models of the Chaiz partner API envelope, shared by the client and the sandbox."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Suggestion(_Model):
    action: str  # RetryWithAlternative, CheckInput, ContactSupport, UseDifferentEndpoint
    message: str = ""
    endpoint: str | None = None


class ErrorItem(_Model):
    errorMessage: str  # noqa: N815 - the partner's field names
    errorField: str | None = None  # noqa: N815
    errorCode: str = ""  # noqa: N815
    errorNumber: int = 0  # noqa: N815
    suggestions: list[Suggestion] = Field(default_factory=list)


class ErrorResponse(_Model):
    errors: list[ErrorItem]


class Envelope(_Model):
    response: Any = None
    errorResponse: ErrorResponse | None = None  # noqa: N815


def error_envelope(
    message: str,
    *,
    code: str,
    number: int,
    field: str | None = None,
    action: str = "CheckInput",
) -> dict[str, Any]:
    """The documented Chaiz error body, as the sandbox sends it."""
    item = ErrorItem(
        errorMessage=message,
        errorField=field,
        errorCode=code,
        errorNumber=number,
        suggestions=[Suggestion(action=action, message=message)],
    )
    return Envelope(response=None, errorResponse=ErrorResponse(errors=[item])).model_dump()
