"""The visual template designer: a PDF page drawn by a document worker, field boxes drawn, moved and resized.

Scene units are PDF points with the top-left origin of :mod:`desktop.domain.form_fields`, so a box's scene rectangle
*is* its field geometry: the page image is rendered at ``RENDER_SCALE`` pixels per point and scaled back down in the
scene. Every change (draw, move, resize, delete, a property in the side panel) is one command on a ``QUndoStack``;
Ctrl+Z / Ctrl+Shift+Z undo and redo. ``form_definition()`` is what a save sends.

Self-contained: a tab gives it the PDF bytes and their page sizes, read by a worker (``load_pdf``) and, for an
existing template, its fields (``set_fields``); it never talks to the network. A template is a file from outside, so
its pages are drawn in a document worker process through the TaskRunner (:mod:`desktop.services.doc_worker`): the
window gets finished pixels, or a sentence in the panel when a page cannot be drawn in time.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QKeySequence, QPen, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import form_fields as ff
from desktop.services.cancel import JobControl
from desktop.services.doc_worker import client as documents
from desktop.services.doc_worker.pool import DocumentWorkers
from desktop.ui.errors import sentence
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.document_images import to_qimage
from desktop.ui.widgets.template_designer.items import FieldItem, snap
from desktop.ui.widgets.template_designer.page_view import PageView
from desktop.ui.widgets.template_designer.panel import FieldPanel
from desktop.ui.widgets.template_designer.undo import SetBox
from desktop.ui.widgets.wheel_guard import SpinBox

RENDER_SCALE = 2.0  # pixels per point in the page image: sharp at 200 % zoom


class TemplateDesigner(QWidget):
    """Draw a template's fields on its PDF; ``form_definition()`` is the result, ``problem()`` what is wrong."""

    changed = Signal()
    selection_changed = Signal(int)  # box id, -1 for none
    page_drawn = Signal(int)  # the page's pixels (or the sentence saying why not) arrived

    def __init__(
        self, parent: QWidget | None = None, *, runner: TaskRunner, workers: DocumentWorkers | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.workers = workers
        self._data = b""
        self._generation = 0
        self._render_job = 0
        self._sizes: list[ff.PageSize] = []
        self._page = 0
        self._zoom = 0.0  # 0 = fit width
        self._boxes: dict[int, ff.FormField] = {}
        self._items: dict[int, FieldItem] = {}
        self._next_id = 1
        self._selected = -1
        self.undo_stack = QUndoStack(self)

        self.scene = QGraphicsScene(self)
        self._paper = QGraphicsRectItem()  # white under the page while it is drawn
        self._paper.setBrush(QBrush(QColor("white")))
        self._paper.setPen(QPen(Qt.PenStyle.NoPen))
        self._paper.setZValue(-1)
        self.scene.addItem(self._paper)
        self._page_item = QGraphicsPixmapItem()
        self._page_item.setScale(1 / RENDER_SCALE)
        self._page_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self._page_item)
        self.view = PageView(self)

        self.page_spin = SpinBox(self)
        self.page_spin.setRange(1, 1)
        self.page_spin.setPrefix("Page ")
        self.page_spin.setEnabled(False)  # until a PDF is open
        self.page_count = QLabel("", self)
        self.undo_button = QPushButton("Undo", self)
        self.redo_button = QPushButton("Redo", self)
        self.delete_button = QPushButton("Delete field", self)
        self.panel = FieldPanel(self)
        panel = self.panel
        self.hint, self.banner, self.geometry_label = panel.hint, panel.banner, panel.geometry_label
        self.type_combo, self.name_edit, self.signee_combo = panel.type_combo, panel.name_edit, panel.signee_combo
        self.font_spin, self.label_edit, self.required_check = panel.font_spin, panel.label_edit, panel.required_check

        tools = QHBoxLayout()
        for w in (self.page_spin, self.page_count, self.undo_button, self.redo_button, self.delete_button):
            tools.addWidget(w)
        tools.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(tools)
        left.addWidget(self.view, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(panel)

        undo = self.undo_stack.createUndoAction(self, "Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (undo, redo):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.delete_button.clicked.connect(self.delete_selected)
        self.page_spin.valueChanged.connect(lambda v: self.set_page(v - 1))
        self.type_combo.activated.connect(self._on_type_chosen)
        self.signee_combo.activated.connect(lambda _i: self._edit(signee=self.signee_combo.currentData()))
        self.font_spin.editingFinished.connect(lambda: self._edit(font_size=self.font_spin.value()))
        self.name_edit.editingFinished.connect(self._on_name_edited)
        self.label_edit.editingFinished.connect(lambda: self._edit(label=self.label_edit.text().strip()))
        self.required_check.toggled.connect(lambda on: self._edit(agent_filled_required=on))
        self._show_selection()

    # document
    def load_pdf(self, data: bytes, page_sizes: list[ff.PageSize]) -> bool:
        """Show ``data``, whose ``page_sizes`` a worker read; clears fields and history. False for a PDF of no page."""
        self._clear()
        if not page_sizes:
            self.banner.show_error("This file cannot be used as a template: it has no pages.")
            return False
        self._data = data
        self._sizes = list(page_sizes)
        count = len(self._sizes)
        self.page_spin.blockSignals(True)
        self.page_spin.setRange(1, count)
        self.page_spin.setValue(1)
        self.page_spin.setEnabled(True)
        self.page_spin.blockSignals(False)
        self.page_count.setText(f"of {count}")
        self.banner.clear_message()
        self._page = -1
        self.set_page(0)
        return True

    def has_document(self) -> bool:
        return bool(self._sizes)

    def clear(self) -> None:
        """Empty the designer once its drawing was saved, so the next save cannot repeat it by accident."""
        self._clear()
        self.page_count.setText("")
        self.banner.clear_message()

    def page_sizes(self) -> list[ff.PageSize]:
        return list(self._sizes)

    def current_page(self) -> int:
        return self._page

    def page_rect(self) -> QRectF:
        size = self._sizes[self._page]
        return QRectF(0, 0, size.width, size.height)

    def set_page(self, page: int) -> None:
        if not self._sizes or not 0 <= page < len(self._sizes) or page == self._page:
            return
        self._page = page
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        size = self._sizes[page]
        self._page_item.setPixmap(QPixmap())
        self._draw(page)
        self.scene.setSceneRect(QRectF(0, 0, size.width, size.height))
        self._paper.setRect(QRectF(0, 0, size.width, size.height))
        for box_id, item in self._items.items():
            item.setVisible(self._boxes[box_id].page == page)
        if self._selected >= 0 and self._boxes[self._selected].page != page:
            self.select(-1)
        self._fit()

    def _draw(self, page: int) -> None:
        """Ask a worker for the page at RENDER_SCALE; the answer is dropped if the page or the file changed since."""
        self.runner.cancel(self._render_job)
        data, workers, generation = self._data, self.workers, self._generation

        def work(control: JobControl) -> QImage:
            (raw,) = documents.render_pages(
                data, [page], RENDER_SCALE, name=f"Page {page + 1}", control=control, workers=workers
            )
            return to_qimage(raw)

        def done(result: QImage | BaseException) -> None:
            if generation != self._generation or page != self._page:
                return
            self._render_job = 0
            if isinstance(result, BaseException):
                self.banner.show_error(f"This page cannot be shown: {sentence(result)}")
            else:
                size = self._sizes[page]
                self._page_item.setScale(min(size.width / result.width(), size.height / result.height()))
                self._page_item.setPixmap(QPixmap.fromImage(result))
            self.page_drawn.emit(page)

        self._render_job = self.runner.submit_job(work, done, done, label=f"Drawing page {page + 1}", owner=self)

    def page_pending(self) -> bool:
        """The current page's pixels are still being drawn."""
        return bool(self._render_job)

    def set_zoom(self, pixels_per_point: float) -> None:
        """A fixed zoom (0 = fit the page width to the view)."""
        self._zoom = pixels_per_point
        self._fit()

    def _fit(self) -> None:
        if not self._sizes:
            return
        if self._zoom > 0:
            factor = self._zoom
        else:
            width = self._sizes[self._page].width
            factor = max(0.1, (self.view.viewport().width() - 24) / width)
        self.view.resetTransform()
        self.view.scale(factor, factor)

    # fields
    def fields(self) -> list[ff.FormField]:
        """In reading order: page, then top to bottom, then left to right."""
        return sorted(self._boxes.values(), key=lambda f: (f.page, f.y, f.x, f.name))

    def form_definition(self) -> dict[str, Any]:
        return ff.to_definition(self.fields(), len(self._sizes) or None)

    def problem(self) -> ff.FormDefinitionError | None:
        """What the API would refuse in the drawing, or None; the same rules as the sandbox's."""
        try:
            ff.check_fields(self.fields(), self._sizes)
        except ff.FormDefinitionError as exc:
            return exc
        return None

    def set_fields(self, fields: list[ff.FormField]) -> None:
        """Show an existing template's fields (not undoable: it is the starting point)."""
        for box_id in list(self._boxes):
            self._apply(box_id, None)
        for f in fields:
            self._apply(self._new_id(), f)
        self.undo_stack.clear()
        if self._sizes:
            self._page = -1
            self.set_page(0)
        self._refresh_problem()

    def field(self, box_id: int) -> ff.FormField:
        return self._boxes[box_id]

    def selected(self) -> int:
        return self._selected

    def add_box(self, rect: QRectF) -> int:
        """A new field for ``rect`` (points) on the current page, of the type chosen in the panel."""
        page = self.page_rect()
        rect = rect.intersected(page)
        x, y = snap(rect.x()), snap(rect.y())
        width = min(max(ff.MIN_BOX, snap(rect.width())), page.width() - x)
        height = min(max(ff.MIN_BOX, snap(rect.height())), page.height() - y)
        kind = str(self.type_combo.currentData())
        field = ff.FormField(
            self._page,
            self._free_name(kind),
            kind,
            x,
            y,
            width,
            height,
            signee=str(self.signee_combo.currentData()),
            font_size=self.font_spin.value(),
            label=ff.FIELD_TYPES[kind],
        )
        box_id = self._new_id()
        self.undo_stack.push(SetBox(self, box_id, None, field, f"Draw {field.name}"))
        self.select(box_id)
        return box_id

    def change(self, box_id: int, after: ff.FormField, text: str) -> None:
        before = self._boxes.get(box_id)
        if before is None or before == after:
            if before is not None:
                self._apply(box_id, before)  # undo a preview that came back to where it started
            return
        self.undo_stack.push(SetBox(self, box_id, before, after, text))

    def delete_selected(self) -> None:
        box_id = self._selected
        if box_id < 0:
            return
        before = self._boxes[box_id]
        self.select(-1)
        self.undo_stack.push(SetBox(self, box_id, before, None, f"Delete {before.name}"))

    def select(self, box_id: int) -> None:
        previous, self._selected = self._selected, box_id if box_id in self._boxes else -1
        for changed in {previous, self._selected}:
            if changed in self._items:
                self._items[changed].show_field(self._boxes[changed], selected=changed == self._selected)
        self._show_selection()
        self.selection_changed.emit(self._selected)

    # internals
    def _clear(self) -> None:
        self.select(-1)
        for box_id in list(self._boxes):
            self._apply(box_id, None)
        self.undo_stack.clear()
        self._generation += 1
        self.runner.cancel(self._render_job)
        self._render_job = 0
        self._data = b""
        self._sizes = []
        self._page = 0
        self._page_item.setPixmap(QPixmap())
        self._paper.setRect(QRectF())  # no white page left behind: the view says how to start again
        self.page_spin.setEnabled(False)

    def _new_id(self) -> int:
        box_id, self._next_id = self._next_id, self._next_id + 1
        return box_id

    def _free_name(self, kind: str, ignore: int = -1) -> str:
        taken = {f.name for i, f in self._boxes.items() if i != ignore}
        n = 1
        while f"{kind}_{n}" in taken:
            n += 1
        return f"{kind}_{n}"

    def _apply(self, box_id: int, field: ff.FormField | None) -> None:
        """Make the scene and the data agree on one box (called by undo commands)."""
        item = self._items.get(box_id)
        if field is None:
            self._boxes.pop(box_id, None)
            if item is not None:
                self.scene.removeItem(item)
                del self._items[box_id]
            if self._selected == box_id:
                self._selected = -1
                self._show_selection()
        else:
            self._boxes[box_id] = field
            if item is None:
                item = FieldItem(box_id, field)
                self._items[box_id] = item
                self.scene.addItem(item)
            item.show_field(field, selected=box_id == self._selected)
            item.setVisible(field.page == self._page)
            if field.page != self._page and self._sizes:
                self.set_page(field.page)
            if box_id == self._selected:
                self._show_selection()
        self._refresh_problem()
        self.changed.emit()

    def _preview(self, box_id: int, field: ff.FormField) -> None:
        item = self._items.get(box_id)
        if item is not None:
            item.show_field(field, selected=True)

    def _refresh_problem(self) -> None:
        problem = self.problem() if self._sizes else None
        if problem is None:
            self.banner.clear_message()
        else:
            self.banner.show_error(problem.message)

    def _show_selection(self) -> None:
        field = self._boxes.get(self._selected)
        self.delete_button.setEnabled(field is not None)
        self.panel.show_field(field)

    def _edit(self, **changes: Any) -> None:
        field = self._boxes.get(self._selected)
        if field is None:
            return
        after = dataclasses.replace(field, **changes)
        if after != field:
            self.undo_stack.push(SetBox(self, self._selected, field, after, f"Edit {field.name}"))

    def _on_type_chosen(self, _index: int) -> None:
        field = self._boxes.get(self._selected)
        if field is None:
            return
        kind = str(self.type_combo.currentData())
        changes: dict[str, Any] = {"type": kind}
        if field.name.startswith(f"{field.type}_"):  # an automatic name follows the type; a typed one stays
            changes["name"] = self._free_name(kind, ignore=self._selected)
        if field.label in ("", ff.FIELD_TYPES.get(field.type)):
            changes["label"] = ff.type_label(kind)
        self._edit(**changes)

    def _on_name_edited(self) -> None:
        field = self._boxes.get(self._selected)
        if field is None:
            return
        name = self.name_edit.text().strip()
        if name == field.name:
            return
        if not name or any(f.name == name for i, f in self._boxes.items() if i != self._selected):
            why = "needs a name" if not name else f"cannot be called '{name}': another field has that name"
            self.banner.show_error(f"Field '{field.name}' {why}.")
            return  # the typed text stays in the box so the user can correct it
        self._edit(name=name)
