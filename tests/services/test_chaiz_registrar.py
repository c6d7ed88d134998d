"""The Chaiz registrar against a real sandbox with injected faults: outcomes, no duplicates, bounded concurrency."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.api.chaiz.client import ChaizClient
from desktop.api.chaiz.registration import start_price
from desktop.sandbox.config import SandboxConfig
from desktop.sandbox.server import SandboxServer
from desktop.services.cancel import JobControl
from desktop.services.chaiz_registrar import (
    Backoff,
    ChaizRegistrar,
    RegistrationReport,
    VehicleToRegister,
    clear_vehicle,
    vehicles_from_inventory,
)
from desktop.store.chaiz_cache import ChaizCache
from tests.conftest import admin, roadster_for

DAY = 24 * 3600


def _server(folder: Path, **kw: float) -> SandboxServer:
    config = SandboxConfig(data_dir=folder, inventory_size=60, chaiz_latency=0.2, **kw)  # type: ignore[arg-type]
    return SandboxServer(config).start()


@pytest.fixture
def faulty(tmp_path: Path) -> Iterator[SandboxServer]:
    """A third of all Chaiz answers are 429 or 5xx; requests are held until done (up to 1 s)."""
    server = _server(tmp_path / "sandbox", chaiz_fault_rate=0.3)
    yield server
    server.stop()


@pytest.fixture
def clean(tmp_path: Path) -> Iterator[SandboxServer]:
    server = _server(tmp_path / "sandbox")
    yield server
    server.stop()


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[ChaizCache]:
    store = ChaizCache(tmp_path / "chaiz.sqlite3")
    yield store
    store.close()


def _inventory(server: SandboxServer, count: int) -> list[VehicleToRegister]:
    client = roadster_for(server)
    try:
        vehicles, _total = client.inventory_page("hyundaidemo", size=count)
    finally:
        client.close()
    return vehicles_from_inventory(vehicles)


def _client(server: SandboxServer) -> ChaizClient:
    return ChaizClient(server.url, server.config.chaiz_token)


def _registrar(client: ChaizClient, cache: ChaizCache, **kw: object) -> ChaizRegistrar:
    kw.setdefault("backoff", Backoff(attempts=8, base=0.02, cap=0.2, rng=random.Random(7)))
    kw.setdefault("poll_interval", 0.05)
    return ChaizRegistrar(client, cache, **kw)  # type: ignore[arg-type]


def _stats(server: SandboxServer) -> dict[str, int]:
    stats: dict[str, int] = admin(server, "GET", "/chaiz/stats").json()
    return stats


def _outcomes(report: RegistrationReport) -> list[str]:
    return report.registered + report.already_cached + list(report.failed) + report.not_done


def test_every_vehicle_ends_registered_or_failed_none_twice(faulty: SandboxServer, cache: ChaizCache) -> None:
    vehicles = _inventory(faulty, 40)
    bad = VehicleToRegister("1HGCM82643A004352", 100)  # wrong check digit: Chaiz cannot parse it
    client = _client(faulty)
    try:
        report = _registrar(client, cache, concurrency=5).run([*vehicles, bad, vehicles[0]], dpid="hyundaidemo")
        outcomes = _outcomes(report)
        assert sorted(outcomes) == sorted({v.vin for v in [*vehicles, bad]}), "each vehicle once, in one list"
        assert "CantParseVIN 4005" in report.failed[bad.vin]
        assert report.retries > 0, "the injected faults were retried"
        assert all(reason for reason in report.failed.values())
        assert len(report.registered) >= 35
        stats = _stats(faulty)
        assert stats["faults_injected"] > 0
        assert stats["peak_concurrent_registrations"] <= 5
        assert stats["registrations_started"] == len(report.registered)
        assert cache.get(bad.vin) is not None and cache.get(bad.vin).status == "failed"  # type: ignore[union-attr]

        assert stats["cached_registrations"] == len(report.registered), "what we call registered, Chaiz has cached"
        assert all(cache.get(vin).status == "registered" for vin in report.registered)  # type: ignore[union-attr]

        again = _registrar(client, cache, concurrency=5).run(vehicles)
        assert sorted(again.already_cached) == sorted(report.registered)
        assert _stats(faulty)["registrations_started"] == stats["registrations_started"], "nothing registered twice"
    finally:
        client.close()


def test_a_vehicle_that_keeps_failing_is_reported_with_the_reason(tmp_path: Path, cache: ChaizCache) -> None:
    server = _server(tmp_path / "sandbox", chaiz_fault_rate=1.0)
    client = _client(server)
    try:
        vehicles = _inventory(server, 6)
        report = _registrar(client, cache, backoff=Backoff(attempts=3, base=0.01, cap=0.02)).run(vehicles)
        assert sorted(report.failed) == sorted(v.vin for v in vehicles)
        assert all("gave up after 3 attempts" in reason for reason in report.failed.values())
        assert not report.registered
        row = cache.get(vehicles[0].vin)
        assert row is not None and row.status == "failed" and row.last_error and row.attempts == 3
    finally:
        client.close()
        server.stop()


def test_cancel_then_resume_registers_each_vehicle_once(clean: SandboxServer, cache: ChaizCache) -> None:
    vehicles = _inventory(clean, 30)
    client = _client(clean)
    try:
        control = JobControl()
        control.on_progress = lambda done, total, text: control.cancel() if done >= 6 else None
        first = _registrar(client, cache, concurrency=5).run(vehicles, control)
        assert first.cancelled and first.not_done
        assert 6 <= len(first.registered) < 30
        second = _registrar(client, cache, concurrency=5).run(vehicles)
        assert not second.cancelled and not second.failed
        assert sorted(second.already_cached) == sorted(first.registered)
        assert not set(second.registered) & set(first.registered)
        assert sorted(first.registered + second.registered) == sorted(v.vin for v in vehicles)
        assert _stats(clean)["registrations_started"] <= 30 + len(first.not_done)
    finally:
        client.close()


def test_mileage_and_30_day_rules_decide_what_is_due(clean: SandboxServer, cache: ChaizCache) -> None:
    vehicles = _inventory(clean, 6)
    client = _client(clean)
    try:
        _registrar(client, cache).run(vehicles)
        a, b, c = vehicles[0], vehicles[1], vehicles[2]
        moved = [
            VehicleToRegister(a.vin, a.mileage + 4_999),
            VehicleToRegister(b.vin, b.mileage + 5_000),
            c,
        ]
        report = _registrar(client, cache).run(moved)
        assert report.already_cached == [a.vin, c.vin]
        assert report.registered == [b.vin]
        assert start_price(client, b.vin, b.mileage + 5_000).status == "Registered"

        later = _registrar(client, cache, clock=lambda: time.time() + 31 * DAY)
        assert [v.vin for v in later.due(vehicles)] == [v.vin for v in vehicles], "30 days on, all are due"
    finally:
        client.close()


def test_only_new_skips_registered_vehicles_and_retries_failed_ones(clean: SandboxServer, cache: ChaizCache) -> None:
    vehicles = _inventory(clean, 5)
    cache.mark_failed(vehicles[0].vin, vehicles[0].mileage, "Chaiz was down")
    cache.mark_registered(vehicles[1].vin, vehicles[1].mileage, time.time() - 40 * DAY)
    client = _client(clean)
    try:
        report = _registrar(client, cache).run(vehicles, only_new=True)
    finally:
        client.close()
    assert report.skipped_not_new == [vehicles[1].vin]
    assert sorted(report.registered) == sorted(v.vin for v in [vehicles[0], *vehicles[2:]])
    failed_before = cache.get(vehicles[0].vin)
    assert failed_before is not None and failed_before.status == "registered"


def test_concurrency_outside_5_to_10_is_refused(clean: SandboxServer, cache: ChaizCache) -> None:
    client = _client(clean)
    try:
        for wrong in (4, 11):
            with pytest.raises(ValueError, match="between 5 and 10"):
                ChaizRegistrar(client, cache, concurrency=wrong)
    finally:
        client.close()


def test_clear_vehicle_drops_both_caches_so_the_next_batch_registers_it(
    clean: SandboxServer, cache: ChaizCache
) -> None:
    vehicles = _inventory(clean, 3)
    client = _client(clean)
    try:
        _registrar(client, cache).run(vehicles)
        assert clear_vehicle(client, cache, vehicles[0].vin) == 1
        assert cache.get(vehicles[0].vin) is None
        assert start_price(client, vehicles[0].vin, vehicles[0].mileage).status == "NotRegistered"
        again = _registrar(client, cache).run(vehicles)
        assert again.registered == [vehicles[0].vin]
    finally:
        client.close()
