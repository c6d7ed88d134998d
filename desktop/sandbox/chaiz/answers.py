"""What a Chaiz endpoint answers: the envelope, this sandbox's error numbers and the injected faults."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from desktop.api.chaiz.schema import Envelope, ErrorItem, ErrorResponse, Suggestion
from desktop.sandbox.chaiz.state import ChaizState
from desktop.sandbox.errors import SandboxError, error_response

# (code, number) of each error this sandbox answers; 4005 CantParseVIN is the public one.
ERRORS = {
    "vin": ("CantParseVIN", 4005),
    "mileage": ("InvalidMileage", 4006),
    "state": ("InvalidState", 4007),
    "zip": ("InvalidZip", 4008),
    "user": ("InvalidUserDetails", 4010),
    "filters": ("InvalidFilter", 4011),
    "registration": ("VehicleNotRegistered", 4012),
}


def ok(body: BaseModel, status: int) -> JSONResponse:
    return JSONResponse(Envelope(response=body.model_dump(mode="json"), errorResponse=None).model_dump(), status)


def input_error(kind: str, message: str, field: str) -> SandboxError:
    code, number = ERRORS[kind]
    return SandboxError(400, message, field=field, code=code, number=number, action="CheckInput")


def injected_fault(st: ChaizState, request: Request) -> JSONResponse | None:
    """The 429/5xx answer ``--chaiz-fault-rate`` draws for this request, or ``None`` to serve it."""
    status = st.fault()
    if status is None:
        return None
    path = request.url.path
    code = "TooManyRequests" if status == 429 else "ServiceUnavailable"
    err = SandboxError(status, f"Injected fault {status}; retry later.", code=code, action="RetryWithAlternative")
    return error_response(path, err, {"Retry-After": "1"} if status == 429 else None)


def many_errors(problems: list[tuple[str, str]], prefix: str) -> JSONResponse:
    code, number = ERRORS["user"]
    items = [
        ErrorItem(
            errorMessage=message,
            errorField=f"{prefix}.{field}",
            errorCode=code,
            errorNumber=number,
            suggestions=[Suggestion(action="CheckInput", message=message)],
        )
        for field, message in problems
    ]
    return JSONResponse(Envelope(response=None, errorResponse=ErrorResponse(errors=items)).model_dump(), 400)
