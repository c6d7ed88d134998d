"""The plans table: what Chaiz requires partners to show of each plan (name, coverage level, duration AND miles)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from desktop.api.chaiz.schema import UNLIMITED_MILES, Plan
from desktop.ui.models.common import ObjectRole, RowsTableModel, SortRole

TERM_NOTE = "Term: duration and miles, whichever comes first; miles are added to the current odometer."
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


class PlansModel(RowsTableModel[Plan]):
    COL_PLAN, COL_PROVIDER, COL_COVERAGE, COL_TERM, COL_DEDUCTIBLE, COL_PRICE, COL_MONTHLY = range(7)
    HEADERS = ("Plan", "Provider", "Coverage level", "Duration and miles", "Deductible", "Price", "Monthly")
    set_plans = RowsTableModel.set_rows
    plans = RowsTableModel.rows

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        plan = self.row_object(index)
        if plan is None:
            return None
        col = index.column()
        if role == ObjectRole:
            return plan
        if role == SortRole:
            return (
                plan.planName,
                plan.displayProviderName,
                plan.coverageType,
                (plan.duration, plan.miles),
                plan.deductible,
                plan.price,
                plan.monthlyPrice or 0.0,
            )[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                plan.planName,
                plan.displayProviderName,
                COVERAGE_LABELS.get(plan.coverageType, plan.coverageType),
                term_text(plan),
                money(plan.deductible),
                money(plan.price),
                f"{money(plan.monthlyPrice)} × {plan.numberOfPayments}" if plan.monthlyPrice else "",
            )[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= self.COL_DEDUCTIBLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
