"""The progress helper of the transfer dialogs: stages reach the dialog from the worker, Cancel stops
cancellable work at its next report, and work that must finish (an import, a restore) ignores it."""

from __future__ import annotations

import threading

from test_transfer_helpers import transfer_window

from zgc_desk.ui.transfer.progress import ProgressTask


def _work(go: threading.Event):
    def work(*, progress):
        progress("read", 1, 2)
        go.wait(10)  # until the test has pressed Cancel (a worker thread may block; the GUI does not)
        progress("read", 2, 2)
        return "done"
    return work


def _run(qtbot, window, cancellable: bool):
    go = threading.Event()
    outcome = {}
    task = ProgressTask(window.ctx, "Working", cancellable=cancellable)
    with qtbot.waitSignal(task.progressed, timeout=10000):
        task.start(_work(go), on_result=lambda r: outcome.update(result=r),
                   on_cancel=lambda: outcome.update(cancelled=True))
    with qtbot.waitSignal(task.finished, timeout=10000):
        task.cancel()
        go.set()
    return task, outcome


def test_cancel_stops_cancellable_work_at_its_next_report(qtbot, english, demo_db, make_window):
    window = transfer_window(make_window)
    task, outcome = _run(qtbot, window, cancellable=True)
    assert outcome == {"cancelled": True}
    assert task.cancelled


def test_work_that_must_finish_ignores_cancel(qtbot, english, demo_db, make_window):
    window = transfer_window(make_window)
    _task, outcome = _run(qtbot, window, cancellable=False)
    assert outcome == {"result": "done"}


def test_the_stage_is_named_in_the_dialog(qtbot, english, demo_db, make_window):
    window = transfer_window(make_window)
    task = ProgressTask(window.ctx, "Working", cancellable=True)
    task.task = object()  # as if started
    task._show("write", 5, 10)
    assert task.dialog.labelText() == "Writing…"
    assert (task.dialog.value(), task.dialog.maximum()) == (5, 10)
