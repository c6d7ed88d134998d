"""The documented plan filters: coverage levels, duration and miles ranges, providers left out.

A mixin of :class:`~desktop.ui.widgets.chaiz_panel.panel.ChaizPanel`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox

from desktop.api.chaiz.schema import UNLIMITED_MILES, PlanFilters, RangeFilter
from desktop.ui.widgets.chaiz_panel.plans import COVERAGE_LABELS
from desktop.ui.widgets.wheel_guard import SpinBox

COVERAGE_FILTER_OF = {"Powertrain": "basic", "PowertrainPlus": "basicplus", "MostComprehensive": "best"}


class FilterForm:
    """The filter fields of the panel and the :class:`PlanFilters` they make."""

    def init_filters(self: Any) -> None:
        self.coverage = {name: QCheckBox(label, self) for name, label in COVERAGE_LABELS.items()}
        self.duration_from, self.duration_to = self._range(0, 120, " mo")
        self.miles_from, self.miles_to = self._range(0, UNLIMITED_MILES, "k mi")
        self.exclude = QLineEdit(self)
        self.exclude.setPlaceholderText("Providers to leave out, comma-separated")

    def _range(self: Any, low: int, high: int, suffix: str) -> tuple[QSpinBox, QSpinBox]:
        lo, hi = SpinBox(self), SpinBox(self)
        for box, value in ((lo, low), (hi, high)):
            box.setRange(low, high)
            box.setSuffix(suffix)
            box.setValue(value)
            box.setMaximumWidth(140)
        lo.setSpecialValueText("any")
        return lo, hi

    def filters_box(self: Any) -> QGroupBox:
        """The "Filters" group, laid out: built once, when the panel lays itself out."""
        filters = QGroupBox("Filters", self)
        flay = QFormLayout(filters)
        boxes = QHBoxLayout()
        for box in self.coverage.values():
            boxes.addWidget(box)
        flay.addRow("Coverage", boxes)
        for label, lo, hi in (
            ("Duration", self.duration_from, self.duration_to),
            ("Miles", self.miles_from, self.miles_to),
        ):
            row = QHBoxLayout()
            row.addWidget(lo)
            row.addWidget(QLabel("to", filters))
            row.addWidget(hi)
            row.addStretch(1)
            flay.addRow(label, row)
        flay.addRow("Exclude", self.exclude)
        return filters

    def filters(self: Any) -> PlanFilters:
        coverage = [COVERAGE_FILTER_OF[name] for name, box in self.coverage.items() if box.isChecked()]
        excluded = [p.strip() for p in self.exclude.text().split(",") if p.strip()]
        return PlanFilters(
            coverageTypes=coverage,
            duration=_bounds(self.duration_from, self.duration_to),
            miles=_bounds(self.miles_from, self.miles_to),
            excludeProviders=excluded,
        )


def _bounds(lo: QSpinBox, hi: QSpinBox) -> RangeFilter | None:
    low = lo.value() if lo.value() > lo.minimum() else None
    high = hi.value() if hi.value() < hi.maximum() else None
    if low is None and high is None:
        return None
    return RangeFilter(**{"from": low, "to": high})
