"""A term in months whose arrows step through the terms the rooftop's programs offer.

Walked at the desk: the lease term's up arrow went 36 -> 37, a term no lease program offers, and the whole lease side
went blank ("choose one of 24, 36, 39, 48"). The arrows, the Up and Down keys and a focused wheel now go to the next
offered term; any term can still be typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop.ui.widgets.wheel_guard import SpinBox


class TermBox(SpinBox):
    def __init__(self, offered: Callable[[], tuple[int, ...]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._offered = offered  # the terms the payment grid shows: one row per term a program writes

    def stepBy(self, steps: int) -> None:
        terms = sorted(set(self._offered()))
        if not terms or steps == 0:
            super().stepBy(steps)
            return
        value = self.value()
        if steps > 0:
            later = [t for t in terms if t > value]
            target = later[min(steps, len(later)) - 1] if later else value
        else:
            earlier = [t for t in terms if t < value]
            target = earlier[-min(-steps, len(earlier))] if earlier else value
        self.setValue(target)
