"""Roles and helpers every table model shares."""

from __future__ import annotations

from PySide6.QtCore import Qt

ObjectRole = Qt.ItemDataRole.UserRole + 1  # the row object itself
SortRole = Qt.ItemDataRole.UserRole + 2  # a value that sorts right (numbers as numbers, dates as epochs)
