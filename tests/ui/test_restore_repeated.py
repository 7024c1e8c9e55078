"""File → Restore backup… twenty times in one session, each with background work in flight: the
restore waits for that work and holds back new work while it swaps the data, every page reads the
restored database afterwards, and nothing ever says "file is not a database"."""

from __future__ import annotations

import sqlite3
import threading
import time

from ui_helpers import wait_idle

from zgc_desk.db import database_path
from zgc_desk.models import Firm, Patent
from zgc_desk.services import set_setting
from zgc_desk.services.browse import firm_summaries
from zgc_desk.services.records import delete_record
from zgc_desk.ui import registry
from zgc_desk.ui.transfer.restore_dialog import restore_dialog

ROUNDS = 20


def _slow_read(started: threading.Event, seconds: float) -> int:
    """A background read that keeps a read transaction open across the restore's start."""
    from zgc_desk.models import database

    with database.atomic():
        started.set()
        ends = time.monotonic() + seconds
        count = 0
        while time.monotonic() < ends:
            count = Patent.select().count()
            time.sleep(0.01)
    return count


def test_twenty_restores_with_background_work_in_flight(qtbot, english, demo_db, make_window):
    set_setting("backups_kept", ROUNDS + 5)  # the start-up backup, restored each time, stays listed
    window = make_window(contributions=registry.contributions())
    errors = []
    window.ctx.show_error = errors.append  # what the window would show in a message box
    window.ctx.tasks._report_error = errors.append
    wait_idle(qtbot, window)  # the start-up backup: the demo as it was
    patents = Patent.select().count()
    dialog = restore_dialog(window.ctx)
    qtbot.waitUntil(lambda: bool(dialog.backups), timeout=10000)
    daily = next(info.path for info in dialog.backups if info.reason == "daily")
    for round_ in range(ROUNDS):
        victim = Patent.select().order_by(Patent.id).first()
        window.ctx.edits.done(delete_record("patent", victim.id))
        assert Patent.select().count() == patents - 1
        started, results = threading.Event(), []
        window.ctx.tasks.run(_slow_read, started, 0.3, on_result=results.append, label="slow read")
        window.ctx.tasks.run(firm_summaries, on_result=results.append, label="firm list")
        assert started.wait(5)
        qtbot.waitUntil(lambda: dialog.select_backup(daily), timeout=10000)
        with qtbot.waitSignal(dialog.restored, timeout=30000):
            dialog.restore_selected()
        # the work that was running finished on the old data before the swap, or after it on the new
        assert len(results) == 2, round_
        # every page reads the restored database
        for key, page in window.pages.items():
            window.show_page(key)
            page.refresh()
            wait_idle(qtbot, window)
        assert Patent.get_or_none(Patent.id == victim.id) is not None, round_
        assert Patent.select().count() == patents and Firm.select().count() >= 1
        assert errors == [], (round_, errors)
    dialog.close()
    with sqlite3.connect(database_path()) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert check.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert "file is not a database" not in window.statusBar().currentMessage()
