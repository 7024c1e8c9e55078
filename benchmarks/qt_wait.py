"""Waiting, in a benchmark that drives the window, until the window has done something: the event
loop keeps running (timers, worker results) while the condition is polled every millisecond."""

from __future__ import annotations

import time


def wait_until(condition, timeout_s: float = 60) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.perf_counter() + timeout_s
    while not condition() and time.perf_counter() < deadline:
        loop = QEventLoop()
        QTimer.singleShot(1, loop.quit)
        loop.exec()
    if not condition():
        raise RuntimeError("timed out")
