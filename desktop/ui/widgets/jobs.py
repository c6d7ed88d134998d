"""Status-bar view of the TaskRunner: what is running, its progress, and a way to stop it."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from desktop.ui.tasks import JobInfo, TaskRunner

SHOW_AFTER_MS = 250
"""A job is announced once it has run this long: a keystroke's reprice (Deal Pricing prices in the TaskRunner) or a
one-row read is over in milliseconds, and announcing each made the status bar blink at every key."""


class JobsIndicator(QWidget):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(160)
        self.bar.setMaximumHeight(16)
        self.cancel = QToolButton(self)
        self.cancel.setText("✕")
        self.cancel.setToolTip("Cancel this job")
        self.cancel.clicked.connect(self._on_cancel)
        # The ✕ is the indicator's tallest part: hidden for a job that cannot be cancelled, it keeps its room, or
        # the status bar would shrink and grow by a few pixels with each job, and every tab above it with it.
        policy = self.cancel.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.cancel.setSizePolicy(policy)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        # A rooftop switch submits and cancels dozens of jobs in one go: the indicator follows once, on the next
        # turn of the event loop, not at each of them (each a relayout of the status bar).
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self._on_refresh)
        runner.jobs_changed.connect(self._refresh.start)
        self._seen: dict[int, float] = {}  # job id -> when the indicator first saw it running
        self._due = QTimer(self)  # the next job to reach SHOW_AFTER_MS
        self._due.setSingleShot(True)
        self._due.timeout.connect(self._on_refresh)
        self._on_refresh()

    def _announced(self) -> list[JobInfo]:
        """The jobs running for SHOW_AFTER_MS or more; the timer is set for the next one to get there."""
        now, jobs = time.monotonic(), self.runner.running()
        self._seen = {j.job_id: self._seen.get(j.job_id, now) for j in jobs}
        shown = [j for j in jobs if now - self._seen[j.job_id] >= SHOW_AFTER_MS / 1000]
        waiting = [self._seen[j.job_id] for j in jobs if now - self._seen[j.job_id] < SHOW_AFTER_MS / 1000]
        if waiting:
            self._due.start(max(1, int((min(waiting) + SHOW_AFTER_MS / 1000 - now) * 1000) + 1))
        return shown

    def _shown_job(self, jobs: list[JobInfo]) -> int:
        shown = [j for j in jobs if j.cancellable] or jobs
        return shown[0].job_id if shown else 0

    def _on_refresh(self) -> None:
        jobs = self._announced()
        if not jobs:
            self.hide()
            return
        shown_id = self._shown_job(jobs)
        shown = next(j for j in jobs if j.job_id == shown_id)
        done, total, text = shown.progress
        more = f" (+{len(jobs) - 1} more)" if len(jobs) > 1 else ""
        self.label.setText((text or shown.label or "Working…") + more)
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        else:
            self.bar.setRange(0, 0)
        self.cancel.setVisible(shown.cancellable)
        self.show()

    def _on_cancel(self) -> None:
        job = self._shown_job(self._announced())
        if job:
            self.runner.cancel(job)
