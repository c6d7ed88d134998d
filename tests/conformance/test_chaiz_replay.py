"""The real Chaiz client against answers the guides allow but our sandbox never gave (issue 15).

The guides show no sample bodies: they define each answer by its status (``200 OK or 202 Accepted — in progress,
201 Created — cached, 400 — check error details``) and the error envelope. So the replay server answers with the
least those sentences allow — an empty body, ``{}``, an envelope with a null ``response`` — and the client must
still read each one; the fixtures under ``samples/chaiz`` hold the sentences, verbatim.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from desktop.api.base import RetryPolicy
from desktop.api.chaiz import paths
from desktop.api.chaiz.client import ChaizClient
from desktop.api.chaiz.registration import register_vehicle, wait_for_plans
from desktop.api.chaiz.schema import PlanFilters
from desktop.api.errors import BadRequest
from desktop.sandbox.server import SandboxServer
from tests.conformance.replay import ReplayServer
from tests.conformance.samples import load

VIN = "4T1C11AK0LU322811"
PLAN = {
    "searchResultPlanId": "p1",
    "displayProviderName": "Provider",
    "planName": "Powertrain 3yr",
    "coverageType": "Powertrain",
    "duration": 36,
    "miles": 36,
    "deductible": 100,
    "price": 1500,
}


@pytest.fixture
def chaiz_replay() -> Iterator[ReplayServer]:
    server = ReplayServer([]).start()
    yield server
    server.stop()


@pytest.fixture
def client(chaiz_replay: ReplayServer) -> Iterator[ChaizClient]:
    chaiz = ChaizClient(chaiz_replay.url, "replay-token", retry=RetryPolicy(attempts=1))
    yield chaiz
    chaiz.close()


def test_the_guides_sentences_are_the_fixtures() -> None:
    statuses = load("chaiz", "registration.statuses").text
    assert "202 Accepted" in statuses and "201 Created" in statuses and "400 Bad Request" in statuses
    assert "requires registration first" in load("chaiz", "plans_search.unregistered").text
    assert "categoryTypes" in load("chaiz", "plans_search.filters").text


@pytest.mark.parametrize(
    ("status", "body", "done"),
    [
        (201, None, True),  # 201 Created with no body at all
        (201, {}, True),
        (201, {"response": None, "errorResponse": None}, True),
        (202, None, False),
        (200, {"response": {"status": "InProgress"}, "errorResponse": None}, False),
    ],
    ids=["201-empty", "201-object", "201-null-response", "202-empty", "200-minimal"],
)
def test_registration_answer_with_an_empty_or_minimal_body(
    client: ChaizClient, chaiz_replay: ReplayServer, status: int, body: Any, done: bool
) -> None:
    chaiz_replay.answer("POST", paths.VEHICLE_REGISTRATION, status, body)
    answer = register_vehicle(client, VIN, 1200)
    assert (answer.vin, answer.mileage, answer.done, answer.http_status) == (VIN, 1200, done, status)
    assert chaiz_replay.last("POST", paths.VEHICLE_REGISTRATION).body == {"vin": VIN, "mileage": 1200}


def test_search_registers_first_then_reads_the_plans(client: ChaizClient, chaiz_replay: ReplayServer) -> None:
    chaiz_replay.answer("POST", paths.VEHICLE_REGISTRATION, 201, None)
    found = {"vin": VIN, "mileage": 1200, "status": "Completed", "plans": [PLAN]}
    chaiz_replay.answer("POST", paths.PLANS_SEARCH_VIN, 201, {"response": found, "errorResponse": None})
    result = wait_for_plans(client, VIN, 1200, zip_code="94103", poll_interval=0, timeout=5)
    assert result.done and [p.planName for p in result.plans] == ["Powertrain 3yr"]
    order = [r.path for r in chaiz_replay.received]
    assert order == [paths.VEHICLE_REGISTRATION, paths.PLANS_SEARCH_VIN]
    sent = chaiz_replay.last("POST", paths.PLANS_SEARCH_VIN).body
    assert sent == {"searchCriteria": {"vin": VIN, "mileage": 1200, "zip": "94103"}}


def test_a_not_registered_answer_is_an_error_the_client_names(client: ChaizClient, chaiz_replay: ReplayServer) -> None:
    envelope = {
        "response": None,
        "errorResponse": {
            "errors": [
                {
                    "errorMessage": "Vehicle is not registered.",
                    "errorField": "searchCriteria.vin",
                    "errorCode": "VehicleNotRegistered",
                    "errorNumber": 4012,
                    "suggestions": [
                        {"action": "UseDifferentEndpoint", "message": "Register it", "endpoint": "VehicleRegistration"}
                    ],
                }
            ]
        },
    }
    chaiz_replay.answer("POST", paths.PLANS_SEARCH_VIN, 400, envelope)
    from desktop.api.chaiz.registration import search_plans

    with pytest.raises(BadRequest) as caught:
        search_plans(client, VIN, 1200, state="CA")
    assert caught.value.field == "searchCriteria.vin"
    assert "VehicleNotRegistered 4012" in caught.value.message


def test_sandbox_refuses_an_unregistered_search_and_honours_category_types(fresh_sandbox: SandboxServer) -> None:
    from tests.conftest import fast_retry, roadster_for

    roadster = roadster_for(fresh_sandbox)
    vin = roadster.inventory_page("umazda", size=1)[0][0]["vin"]
    roadster.close()
    chaiz = ChaizClient(fresh_sandbox.url, fresh_sandbox.config.chaiz_token, retry=fast_retry())
    try:
        from desktop.api.chaiz.registration import search_plans

        with pytest.raises(BadRequest, match="VehicleNotRegistered"):
            search_plans(chaiz, vin, 1200, state="CA")
        kw: dict[str, Any] = {"state": "CA", "poll_interval": 0.05, "timeout": 30}
        every = wait_for_plans(chaiz, vin, 1200, **kw)
        assert every.done and every.plans
        same = wait_for_plans(chaiz, vin, 1200, filters=PlanFilters(categoryTypes=["VehicleServiceContract"]), **kw)
        assert len(same.plans) == len(every.plans)
        other = wait_for_plans(chaiz, vin, 1200, filters=PlanFilters(categoryTypes=["Gap"]), **kw)
        assert other.done and other.plans == []
    finally:
        chaiz.close()
