"""Typed calls of the five Chaiz partner endpoints over a :class:`ChaizClient`.

Each function makes ONE request (``retry=False``: the caller decides about backoff, so the registrar can count
and report retries); :func:`wait_for_plans` and :func:`register_and_wait` add the documented polling: after a
200/202 the same request is repeated ``poll_interval`` seconds after the previous one started (the guide says
1-2 s; the sandbox holds a request open up to a second, so the next poll usually follows at once).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from desktop.api.chaiz import paths
from desktop.api.chaiz.client import ChaizClient
from desktop.api.chaiz.schema import (
    CleanCacheBody,
    Plan,
    PlanFilters,
    PlanSearchBody,
    RegistrationBody,
    StartPriceBody,
    UserDetails,
    UserPlansBody,
)
from desktop.api.errors import ApiError, BadRequest

DEFAULT_POLL_INTERVAL = 1.0
DEFAULT_WAIT_TIMEOUT = 120.0


class StillInProgress(ApiError):
    """Chaiz kept answering "in progress" past the wait limit."""

    def sentence(self) -> str:
        return f"Chaiz is still preparing plans for this vehicle ({self.message}). Try again in a minute."


@dataclass(frozen=True)
class Registration:
    """One ``VehicleRegistration`` answer; ``done`` is the 201 Created of a cached vehicle."""

    vin: str
    mileage: int
    done: bool
    registered_at: float | None
    expires_at: float | None
    http_status: int


@dataclass(frozen=True)
class PlanSearch:
    """One ``PlansSearchAsync/VIN`` answer: ``plans`` once ``done`` (201), empty while in progress."""

    vin: str
    mileage: int
    done: bool
    plans: list[Plan]
    state: str | None
    vehicle_year: int | None


def _response(http: httpx.Response) -> Any:
    """The envelope's ``response``; ``None`` for an empty body, a bare ``{}`` or one that is not JSON."""
    if not http.content.strip():
        return None
    try:
        body = http.json()
    except ValueError:
        return None
    return body.get("response") if isinstance(body, dict) else None


def _post(client: ChaizClient, path: str, body: dict[str, Any]) -> httpx.Response:
    return client.request("POST", path, json=body, retry=False)


def criteria(vin: str, mileage: int, *, state: str | None = None, zip_code: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"vin": vin, "mileage": mileage}
    if state:
        found["stateShortName"] = state
    if zip_code:
        found["zip"] = zip_code
    return found


def filters_body(filters: PlanFilters | None) -> dict[str, Any] | None:
    if filters is None:
        return None
    return filters.model_dump(by_alias=True, exclude_none=True)


def register_vehicle(client: ChaizClient, vin: str, mileage: int) -> Registration:
    """One registration request. The guide defines the answer by its status (200/202 in progress, 201 cached) and
    shows no body, so an empty or minimal body is read from the status and the request alone."""
    http = _post(client, paths.VEHICLE_REGISTRATION, {"vin": vin, "mileage": mileage})
    raw = _response(http)
    done = http.status_code == 201
    fallback = {"vin": vin, "mileage": mileage, "status": "Registered" if done else "InProgress"}
    body = RegistrationBody.model_validate({**fallback, **raw} if isinstance(raw, dict) else fallback)
    return Registration(
        vin=body.vin,
        mileage=body.mileage,
        done=done,
        registered_at=body.registeredAt,
        expires_at=body.expiresAt,
        http_status=http.status_code,
    )


def is_not_registered(exc: BaseException) -> bool:
    """Chaiz's 400 to a search for a vehicle that must be registered first (error code ``...NotRegistered``)."""
    return isinstance(exc, BadRequest) and "NotRegistered" in exc.message


def search_plans(
    client: ChaizClient,
    vin: str,
    mileage: int,
    *,
    state: str | None = None,
    zip_code: str | None = None,
    filters: PlanFilters | None = None,
) -> PlanSearch:
    request: dict[str, Any] = {"searchCriteria": criteria(vin, mileage, state=state, zip_code=zip_code)}
    wanted = filters_body(filters)
    if wanted:
        request["filters"] = wanted
    http = _post(client, paths.PLANS_SEARCH_VIN, request)
    body = PlanSearchBody.model_validate(_response(http))
    return PlanSearch(
        vin=body.vin,
        mileage=body.mileage,
        done=http.status_code == 201,
        plans=body.plans,
        state=body.stateShortName,
        vehicle_year=body.vehicleYear,
    )


