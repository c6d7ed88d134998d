"""The current deal: the one deal every tab shows its part of, saved as the user works.

Owned by the window and injected into the tabs. A tab edits through :meth:`CurrentDeal.edit` (one typed field,
checked by the domain) or :meth:`CurrentDeal.update` (a structured change, e.g. the pricing tab's structure); every
change keeps an undo snapshot and starts a short timer, and the save then runs on the TaskRunner's write pool, so
typing never waits for the disk and saves stay in order. :meth:`flush` saves at once (quit, switching deals).
"""

from __future__ import annotations

import copy
import functools
import getpass
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.ui.errors import sentence
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the deal modules pull in cryptography and phonenumbers: imported at first use, off first paint
    from desktop.domain.deals import Deal
    from desktop.store.deals import DealStore

Opened = Callable[["Deal"], None]  # told the deal a start or an open made current


def _owner_of(then: Opened | None) -> QObject | None:
    """The QObject whose method ``then`` is: the job answers to it too (destroyed, it is not called)."""
    owner = getattr(then, "__self__", None)
    return owner if isinstance(owner, QObject) else None


AUTOSAVE_MS = 300
UNDO_DEPTH = 100


class CurrentDeal(QObject):
    store_changed = Signal()  # another profile's store (or the keyring just opened)
    changed = Signal()  # another deal, or this deal changed (by the user, a tab, a save, an undo)
    saved = Signal(object)  # a deal just written to the store, as written (it may no longer be the current one)
    save_failed = Signal(str)  # a sentence: what went wrong; the typed values are kept and retried on next change
    conflict = Signal(object)  # the store's current deal, when someone else saved it since it was read

    def __init__(self, runner: TaskRunner, parent: QObject | None = None, who: str = "") -> None:
        super().__init__(parent)
        self.runner = runner
        self.who = who or getpass.getuser()
        self.store: DealStore | None = None
        self.deal: Deal | None = None
        self._base: Deal | None = None  # the deal as the store last had it: what "what I changed" is measured from
        self.dpid = ""
        self.prefix = "D"
        self._left: dict[str, str] = {}  # rooftop -> the deal open there when the desk went to another rooftop
        self._undo: list[Deal] = []
        self._dirty = False
        self._save_job = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self._on_autosave)

    # which deal
    def set_store(self, store: DealStore | None) -> None:
        self.flush()
        self.store = store
        self._left.clear()  # deals of the last store
        self.open(None)
        self.store_changed.emit()

    def set_rooftop(self, dpid: str, name: str) -> None:
        """The rooftop new deals are started for (and numbered after); another rooftop's open deal is closed."""
        from desktop.domain.deals import rooftop_prefix

        self.dpid, self.prefix = dpid, rooftop_prefix(name, dpid)
        if self.deal is not None and self.deal.dpid != dpid:
            self._left[self.deal.dpid] = self.deal.id
            self.open(None)
        left = self._left.pop(dpid, "") if self.deal is None else ""
        if left:
            self._reopen(dpid, left)

    def _reopen(self, dpid: str, deal_id: str) -> None:
        """The deal left open at ``dpid``, open again as the desk comes back to that rooftop (a desk's deal is
        its rooftop's, as a DMS keeps each store's worksheet): unless another deal was opened meanwhile, or the
        desk moved on again. One no longer in the store is not reopened."""
        from desktop.store.deals import DealNotFound

        store = self.store
        if store is None:
            return

        def back(deal: Deal) -> None:
            if self.deal is None and self.dpid == dpid and self.store is store:
                self.open(deal)

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, DealNotFound):
                self._on_store_failed(exc)

        self._read(store, deal_id, back, failed, "Reopening deal")

    def _read(
        self,
        store: DealStore,
        deal_id: str,
        done: Callable[[Deal], None],
        failed: Callable[[BaseException], None],
        label: str,
    ) -> int:
        """Read deal ``deal_id`` from ``store`` in the TaskRunner; ``done`` gets it on the GUI thread."""
        return self.runner.submit(lambda: store.get(deal_id), done, failed, label=label, owner=self)

    def start(self, vehicle: Any = None, buyer: Any = None, then: Opened | None = None) -> int:
        """Start a new deal for the rooftop (from the vehicle or the customer at hand) and make it current;
        ``then`` is called with it once it is (not if it could not be started)."""
        from desktop.services.deals import start_deal

        store, dpid, who, prefix = self.store, self.dpid, self.who, self.prefix
        if store is None or not dpid:
            self.save_failed.emit("A deal cannot be started yet: pick a rooftop once the keyring has opened.")
            return 0
        return self.runner.submit(
            lambda: start_deal(store, dpid, who, prefix, vehicle=vehicle, buyer=buyer),
            functools.partial(self._opened, then),
            self._on_store_failed,
            label="Starting a deal",
            write=True,
            owner=_owner_of(then),
        )

    def open_id(self, deal_id: str) -> int:
        """Read deal ``deal_id`` from the store and make it current."""
        store = self.store
        if store is None:
            return 0
        return self._read(store, deal_id, self.open, self._on_store_failed, "Opening deal")

    def open_for_customer(self, buyer: Any, vehicle: Any = None, then: Opened | None = None) -> int:
        """The customer's open deal (by Roadster id, else email), or a new one for them, on ``vehicle`` (the car
        they asked about) when given; made current, then ``then`` is called with it."""
        from desktop.services.deals import start_deal

        store, dpid, who, prefix = self.store, self.dpid, self.who, self.prefix
        if store is None or not dpid:
            self.save_failed.emit("A deal cannot be opened yet: pick a rooftop once the keyring has opened.")
            return 0

        def find_or_start() -> Deal:
            found = store.for_customer(dpid, buyer.customer_id, buyer.email)
            return found if found is not None else start_deal(store, dpid, who, prefix, buyer=buyer, vehicle=vehicle)

        return self.runner.submit(
            find_or_start,
            functools.partial(self._opened, then),
            self._on_store_failed,
            label="Opening deal",
            write=True,
            owner=_owner_of(then),
        )

    def _opened(self, then: Opened | None, deal: Deal) -> None:
        self.open(deal)
        if then is not None:
            then(deal)

    def _on_store_failed(self, exc: BaseException) -> None:
        self.save_failed.emit(f"The deal could not be opened: {sentence(exc)}")

    def open(self, deal: Deal | None) -> None:
        """Make ``deal`` current (``None``: no deal); what was typed in the previous one is saved first."""
        self.flush()
        self.deal = deal
        self._base = copy.deepcopy(deal)
        self._undo.clear()
        self.changed.emit()

    @property
    def is_open(self) -> bool:
        return self.deal is not None

    @property
    def dirty(self) -> bool:
        """Something typed is not in the store yet (waiting for the timer, or being written)."""
        return self._dirty or self.runner.is_running(self._save_job)

    # changes
    def edit(self, path: str, text: str) -> Any:
        """Check ``text`` and store it at ``path`` (raises :class:`~desktop.domain.deals.FieldError`)."""
        from desktop.domain.deals import check_field, set_field

        deal = self._require()
        # Checked before the deal is copied for undo: most keystrokes into a VIN or an amount are half-typed, and
        # each copy was 0.4 ms of the GUI thread (a word typed into a picker in one turn, 10 of them).
        check_field(deal, path, text)
        snapshot = copy.deepcopy(deal)
        value = set_field(deal, path, text)
        if deal != snapshot:
            self._changed(snapshot)
        return value

    def update(self, change: Callable[[Deal], None]) -> None:
        """Apply ``change`` to the deal (it may raise before changing anything; then nothing is kept)."""
        deal = self._require()
        snapshot = copy.deepcopy(deal)
        try:
            change(deal)
        except Exception:
            self.deal = snapshot
            raise
        if deal != snapshot:
            self._changed(snapshot)

    def undo(self) -> bool:
        """Go back to before the last change; ``False`` when there is nothing to undo."""
        if not self._undo or self.deal is None:
            return False
        previous = self._undo.pop()
        previous.version = self.deal.version  # the store's version moved on; only the values go back
        self.deal = previous
        self._dirty = True
        self._timer.start()
        self.changed.emit()
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def _require(self) -> Deal:
        if self.deal is None:
            raise RuntimeError("No deal is open.")
        return self.deal

    def _changed(self, snapshot: Deal) -> None:
        self._undo.append(snapshot)
        del self._undo[:-UNDO_DEPTH]
        self._dirty = True
        self._timer.start()
        self.changed.emit()

    # saving
    def flush(self) -> None:
        """Save what is typed now (without waiting for the timer); the write pool keeps saves in order."""
        self._timer.stop()
        if self._dirty:
            self._on_autosave()

    def _on_autosave(self) -> None:
        if self.deal is None or self.store is None or not self._dirty:
            return
        if self.runner.is_running(self._save_job):
            self._timer.start()  # one save at a time: the next one carries everything typed meanwhile
            return
        store, snapshot, who = self.store, copy.deepcopy(self.deal), self.who
        self._dirty = False
        self._save_job = self.runner.submit(
            lambda: store.save(snapshot, snapshot.version, who),
            self._on_saved,
            self._on_save_failed,
            label=f"Saving deal {snapshot.number}",
            write=True,
        )

    def _on_saved(self, saved: Deal) -> None:
        current = self.deal
        if current is not None and saved.id == current.id:
            current.version, current.number = saved.version, saved.number  # a shared store numbers on first send
            current.updated_at, current.updated_by = saved.updated_at, saved.updated_by
            self._base = copy.deepcopy(saved)
        self.saved.emit(saved)
        if current is not None and saved.id == current.id:
            self.changed.emit()

    def _on_save_failed(self, exc: BaseException) -> None:
        from desktop.store.deals import DealConflict

        self._dirty = True  # nothing typed is dropped: the next change (or flush) tries again
        if isinstance(exc, DealConflict):
            self.show_conflict(exc)
        self.save_failed.emit(f"The deal was not saved: {sentence(exc)}")

    def show_conflict(self, conflict: Any) -> None:
        """Offer the choice for a :class:`~desktop.store.deals.DealConflict` of the open deal (from a save, or
        from changes queued offline and refused when sent)."""
        if self.deal is None or self.deal.id != conflict.current.id:
            return
        if conflict.base is not None:
            self._base = copy.deepcopy(conflict.base)
        self.conflict.emit(conflict.current)

    def collisions(self, current: Deal) -> list[Any]:
        """The fields both this desk and whoever saved ``current`` changed, with both values (personal data masked)."""
        from desktop.domain.deals.merge import collisions

        if self.deal is None or self.deal.id != current.id:
            return []
        return collisions(self._base or current, self.deal, current)

    def keep_mine(self, current: Deal) -> None:
        """Resolve a conflict: their deal with every field typed here on top, saved over ``current``'s version.

        Fields only they changed keep their values, so choosing "mine" never drops someone else's other work.
        """
        from desktop.domain.deals.merge import keep_mine

        if self.deal is not None and self.deal.id == current.id:
            self._undo.append(self.deal)
            self.deal = keep_mine(self._base or current, self.deal, current)
            self._base = copy.deepcopy(current)
            self._dirty = True
            self.flush()
            self.changed.emit()

    def take_theirs(self, current: Deal) -> None:
        """Resolve a conflict with the stored values (the screen's are kept for one undo).

        Saved once as they are: a shared store then drops the changes it still held for this deal.
        """
        if self.deal is not None and self.deal.id == current.id:
            self._undo.append(self.deal)
            self.deal = current
            self._base = copy.deepcopy(current)
            self._dirty = True
            self.flush()
            self.changed.emit()

    def caught_up(self, saved: Deal, change: Callable[[Deal], None]) -> None:
        """The open deal was saved behind the desk with ``change`` (a customer event applied by a job submitted
        before this deal was opened): the same change is made here, on top of what is typed, from that version on.
        Without it the desk's next save met its own event as someone else's conflicting save."""
        if self.deal is None or saved.id != self.deal.id or saved.version <= self.deal.version:
            return  # another deal, or the desk read it after the job saved it
        if not self.dirty:
            self.deal = copy.deepcopy(saved)
            self._base = copy.deepcopy(saved)
            self.changed.emit()
            return
        self.deal.version = saved.version
        self._base = copy.deepcopy(saved)
        self.update(change)

    def arrived(self, deals: list[Deal]) -> None:
        """Deals another desk saved (from the team server's feed): the list's lines, and the open deal when
        nothing typed here is waiting (otherwise the next save meets their version and shows both values)."""
        for deal in deals:
            self.saved.emit(deal)
            if (
                self.deal is not None
                and deal.id == self.deal.id
                and deal.version > self.deal.version
                and not self.dirty
            ):
                self.deal = deal
                self._base = copy.deepcopy(deal)
                self.changed.emit()
