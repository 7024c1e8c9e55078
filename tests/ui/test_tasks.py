"""The background-task helper: work runs off the GUI thread, results and errors come back on it."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget

from zgc_desk.services.errors import UserError
from zgc_desk.ui.tasks import BusyIndicator, TaskRunner


@pytest.fixture
def runner(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors = []
    runner = TaskRunner(parent, errors.append)
    runner.reported = errors
    yield runner
    runner.shutdown()


def test_the_result_arrives_on_the_gui_thread(qtbot, runner):
    seen = {}

    def work(a, b):
        seen["worker"] = threading.current_thread()
        return a + b

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy, timeout=5000):
        runner.run(work, 2, 3, on_result=lambda r: seen.update(result=r, gui=threading.current_thread()))
    assert seen["result"] == 5
    assert seen["worker"] is not threading.main_thread()
    assert seen["gui"] is threading.main_thread()
    assert not runner.busy


def test_an_error_goes_to_the_handler_or_to_the_window(qtbot, runner):
    caught = []

    def fail():
        raise UserError("bad file")

    runner.run(fail, on_error=caught.append)
    runner.run(fail)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert [str(e) for e in caught] == ["bad file"]
    assert [str(e) for e in runner.reported] == ["bad file"]


def test_a_discarded_task_delivers_nothing(qtbot, runner):
    release = threading.Event()
    delivered = []
    task = runner.run(lambda: release.wait(5) and "late", on_result=delivered.append)
    task.discard()
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert delivered == []


def test_progress_is_reported_to_a_modal_dialog(qtbot, runner):
    def work(progress):
        for done in range(1, 4):
            progress(done, 3)
        return "done"

    results = []
    task = runner.run(work, progress=True, modal=True, label="Importing…", on_result=results.append)
    assert task.dialog is not None and task.dialog.labelText() == "Importing…"
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)


def test_the_busy_indicator_shows_only_while_work_runs(qtbot, runner):
    indicator = BusyIndicator(runner, delay_ms=0)
    qtbot.addWidget(indicator)
    release = threading.Event()
    runner.run(release.wait, 5, label="Loading")
    qtbot.waitUntil(lambda: not indicator.isHidden(), timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: indicator.isHidden(), timeout=5000)


def test_worker_threads_use_their_own_database_connection(qtbot, runner, db_path):
    from zgc_desk.models import Firm, database

    main_connection = database.connection()
    seen = []
    runner.run(lambda: (database.connection() is not main_connection, Firm.select().count()),
               on_result=seen.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [(True, 0)]
    assert not database.is_closed()  # the worker closed only its own


def test_closing_waits_for_writes_but_not_for_reads_left_to_be_abandoned(qtbot, runner):
    release = threading.Event()
    wrote = []

    def read():
        release.wait(10)
        return "list nobody will see"

    def write():
        release.wait(0.3)
        wrote.append("backup")

    runner.abandon_reads_at_close = True
    runner.run(read, abandon_on_close=True)
    assert runner.shutdown(timeout_ms=5000)  # returns at once: only a read runs
    assert runner.abandoned()
    runner.run(write)
    runner.run(read, abandon_on_close=True, modal=True)  # a modal task is never left behind
    assert not runner.shutdown(timeout_ms=500)  # the modal one is waited for, until the timeout
    assert wrote == ["backup"]
    release.set()
    runner.abandon_reads_at_close = False
    assert runner.shutdown(timeout_ms=5000)
    assert not runner.abandoned()


def test_without_the_flag_closing_waits_for_every_task(qtbot, runner):
    done = []
    runner.run(lambda: (threading.Event().wait(0.2), done.append(1)), abandon_on_close=True)
    assert runner.shutdown(timeout_ms=5000) and done == [1]


def test_an_exclusive_task_waits_for_running_work_and_holds_back_new_work(qtbot, runner):
    """A restore (exclusive) starts once the reads running have ended; reads asked for meanwhile
    start after it, on the new data."""
    events, lock = [], threading.Lock()
    release_read, release_swap = threading.Event(), threading.Event()

    def log(what):
        with lock:
            events.append(what)

    def read(name, gate=None):
        log(f"{name} start")
        if gate is not None:
            assert gate.wait(5)
        log(f"{name} end")
        return name

    runner.run(read, "early read", release_read)
    runner.run(read, "swap", release_swap, exclusive=True)
    runner.run(read, "late read")
    qtbot.waitUntil(lambda: "early read start" in events, timeout=5000)
    qtbot.wait(100)
    assert events == ["early read start"]  # the swap waits for the read running
    assert runner.waiting == 2
    release_read.set()
    qtbot.waitUntil(lambda: "swap start" in events, timeout=5000)
    qtbot.wait(100)
    assert "late read start" not in events  # held back while the swap runs
    release_swap.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert events == ["early read start", "early read end", "swap start", "swap end", "late read start",
                      "late read end"]


def test_work_still_waiting_at_close_is_dropped_not_waited_for(qtbot, runner):
    gate = threading.Event()
    runner.run(lambda: gate.wait(5), exclusive=True)
    ran = []
    runner.run(lambda: ran.append(1))
    gate.set()
    assert runner.shutdown(5000)
    qtbot.wait(100)  # the swap's end is delivered: nothing starts after it
    assert ran == [] and runner.waiting == 0


def test_quiet_work_shows_no_busy_state_and_an_exclusive_task_stops_it_before_running(qtbot, runner):
    """Keeping deadlines ahead runs quietly; a restore (exclusive) asks it to stop and runs once it has."""
    busy_seen, order = [], []
    runner.busy_changed.connect(busy_seen.append)
    started = threading.Event()

    def quiet_work(stop):
        started.set()
        stopped = stop.wait(10)  # a step at a time until asked to stop
        order.append(("quiet ended", stopped))
        return stopped

    quiet = runner.run(quiet_work, quiet=True, stoppable=True, abandon_on_close=True)
    assert started.wait(5)
    assert not runner.busy and busy_seen == [] and quiet.stop is not None and not quiet.stop.is_set()
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy, timeout=5000):
        runner.run(lambda: order.append(("exclusive ran", None)), exclusive=True)
    assert order == [("quiet ended", True), ("exclusive ran", None)]
    assert busy_seen == [True, False]
    qtbot.waitUntil(lambda: not runner._tasks, timeout=5000)


def test_closing_stops_quiet_work(qtbot, runner):
    started, ended = threading.Event(), []

    def quiet_work(stop):
        started.set()
        ended.append(stop.wait(10))

    runner.run(quiet_work, quiet=True, stoppable=True)
    assert started.wait(5)
    assert runner.shutdown(timeout_ms=5000)
    assert ended == [True]
