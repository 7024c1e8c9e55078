"""Long transfers (checking a workbook, importing, exporting, restoring) through the window's one task
helper, with a progress dialog that names the stage and, where stopping is harmless, a Cancel button.

The core reports ``progress(stage, done, total)`` from the worker thread; :meth:`ProgressTask.report`
forwards it to the GUI thread by a queued signal and, once the user has pressed Cancel, raises
:class:`Cancelled` there instead — so the core stops at its next report. Cancel is offered only for work
that has written nothing yet when it stops (reading a workbook; an export, whose file is saved at the
very end); an import or a restore runs to its end (one transaction).
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from zgc_desk.i18n import N_, _

STAGES = {
    "read": N_("Reading and checking the workbook…"),
    "compare": N_("Comparing with the database…"),  # reported with total 0: a busy bar
    "write": N_("Writing…"),
}


class Cancelled(Exception):
    """The user pressed Cancel in the progress dialog (raised on the worker at its next report)."""


class ProgressTask(QObject):
    """One piece of work with its progress dialog; ``finished`` carries the result or the exception."""

    progressed = Signal(str, int, int)
    finished = Signal(object)

    def __init__(self, ctx, label: str, *, stages: dict[str, str] | None = None, cancellable: bool = False,
                 parent: QWidget | None = None, show_after_ms: int = 300):
        super().__init__(parent or ctx.window)
        self.ctx, self.label, self.cancellable = ctx, label, cancellable
        self.stages = STAGES if stages is None else stages
        self._cancel = threading.Event()
        self.task = None
        self.dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent or ctx.window)
        self.dialog.setWindowTitle(_("Please wait"))
        if cancellable:
            self.dialog.canceled.connect(self._cancel.set)  # the button, Escape, closing
        else:
            self.dialog.setCancelButton(None)  # and closing it does not stop the work
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.setMinimumDuration(show_after_ms)  # quick work never flashes a dialog
        self.dialog.setMinimumWidth(420)
        self.progressed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """What the Cancel button (or closing the progress dialog) does, when there is one."""
        if not self.cancellable:
            return
        self._cancel.set()
        self.dialog.cancel()

    def report(self, stage: str, done: int, total: int) -> None:
        """The core's progress callback; runs on the worker thread."""
        if self._cancel.is_set():
            raise Cancelled()
        self.progressed.emit(stage, int(done), int(total))

    def start(self, fn: Callable, *args, on_result: Callable, on_error: Callable | None = None,
              on_cancel: Callable | None = None, exclusive: bool = False, **kwargs) -> ProgressTask:
        """Run ``fn(*args, progress=..., **kwargs)`` off the GUI thread (``exclusive``: alone, see
        ``zgc_desk.ui.tasks``)."""
        self._on_result, self._on_error, self._on_cancel = on_result, on_error, on_cancel
        work = functools.partial(fn, *args, progress=self.report, **kwargs)
        self.dialog.setValue(0)  # starts the dialog's show-after timer
        self.task = self.ctx.tasks.run(work, on_result=self._succeeded, on_error=self._failed, label=self.label,
                                       exclusive=exclusive)
        return self

    def _show(self, stage: str, done: int, total: int) -> None:
        if self.task is None or self.cancelled:
            return
        label = self.stages.get(stage)
        if label:
            self.dialog.setLabelText(_(label))
        self.dialog.setMaximum(max(total, 0))  # 0: a busy bar, for a stage that cannot count
        self.dialog.setValue(max(0, min(done, total)))

    def _close(self) -> None:
        self.task = None
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
        self.deleteLater()

    def _succeeded(self, result) -> None:
        self._close()
        self._on_result(result)
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._close()
        if isinstance(exc, Cancelled):
            if self._on_cancel is not None:
                self._on_cancel()
        elif self._on_error is not None:
            self._on_error(exc)
        else:
            self.ctx.show_error(exc)
        self.finished.emit(exc)


def show_status(ctx, text: str, timeout_ms: int = 15000) -> None:
    """A message in the window's status bar that goes away by itself (never a blocking box)."""
    bar = getattr(ctx.window, "statusBar", None)
    if bar is not None:
        bar().showMessage(text, timeout_ms)


def window_now(ctx) -> dt.datetime:
    """The window's day (its injected clock) at the current time of day; names backup files."""
    return dt.datetime.combine(ctx.today(), dt.datetime.now().time())
