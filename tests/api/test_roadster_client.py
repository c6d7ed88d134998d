"""The Roadster client against the sandbox over real HTTP on loopback."""

from __future__ import annotations

import socket
import time

import httpx
import pytest

from desktop.api import errors
from desktop.api.roadster.client import RoadsterClient
from desktop.domain.vin import vin_problem
from desktop.sandbox.server import SandboxServer
from tests.conftest import TEST_INVENTORY, admin, fast_retry, roadster_for


def test_dealers_include_the_reference_dealers(roadster: RoadsterClient) -> None:
    dealers = roadster.dealers()
    dpids = {d.dpid for d in dealers}
    assert {"hyundaidemo", "umazda", "toyotademo"} <= dpids
    assert len(dealers) >= 5
    assert len({d.state for d in dealers}) >= 3
    assert all(d.partner_id and len(d.zip_code) == 5 for d in dealers)


def test_dealer_configuration(roadster: RoadsterClient) -> None:
    detail = roadster.dealer("hyundaidemo")
    assert detail.partner_id == "CA317"
    config = detail.configuration
    assert config.price_unlock_mode
    assert config.fees["doc_fee"] > 0
    assert any(m.make == "All" for m in config.markups)


def test_unknown_dealer_is_404_with_the_roadster_body(sandbox: SandboxServer) -> None:
    response = httpx.get(
        sandbox.url + "/v1/dealers/nosuch", headers={"Authorization": f"Bearer {sandbox.config.api_key}"}
    )
    assert response.status_code == 404
    assert response.json() == {"status": "error", "error": "Dealer not found."}


def test_unknown_dealer_raises_not_found(roadster: RoadsterClient) -> None:
    with pytest.raises(errors.NotFound) as info:
        roadster.dealer("nosuch")
    assert info.value.status == 404
    assert "Dealer not found" in info.value.message


