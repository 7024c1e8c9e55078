"""The one helper for background work (docs/development.md, practice 3).

``TaskRunner.run(fn, *args, on_result=..., on_error=...)`` runs a core callable on a worker thread
and delivers its result or its exception on the GUI thread, through a queued signal. Widgets are
never touched from a worker. While anything runs, ``busy_changed(True)`` drives the status bar's busy
indicator; ``modal=True`` also shows a progress dialog that blocks the window (imports, restores),
and ``progress=True`` passes the callable a ``progress(done, total)`` keyword to report through it.

Each worker closes its own SQLite connection when its task ends (peewee keeps one per thread), so no
connection outlives a task or points at a database the window has since closed.

``exclusive=True`` is for work that replaces the data under every connection (a restore, opening
another database): it starts only once the work already running has ended, and work asked for
meanwhile waits until it has ended — no read runs on the data being swapped, none starts on a
connection to the old file. The GUI thread's idle connection is closed before it starts, so every
connection is opened afresh on the new data.

At close the window waits for running work, except for reads marked ``abandon_on_close=True`` (the
lists computed at start-up) once ``abandon_reads_at_close`` is set — the program then ends without
them (``ui.app.run_app``), so closing right after start does not wait seconds for a list nobody will
see. Anything that writes (imports, backups, files) is waited for, except the start-up backup
while nothing has been changed (``ui.transfer.hooks``: its half-made copy is a temporary the next
start removes, and the data is still what that start copies).

``quiet=True`` is for work the user did not ask for and need not wait on (keeping deadlines ahead):
it shows no busy indicator, counts in ``busy`` for nobody, and with ``stoppable=True`` it is passed
a ``stop`` event that is set when an exclusive task is asked for and at close, so that it ends at its
next step instead of holding them up.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QProgressDialog, QWidget

from zgc_desk.i18n import _
from zgc_desk.services.connections import close_thread_connection

_LEFT_RUNNING: list[QObject] = []  # thread pools of closed windows whose reads were abandoned


class _Signals(QObject):
    finished = Signal(int, object)
    failed = Signal(int, object)
    progress = Signal(int, int, int)


class _Job(QRunnable):
    def __init__(self, token: int, fn: Callable, args, kwargs, signals: _Signals):
        super().__init__()
        self.token, self.fn, self.args, self.kwargs, self.signals = token, fn, args, kwargs, signals
        self.ended = threading.Event()  # set on the worker thread: shutdown cannot wait for queued signals

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:  # delivered to the GUI thread, which decides how to show it
            self.signals.failed.emit(self.token, exc)
        else:
            self.signals.finished.emit(self.token, result)
        finally:
            close_thread_connection()
            self.ended.set()


@dataclass
class Task:
    token: int
    label: str
    on_result: Callable | None
    on_error: Callable | None
    dialog: QProgressDialog | None = None
    discarded: bool = False
    abandon_on_close: bool = False
    job: _Job | None = None
    exclusive: bool = False
    started: bool = False
    quiet: bool = False
    stop: threading.Event | None = None

    def discard(self) -> None:
        """Ignore the outcome (a newer request superseded this one)."""
        self.discarded = True


class TaskRunner(QObject):
    busy_changed = Signal(bool)
    label_changed = Signal(str)

    def __init__(self, parent: QWidget, report_error: Callable[[BaseException], None], threads: int = 3):
        super().__init__(parent)
        self._parent = parent
        self._report_error = report_error
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._signals = _Signals(self)
        self._signals.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._signals.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self._tasks: dict[int, Task] = {}
        self._tokens = itertools.count(1)
        self.abandon_reads_at_close = False  # the program's own window sets it (ui.app.run_app)

    @property
    def busy(self) -> bool:
        """Whether work the user waits on is running or waiting (not the quiet kind)."""
        return any(not task.quiet for task in self._tasks.values())

    def run(self, fn: Callable, *args, on_result: Callable | None = None, on_error: Callable | None = None,
            label: str = "", modal: bool = False, progress: bool = False, abandon_on_close: bool = False,
            exclusive: bool = False, quiet: bool = False, stoppable: bool = False, **kwargs) -> Task:
        """``abandon_on_close``: the task only reads, and its result matters to nobody once the
        window is closed; ``exclusive``: it runs alone; ``quiet`` and ``stoppable``: see the module's
        note."""
        token = next(self._tokens)
        quiet = quiet and not modal and not exclusive
        task = Task(token, label, on_result, on_error, abandon_on_close=abandon_on_close and not modal,
                    exclusive=exclusive, quiet=quiet)
        if stoppable:
            task.stop = kwargs["stop"] = threading.Event()
        if progress:
            kwargs["progress"] = lambda done, total: self._signals.progress.emit(token, int(done), int(total))
        if modal:
            task.dialog = self._progress_dialog(label)
        was_busy = self.busy
        self._tasks[token] = task
        if not quiet:
            if not was_busy:
                self.busy_changed.emit(True)
            self.label_changed.emit(label)
        task.job = _Job(token, fn, args, kwargs, self._signals)
        self._start_ready()
        return task

    def _start_ready(self) -> None:
        """Start the waiting tasks that may run now, in the order they were asked for: an exclusive
        task once nothing else runs, and nothing after it until it has ended."""
        running = [task for task in self._tasks.values() if task.started]
        if any(task.exclusive for task in running):
            return
        for token in sorted(self._tasks):
            task = self._tasks[token]
            if task.started:
                continue
            if task.exclusive:
                self._stop(running)
                if not running:
                    self._close_own_connection()
                    self._launch(task)
                return
            self._launch(task)
            running.append(task)

    @staticmethod
    def _stop(tasks) -> None:
        for task in tasks:
            if task.stop is not None:
                task.stop.set()

    def _launch(self, task: Task) -> None:
        task.started = True
        self._pool.start(task.job)

    @staticmethod
    def _close_own_connection() -> None:
        """The GUI thread's connection, idle between events, is reopened on the new data when next used."""
        close_thread_connection(only_if_idle=True)

    @property
    def waiting(self) -> int:
        """How many tasks wait for an exclusive one (tests, the busy indicator)."""
        return sum(1 for task in self._tasks.values() if not task.started)

    def _progress_dialog(self, label: str) -> QProgressDialog:
        dialog = QProgressDialog(label or _("Working…"), "", 0, 0, self._parent)
        dialog.setWindowTitle(_("Please wait"))
        dialog.setCancelButton(None)  # core work is not interruptible half-way (it runs in one transaction)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setValue(0)
        return dialog

    def _end(self, token: int) -> Task | None:
        task = self._tasks.pop(token, None)
        if task is not None and task.dialog is not None:
            task.dialog.reset()
            task.dialog.deleteLater()
        if task is not None and not task.quiet and not self.busy:
            self.busy_changed.emit(False)
            self.label_changed.emit("")
        if self._tasks:
            self._start_ready()
        return task

    def _finished(self, token: int, result) -> None:
        task = self._end(token)
        if task is not None and not task.discarded and task.on_result is not None:
            task.on_result(result)

    def _failed(self, token: int, exc: BaseException) -> None:
        task = self._end(token)
        if task is None or task.discarded:
            return
        (task.on_error or self._report_error)(exc)

    def _progress(self, token: int, done: int, total: int) -> None:
        task = self._tasks.get(token)
        if task is not None and task.dialog is not None:
            task.dialog.setMaximum(max(total, 0))
            task.dialog.setValue(min(done, total))

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Wait for running work (at window close); results are no longer delivered. With
        ``abandon_reads_at_close``, reads marked ``abandon_on_close`` are not waited for."""
        for token in [token for token, task in self._tasks.items() if not task.started]:
            del self._tasks[token]  # never started: nothing to wait for, nothing will run
        for task in self._tasks.values():
            task.discard()
        self._stop(self._tasks.values())
        if not self.abandon_reads_at_close:
            return self._pool.waitForDone(timeout_ms)
        ends = time.monotonic() + timeout_ms / 1000
        finished = all(task.job.ended.wait(max(0.0, ends - time.monotonic()))
                       for task in list(self._tasks.values()) if not task.abandon_on_close)
        if self.abandoned():
            # Deleting the window would delete the pool, whose destructor joins the abandoned reads:
            # the pool and the signals their workers emit on are kept apart until the process ends.
            for part in (self._pool, self._signals):
                part.setParent(None)
                _LEFT_RUNNING.append(part)
        return finished

    def abandoned(self) -> bool:
        """Whether reads left running at close are still running (the program ends without them)."""
        return any(not task.job.ended.is_set() for task in self._tasks.values() if task.abandon_on_close)


class BusyIndicator(QWidget):
    """A small indeterminate bar with the running task's label, shown after a short delay so that
    quick tasks do not flicker."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None, delay_ms: int = 150):
        super().__init__(parent)
        self._label = QLabel(self)
        self._bar = QProgressBar(self)
        self._bar.setRange(0, 0)
        self._bar.setMaximumWidth(120)
        self._bar.setMaximumHeight(14)
        self._bar.setTextVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._label)
        layout.addWidget(self._bar)
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(lambda: self.setVisible(runner.busy))
        runner.busy_changed.connect(self._busy_changed)
        runner.label_changed.connect(lambda text: self._label.setText(text or _("Working…")))
        self.hide()

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self._timer.start()
        else:
            self._timer.stop()
            self.hide()
