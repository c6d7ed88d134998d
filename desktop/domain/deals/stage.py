"""Where a deal is on its way from the first greeting to delivery, and which moves between stages make sense.

Desking goes back and forth (a priced deal is re-worked, a presented menu re-priced), so every active stage may
move to any other active stage; delivery only follows a contract, a lost deal can only be re-opened, and a
delivered deal is finished. Customer events only ever move a deal forward (:func:`advanced`), so an old event
arriving late never undoes the finance manager's work.
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    LEAD = "lead"
    WORKING = "working"
    PRICED = "priced"
    MENU_PRESENTED = "menu_presented"
    CONTRACTED = "contracted"
    DELIVERED = "delivered"
    LOST = "lost"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Stage.LEAD: "Lead",
    Stage.WORKING: "Working",
    Stage.PRICED: "Priced",
    Stage.MENU_PRESENTED: "Menu presented",
    Stage.CONTRACTED: "Contracted",
    Stage.DELIVERED: "Delivered",
    Stage.LOST: "Lost",
}
ACTIVE = (Stage.LEAD, Stage.WORKING, Stage.PRICED, Stage.MENU_PRESENTED, Stage.CONTRACTED)
_ORDER = {stage: i for i, stage in enumerate((*ACTIVE, Stage.DELIVERED))}


class StageError(ValueError):
    """A move the deal's stage does not allow; the message says which and why."""


def allowed_moves(current: Stage) -> frozenset[Stage]:
    """The stages a deal at ``current`` may move to."""
    if current is Stage.DELIVERED:
        return frozenset()
    if current is Stage.LOST:
        return frozenset({Stage.LEAD, Stage.WORKING})
    moves = {s for s in ACTIVE if s is not current} | {Stage.LOST}
    if current is Stage.CONTRACTED:
        moves.add(Stage.DELIVERED)
    return frozenset(moves)


def check_move(current: Stage, target: Stage, lost_reason: str = "") -> None:
    """Raise :class:`StageError` unless ``current`` → ``target`` is allowed (a lost deal needs its reason)."""
    if target not in allowed_moves(current):
        if current is Stage.DELIVERED:
            raise StageError("A delivered deal is finished; its stage cannot change.")
        if target is Stage.DELIVERED:
            raise StageError("A deal is delivered only after it is contracted.")
        raise StageError(f"A deal cannot move from {current.label} to {target.label}.")
    if target is Stage.LOST and not lost_reason.strip():
        raise StageError("Say why the deal was lost (lost reason is required).")


def advanced(current: Stage, target: Stage) -> Stage:
    """``target`` if it is further along than ``current`` (and reachable), else ``current``: events never regress."""
    if current in (Stage.LOST, Stage.DELIVERED) or target is Stage.LOST:
        return current
    if _ORDER[target] > _ORDER[current] and target in allowed_moves(current):
        return target
    return current
