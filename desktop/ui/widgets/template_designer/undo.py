"""The one undoable change of the designer: a box's state replaced (add, delete, move, resize, edit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from desktop.domain import form_fields as ff

if TYPE_CHECKING:
    from desktop.ui.widgets.template_designer.designer import TemplateDesigner


class SetBox(QUndoCommand):
    """Replace one box's state (``None`` = absent): covers add, delete, move, resize and property edits."""

    def __init__(
        self,
        designer: TemplateDesigner,
        box_id: int,
        before: ff.FormField | None,
        after: ff.FormField | None,
        text: str,
    ) -> None:
        super().__init__(text)
        self._designer = designer
        self._id = box_id
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._designer._apply(self._id, self._after)

    def undo(self) -> None:
        self._designer._apply(self._id, self._before)
