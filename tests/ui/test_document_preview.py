"""The document viewer: zoom keeps the page, an unlocked PDF renders at any zoom, passwords are asked once a
session, pictures and pages turn."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.document_preview import DocumentPreview
from desktop.ui.widgets.pdf_password import forget_passwords
from tests.binder_helpers import FOUR_PAGES, PASSWORD, PASSWORD_PDF

WAIT = 20_000


@pytest.fixture
def preview(qtbot: QtBot, runner: TaskRunner) -> Iterator[DocumentPreview]:
    widget = DocumentPreview(runner=runner)
    qtbot.addWidget(widget)
    widget.resize(700, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.clear()
    forget_passwords()


def show(qtbot: QtBot, preview: DocumentPreview, name: str, data: bytes) -> None:
    with qtbot.waitSignal(preview.settled, timeout=WAIT):
        preview.show_bytes(name, data)
    if preview.state == "pdf":
        qtbot.waitUntil(preview.page_shown, timeout=WAIT)


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
    """How many sampled pixels of the page on show are dark: 0 means a blank view."""
    image = preview.page_label.pixmap().toImage()
    return sum(
        QColor(image.pixel(x, y)).lightness() < 200
        for y in range(0, image.height(), 5)
        for x in range(0, image.width(), 5)
    )


def test_zoom_keeps_the_page(qtbot: QtBot, preview: DocumentPreview) -> None:
    show(qtbot, preview, "four.pdf", FOUR_PAGES.read_bytes())
    preview.go_to_page(2)
    qtbot.waitUntil(preview.page_shown, timeout=WAIT)
    for label in ("200 %", "50 %", "Fit page", "Fit width"):
        with qtbot.waitSignal(preview.page_rendered, timeout=WAIT) as drawn:
            preview.zoom.setCurrentIndex(preview.zoom.findText(label))
        assert drawn.args == [2] and preview.current_page() == 2 and preview.page_spin.value() == 3, label


@pytest.mark.parametrize("zoom", ["200 %", "Fit page", "50 %"])
def test_an_unlocked_pdf_renders_at_any_zoom(qtbot: QtBot, preview: DocumentPreview, zoom: str) -> None:
    preview.zoom.setCurrentIndex(preview.zoom.findText(zoom))
    show(qtbot, preview, "locked.pdf", PASSWORD_PDF.read_bytes())
    assert preview.state == "password"
    with qtbot.waitSignal(preview.settled, timeout=WAIT):
        preview.unlock(PASSWORD)
    assert preview.state == "pdf" and preview.current_page() == 0
    qtbot.waitUntil(preview.page_shown, timeout=WAIT)
    assert preview.page_error == "" and ink(preview) > 20


def test_a_password_is_asked_once_per_document_a_session(
    qtbot: QtBot, preview: DocumentPreview, runner: TaskRunner
) -> None:
    data = PASSWORD_PDF.read_bytes()
    show(qtbot, preview, "locked.pdf", data)
    assert preview.state == "password"
    preview.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(preview.settled, timeout=WAIT):
        preview.unlock_button.click()
    assert preview.state == "pdf"
    show(qtbot, preview, "four.pdf", FOUR_PAGES.read_bytes())
    show(qtbot, preview, "locked again.pdf", data)
    assert preview.state == "pdf"  # not asked again
    other = DocumentPreview(runner=runner)  # another viewer of the session (the Templates tab) knows it too
    qtbot.addWidget(other)
    show(qtbot, other, "locked.pdf", data)
    assert other.state == "pdf"
    other.clear()
    forget_passwords()
    show(qtbot, preview, "locked.pdf", data)
    assert preview.state == "password" and "protected by a password" in preview.password_label.text()


def test_images_and_pages_rotate(qtbot: QtBot, preview: DocumentPreview) -> None:
    show(qtbot, preview, "licence.png", landscape_png())
    assert preview.state == "image"
    wide = preview.image_view.pixmap().size()
    assert wide.width() > wide.height()
    with qtbot.waitSignal(preview.page_rendered, timeout=WAIT):
        preview.image_rotate_button.click()
    upright = preview.image_view.pixmap().size()
    assert preview.rotation == 90 and upright.height() > upright.width()

    show(qtbot, preview, "four.pdf", FOUR_PAGES.read_bytes())
    assert preview.rotation == 0  # a turn belongs to the document it was made on
    portrait = preview.page_label.pixmap().size()
    assert portrait.height() > portrait.width()
    with qtbot.waitSignal(preview.page_rendered, timeout=WAIT):
        preview.rotate_button.click()
    page = preview.page_label.pixmap().size()
    assert page.width() > page.height() and ink(preview) > 20  # a portrait page turned a quarter is landscape
    preview.go_to_page(1)
    qtbot.waitUntil(preview.page_shown, timeout=WAIT)
    assert preview.page_label.pixmap().width() > preview.page_label.pixmap().height()  # every page turns


def test_a_picture_is_scaled_smoothly_off_the_window_thread_and_follows_a_resize(
    qtbot: QtBot, preview: DocumentPreview
) -> None:
    show(qtbot, preview, "licence.png", landscape_png())
    view = preview.image_view
    qtbot.waitUntil(lambda: not view.smooth_pending(), timeout=WAIT)
    assert view.pixmap().width() == view.width()  # 300 × 150 stretched to the view's width, ratio kept
    preview.resize(500, 800)
    assert view.smooth_pending()  # the quick scaling is shown; the smooth one waits for the size to settle
    assert view.pixmap().width() == view.width()
    qtbot.waitUntil(lambda: not view.smooth_pending(), timeout=WAIT)
    assert view.pixmap().width() == view.width() and view.pixmap().height() == view.width() // 2


@pytest.mark.parametrize("height", [800, 500])
def test_fit_width_needs_no_sideways_scroll(qtbot: QtBot, preview: DocumentPreview, height: int) -> None:
    """Walked at the desk: at "Fit width" a page taller than the view had a horizontal scroll bar: it was fitted to
    the view's width before the vertical bar took its share of it."""
    preview.resize(700, height)
    show(qtbot, preview, "four.pdf", FOUR_PAGES.read_bytes())
    area = preview.pdf_view
    qtbot.waitUntil(lambda: not preview._resize_timer.isActive() and not preview._render_job, timeout=WAIT)
    qtbot.wait(50)  # the scroll area lays the page out
    assert area.horizontalScrollBar().maximum() == 0
    assert preview.page_label.pixmap().width() <= area.viewport().width()
    assert area.verticalScrollBar().value() == 0  # the top of the page
    if height == 500:
        assert area.verticalScrollBar().maximum() > 0  # a page taller than the view scrolls down


def test_the_next_page_opens_at_its_top(qtbot: QtBot, preview: DocumentPreview) -> None:
    """Walked at the desk: scrolled to the foot of page 1, ▶ opened page 2 at its foot, its top cut off."""
    preview.resize(700, 500)
    show(qtbot, preview, "four.pdf", FOUR_PAGES.read_bytes())
    bar = preview.pdf_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=WAIT)
    bar.setValue(bar.maximum())
    with qtbot.waitSignal(preview.page_rendered, timeout=WAIT):
        preview.go_to_page(1)
    assert bar.value() == 0
