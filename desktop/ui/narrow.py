"""Forms that fit a narrow panel: long labels wrap, and a row whose field is too wide puts it under its label.

A panel beside the deal (Deal Pricing's form) has about 360 px on a 1280 px laptop. Qt lays a form out at the
width of its widest row; one long note or check box would make the whole panel wider than its scroll area and cut
every field at the right edge. This is applied once, after a panel is built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QFormLayout, QHeaderView, QLabel, QStyle, QTableView, QWidget
from shiboken6 import isValid


def fit_narrow(panel: QWidget) -> None:
    """Let `panel` shrink to its fields' width: labels that say something wrap, long rows wrap under their label."""
    forms = panel.findChildren(QFormLayout)
    row_labels: set[int] = set()
    for form in forms:
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and item.widget() is not None:
                row_labels.add(id(item.widget()))
    for label in panel.findChildren(QLabel):
        if id(label) not in row_labels:
            label.setWordWrap(True)


def fit_to_texts(view: QTableView, texts: Callable[[int], Iterable[str]]) -> None:
    """Each column of ``view`` as wide as its title and the widest of ``texts(column)``, measured with the font
    alone: a header sized to its contents asks the model every role of every cell, on every layout."""
    model, header = view.model(), view.horizontalHeader()
    style, cells, titles = view.style(), view.fontMetrics(), header.fontMetrics()
    cell_margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 2
    title_margin = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    title_margin += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)  # the sort arrow
    for column in range(model.columnCount()):
        widest = max((cells.horizontalAdvance(text) for text in texts(column)), default=0) + cell_margin
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        header.resizeSection(column, max(widest, titles.horizontalAdvance(title) + title_margin))


class ColumnCollapser(QObject):
    """Hides a table's less needed columns, in the given order, while the table is too narrow to show them all.

    What a hidden column says stays in the detail pane beside the table, so narrowing the window never cuts a
    column in half; widening it brings the columns back.

    A ``squeeze`` column holds sentences (a timeline's "what happened"): when hiding every column in ``order`` still
    leaves it too wide, it takes the room that is left and its text wraps over taller rows, where a cut sentence
    would lose its end. Its width follows its contents otherwise, rows that arrive later included.

    With ``texts`` (a column's texts, as :func:`fit_to_texts` takes them) the columns are sized to their texts by the
    next fit after each change of the model's rows, not by a ``ResizeToContents`` header, which asked the model for
    every cell again on each show of the tab; a width the user dragged stays until the rows change.
    """

    def __init__(
        self,
        view: QTableView,
        order: list[int],
        detail: str,
        squeeze: int | None = None,
        texts: Callable[[int], Iterable[str]] | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.order = order
        self.squeeze = squeeze
        self._texts = texts
        self._texts_due = texts is not None  # the rows changed since the columns were last sized to their texts
        self._fitting = False
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.fit)
        header = view.horizontalHeader()
        header.setToolTip(f"Columns that do not fit are hidden; {detail}")
        # New rows can widen a column to its contents, and the stretched last section is resized with the viewport
        # on every width change: one signal covers both. (No event filter on the viewport: a Python filter called
        # while a closed window's table is being destroyed crashed the process.)
        header.setStretchLastSection(True)
        header.sectionResized.connect(self._on_section_resized)
        view.horizontalScrollBar().rangeChanged.connect(self._on_section_resized)  # narrower than the columns
        model = view.model()
        if squeeze is not None and model is not None:
            header.setSectionResizeMode(squeeze, QHeaderView.ResizeMode.Interactive)  # sized here, not by Qt
            view.setWordWrap(True)
            # Row heights are fitted here with the widths, once a change: a ResizeToContents vertical header
            # measured every row's wrapped text again on each show of the tab (~15 ms at 60 timeline events).
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if (squeeze is not None or texts is not None) and model is not None:
            for signal in (model.rowsInserted, model.modelReset, model.dataChanged):
                signal.connect(self._on_rows_changed)  # a longer text: its column is measured again
        if texts is not None:
            fit_to_texts(view, texts)  # no rows yet: each column as wide as its title

    def _on_section_resized(self, *_args: object) -> None:
        if not self._fitting:
            self._later.start()

    def _on_rows_changed(self, *_args: object) -> None:
        self._texts_due = self._texts is not None
        self._later.start()

    def fit(self) -> None:
        if not isValid(self.view):
            return
        self._later.stop()  # asked for now: the turn's scheduled fit is this one
        self._fitting = True
        try:
            if self._texts is not None and self._texts_due:
                self._texts_due = False
                fit_to_texts(self.view, self._texts)
            self._fit()
        finally:
            self._fitting = False

    def _fit(self) -> None:
        """Measure each column at most once, choose what to hide by arithmetic, touch only the sections that change.

        Showing and hiding sections one by one while reading the width, and switching the stretched last section
        off and on, made a ``ResizeToContents`` header measure every row of every column again after each change:
        17-38 ms of the GUI thread for a binder of 20 documents, after every upload. A column sized to its contents
        is measured from its contents whether hidden or stretched; a column whose width was set (by the user or the
        tab) is read as set, which for a stretched or hidden one means switching the stretch off or showing it.
        """
        header = self.view.horizontalHeader()
        room = self.view.viewport().width()
        stretch = header.stretchLastSection()
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        back = [c for c in range(header.count()) if c in self.order or not header.isSectionHidden(c)]
        # the section stretched now, and the one stretched once those in the order are back
        stretched = {max(shown, default=-1), max(back, default=-1)} - {-1} if stretch else set()
        unstretch = any(not self._measured(header, c) for c in stretched)
        if unstretch:
            header.setStretchLastSection(False)  # a stretched last column always "fills" the room: measure without
        if self.squeeze is not None:
            header.resizeSection(self.squeeze, self._contents_width(header, self.squeeze))  # its title at least
        widths: dict[int, int] = {}
        for column in range(header.count()):
            hidden = header.isSectionHidden(column)
            if hidden and column not in self.order:
                continue  # hidden by the tab, not here
            if self._measured(header, column) and (hidden or column in stretched):
                widths[column] = self._contents_width(header, column)
            else:
                header.showSection(column)  # a set width comes back with its section
                widths[column] = header.sectionSize(column)
        hide: set[int] = set()
        for column in self.order:
            if sum(w for c, w in widths.items() if c not in hide) <= room:
                break
            hide.add(column)
        for column in self.order:
            if header.isSectionHidden(column) != (column in hide):
                header.setSectionHidden(column, column in hide)
        total = sum(w for c, w in widths.items() if c not in hide)
        if self.squeeze is not None and total > room:
            rest = total - widths[self.squeeze]
            header.resizeSection(self.squeeze, max(room - rest, header.minimumSectionSize()))
        if unstretch:
            header.setStretchLastSection(True)
        if self.squeeze is not None:
            self.view.resizeRowsToContents()  # the wrapped sentences' heights at the widths just set

    @staticmethod
    def _measured(header: QHeaderView, column: int) -> bool:
        return header.sectionResizeMode(column) == QHeaderView.ResizeMode.ResizeToContents

    def _contents_width(self, header: QHeaderView, column: int) -> int:
        """The width the header gives a ``ResizeToContents`` section once shown and not stretched."""
        hint = max(self.view.sizeHintForColumn(column), header.sectionSizeHint(column))
        return min(max(hint, header.minimumSectionSize()), header.maximumSectionSize())

    def hidden(self) -> list[int]:
        header = self.view.horizontalHeader()
        return [c for c in self.order if header.isSectionHidden(c)]
