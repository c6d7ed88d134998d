"""The soak's child process: the real window on the sandbox, set up as the app sets it up, driven by
``bench/_soak_steps.py``'s Driver; then its figures written for ``bench/bench_soak.py``, which starts it and reports.

Nothing here imports Qt at module level: the parent imports this module for its constants.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench._common import API_KEY
from bench._soak_probes import CollectorPauses, time_ms
from bench._soak_steps import STALL_TARGET_MS, Driver

WEBHOOK_KEY = "soak-webhook-key"
WALL_GAPS_KEPT = 8


def drive(config: dict[str, Any]) -> int:
    from keyring.backends import fail
    from PySide6.QtTest import QTest  # noqa: F401  (the picker step's; its first import is not the window's stall)
    from PySide6.QtWidgets import QApplication

    from bench._gui import StallProbe
    from bench._jobstats import JobLedger
    from bench._turns import BUSY_MS, busy_turns, print_turns
    from bench._wallgaps import WallGapRecorder
    from desktop.composition import connect
    from desktop.config import KEY_CHAIZ, KEY_ROADSTER, KEY_WEBHOOK, AppPaths, Profile, Settings, default_profiles
    from desktop.sandbox.config import DEFAULT_CHAIZ_TOKEN
    from desktop.secrets import SecretStore
    from desktop.ui.app import qt_environment, share_the_interpreter
    from desktop.ui.gui_gc import freeze_when_started
    from desktop.ui.main_window import MainWindow
    from desktop.ui.style import STYLE

    qt_environment()  # as the app sets it up
    share_the_interpreter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    paths = AppPaths.default()
    url = config["sandbox_url"]
    profile = Profile("Soak", "remote", url + "/v1", url, config["receiver_url"])
    settings = Settings([default_profiles()[0], profile], active="Soak")
    secrets = SecretStore(fail.Keyring())  # memory only: the bench never touches a real keyring
    for name, value in ((KEY_ROADSTER, API_KEY), (KEY_CHAIZ, DEFAULT_CHAIZ_TOKEN), (KEY_WEBHOOK, WEBHOOK_KEY)):
        secrets.set(profile.name, name, value)

    probe = StallProbe(config.get("probe_ms", 5), stack_after_ms=STALL_TARGET_MS).start()
    walls = WallGapRecorder(lambda: probe._tick_ns, probe.now_ms, after_ms=STALL_TARGET_MS, keep=WALL_GAPS_KEPT)
    walls.start()
    pauses = CollectorPauses().start()
    jobs = JobLedger()
    runner = jobs.runner(app)
    window = MainWindow(paths, settings, runner, lambda: secrets, connect)
    window.first_paint.connect(lambda: app.setStyleSheet(STYLE))
    freeze_when_started(window.tabs_ready, window.workspace.connection_changed)  # as desktop.ui.app.run does
    driver = Driver(app, window, probe, walls, config)
    window.show()
    app.exec()
    probe.stop()
    walls.stop()
    pauses.stop()
    results = driver.results()
    results["gc_pauses"] = pauses.longest(driver.first_sync_at, driver.drive_ended or None, probe.now_ms() - time_ms())
    results["wall_gaps"] = walls.summary(driver.first_sync_at, driver.drive_ended or None)
    results["wall_gaps_counted"] = walls.counted
    until = driver.drive_ended or float("inf")
    over = [(g, t) for g, t in zip(probe.gaps[1:], probe.at[1:], strict=True) if g > STALL_TARGET_MS]
    results["jobs"] = jobs.table(over, driver.first_sync_at, until, probe.now_ms() - time_ms())
    gaps = zip(probe.gaps[1:], probe.at[1:], probe.cpu_us[1:], strict=True)
    offset = probe.now_ms() - time_ms()
    busy_ms = config.get("busy_ms", BUSY_MS)
    results["busy_ms"] = busy_ms
    results["busy_turns"] = busy_turns(
        gaps, driver.step_log, jobs.delivered, driver.first_sync_at, until, offset, busy_ms
    )
    for turn in results["busy_turns"]:  # a collection in the turn is part of its CPU
        turn["gc"] = pauses.within(turn["ended_at_ms"] - turn["gap_ms"] - 1, turn["ended_at_ms"] + 1, offset)
    for gap in results["wall_gaps"]:
        gap["gc"] = pauses.within(gap["ended_at_ms"] - gap["gap_ms"] - 1, gap["ended_at_ms"] + 1, offset)
    # For the parent's pause detector (bench/_pauses.py), which times on time.monotonic(): every gap over a frame.
    results["probe_offset_ms"] = offset
    results["probe_ms"] = config.get("probe_ms", 5)
    results["drive_ended_ms"] = driver.drive_ended
    results["over_gaps"] = [(g, t) for g, t in over if driver.first_sync_at < t <= until]
    Path(config["results"]).write_text(json.dumps(results))
    for gap, at, cpu_ms, stacks in probe.stacks:
        if at > driver.first_sync_at:
            print(
                f"--- stall of {gap} ms ending at {at / 1000:.1f} s, GUI thread CPU {cpu_ms:.0f} ms ---",
                file=sys.stderr,
            )
            for stack in stacks[:2]:
                print(stack, file=sys.stderr)
    print_turns(results["busy_turns"], sys.stderr, busy_ms)
    print("--- the longest wall-clock gaps after the first sync, with every thread's stacks ---", file=sys.stderr)
    walls.print(sys.stderr, driver.first_sync_at, driver.drive_ended or None)
    return 0
