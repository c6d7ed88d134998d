"""The document viewer: zoom keeps the page, an unlocked PDF renders at any zoom, passwords are asked once a
session, pictures and pages turn."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from desktop.ui.widgets import document_preview
from desktop.ui.widgets.document_preview import DocumentPreview
from tests.binder_helpers import FOUR_PAGES, PASSWORD, PASSWORD_PDF, SMILE_PNG


@pytest.fixture
def preview(qtbot: QtBot) -> Iterator[DocumentPreview]:
    widget = DocumentPreview()
    qtbot.addWidget(widget)
    widget.resize(700, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    document_preview.forget_passwords()


def landscape_png() -> bytes:
    image = QImage(300, 150, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkBlue)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ink(preview: DocumentPreview) -> int:
    """How many sampled pixels of the page area are dark: 0 means a blank view."""
    view = preview.rotated_view if preview.rotated_view.isVisible() else preview.pdf_view.viewport()
    image = view.grab().toImage()
    return sum(
        QColor(image.pixel(x, y)).lightness() < 200
        for y in range(0, image.height(), 5)
        for x in range(0, image.width(), 5)
    )


def test_zoom_keeps_the_page(qtbot: QtBot, preview: DocumentPreview) -> None:
    preview.show_bytes("four.pdf", FOUR_PAGES.read_bytes())
    preview.go_to_page(2)
    for label in ("200 %", "50 %", "Fit page", "Fit width"):
        preview.zoom.setCurrentIndex(preview.zoom.findText(label))
        assert preview.current_page() == 2, label
        assert preview.page_spin.value() == 3
    preview.set_zoom(1.25)
    assert preview.current_page() == 2 and preview.pdf_view.zoomFactor() == 1.25


@pytest.mark.parametrize("zoom", ["200 %", "150 %", "Fit page", "50 %"])
def test_an_unlocked_pdf_renders_at_any_zoom(qtbot: QtBot, preview: DocumentPreview, zoom: str) -> None:
    preview.show_bytes("four.pdf", FOUR_PAGES.read_bytes())
    preview.go_to_page(3)
    preview.zoom.setCurrentIndex(preview.zoom.findText(zoom))
    preview.show_bytes("locked.pdf", PASSWORD_PDF.read_bytes())
    assert preview.state == "password"
    preview.unlock(PASSWORD)
    assert preview.state == "pdf" and preview.current_page() == 0
    assert preview.pdf_view.verticalScrollBar().value() == 0
    qtbot.waitUntil(lambda: ink(preview) > 20)


def test_a_password_is_asked_once_per_document_a_session(qtbot: QtBot, preview: DocumentPreview) -> None:
    data = PASSWORD_PDF.read_bytes()
    preview.show_bytes("locked.pdf", data)
    assert preview.state == "password"
    preview.password_edit.setText(PASSWORD)
    preview.unlock_button.click()
    assert preview.state == "pdf"
    preview.show_bytes("four.pdf", FOUR_PAGES.read_bytes())
    preview.show_bytes("locked again.pdf", data)
    assert preview.state == "pdf"  # not asked again
    other = DocumentPreview()  # another viewer of the same session (the Templates tab) knows it too
    qtbot.addWidget(other)
    other.show_bytes("locked.pdf", data)
    assert other.state == "pdf"
    document_preview.forget_passwords()
    preview.show_bytes("locked.pdf", data)
    assert preview.state == "password"


def test_images_and_pages_rotate(qtbot: QtBot, preview: DocumentPreview) -> None:
    preview.show_bytes("licence.png", landscape_png())
    wide = preview.image_view.pixmap().size()
    assert wide.width() > wide.height()
    preview.image_rotate_button.click()
    turned = preview.image_view.pixmap().size()
    assert preview.rotation == 90 and turned.height() > turned.width()
    preview.show_bytes("smile.png", SMILE_PNG.read_bytes())
    assert preview.rotation == 0  # a turn belongs to the document it was made on

    preview.show_bytes("four.pdf", FOUR_PAGES.read_bytes())
    assert preview.rotation == 0 and preview.pdf_view.isVisible()
    preview.go_to_page(1)
    preview.rotate_button.click()
    assert preview.rotated_view.isVisible() and not preview.pdf_view.isVisible() and not preview.zoom.isEnabled()
    page = preview.rotated_view.pixmap().size()
    assert page.width() > page.height()  # a portrait page turned a quarter is landscape
    assert ink(preview) > 20
    preview.next_button.click()
    assert preview.current_page() == 2 and preview.rotated_view.isVisible()
    for _ in range(3):
        preview.rotate_button.click()
    assert preview.rotation == 0 and preview.pdf_view.isVisible() and preview.current_page() == 2