def start_price(
    client: ChaizClient, vin: str, mileage: int, *, state: str | None = None, zip_code: str | None = None
) -> StartPriceBody:
    """The lowest plan price; ``startPrice`` is ``None`` unless the vehicle is registered (see ``status``)."""
    http = _post(client, paths.START_PRICE, {"searchCriteria": criteria(vin, mileage, state=state, zip_code=zip_code)})
    return StartPriceBody.model_validate(_response(http))


def clean_vehicle_cache(client: ChaizClient, vin: str, mileage: int | None = None) -> int:
    """Drop Chaiz's cached registration of ``vin``; the number of registrations removed."""
    body: dict[str, Any] = {"vin": vin}
    if mileage is not None:
        body["mileage"] = mileage
    return CleanCacheBody.model_validate(_response(_post(client, paths.CLEAN_VEHICLE_CACHE, body))).removed


def search_with_user(
    client: ChaizClient, vin: str, mileage: int, user: UserDetails, *, filters: PlanFilters | None = None
) -> UserPlansBody:
    """The live flow: plans at once, each with checkout and summary links that carry the user's details."""
    request: dict[str, Any] = {
        "searchCriteria": {"vin": vin, "mileage": mileage},
        "userDetails": user.model_dump(exclude_none=True),
    }
    wanted = filters_body(filters)
    if wanted:
        request["filters"] = wanted
    return UserPlansBody.model_validate(_response(_post(client, paths.PLANS_WITH_USER_INFO, request)))


def _poll(
    call: Callable[[], Any],
    done: Callable[[Any], bool],
    *,
    what: str,
    poll_interval: float,
    timeout: float,
    sleep: Callable[[float], None],
    should_stop: Callable[[], bool] | None,
) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        started = time.monotonic()
        answer = call()
        if done(answer):
            return answer
        if should_stop is not None and should_stop():
            return answer
        if time.monotonic() >= deadline:
            raise StillInProgress(f"{what} not ready after {timeout:.0f} s", status=202, api="Chaiz")
        sleep(max(0.0, poll_interval - (time.monotonic() - started)))


def register_and_wait(
    client: ChaizClient,
    vin: str,
    mileage: int,
    *,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
    timeout: float = DEFAULT_WAIT_TIMEOUT,
    sleep: Callable[[float], None] = time.sleep,
    should_stop: Callable[[], bool] | None = None,
) -> Registration:
    """Register and poll until 201; returns the last (not done) answer if ``should_stop`` turns true."""
    result: Registration = _poll(
        lambda: register_vehicle(client, vin, mileage),
        lambda r: bool(r.done),
        what=f"registration of {vin}",
        poll_interval=poll_interval,
        timeout=timeout,
        sleep=sleep,
        should_stop=should_stop,
    )
    return result


def wait_for_plans(
    client: ChaizClient,
    vin: str,
    mileage: int,
    *,
    state: str | None = None,
    zip_code: str | None = None,
    filters: PlanFilters | None = None,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
    timeout: float = DEFAULT_WAIT_TIMEOUT,
    sleep: Callable[[float], None] = time.sleep,
    should_stop: Callable[[], bool] | None = None,
    on_wait: Callable[[], None] | None = None,
) -> PlanSearch:
    """Register the vehicle, then search, polling while Chaiz prepares it; ``on_wait`` is called at each 202.

    The guide: "Searching for an unregistered vehicle requires registration first" (pre-registered flow, line 42).
    A cached vehicle answers the registration 201 at once, so registering first costs one quick request; a search
    that still answers "not registered" (the cache expired in between) registers once more.
    """

    def registration() -> Registration:
        answer = register_vehicle(client, vin, mileage)
        if not answer.done and on_wait is not None:
            on_wait()
        return answer

    def call() -> PlanSearch:
        try:
            answer = search_plans(client, vin, mileage, state=state, zip_code=zip_code, filters=filters)
        except BadRequest as exc:
            if not is_not_registered(exc):
                raise
            registration()
            answer = PlanSearch(vin, mileage, False, [], None, None)
        if not answer.done and on_wait is not None:
            on_wait()
        return answer

    registered: Registration = _poll(
        registration,
        lambda r: bool(r.done),
        what=f"registration of {vin}",
        poll_interval=poll_interval,
        timeout=timeout,
        sleep=sleep,
        should_stop=should_stop,
    )
    if not registered.done:
        return PlanSearch(vin, mileage, False, [], None, None)

    result: PlanSearch = _poll(
        call,
        lambda r: bool(r.done),
        what=f"plan search for {vin}",
        poll_interval=poll_interval,
        timeout=timeout,
        sleep=sleep,
        should_stop=should_stop,
    )
    return result
