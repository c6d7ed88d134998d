"""Spread the paint of heavy panes over event-loop turns: a burst of changed panes, or a tab being shown.

A reprice sets new figures in three deal columns and two grids at once, and their repaint (text layout of some
hundred cells and labels) cost more than the pricing itself: together they passed a 16 ms frame. The figures are
set at once (what the widgets say is always the deal priced); only the painting of the panes is spread, one pane
per turn of the event loop, a few milliseconds each. Only panes already showing their own last figures are held:
a pane held as its tab is shown keeps the previous tab's pixels on screen until its turn.

A tab switch spreads its paint differently: the panes are blank, not held. :class:`CoveredShow` lays an opaque
cover of the window's background over each heavy pane as the tab is shown, so Qt paints nothing under it in that
turn, and lifts one cover per turn after. What is on screen is the new tab, part of it blank for a frame or two;
never the previous tab's pixels.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QScrollArea, QStackedWidget, QTabWidget, QWidget


class StaggeredPaint(QObject):
    """Holds panes' painting during a burst of changes; releases them one per event-loop turn."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._held: list[QWidget] = []
        self._turn = QTimer(self)
        self._turn.setSingleShot(True)
        self._turn.setInterval(0)
        self._turn.timeout.connect(self._on_turn)

    def hold(self, panes: Iterable[QWidget]) -> None:
        """Paint ``panes`` (those on screen) on the next turns, one each, not on this one."""
        for pane in panes:
            if pane.isVisible() and not any(pane is held for held in self._held):
                pane.setUpdatesEnabled(False)
                self._held.append(pane)
        if self._held and not self._turn.isActive():
            self._turn.start()

    def release_all(self) -> None:
        """Paint everything held on the next turn (the desk is closing, or a caller needs it drawn)."""
        self._turn.stop()
        held, self._held = self._held, []
        for pane in held:
            _release(pane)

    def _on_turn(self) -> None:
        if self._held:
            _release(self._held.pop(0))
        if self._held:
            self._turn.start()


def held(pane: QWidget) -> bool:
    """Whether ``pane`` is held by a :class:`StaggeredPaint` (its own updates turned off, not a hidden parent's):
    work for its paint can wait for its ``before_paint``."""
    return pane.testAttribute(Qt.WidgetAttribute.WA_ForceUpdatesDisabled)


def _release(pane: QWidget) -> None:
    """Let ``pane`` paint, after the work it put off while held (its ``before_paint``, when it has one): a pane's
    own layout work then falls in its own turn, not all the held panes' in the first."""
    before = getattr(pane, "before_paint", None)
    if before is not None:
        before()
    pane.setUpdatesEnabled(True)


COVER_PX = 1 << 15  # wider and taller than any pane on any screen


