"""The status bar's view of running work: it comes and goes without moving anything above it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton
from pytestqt.qtbot import QtBot

from desktop.services.cancel import JobControl
from desktop.ui.style import STYLE
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.jobs import SHOW_AFTER_MS, JobsIndicator


def test_the_window_above_the_status_bar_stays_still_whatever_job_runs(qtbot: QtBot, runner: TaskRunner) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setStyleSheet(STYLE)
    button = QPushButton("Refresh", window)
    window.setCentralWidget(button)
    status = window.statusBar()
    status.addPermanentWidget(QLabel("● Connected: Sandbox", window))
    jobs = JobsIndicator(runner, window)
    status.addPermanentWidget(jobs)
    window.resize(900, 300)
    window.show()
    qtbot.waitExposed(window)
    sizes = [button.height()]
    release = threading.Event()

    def plain() -> None:  # "Loading templates": no progress, no ✕
        release.wait(10)

    def cancellable(control: JobControl) -> None:  # "Uploading licence.pdf": a bar and a ✕
        control.progress(1, 4, "Uploading licence.pdf")
        release.wait(10)

    submits: list[Callable[[], Any]] = [
        lambda: runner.submit(plain, label="Loading templates"),
        lambda: runner.submit_job(cancellable, label="Uploading"),
        lambda: runner.submit(plain, label="Loading templates"),
    ]
    for submit in submits:
        release.clear()
        submit()
        qtbot.waitUntil(jobs.isVisible)
        window.layout().activate()
        sizes.append(button.height())
        release.set()
        qtbot.waitUntil(lambda: not jobs.isVisible())
        runner.wait_idle()
        window.layout().activate()
        sizes.append(button.height())
    assert len(set(sizes)) == 1, sizes  # the content never shrank or grew by a few pixels as jobs came and went


def test_a_job_over_in_a_moment_is_not_announced_a_longer_one_is(qtbot: QtBot, runner: TaskRunner) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    jobs = JobsIndicator(runner, window)
    window.statusBar().addPermanentWidget(jobs)
    window.show()
    qtbot.waitExposed(window)
    quick = threading.Event()
    runner.submit(lambda: quick.wait(10), label="Pricing the deal")  # a keystroke's reprice: milliseconds
    with pytest.raises(qtbot.TimeoutError):
        qtbot.waitUntil(jobs.isVisible, timeout=SHOW_AFTER_MS // 2)
    quick.set()
    qtbot.waitUntil(lambda: not runner.running())
    assert jobs.label.text() == ""  # never announced
    release = threading.Event()
    runner.submit(lambda: release.wait(10), label="Loading templates")
    qtbot.waitUntil(jobs.isVisible)
    assert jobs.label.text() == "Loading templates"
    release.set()
    qtbot.waitUntil(lambda: not jobs.isVisible())
