"""The Qt binding in use keeps Python's reference counts right when signals fire.

PySide6 6.12.0 loses a reference to ``True`` at every ``emit()`` from Python,
which aborts Python 3.11 after a few thousand signals (« bool_dealloc »).
pyproject pins a release without the defect; this test fails on one that has it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    fired = Signal(object)
    bare = Signal()


def test_emitting_thousands_of_signals_keeps_true_alive():
    emitter = Emitter()
    before = sys.getrefcount(True)
    for number in range(5000):
        emitter.fired.emit(number)
        emitter.bare.emit()
    assert abs(sys.getrefcount(True) - before) < 50
