"""The Chaiz contract over HTTP: envelope and errors, async registration, the cache rules, plans, live flow, faults."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from desktop.api.chaiz import paths
from desktop.api.chaiz.client import ChaizClient
from desktop.api.chaiz.registration import (
    clean_vehicle_cache,
    register_and_wait,
    register_vehicle,
    search_plans,
    search_with_user,
    start_price,
    wait_for_plans,
)
from desktop.api.chaiz.schema import PlanFilters, RangeFilter, UserDetails
from desktop.api.errors import BadRequest, Unauthorized
from desktop.domain.vin import with_check_digit, year_code
from desktop.sandbox.chaiz.user_links import read_token
from desktop.sandbox.config import SandboxConfig
from desktop.sandbox.server import SandboxServer
from tests.conftest import admin, fast_retry, roadster_for

LATENCY = 0.2
DAY = 24 * 3600


def _start(folder: Path, **kw: float) -> SandboxServer:
    config = SandboxConfig(data_dir=folder, inventory_size=40, **kw)  # type: ignore[arg-type]
    return SandboxServer(config).start()


@pytest.fixture(scope="module")
def chaiz_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    """No long poll (hold 0): every request answers at once, so 202 in progress is visible."""
    server = _start(tmp_path_factory.mktemp("chaiz"), chaiz_latency=LATENCY, chaiz_hold=0.0)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def vins(chaiz_sandbox: SandboxServer) -> list[str]:
    client = roadster_for(chaiz_sandbox)
    try:
        return [v.vin for v in client.iter_inventory("hyundaidemo")]
    finally:
        client.close()


@pytest.fixture
def chaiz(chaiz_sandbox: SandboxServer) -> Iterator[ChaizClient]:
    client = ChaizClient(chaiz_sandbox.url, chaiz_sandbox.config.chaiz_token, retry=fast_retry())
    yield client
    client.close()


def _raw(server: SandboxServer, path: str, body: object, token: str | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token or server.config.chaiz_token}"}
    return httpx.post(server.url + path, json=body, headers=headers)


def _stats(server: SandboxServer) -> dict[str, float]:
    stats: dict[str, float] = admin(server, "GET", "/chaiz/stats").json()
    return stats


def _vin_of_year(vin: str, year: int) -> str:
    return with_check_digit(vin[:9] + year_code(year) + vin[10:])


def test_bad_vin_answers_the_documented_error_envelope(chaiz_sandbox: SandboxServer) -> None:
    response = _raw(chaiz_sandbox, paths.VEHICLE_REGISTRATION, {"vin": "1HGCM82633A00435", "mileage": 100})
    assert response.status_code == 400
    body = response.json()
    assert body["response"] is None
    error = body["errorResponse"]["errors"][0]
    assert (error["errorCode"], error["errorNumber"], error["errorField"]) == ("CantParseVIN", 4005, "vin")
    assert "17 characters" in error["errorMessage"]
    assert error["suggestions"][0]["action"] == "CheckInput"


def test_bad_mileage_and_token_are_refused(chaiz_sandbox: SandboxServer, vins: list[str]) -> None:
    response = _raw(chaiz_sandbox, paths.VEHICLE_REGISTRATION, {"vin": vins[0], "mileage": 250_001})
    assert response.status_code == 400
    assert response.json()["errorResponse"]["errors"][0]["errorField"] == "mileage"
    refused = _raw(chaiz_sandbox, paths.VEHICLE_REGISTRATION, {"vin": vins[0], "mileage": 5}, token="wrong")
    assert refused.status_code == 401
    assert refused.json()["errorResponse"]["errors"][0]["errorCode"] == "Unauthorized"
    client = ChaizClient(chaiz_sandbox.url, "wrong")
    with pytest.raises(Unauthorized):
        register_vehicle(client, vins[0], 5)
    client.close()


def test_registration_is_async_then_cached(chaiz: ChaizClient, vins: list[str]) -> None:
    vin = vins[1]
    first = register_vehicle(chaiz, vin, 1200)
    assert (first.done, first.http_status) == (False, 202)
    assert start_price(chaiz, vin, 1200).status == "InProgress"
    done = register_and_wait(chaiz, vin, 1200, poll_interval=0.05, timeout=5)
    assert done.done and done.http_status == 201
    assert done.expires_at is not None and done.registered_at is not None
    assert done.expires_at - done.registered_at == pytest.approx(30 * DAY)
    # A registered vehicle: search answers 201 with full results on the first request.
    found = search_plans(chaiz, vin, 1200, state="CA")
    assert found.done and len(found.plans) > 10
    assert {p.coverageType for p in found.plans} == {"Powertrain", "PowertrainPlus", "MostComprehensive"}
    assert len({p.displayProviderName for p in found.plans}) >= 3


def test_mileage_within_5000_reuses_the_cache_and_beyond_registers_again(chaiz: ChaizClient, vins: list[str]) -> None:
    vin = vins[2]
    register_and_wait(chaiz, vin, 20_000, poll_interval=0.05, timeout=5)
    assert register_vehicle(chaiz, vin, 24_999).done
    assert register_vehicle(chaiz, vin, 15_001).done
    moved = register_vehicle(chaiz, vin, 25_000)
    assert not moved.done, "5,000 miles away is a new registration"
    with pytest.raises(BadRequest, match="VehicleNotRegistered"):
        search_plans(chaiz, vin, 30_000, state="TX")  # "requires registration first" (pre-registered guide)


def test_cache_lives_30_days(chaiz_sandbox: SandboxServer, chaiz: ChaizClient, vins: list[str]) -> None:
    vin = vins[3]
    register_and_wait(chaiz, vin, 500, poll_interval=0.05, timeout=5)
    admin(chaiz_sandbox, "POST", "/chaiz/clock", json={"advance_seconds": 29 * DAY})
    assert register_vehicle(chaiz, vin, 500).done
    admin(chaiz_sandbox, "POST", "/chaiz/clock", json={"advance_seconds": 2 * DAY})
    assert not register_vehicle(chaiz, vin, 500).done, "expired after 30 days"


def test_clean_vehicle_cache_drops_the_registration(chaiz: ChaizClient, vins: list[str]) -> None:
    vin = vins[4]
    register_and_wait(chaiz, vin, 800, poll_interval=0.05, timeout=5)
    assert start_price(chaiz, vin, 800).status == "Registered"
    assert clean_vehicle_cache(chaiz, vin) == 1
    answer = start_price(chaiz, vin, 800)
    assert (answer.status, answer.startPrice) == ("NotRegistered", None)
    assert clean_vehicle_cache(chaiz, vin) == 0


def test_start_price_is_the_lowest_plan_price(chaiz: ChaizClient, vins: list[str]) -> None:
    vin = vins[5]
    unregistered = start_price(chaiz, vin, 3000, state="WA")
    assert (unregistered.status, unregistered.startPrice) == ("NotRegistered", None)
    register_and_wait(chaiz, vin, 3000, poll_interval=0.05, timeout=5)
    price = start_price(chaiz, vin, 3000, state="WA")
    plans = search_plans(chaiz, vin, 3000, state="WA").plans
    assert price.startPrice == min(p.price for p in plans)
    assert price.planName in {p.planName for p in plans}


def test_search_on_an_unregistered_vehicle_polls_until_results(chaiz: ChaizClient, vins: list[str]) -> None:
    waits: list[int] = []
    found = wait_for_plans(
        chaiz, vins[6], 42_000, zip_code="93313", poll_interval=0.05, timeout=5, on_wait=lambda: waits.append(1)
    )
    assert found.done and found.plans and found.state == "CA"
    assert waits, "the first answer was 202 in progress"


def test_prices_follow_age_mileage_and_state(chaiz: ChaizClient, vins: list[str]) -> None:
    new_vin = vins[7]
    old_vin = _vin_of_year(new_vin, 2018)

    def cheapest(vin: str, mileage: int, state: str) -> float:
        return min(p.price for p in wait_for_plans(chaiz, vin, mileage, state=state, poll_interval=0.05).plans)

    assert cheapest(new_vin, 10, "CA") > cheapest(new_vin, 10, "TX")
    assert cheapest(new_vin, 60_000, "TX") > cheapest(new_vin, 10, "TX")
    assert cheapest(old_vin, 10, "TX") > cheapest(new_vin, 10, "TX")
    # Old and worn: the most comprehensive cover is no longer offered.
    worn = wait_for_plans(chaiz, _vin_of_year(new_vin, 2010), 180_000, state="TX", poll_interval=0.05).plans
    assert worn and "MostComprehensive" not in {p.coverageType for p in worn}


def test_filters(chaiz: ChaizClient, vins: list[str]) -> None:
    vin = vins[8]
    everything = wait_for_plans(chaiz, vin, 100, state="GA", poll_interval=0.05).plans

    def search(filters: PlanFilters) -> list[str]:
        return [p.searchResultPlanId for p in search_plans(chaiz, vin, 100, state="GA", filters=filters).plans]

    best = search(PlanFilters(coverageTypes=["best"]))
    assert best and best == [p.searchResultPlanId for p in everything if p.coverageType == "MostComprehensive"]
    short = search(PlanFilters(duration=RangeFilter(**{"from": 24, "to": 36})))
    assert short == [p.searchResultPlanId for p in everything if 24 <= p.duration <= 36]
    unlimited = search(PlanFilters(miles=RangeFilter(**{"from": 999})))
    assert unlimited and unlimited == [p.searchResultPlanId for p in everything if p.miles == 999]
    without = search(PlanFilters(excludeProviders=["Keystone Auto Care", "harbor mutual motor"]))
    assert without == [
        p.searchResultPlanId
        for p in everything
        if p.displayProviderName not in ("Keystone Auto Care", "Harbor Mutual Motor")
    ]
    with pytest.raises(BadRequest) as refused:
        search(PlanFilters(coverageTypes=["platinum"]))
    assert refused.value.field == "filters.coverageTypes"


def test_search_needs_a_state_or_a_valid_zip(chaiz: ChaizClient, vins: list[str]) -> None:
    with pytest.raises(BadRequest) as no_state:
        search_plans(chaiz, vins[9], 100)
    assert no_state.value.field == "searchCriteria.stateShortName"
    with pytest.raises(BadRequest) as bad_zip:
        search_plans(chaiz, vins[9], 100, state="CA", zip_code="1234")
    assert bad_zip.value.field == "searchCriteria.zip"


USER = UserDetails(
    firstName="Maria",
    lastName="O'Connor-Diaz",
    email="maria@example.com",
    phone="6615550101",
    address="4100 Truxtun Ave",
    city="Bakersfield",
    state="CA",
    zip="93313",
)


def test_live_flow_validates_user_details(chaiz_sandbox: SandboxServer, vins: list[str]) -> None:
    details = USER.model_dump() | {"firstName": "M", "address": "1 A", "city": "LA", "state": "NY"}
    body = {"searchCriteria": {"vin": vins[10], "mileage": 100}, "userDetails": details}
    response = _raw(chaiz_sandbox, paths.PLANS_WITH_USER_INFO, body)
    assert response.status_code == 400
    errors = response.json()["errorResponse"]["errors"]
    fields = {e["errorField"]: e["errorMessage"] for e in errors}
    assert set(fields) == {"userDetails.firstName", "userDetails.address", "userDetails.city", "userDetails.state"}
    assert "does not match ZIP 93313" in fields["userDetails.state"]


def test_live_flow_answers_at_once_with_links_carrying_the_user(chaiz: ChaizClient, vins: list[str]) -> None:
    started = time.monotonic()
    answer = search_with_user(chaiz, vins[11], 100, USER, filters=PlanFilters(coverageTypes=["basic"]))
    assert time.monotonic() - started < LATENCY, "no registration wait in the live flow"
    assert answer.stateShortName == "CA" and answer.plans
    for plan in answer.plans:
        assert plan.coverageType == "Powertrain"
        assert plan.planCheckoutUrl and plan.planSummaryUrl
        for url in (plan.planCheckoutUrl, plan.planSummaryUrl):
            query = parse_qs(urlsplit(url).query)
            assert query["plan"] == [plan.searchResultPlanId]
            user = read_token(query["user"][0])
            assert user["lastName"] == "O'Connor-Diaz" and user["zip"] == "93313" and user["email"] == USER.email


def _statuses(server: SandboxServer, vin: str, count: int) -> list[int]:
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {server.config.chaiz_token}"}) as c:
        return [c.post(paths.START_PRICE, json={"vin": vin, "mileage": 10}).status_code for _ in range(count)]


def test_fault_rate_is_deterministic_per_seed(tmp_path: Path, vins: list[str]) -> None:
    first = _start(tmp_path / "a", chaiz_fault_rate=0.4, chaiz_latency=LATENCY)
    try:
        seen = _statuses(first, vins[0], 40)
        faulty = _raw(first, paths.START_PRICE, {"vin": vins[0], "mileage": 10})
        while faulty.status_code == 200:
            faulty = _raw(first, paths.START_PRICE, {"vin": vins[0], "mileage": 10})
        error = faulty.json()["errorResponse"]["errors"][0]
        assert error["suggestions"][0]["action"] == "RetryWithAlternative"
        assert _stats(first)["faults_injected"] >= 1
    finally:
        first.stop()
    second = _start(tmp_path / "b", chaiz_fault_rate=0.4, chaiz_latency=LATENCY)
    try:
        assert _statuses(second, vins[0], 40) == seen
    finally:
        second.stop()
    assert set(seen) - {200} <= {429, 500, 502, 503}
    assert 5 <= sum(s != 200 for s in seen) <= 30


def test_stats_count_concurrent_registration_requests(tmp_path: Path, vins: list[str]) -> None:
    server = _start(tmp_path / "s", chaiz_latency=0.5, chaiz_hold=1.0)
    try:
        admin(server, "DELETE", "/chaiz/stats")
        barrier = threading.Barrier(4)
        answers: list[int] = []

        def register(vin: str) -> None:
            barrier.wait()
            answers.append(_raw(server, paths.VEHICLE_REGISTRATION, {"vin": vin, "mileage": 10}).status_code)

        threads = [threading.Thread(target=register, args=(vin,)) for vin in vins[:4]]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert answers == [201] * 4, "held until done: the long poll answers 201"
        stats = _stats(server)
        assert stats["peak_concurrent_registrations"] == 4
        assert stats["in_flight_registrations"] == 0
        assert stats["registrations_started"] == 4
    finally:
        server.stop()
