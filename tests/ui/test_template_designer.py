"""The template designer: boxes drawn, moved, resized and deleted with real mouse and key events."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from pytestqt.qtbot import QtBot

from desktop.domain import form_fields as ff
from desktop.services.doc_worker.client import template_sizes
from desktop.services.form_filling import PdfRule, PdfText, TemplatePdfError, letter_pdf
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.template_designer import TemplateDesigner
from tests.conftest import SAMPLE_PDFS
from tests.form_helpers import REFERENCE_FIELD


@pytest.fixture
def designer(qtbot: QtBot, runner: TaskRunner) -> Iterator[TemplateDesigner]:
    widget = TemplateDesigner(runner=runner)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    pdf = letter_pdf(
        [[PdfText(72, 72, "Insurance Acknowledgement", 14), PdfRule(96, 567, 200)], [PdfText(72, 72, "2")]]
    )
    assert widget.load_pdf(pdf, template_sizes(pdf))
    qtbot.waitUntil(lambda: not widget.page_pending(), timeout=15_000)
    assert not widget._page_item.pixmap().isNull()
    widget.set_zoom(2.0)  # two pixels per point: every drawn point is a whole point
    yield widget


def at(designer: TemplateDesigner, x: float, y: float) -> QPoint:
    return designer.view.mapFromScene(QPointF(x, y))


def drag(qtbot: QtBot, designer: TemplateDesigner, start: tuple[float, float], end: tuple[float, float]) -> None:
    designer.view.centerOn(QPointF(*start))
    viewport = designer.view.viewport()
    a, b = at(designer, *start), at(designer, *end)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(viewport, pos=(a + b) / 2)
    qtbot.mouseMove(viewport, pos=b)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=b)


def test_drawing_the_reference_field_gives_the_reference_definition(qtbot: QtBot, designer: TemplateDesigner) -> None:
    designer.type_combo.setCurrentIndex(designer.type_combo.findData("vehicleYear"))
    designer.font_spin.setValue(8)
    drag(qtbot, designer, (96, 555), (136, 567))
    assert designer.selected() >= 0
    designer.label_edit.setText("Year")
    designer.label_edit.editingFinished.emit()
    assert designer.form_definition() == {"pages": [{"fields": [REFERENCE_FIELD]}, {"fields": []}]}
    assert designer.problem() is None
    assert ff.parse_definition(designer.form_definition(), designer.page_sizes())[0].name == "vehicleYear_1"


def test_move_resize_delete_and_undo(qtbot: QtBot, designer: TemplateDesigner) -> None:
    designer.type_combo.setCurrentIndex(designer.type_combo.findData("vehicleVin"))
    drag(qtbot, designer, (100, 100), (300, 120))
    (box,) = designer.fields()
    assert (box.x, box.y, box.width, box.height, box.name) == (100, 100, 200, 20, "vehicleVin_1")

    drag(qtbot, designer, (150, 110), (160, 140))  # grab the middle: move by (10, 30)
    moved = designer.fields()[0]
    assert (moved.x, moved.y, moved.width, moved.height) == (110, 130, 200, 20)

    drag(qtbot, designer, (309, 149), (329, 159))  # the bottom-right handle: resize by (20, 10)
    resized = designer.fields()[0]
    assert (resized.x, resized.y, resized.width, resized.height) == (110, 130, 220, 30)

    designer.view.setFocus()
    qtbot.keyClick(designer.view, Qt.Key.Key_Delete)
    assert designer.fields() == []
    designer.undo_stack.undo()
    assert designer.fields() == [resized]
    designer.undo_stack.undo()
    designer.undo_stack.undo()
    assert designer.fields() == [box]
    designer.undo_stack.redo()
    assert designer.fields() == [moved]


def test_side_panel_edits_and_second_page(qtbot: QtBot, designer: TemplateDesigner) -> None:
    drag(qtbot, designer, (72, 600), (272, 630))
    designer.type_combo.setCurrentIndex(designer.type_combo.findData("signature"))
    designer.type_combo.activated.emit(designer.type_combo.currentIndex())
    designer.signee_combo.setCurrentIndex(designer.signee_combo.findData("__dealer__"))
    designer.signee_combo.activated.emit(designer.signee_combo.currentIndex())
    designer.required_check.setChecked(True)
    (sig,) = designer.fields()
    assert (sig.type, sig.name, sig.signee, sig.agent_filled_required) == (
        "signature",
        "signature_1",
        "__dealer__",
        True,
    )

    designer.set_page(1)
    designer.type_combo.setCurrentIndex(designer.type_combo.findData("signature"))
    drag(qtbot, designer, (72, 100), (272, 130))
    second = designer.fields()[1]
    assert (second.page, second.name) == (1, "signature_2")
    # A duplicate name is refused in the panel, naming the field, and the typed text stays for correction.
    designer.name_edit.setText("signature_1")
    designer.name_edit.editingFinished.emit()
    assert designer.fields()[1].name == "signature_2"
    assert "another field has that name" in designer.banner.text()
    assert designer.name_edit.text() == "signature_1"
    definition = designer.form_definition()
    assert [len(p["fields"]) for p in definition["pages"]] == [1, 1]


def test_a_box_drawn_past_the_page_edge_is_kept_on_the_page(qtbot: QtBot, designer: TemplateDesigner) -> None:
    drag(qtbot, designer, (500, 770), (700, 900))
    (box,) = designer.fields()
    assert box.x + box.width <= 612 and box.y + box.height <= 792
    assert designer.problem() is None


def test_open_existing_fields_and_refuse_a_bad_file(qtbot: QtBot, designer: TemplateDesigner) -> None:
    existing = ff.parse_definition({"pages": [{"fields": [REFERENCE_FIELD]}]})
    designer.set_fields(existing)
    assert designer.fields() == existing and not designer.undo_stack.canUndo()
    with pytest.raises(TemplatePdfError, match="not a PDF"):
        template_sizes(b"not a pdf at all")  # the tab reads a file's sizes in a worker; a refusal never reaches here
    assert not designer.load_pdf(b"%PDF-1.4\n", [])
    assert "cannot be used as a template" in designer.banner.text()
    four = (SAMPLE_PDFS / "004-pdflatex-4-pages_pdflatex-4-pages.pdf").read_bytes()
    assert designer.load_pdf(four, template_sizes(four))
    assert len(designer.page_sizes()) == 4 and designer.fields() == []


def test_a_field_type_made_elsewhere_is_shown_as_text_and_kept(qtbot: QtBot, designer: TemplateDesigner) -> None:
    strange = {**REFERENCE_FIELD, "name": "plate_1", "type": "tradeInPlate", "signee": "__notary__"}
    designer.set_fields(ff.parse_definition({"pages": [{"fields": [strange]}]}))
    designer.select(next(iter(designer._boxes)))
    assert designer.type_combo.currentText() == "tradeInPlate (filled as text)"
    assert designer.signee_combo.currentText() == "__notary__"
    assert designer.form_definition()["pages"][0]["fields"][0]["type"] == "tradeInPlate"
    assert designer.problem() is None


def _hint_pixels(designer: TemplateDesigner) -> int:
    """Pixels drawn in the middle band of the view, where the blank view's words are (a page is blank there)."""
    image = designer.view.viewport().grab().toImage()
    background = image.pixel(2, 2)
    band = range(image.height() * 2 // 5, image.height() * 3 // 5)
    return sum(image.pixel(x, y) != background for x in range(60, image.width() - 60) for y in band)


def test_a_blank_designer_says_how_to_start_and_offers_no_page(qtbot: QtBot, runner: TaskRunner) -> None:
    blank = TemplateDesigner(runner=runner)
    qtbot.addWidget(blank)
    blank.resize(900, 600)
    blank.show()
    qtbot.waitExposed(blank)
    assert not blank.page_spin.isEnabled() and blank.page_count.text() == ""  # not "Page 1 of 0"
    assert _hint_pixels(blank) > 20
    pdf = letter_pdf([[PdfText(72, 72, "We Owe", 14)]])
    assert blank.load_pdf(pdf, template_sizes(pdf))
    qtbot.waitUntil(lambda: not blank.page_pending(), timeout=15_000)
    assert blank.page_spin.isEnabled() and blank.page_count.text() == "of 1"
    assert _hint_pixels(blank) == 0
    blank.clear()  # saved: the view is blank again, with its words, and no white page left behind
    assert not blank.page_spin.isEnabled()
    assert _hint_pixels(blank) > 20
    assert blank.scene.itemsBoundingRect().isEmpty()
