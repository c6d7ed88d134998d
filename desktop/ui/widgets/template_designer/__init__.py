"""The visual template designer: a PDF page drawn by a document worker, field boxes drawn, moved and resized.

:mod:`.designer` is the widget a tab uses (:class:`TemplateDesigner`); :mod:`.page_view` turns mouse gestures into
box changes, :mod:`.items` draws a box, :mod:`.undo` is the one undoable change, :mod:`.panel` shows the selected
field's properties.
"""

from desktop.ui.widgets.template_designer.designer import RENDER_SCALE, TemplateDesigner

__all__ = ["RENDER_SCALE", "TemplateDesigner"]
