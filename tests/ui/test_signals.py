"""Emitting signals from Python must not drain the interpreter's references to True
(PySide6 6.12.0 on Python 3.11 releases one per emit; see zgc_desk/ui/signals.py)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from zgc_desk.ui.signals import emit


class Sender(QObject):
    fired = Signal(int)


def test_many_emits_leave_the_reference_count_of_true_alone(qtbot):
    sender = Sender()
    received = []
    sender.fired.connect(received.append)
    before = sys.getrefcount(True)
    for i in range(5000):
        emit(sender.fired, i)
    assert len(received) == 5000
    assert sys.getrefcount(True) >= before - 50  # other code may hold or drop a few meanwhile
