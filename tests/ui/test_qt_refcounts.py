"""The Python + Qt combination must not corrupt the reference counts of ``None``, ``True`` and ``False``.

PySide6 6.12.0 on CPython 3.11 lowers ``None``'s count by one on every Python override of a Qt virtual that returns
``None`` and does the same to ``True``/``False`` for signals emitted from worker threads; the interpreter then aborts
with ``none_dealloc`` after about a minute of use. The probe runs in a child process so that the defect shows as a
failed test, not as a crashed test session.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

PROBE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import (QAbstractListModel, QCoreApplication, QEventLoop, QObject, QRunnable, Qt,
                                QThreadPool, QTimer, Signal)

    app = QCoreApplication([])

    class Model(QAbstractListModel):
        def rowCount(self, parent=None):
            return 1

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return None  # an unhandled role, as every model answers most roles

    class Emitter(QObject):
        anything = Signal(object)
        flag = Signal(bool)

    received = []
    emitter = Emitter()
    emitter.anything.connect(received.append)
    emitter.flag.connect(received.append)

    class Job(QRunnable):
        def run(self):  # returns None to Qt from a worker thread
            for _ in range(10_000):
                emitter.anything.emit(True)
                emitter.anything.emit(None)
                emitter.flag.emit(False)

    def counts():
        return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)

    before = counts()
    model = Model()
    index = model.index(0, 0)
    for _ in range(10_000):
        index.data()
    pool = QThreadPool()
    pool.start(Job())
    pool.waitForDone()
    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    while len(received) < 30_000:
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 100)
    received.clear()
    after = counts()
    print(*(a - b for a, b in zip(after, before)))
    """
)


def test_none_true_false_keep_their_reference_counts() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert result.returncode == 0, f"the probe died (exit {result.returncode}): {result.stderr[-2000:]}"
    drift_none, drift_true, drift_false = (int(n) for n in result.stdout.split())
    # 10,000 virtual calls and 30,000 cross-thread emits: a defect shows as thousands; a few are the probe's own.
    assert abs(drift_none) < 100, f"None drifted by {drift_none}"
    assert abs(drift_true) < 100, f"True drifted by {drift_true}"
    assert abs(drift_false) < 100, f"False drifted by {drift_false}"
