"""``emit(signal, *args)``: emit a Qt signal from Python. Every emit in this package goes through it.

Why: in PySide6 6.12.0 each ``SignalInstance.emit()`` called from Python releases one reference to
``True`` too many. On Python 3.11, where ``True`` is not immortal, the interpreter aborts ("Fatal
Python error: bool_dealloc") once a few thousand emits have drained its count — well within an hour
of clicking through lists. A probe at import tells whether this PySide6 has the fault; only then
does :func:`emit` give the reference back, so a fixed PySide6 (or Python 3.12+) is left alone.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_PROBES = 8

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _emit_loses_a_reference() -> bool:
    if sys.version_info >= (3, 12):
        return False  # True is immortal: a lost reference cannot hurt
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    for _ in range(max(lost, 0)):
        _incref(True)  # give back what the probe itself cost
    return lost == _PROBES


EMIT_LOSES_A_REFERENCE = _emit_loses_a_reference()


def emit(signal, *args) -> None:
    signal.emit(*args)
    if EMIT_LOSES_A_REFERENCE:
        _incref(True)
