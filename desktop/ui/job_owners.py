"""Who a TaskRunner job answers to, and noticing the moment that owner is destroyed.

A job's callbacks belong to a widget or a model. When the tab is closed (or a picker's model replaced) while the
job is queued or running, calling them would touch a deleted Qt object: emitting one of its signals raised "Signal
source has been deleted", in whatever test or screen came next. So the runner learns each job's owners -- named with
``owner=`` or taken from callbacks that are methods of a QObject -- and drops the job when one is destroyed.

The runner must not be what keeps an owner alive: a method of a QObject is held through a weak reference, and an
owner is watched through its ``destroyed`` signal, never referenced. ``destroyed`` is emitted from the owner's C++
destructor, when its Python wrapper can no longer be used: a watch only knows its owner's address.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from functools import partial
from types import MethodType
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot
from shiboken6 import getCppPointer, isValid

C = TypeVar("C", bound=Callable[..., Any])


def held(callback: C | None) -> Callable[[], C | None]:
    """How the runner keeps ``callback`` until delivery: weakly when it is a method of a QObject.

    A lambda or closure can only be held strongly (nothing else refers to it); its owner, named with ``owner=``,
    is let go when that owner is destroyed, since the runner then forgets the job.
    """
    if isinstance(callback, MethodType) and isinstance(callback.__self__, QObject):
        return weakref.WeakMethod(callback)  # type: ignore[return-value]
    return lambda: callback


def owners_of(callbacks: Iterable[Callable[..., Any] | None], owner: QObject | None) -> list[QObject]:
    """``owner`` and the QObjects whose methods are among ``callbacks`` (also inside a ``functools.partial``)."""
    found = [] if owner is None else [owner]
    for callback in callbacks:
        target = callback.func if isinstance(callback, partial) else callback
        bound = getattr(target, "__self__", None)
        if isinstance(bound, QObject):
            found.append(bound)
    return found


def torn_down(obj: QObject, name: str) -> Any:
    """``obj``'s attribute ``name``, or None when the collector has already cleared ``obj``'s Python side.

    A runner dropped with the widgets it served is freed by the cyclic collector, which clears each object's
    attributes in turn; a widget of the same garbage destroyed meanwhile still signals ``destroyed`` into a watch or
    a runner whose attributes are gone. They have nothing left to deliver then, so the signal is let go.
    """
    return obj.__dict__.get(name)


class _Watch(QObject):
    """Listens to one owner's ``destroyed``; knows the jobs that answer to it, not the owner itself."""

    def __init__(self, owners: JobOwners, key: int) -> None:
        super().__init__(owners)
        self._owners = owners
        self.key = key
        self.jobs: set[int] = set()

    @Slot()
    def _on_owner_destroyed(self) -> None:
        owners = torn_down(self, "_owners")
        if owners is not None:
            owners._on_owner_destroyed(self.key)


class JobOwners(QObject):
    """The owners of one runner's jobs, keyed by their C++ address; a child of the runner.

    A watch stays while its owner lives (one ``destroyed`` connection an owner, however many jobs it submits) and
    goes with it, so an address that Qt gives to a new object later starts a new watch.
    """

    orphaned = Signal(object)  # the ids (a set) of the jobs whose owner was just destroyed

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._watches: dict[int, _Watch] = {}

    def add(self, job_id: int, owners: Iterable[QObject]) -> tuple[int, ...] | None:
        """Watch ``owners`` for ``job_id``; their keys, or None (nothing watched) when one is already destroyed."""
        owners = list(owners)
        if not all(isValid(owner) for owner in owners):
            return None
        keys: dict[int, None] = {}
        for owner in owners:
            key = getCppPointer(owner)[0]
            watch = self._watches.get(key)
            if watch is None:
                watch = self._watches[key] = _Watch(self, key)
                owner.destroyed.connect(watch._on_owner_destroyed)
            watch.jobs.add(job_id)
            keys[key] = None
        return tuple(keys)

    def remove(self, job_id: int, keys: tuple[int, ...]) -> None:
        """``job_id`` ended (delivered, cancelled or let go): its owners no longer answer for it."""
        for key in keys:
            watch = self._watches.get(key)
            if watch is not None:
                watch.jobs.discard(job_id)

    def _on_owner_destroyed(self, key: int) -> None:
        watches = torn_down(self, "_watches")
        watch = None if watches is None else watches.pop(key, None)
        if watch is None:
            return
        watch.deleteLater()  # it is the receiver being called: deleting it here would pull the floor from under Qt
        if watch.jobs:
            self.orphaned.emit(set(watch.jobs))
