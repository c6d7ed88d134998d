"""The Chaiz partner endpoints.

Decisions where the guides are silent:
- ``GetStartPrice`` on a vehicle that is not registered answers 200 with ``status: NotRegistered`` and
  ``startPrice: null`` and does NOT start a registration (a start-price column over a whole inventory must not turn
  into a thousand registrations); while one is running it answers 202 ``InProgress``; once registered, 200 with the
  lowest price of any plan for the vehicle (no state given: the national price).
- ``CleanVehicleCache`` takes ``{vin}`` (optionally ``mileage``: then only the registration within 5,000 miles of it)
  and answers ``{vin, removed}``.
- ``PlansSearchAsync/VIN`` for a vehicle with no registration (none running, none cached within 5,000 miles)
  answers 400 ``VehicleNotRegistered`` with the suggestion ``UseDifferentEndpoint`` naming ``VehicleRegistration``:
  "Searching for an unregistered vehicle requires registration first" (pre-registered flow guide, line 42).
  While a registration runs the search answers 202; once it is done, 201 with the plans.
- ``filters.categoryTypes`` keeps plans of the listed categories; every seeded plan is a vehicle service contract
  (``VehicleServiceContract``, also ``vsc``), so any other category finds none.
- Error numbers other than 4005 CantParseVIN are this sandbox's own (see :data:`.answers.ERRORS`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from fastapi.responses import JSONResponse

from desktop.api.chaiz import paths
from desktop.api.chaiz.schema import (
    CleanCacheBody,
    PlanFilters,
    PlanSearchBody,
    RegistrationBody,
    StartPriceBody,
    UserPlansBody,
)
from desktop.domain.chaiz_rules import CACHE_SECONDS, user_details_problems
from desktop.sandbox.chaiz import criteria
from desktop.sandbox.chaiz.answers import ERRORS, injected_fault, input_error, many_errors, ok
from desktop.sandbox.chaiz.catalog import apply_filters, plans_for, vehicle_year
from desktop.sandbox.chaiz.registrations import clean, hold, registration
from desktop.sandbox.chaiz.state import chaiz_state
from desktop.sandbox.chaiz.user_links import add_checkout_links
from desktop.sandbox.errors import SandboxError

router = APIRouter()

POLL_AGAIN_SECONDS = 1.0
JsonBody = Annotated[dict[str, Any], Body()]


@router.post(paths.VEHICLE_REGISTRATION)
def vehicle_registration(request: Request, body: JsonBody) -> JSONResponse:
    st = chaiz_state(request)
    with st.in_flight_registration():
        if (fault := injected_fault(st, request)) is not None:
            return fault
        vin = criteria.vin(body.get("vin"), "vin")
        mileage = criteria.mileage(body.get("mileage"), "mileage")
        found = registration(st, vin, mileage, start=True)
        assert found is not None
        _started, ready = found
        hold(st, ready)
        now = st.now()
        if now >= ready:
            answer = RegistrationBody(
                vin=vin, mileage=mileage, status="Registered", registeredAt=ready, expiresAt=ready + CACHE_SECONDS
            )
            return ok(answer, 201)
        wait = min(POLL_AGAIN_SECONDS, ready - now)
        return ok(RegistrationBody(vin=vin, mileage=mileage, status="InProgress", retryAfterSeconds=wait), 202)


@router.post(paths.PLANS_SEARCH_VIN)
def plans_search_vin(request: Request, body: JsonBody) -> JSONResponse:
    st = chaiz_state(request)
    with st.lock:
        st.search_requests += 1
    if (fault := injected_fault(st, request)) is not None:
        return fault
    search, vin, mileage = criteria.searched_vehicle(body)
    state = criteria.state(search, "searchCriteria", required=True)
    filters = criteria.filters(body.get("filters"))
    found = registration(st, vin, mileage, start=False)
    if found is None:
        raise SandboxError(
            400,
            f"Vehicle {vin} is not registered at {mileage} miles; register it first, then search.",
            field="searchCriteria.vin",
            code=ERRORS["registration"][0],
            number=ERRORS["registration"][1],
            action="UseDifferentEndpoint",
            endpoint=paths.VEHICLE_REGISTRATION,
        )
    hold(st, found[1])
    now = st.now()
    if now < found[1]:
        wait = min(POLL_AGAIN_SECONDS, found[1] - now)
        answer = PlanSearchBody(vin=vin, mileage=mileage, status="InProgress", retryAfterSeconds=wait)
        return ok(answer, 202)
    plans = apply_filters(plans_for(vin, mileage, state, now), filters)
    answer = PlanSearchBody(
        vin=vin,
        mileage=mileage,
        status="Completed",
        stateShortName=state,
        vehicleYear=vehicle_year(vin, now),
        plans=plans,
    )
    return ok(answer, 201)


@router.post(paths.START_PRICE)
def start_price(request: Request, body: JsonBody) -> JSONResponse:
    st = chaiz_state(request)
    if (fault := injected_fault(st, request)) is not None:
        return fault
    search, vin, mileage = criteria.searched_vehicle(body)
    state = criteria.state(search, "searchCriteria", required=False)
    found = registration(st, vin, mileage, start=False)
    now = st.now()
    if found is None:
        return ok(StartPriceBody(vin=vin, mileage=mileage, status="NotRegistered"), 200)
    if now < found[1]:
        return ok(StartPriceBody(vin=vin, mileage=mileage, status="InProgress"), 202)
    plans = apply_filters(plans_for(vin, mileage, state, now), PlanFilters())
    cheapest = plans[0] if plans else None
    answer = StartPriceBody(
        vin=vin,
        mileage=mileage,
        status="Registered",
        startPrice=cheapest.price if cheapest else None,
        planName=cheapest.planName if cheapest else None,
        displayProviderName=cheapest.displayProviderName if cheapest else None,
    )
    return ok(answer, 200)


@router.post(paths.CLEAN_VEHICLE_CACHE)
def clean_vehicle_cache(request: Request, body: JsonBody) -> JSONResponse:
    st = chaiz_state(request)
    if (fault := injected_fault(st, request)) is not None:
        return fault
    search = criteria.search_criteria(body)
    vin = criteria.vin(search.get("vin"), "vin")
    raw_mileage = search.get("mileage")
    mileage = None if raw_mileage is None else criteria.mileage(raw_mileage, "mileage")
    return ok(CleanCacheBody(vin=vin, removed=clean(st, vin, mileage)), 200)


@router.post(paths.PLANS_WITH_USER_INFO)
def plans_with_user_info(request: Request, body: JsonBody) -> JSONResponse:
    st = chaiz_state(request)
    if (fault := injected_fault(st, request)) is not None:
        return fault
    _search, vin, mileage = criteria.searched_vehicle(body)
    details = body.get("userDetails")
    if not isinstance(details, Mapping):
        raise input_error("user", "userDetails is required.", "userDetails")
    problems = user_details_problems(details)
    if problems:
        return many_errors(problems, "userDetails")
    filters = criteria.filters(body.get("filters"))
    state = str(details["state"]).strip().upper()
    plans = apply_filters(plans_for(vin, mileage, state, st.now()), filters)
    add_checkout_links(plans, details)
    return ok(UserPlansBody(vin=vin, mileage=mileage, stateShortName=state, plans=plans), 200)
