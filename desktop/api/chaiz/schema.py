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
    endpoint: str | None = None,
) -> dict[str, Any]:
    """The documented Chaiz error body, as the sandbox sends it."""
    item = ErrorItem(
        errorMessage=message,
        errorField=field,
        errorCode=code,
        errorNumber=number,
        suggestions=[Suggestion(action=action, message=message, endpoint=endpoint)],
    )
    return Envelope(response=None, errorResponse=ErrorResponse(errors=[item])).model_dump()


# --- plan search, registration and the live flow (issue 5) ---------------------------------------------------

COVERAGE_TYPES = ("Powertrain", "PowertrainPlus", "MostComprehensive")
# The filter names of ``filters.coverageTypes`` and the coverage level each one means.
COVERAGE_FILTERS = {"basic": "Powertrain", "basicplus": "PowertrainPlus", "best": "MostComprehensive"}
UNLIMITED_MILES = 999  # ``miles`` is in thousands; 999 means no mileage limit


class RangeFilter(_Model):
    from_: int | None = Field(default=None, alias="from")
    to: int | None = None


class PlanFilters(_Model):
    coverageTypes: list[str] = Field(default_factory=list)  # noqa: N815
    duration: RangeFilter | None = None
    miles: RangeFilter | None = None
    excludeProviders: list[str] = Field(default_factory=list)  # noqa: N815
    categoryTypes: list[str] = Field(default_factory=list)  # noqa: N815


class Addon(_Model):
    name: str
    price: float = 0.0
    included: bool = False


class Plan(_Model):
    searchResultPlanId: str  # noqa: N815
    displayProviderName: str  # noqa: N815
    planName: str  # noqa: N815
    coverageType: str  # noqa: N815
    duration: int  # months
    miles: int  # thousands; 999 = unlimited
    deductible: float
    price: float
    monthlyPrice: float | None = None  # noqa: N815
    numberOfPayments: int | None = None  # noqa: N815
    downpayment: float = 0.0
    addons: list[Addon] = Field(default_factory=list)
    coverageScores: dict[str, int] = Field(default_factory=dict)  # noqa: N815
    planCheckoutUrl: str | None = None  # noqa: N815
    planSummaryUrl: str | None = None  # noqa: N815
    planContractUrl: str | None = None  # noqa: N815


class RegistrationBody(_Model):
    """What ``VehicleRegistration`` answers: ``status`` is InProgress (202) or Registered (201)."""

    vin: str
    mileage: int
    status: str
    registeredAt: float | None = None  # noqa: N815
    expiresAt: float | None = None  # noqa: N815
    retryAfterSeconds: float | None = None  # noqa: N815


class PlanSearchBody(_Model):
    """What ``PlansSearchAsync/VIN`` answers: plans once the vehicle is registered, a status while it is not."""

    vin: str
    mileage: int
    status: str
    stateShortName: str | None = None  # noqa: N815
    vehicleYear: int | None = None  # noqa: N815
    plans: list[Plan] = Field(default_factory=list)
    retryAfterSeconds: float | None = None  # noqa: N815


class StartPriceBody(_Model):
    """``GetStartPrice``: ``startPrice`` is null unless the vehicle is registered (status NotRegistered/InProgress)."""

    vin: str
    mileage: int
    status: str
    startPrice: float | None = None  # noqa: N815
    planName: str | None = None  # noqa: N815
    displayProviderName: str | None = None  # noqa: N815


class CleanCacheBody(_Model):
    vin: str
    removed: int


class UserDetails(_Model):
    firstName: str  # noqa: N815
    lastName: str  # noqa: N815
    email: str
    phone: str | None = None
    address: str
    city: str
    state: str
    zip: str


class UserPlansBody(_Model):
    vin: str
    mileage: int
    stateShortName: str  # noqa: N815
    plans: list[Plan] = Field(default_factory=list)
