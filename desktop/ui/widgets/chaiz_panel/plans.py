"""The plans table: what Chaiz requires partners to show of each plan (name, coverage level, duration AND miles)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from desktop.api.chaiz.schema import UNLIMITED_MILES, Plan
from desktop.ui.models.common import SortRole
from desktop.ui.models.item_rows import Cells, ItemRowsModel

TERM_NOTE = "Term: duration and miles, whichever comes first; miles are added to the current odometer."
_DISPLAY, _ALIGN = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
COVERAGE_LABELS = {
    "Powertrain": "Powertrain (basic)",
    "PowertrainPlus": "Powertrain Plus (basic plus)",
    "MostComprehensive": "Most comprehensive (best)",
}


def money(value: float | None) -> str:
    return "" if value is None else f"${Decimal(str(value)):,.2f}"


def term_text(plan: Plan) -> str:
    miles = "unlimited miles" if plan.miles == UNLIMITED_MILES else f"{plan.miles * 1000:,} miles"
    return f"{plan.duration} months / {miles}"


class PlansModel(ItemRowsModel[Plan]):
    """The plans quoted, their cells kept in Qt (see :mod:`desktop.ui.models.item_rows`)."""

    COL_PLAN, COL_PROVIDER, COL_COVERAGE, COL_TERM, COL_DEDUCTIBLE, COL_PRICE, COL_MONTHLY = range(7)
    HEADERS = ("Plan", "Provider", "Coverage level", "Duration and miles", "Deductible", "Price", "Monthly")
    set_plans = ItemRowsModel.set_rows
    plans = ItemRowsModel.rows

    def cells(self, plan: Plan) -> Cells:
        sort_keys = (
            plan.planName,
            plan.displayProviderName,
            plan.coverageType,
            plan.duration * 10**9 + plan.miles,  # duration, then miles: one number a proxy sorts in C++
            plan.deductible,
            plan.price,
            plan.monthlyPrice or 0.0,
        )
        texts = (
            plan.planName,
            plan.displayProviderName,
            COVERAGE_LABELS.get(plan.coverageType, plan.coverageType),
            term_text(plan),
            money(plan.deductible),
            money(plan.price),
            f"{money(plan.monthlyPrice)} × {plan.numberOfPayments}" if plan.monthlyPrice else "",
        )
        for col, (text, key) in enumerate(zip(texts, sort_keys, strict=True)):
            roles: dict[int, Any] = {_DISPLAY: text, SortRole: key}
            if col >= self.COL_DEDUCTIBLE:
                roles[_ALIGN] = _RIGHT
            yield roles