class CoveredShow(QObject):
    """Blank covers over panes while their tab is shown; one is lifted per event-loop turn, then ``lifted`` fires.

    Each cover is a child of its pane, filled with the window colour and larger than any screen (a child is clipped
    to its parent, so it covers the pane at whatever size the switch's layout gives it): as an opaque widget above
    the pane's children it spares them the paint of the turn it is shown in.

    A cover spares the paint, not the show: Qt still shows every widget under it in the switch's turn (their show
    events, polish and the splitters' sizes), about 3 ms of Deal Pricing's switch. With ``defer``, a pane's content
    is hidden as its tab is switched away from (:meth:`hide_contents`) and shown on its turn instead of covered, so
    the switch's turn shows only what is not deferred. A content is a widget whose visibility moves nothing around
    it: a scroll area's widget, a tab widget's page stack, a pane placed by hand (its parent has no layout). The pane
    that holds the tab's focus is covered instead, shown at once: the keys typed right after the switch reach it.
    A cover lets mouse clicks through to the pane's widgets under it.
    """

    lifted = Signal()

    def __init__(self, panes: Iterable[QWidget], parent: QObject | None = None, *, defer: bool = False) -> None:
        super().__init__(parent)
        self._covers: list[QWidget] = []
        self._defer = defer
        self.add(panes)
        self._up: list[tuple[QWidget, QWidget]] = []  # (pane, its cover to hide or its content to show) by turn
        self._hidden: list[QWidget] = []  # contents hidden by hide_contents, not yet shown again
        self._turn = QTimer(self)
        self._turn.setSingleShot(True)
        self._turn.setInterval(0)
        self._turn.timeout.connect(self._on_turn)

    def add(self, panes: Iterable[QWidget]) -> None:
        """Cover ``panes`` too, after those given before (a pane built later than its tab: the Deals tab's form)."""
        for pane in panes:
            cover = QWidget(pane)
            cover.setObjectName("paneCover")
            cover.setAutoFillBackground(True)
            # A click within a turn or two of the switch goes to what is under the cover, shown but not painted
            # yet, as it would a turn later: the cover took it, and a quick click on a row or a button was lost.
            cover.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            cover.hide()
            self._covers.append(cover)

    def cover_on_switch(self, tab: QWidget) -> bool:
        """From ``tab``'s showEvent: cover when it is shown by a switch in a window on screen (a tab shown on its
        own, as in a test, or in a hidden window, is painted whole: nobody sees a turn of it). Whether it covered:
        ``lifted`` follows only then."""
        window = tab.window()
        if window is not tab and window.isVisible():
            self.cover()
            return True
        self.lift_all()
        return False

    def hide_contents(self, tab: QWidget) -> None:
        """From ``tab``'s hideEvent on a switch away (with ``defer``), or once it is built and before its first
        show: hide each pane's content but the focus's, so that the next switch to ``tab`` does not show it;
        :meth:`cover` shows them again, one a turn."""
        if not self._defer:
            return
        focus = tab.focusWidget()
        for cover in self._covers:
            pane = cover.parentWidget()
            content = None if pane is None else _content_of(pane)
            if content is None or content.isHidden() or _holds(content, focus):
                continue  # hidden by its tab for its own reasons, or where the keys go
            content.hide()
            self._hidden.append(content)

    def cover(self) -> None:
        """Cover every pane on screen now, or leave its content hidden; lift the covers and show the contents over
        the next turns, in the order the panes were given."""
        for _pane, what in self._up:  # a cover not lifted before the tab was left: its pane may be deferred now
            if not self._is_hidden(what):
                what.hide()
        self._up = []
        tab = self.parent()
        focus = tab.focusWidget() if isinstance(tab, QWidget) else None
        for cover in self._covers:
            pane = cover.parentWidget()
            if pane is None:
                continue
            content = _content_of(pane) if self._defer else None
            if content is not None and self._is_hidden(content):
                if not _holds(content, focus):
                    self._up.append((pane, content))
                    continue
                self._show(content)  # the focus went into it while hidden: shown now, covered
            if pane.isVisible():
                cover.setGeometry(0, 0, COVER_PX, COVER_PX)
                cover.raise_()
                cover.show()
                self._up.append((pane, cover))
        self._turn.start()

    def covered(self) -> list[QWidget]:
        """The panes still under a cover, or their content not shown yet."""
        return [pane for pane, _what in self._up]

    def reveal(self, widget: QWidget) -> None:
        """Show the content holding ``widget`` now, not on its turn (the focus is about to go there)."""
        for hidden in list(self._hidden):
            if _holds(hidden, widget):
                self._up = [(pane, what) for pane, what in self._up if what is not hidden]
                self._show(hidden)

    def lift_all(self) -> None:
        """Show every pane now (the tab is closing, or a caller needs it drawn)."""
        self._turn.stop()
        up, self._up = self._up, []
        for _pane, what in up:
            if not self._is_hidden(what):
                what.hide()  # a cover
        for hidden in list(self._hidden):
            self._show(hidden)

    def _is_hidden(self, widget: QWidget) -> bool:
        """Whether ``widget`` is a content this hid (shown on its turn), not a cover."""
        return any(widget is hidden for hidden in self._hidden)

    def _show(self, content: QWidget) -> None:
        self._hidden = [hidden for hidden in self._hidden if hidden is not content]
        content.show()

    def _on_turn(self) -> None:
        if self._up:
            _pane, what = self._up.pop(0)
            if self._is_hidden(what):
                self._show(what)
            else:
                what.hide()
        if self._up:
            self._turn.start()
        else:
            self.lifted.emit()


if TYPE_CHECKING:
    _TabBase = QWidget
else:
    _TabBase = object  # a mixin: the tab's own Qt class comes after it


class CoveredTab(_TabBase):
    """A tab's show and close for its :class:`CoveredShow` (``covered_show``), mixed in before its Qt base: shown,
    its heavy panes are covered and lifted a turn each, and the work its ``when_shown`` (if any) put off while it
    was hidden runs; closed, every pane is shown."""

    covered_show: CoveredShow

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.covered_show.cover_on_switch(self)
        when_shown = getattr(self, "when_shown", None)
        if when_shown is not None:
            when_shown.flush()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.covered_show.lift_all()
        super().closeEvent(event)


def _content_of(pane: QWidget) -> QWidget | None:
    """What of ``pane`` can be hidden and shown again without moving anything around it, if anything."""
    if isinstance(pane, QScrollArea):
        return pane.widget()
    if isinstance(pane, QTabWidget):
        return next((c for c in pane.findChildren(QStackedWidget) if c.parentWidget() is pane), None)
    parent = pane.parentWidget()
    return pane if parent is not None and parent.layout() is None else None


def _holds(content: QWidget, widget: QWidget | None) -> bool:
    return widget is not None and (widget is content or content.isAncestorOf(widget))
