"""The Programs section: incentives, rebates and lender programs as the rows of a tree, worded apart from Qt.

The rows are plain strings made where the programs arrive (the server check's worker), so the GUI thread compares
them with the rows shown and rebuilds the tree only when a row differs: the local programs and the server's are
usually the same rows, and each rebuild relaid the tree out for nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from desktop.ui.amounts import money

Row = tuple[str, ...]
ProgramRows = tuple[tuple[str, tuple[Row, ...]], ...]  # (group label, its rows)


def program_rows(programs: dict[str, Any]) -> ProgramRows:
    """The tree's groups and rows for ``programs`` (the pricing answer's ``programs`` object)."""
    cash = programs.get("cash", {})
    offers: list[Row] = []
    for entry in [*cash.get("incentives", []), *cash.get("rebates", [])]:
        taxed = "taxable" if entry.get("taxable", True) else "not taxed"
        if "program_id" in entry:  # a rebate: the manufacturer's program and who it is paid to
            detail = f"program {entry['program_id']}, paid to {entry.get('recipient', 'Customer').lower()}"
        else:
            detail = str(entry.get("name", ""))
        name = f"{entry.get('display_name', entry.get('name', ''))} ({detail}, {taxed})"
        offers.append((name, "", "", money(entry.get("cash")), str(entry.get("expires_at", ""))[:10]))
    groups = [("Incentives and rebates", tuple(offers))]
    for kind, label in (("finance", "Finance programs"), ("lease", "Lease programs")):
        rows: list[Row] = []
        for row in programs.get(kind, []):
            rate = (
                f"{row['interest_rate']:g} % APR"
                if kind == "finance"
                else f"MF {row['money_factor']:g}/1000, residual {row['base_residual']:g} %"
            )
            rows.append(
                (
                    f"{row.get('name', '')} ({row.get('lender', '')})",
                    f"{row['term']} mo",
                    f"{row['min_score']}+",
                    rate,
                    str(row.get("expires_at", ""))[:10],
                )
            )
        groups.append((label, tuple(rows)))
    return tuple(groups)


def fill_tree(tree: QTreeWidget, rows: ProgramRows) -> None:
    """Replace the tree's items with ``rows``, added in one call; the first group (the offers) expanded."""
    tree.clear()
    groups = []
    for label, children in rows:
        group = QTreeWidgetItem([label])
        group.addChildren([QTreeWidgetItem(list(row)) for row in children])
        groups.append(group)
    tree.addTopLevelItems(groups)
    if groups:
        groups[0].setExpanded(True)
    tree.resizeColumnToContents(1)
