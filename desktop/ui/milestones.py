"""Work that waits until the window's start-up is over: its tabs built and its first connection attempt done.

Two things are put off until then: freezing the start-up's objects out of the cyclic collector's walks
(:func:`desktop.ui.gui_gc.freeze_when_started`) and starting the document workers (:class:`MainWindow`). Both
would otherwise compete with the first paint, the sandbox's start and the first rows for the machine's cores.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, SignalInstance


def after_all(
    milestones: tuple[SignalInstance, ...],
    then: Callable[[], object],
    *,
    delay_ms: int = 0,
    context: QObject | None = None,
) -> None:
    """Call ``then`` once, ``delay_ms`` after each of ``milestones`` has fired once, on a later turn of the event
    loop (never inside the last signal's emission); with ``context``, not at all once that object is deleted."""
    waiting = set(range(len(milestones)))

    def reached(which: int) -> None:
        waiting.discard(which)
        if waiting:
            return
        if context is None:
            QTimer.singleShot(delay_ms, then)
        else:
            QTimer.singleShot(delay_ms, context, then)

    for which, milestone in enumerate(milestones):
        milestone.connect(lambda *_args, which=which: reached(which), Qt.ConnectionType.SingleShotConnection)
