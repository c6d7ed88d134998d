"""Status-bar view of the TaskRunner: what is running, its progress, and a way to stop it."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from desktop.ui.tasks import TaskRunner


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
        self._on_refresh()

    def _shown_job(self) -> int:
        jobs = [j for j in self.runner.running() if j.cancellable] or self.runner.running()
        return jobs[0].job_id if jobs else 0

    def _on_refresh(self) -> None:
        jobs = self.runner.running()
        if not jobs:
            self.hide()
            return
        shown_id = self._shown_job()
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
        job = self._shown_job()
        if job:
            self.runner.cancel(job)