@pytest.mark.parametrize("header", [None, "Bearer wrong-key", "Basic abc"])
def test_missing_or_wrong_key_is_401(sandbox: SandboxServer, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = httpx.get(sandbox.url + "/v1/dealers", headers=headers)
    assert response.status_code == 401
    body = response.json()
    assert body["status"] == "error" and body["error"]


def test_wrong_key_raises_unauthorized_without_the_key_in_the_message(sandbox: SandboxServer) -> None:
    client = RoadsterClient(sandbox.url + "/v1", "secret-wrong-key-123", retry=fast_retry())
    with pytest.raises(errors.Unauthorized) as info:
        client.dealers()
    assert "secret-wrong-key-123" not in str(info.value)
    assert "secret-wrong-key-123" not in info.value.sentence()
    assert "Settings" in info.value.sentence()
    client.close()


def test_chaiz_paths_answer_401_in_the_chaiz_shape(sandbox: SandboxServer) -> None:
    response = httpx.post(sandbox.url + "/api/v2/Partners/VehicleRegistration", json={})
    assert response.status_code == 401
    body = response.json()
    assert body["response"] is None
    error = body["errorResponse"]["errors"][0]
    assert error["errorMessage"] and error["errorCode"] and error["errorNumber"] == 401


def test_inventory_pages_in_vin_order_without_gaps(roadster: RoadsterClient) -> None:
    pages = list(roadster.iter_inventory_pages("hyundaidemo", size=70))
    vins = [v["vin"] for page, _ in pages for v in page]
    assert len(pages) == -(-TEST_INVENTORY // 70)
    assert vins == sorted(vins)
    assert len(vins) == len(set(vins)) == TEST_INVENTORY
    assert all(total == TEST_INVENTORY for _, total in pages)
    assert all(vin_problem(v) is None for v in vins)


def test_typed_inventory_iterator(roadster: RoadsterClient) -> None:
    vehicles = list(roadster.iter_inventory("umazda", size=500))
    assert len(vehicles) == TEST_INVENTORY
    assert {v.make for v in vehicles} <= {"Mazda", "Subaru"}
    first = vehicles[0]
    assert first.exterior_color.rgb and len(first.exterior_color.rgb) == 6
    assert first.msrp and first.invoice and first.invoice < first.msrp


def test_inventory_default_page_size_is_100(roadster: RoadsterClient) -> None:
    vehicles, total = roadster.inventory_page("toyotademo")
    assert len(vehicles) == 100 and total == TEST_INVENTORY


def test_inventory_in_stock_filter(roadster: RoadsterClient) -> None:
    in_stock, total_in = roadster.inventory_page("toyotademo", size=500, in_stock=True)
    gone, total_out = roadster.inventory_page("toyotademo", size=500, in_stock=False)
    assert all(v["in_stock"] for v in in_stock) and not any(v["in_stock"] for v in gone)
    assert total_in + total_out == TEST_INVENTORY


def test_updated_since_returns_only_newer(roadster: RoadsterClient) -> None:
    everything, _ = roadster.inventory_page("hyundaidemo", size=500)
    middle = sorted(v["updated_at"] for v in everything)[len(everything) // 2]
    newer, total = roadster.inventory_page("hyundaidemo", size=500, updated_since=middle)
    assert newer and all(v["updated_at"] >= middle for v in newer)
    assert total == sum(1 for v in everything if v["updated_at"] >= middle)


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({}, "dpid"),
        ({"dpid": "hyundaidemo", "size": "0"}, "size"),
        ({"dpid": "hyundaidemo", "size": "501"}, "size"),
        ({"dpid": "hyundaidemo", "size": "ten"}, "size"),
        ({"dpid": "hyundaidemo", "updated_since": "yesterday"}, "updated_since"),
        ({"dpid": "hyundaidemo", "in_stock": "maybe"}, "in_stock"),
    ],
)
def test_bad_inventory_parameters_are_400_naming_the_parameter(
    sandbox: SandboxServer, params: dict[str, str], named: str
) -> None:
    response = httpx.get(
        sandbox.url + "/v1/inventory", params=params, headers={"Authorization": f"Bearer {sandbox.config.api_key}"}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == "error" and f"'{named}'" in body["error"]


def test_inventory_of_unknown_dealer_is_404(roadster: RoadsterClient) -> None:
    with pytest.raises(errors.NotFound):
        roadster.inventory_page("nosuch")


def test_vehicle_info(roadster: RoadsterClient) -> None:
    vehicles, _ = roadster.inventory_page("hyundaidemo", size=50)
    vin = vehicles[0]["vin"]
    info = roadster.vehicle_info(vin, "CA317")
    assert info.make == "Hyundai" and info.model == vehicles[0]["model"]
    assert info.ev_range is not None or info.city_mpg is not None


def test_vehicle_info_errors(roadster: RoadsterClient) -> None:
    vehicles, _ = roadster.inventory_page("hyundaidemo", size=1)
    with pytest.raises(errors.NotFound, match="Dealer"):
        roadster.vehicle_info(vehicles[0]["vin"], "NOPE")
    with pytest.raises(errors.BadRequest, match="check digit") as info:
        roadster.vehicle_info("1HGCM82635A004352", "CA317")
    assert info.value.field == "vin"
    with pytest.raises(errors.NotFound, match="Vehicle"):
        roadster.vehicle_info("1HGCM82633A004352", "CA317")


def test_server_error_is_retried_then_succeeds(fresh_sandbox: SandboxServer) -> None:
    admin(fresh_sandbox, "POST", "/faults", json={"path_prefix": "/v1/dealers", "status": 503, "count": 2})
    client = roadster_for(fresh_sandbox)
    assert client.dealers()
    client.close()


def test_persistent_server_error_raises_server_error(fresh_sandbox: SandboxServer) -> None:
    admin(fresh_sandbox, "POST", "/faults", json={"path_prefix": "/v1/dealers", "status": 500, "count": 10})
    client = roadster_for(fresh_sandbox)
    with pytest.raises(errors.ServerError) as info:
        client.dealers()
    assert info.value.status == 500
    client.close()


def test_429_is_retried(fresh_sandbox: SandboxServer) -> None:
    admin(fresh_sandbox, "POST", "/faults", json={"path_prefix": "/v1/dealers", "status": 429, "count": 1})
    client = roadster_for(fresh_sandbox)
    assert client.dealers()
    client.close()


def test_post_is_not_retried(fresh_sandbox: SandboxServer) -> None:
    calls = []

    def count(request: httpx.Request) -> None:
        calls.append(request)

    admin(fresh_sandbox, "POST", "/faults", json={"path_prefix": "/v1/links", "status": 503, "count": 5})
    client = roadster_for(fresh_sandbox)
    client.http.event_hooks["request"] = [count]
    with pytest.raises(errors.ServerError):
        client.request("POST", "/links", json={})
    assert len(calls) == 1
    client.close()


def test_timeout_raises_request_timed_out(fresh_sandbox: SandboxServer) -> None:
    admin(fresh_sandbox, "POST", "/faults", json={"path_prefix": "/v1/dealers", "status": 0, "delay": 1.0, "count": 3})
    client = RoadsterClient(
        fresh_sandbox.url + "/v1", fresh_sandbox.config.api_key, timeout=httpx.Timeout(0.2), retry=fast_retry()
    )
    started = time.monotonic()
    with pytest.raises(errors.RequestTimedOut):
        client.dealers()
    assert time.monotonic() - started < 5
    client.close()


def test_a_request_the_server_never_answers_is_sent_twice_not_four_times(fresh_sandbox: SandboxServer) -> None:
    """Four silent tries of 20 s kept a click on a dealer under "Loading…" for 90 s before a word was said; a
    server that answers errors is still retried to the policy's attempts."""
    from desktop.api.base import RetryPolicy

    calls: list[httpx.Request] = []
    admin(fresh_sandbox, "POST", "/faults", json={"path_prefix": "/v1/dealers", "status": 0, "delay": 1.0, "count": 9})
    client = RoadsterClient(
        fresh_sandbox.url + "/v1",
        fresh_sandbox.config.api_key,
        timeout=httpx.Timeout(0.2),
        retry=RetryPolicy(attempts=4, base=0.01, cap=0.05),
    )
    client.http.event_hooks["request"] = [calls.append]
    with pytest.raises(errors.RequestTimedOut):
        client.dealers()
    assert len(calls) == 2
    admin(fresh_sandbox, "DELETE", "/faults")
    admin(fresh_sandbox, "POST", "/faults", json={"path_prefix": "/v1/dealers", "status": 503, "count": 9})
    calls.clear()
    with pytest.raises(errors.ServerError):
        client.dealers()
    assert len(calls) == 4
    client.close()


def test_server_down_raises_connection_failed() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = RoadsterClient(f"http://127.0.0.1:{port}/v1", "k", retry=fast_retry())
    with pytest.raises(errors.ConnectionFailed) as info:
        client.dealers()
    assert "Could not reach" in info.value.sentence()
    client.close()
