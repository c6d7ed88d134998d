"""Reading a Chaiz request: every bad value becomes a 400 that names its field and carries this sandbox's number."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from desktop.api.chaiz.schema import COVERAGE_FILTERS, PlanFilters
from desktop.domain.chaiz_rules import STATES, mileage_problem, state_for_zip
from desktop.domain.vin import normalize_vin, vin_problem
from desktop.sandbox.chaiz.answers import input_error
from desktop.sandbox.chaiz.catalog import coverage_of


def vin(raw: object, field: str) -> str:
    text = raw if isinstance(raw, str) else ""
    problem = vin_problem(text)
    if problem:
        raise input_error("vin", f"Can't parse VIN: {problem}", field)
    return normalize_vin(text)


def mileage(raw: object, field: str) -> int:
    problem = mileage_problem(raw)
    if problem:
        raise input_error("mileage", problem, field)
    assert isinstance(raw, int)
    return raw


def state(criteria: Mapping[str, Any], prefix: str, *, required: bool) -> str | None:
    """``zip`` wins over ``stateShortName``, as the guide says."""
    zip_code = criteria.get("zip")
    if zip_code not in (None, ""):
        found = state_for_zip(str(zip_code))
        if found is None:
            raise input_error("zip", f"ZIP {zip_code!r} is not a valid US ZIP code.", f"{prefix}.zip")
        return found
    short = criteria.get("stateShortName")
    if short in (None, ""):
        if required:
            raise input_error("state", "Give stateShortName or zip.", f"{prefix}.stateShortName")
        return None
    if not isinstance(short, str) or short.upper() not in STATES:
        raise input_error("state", f"{short!r} is not a US state code.", f"{prefix}.stateShortName")
    return short.upper()


def filters(raw: object) -> PlanFilters:
    if raw is None:
        return PlanFilters()
    try:
        parsed = PlanFilters.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise input_error("filters", f"Invalid filter '{where}': {first['msg']}.", f"filters.{where}") from None
    for value in parsed.coverageTypes:
        if coverage_of(value) is None:
            known = ", ".join(COVERAGE_FILTERS)
            raise input_error("filters", f"Unknown coverage type {value!r}; use {known}.", "filters.coverageTypes")
    return parsed


def searched_vehicle(body: Mapping[str, Any]) -> tuple[Mapping[str, Any], str, int]:
    """The body's ``searchCriteria`` (or the body itself), and the VIN and mileage it names."""
    search = search_criteria(body)
    found_vin = vin(search.get("vin"), "searchCriteria.vin")
    return search, found_vin, mileage(search.get("mileage"), "searchCriteria.mileage")


def search_criteria(body: Mapping[str, Any]) -> Mapping[str, Any]:
    inner = body.get("searchCriteria", body)
    if not isinstance(inner, Mapping):
        raise input_error("vin", "searchCriteria must be an object.", "searchCriteria")
    return inner
