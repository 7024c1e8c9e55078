"""Backups in the window: File → Restore backup… brings back the data of a backup (the window shows
it again, the list gains the copy of what was replaced), damaged copies are listed but cannot be
chosen, and the start-up backup is made once a day (the window's clock injected)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from test_transfer_helpers import transfer_window
from ui_helpers import show_list, wait_idle

from zgc_desk.db import database_path
from zgc_desk.models import Patent
from zgc_desk.paths import backups_dir_for
from zgc_desk.services.records import delete_record
from zgc_desk.ui.transfer.restore_dialog import restore_dialog

DAY = dt.date(2026, 11, 25)


def _backups_dir():
    return backups_dir_for(database_path())


def _open_restore(qtbot, window):
    dialog = restore_dialog(window.ctx)
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        pass  # the list is read off the GUI thread
    return dialog


def _rows(dialog) -> list[dict]:
    table = dialog.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    return [{h: table.item(r, c).text() if table.item(r, c) else "" for c, h in enumerate(headers)}
            for r in range(table.rowCount())]


def test_restoring_a_backup_undoes_a_later_change_and_the_list_shows_the_copy_of_it(qtbot, english, demo_db,
                                                                                     make_window):
    window = transfer_window(make_window)
    wait_idle(qtbot, window)  # the start-up backup holds the demo as it was
    page = show_list(qtbot, window, "patents")
    patents = Patent.select().count()
    victim = Patent.select().where(Patent.firm == window.ctx.firm_id).first()
    window.ctx.edits.done(delete_record("patent", victim.id))
    assert window.undo_action.isEnabled()
    qtbot.waitUntil(lambda: page.model.position_of(victim.id) is None, timeout=10000)

    dialog = _open_restore(qtbot, window)
    assert [(row["Reason"], row["Patents"]) for row in _rows(dialog)] == [("Daily backup", str(patents))]
    assert not dialog.restore_button.isEnabled()  # nothing chosen yet
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    # Restored, then the list is read again.
    with qtbot.waitSignal(dialog.loaded, timeout=15000), \
            qtbot.waitSignal(dialog.restored, timeout=15000) as restored:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert "backed up first" in window.ctx.dialogs.asked[-1]

    assert Patent.get_or_none(Patent.id == victim.id) is not None
    qtbot.waitUntil(lambda: page.model.position_of(victim.id) is not None, timeout=10000)
    assert restored.args[0].name in window.statusBar().currentMessage()
    by_reason = {row["Reason"]: row["Patents"] for row in _rows(dialog)}
    assert by_reason == {"Daily backup": str(patents), "Before a restore": str(patents - 1)}
    # the undo history was of the data replaced: gone, and the window says so
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    assert "Undo history cleared" in window.statusBar().currentMessage()


def test_declining_the_confirmation_changes_nothing(qtbot, demo_db, make_window):
    window = transfer_window(make_window)
    wait_idle(qtbot, window)
    dialog = _open_restore(qtbot, window)
    window.ctx.dialogs.answer = False
    dialog.table.selectRow(0)
    assert dialog.restore_selected() is None
    wait_idle(qtbot, window)
    assert len(list(_backups_dir().glob("*.db"))) == 1


def test_a_damaged_backup_is_listed_greyed_out_with_its_problem(qtbot, english, demo_db, make_window):
    window = transfer_window(make_window)
    wait_idle(qtbot, window)
    damaged = _backups_dir() / f"{database_path().stem}-20261101-090000-before-import.db"
    damaged.write_bytes(b"this is not a database" * 100)

    dialog = _open_restore(qtbot, window)
    rows = _rows(dialog)
    position = next(i for i, row in enumerate(rows) if row["Reason"] == "Before an import")
    assert rows[position]["Firms"].startswith("Cannot be restored:")
    assert dialog.table.columnSpan(position, 3) == 5
    assert not dialog.table.item(position, 0).flags() & Qt.ItemFlag.ItemIsEnabled
    assert not dialog.select_backup(damaged)
    dialog.table.selectRow(position)
    assert dialog.selected() is None and not dialog.restore_button.isEnabled()


def _window_on(qtbot, make_window, today: dt.date):
    window = transfer_window(make_window, today=today)
    wait_idle(qtbot, window)
    window.ctx.tasks.shutdown()
    return window


def _dailies() -> list[str]:
    return sorted(p.name for p in _backups_dir().glob("*-daily.db"))


def test_the_start_up_backup_is_made_once_a_day(qtbot, english, demo_db, make_window):
    first = _window_on(qtbot, make_window, DAY)
    assert len(_dailies()) == 1 and _dailies()[0].startswith(f"{demo_db.stem}-20261125-")
    assert "Today's backup" in first.statusBar().currentMessage()
    again = _window_on(qtbot, make_window, DAY)
    assert len(_dailies()) == 1
    assert again.statusBar().currentMessage() == ""
    _window_on(qtbot, make_window, DAY + dt.timedelta(days=1))
    assert [name.split("-")[1] for name in _dailies()] == ["20261125", "20261126"]


def test_a_failed_start_up_backup_is_a_status_message_not_a_crash(qtbot, english, demo_db, make_window):
    _backups_dir().write_text("a file where the backups folder should be")
    window = _window_on(qtbot, make_window, DAY)
    assert "could not be made" in window.statusBar().currentMessage()
    assert window.ctx.dialogs.messages == []  # nothing blocking
    assert window.isVisible()


def test_the_window_as_the_program_opens_it_backs_up_and_accepts_dropped_workbooks(qtbot, tmp_path):
    """Through ``open_window`` with every contribution, as ``zgc-desk`` starts: the hooks attach by
    themselves before ``ready``."""
    from zgc_desk.ui.app import open_window
    from zgc_desk.ui.settings import UiSettings

    path = tmp_path / "desk.db"
    window = open_window(path, with_demo=True, settings=UiSettings(tmp_path / "s.ini"), today=lambda: DAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=20000):
        pass
    wait_idle(qtbot, window)
    assert [p.name.split("-")[1] for p in backups_dir_for(path).glob("*-daily.db")] == ["20261125"]
    assert window.acceptDrops()
    window.ctx.tasks.shutdown()


def test_a_damaged_database_at_start_up_offers_the_newest_sound_backup(qtbot, english, demo_db, make_window):
    from zgc_desk.io import backups
    from zgc_desk.models import database
    from zgc_desk.ui.transfer import hooks as transfer_hooks

    window = transfer_window(make_window)
    wait_idle(qtbot, window)
    older = backups.backup_database(database, demo_db, "manual", now=dt.datetime(2026, 11, 20, 8, 0))
    hooks = window.ctx.extras[transfer_hooks.EXTRAS_KEY]
    damaged = backups.DamagedDatabase(demo_db, "database disk image is malformed",
                                      backups.newest_sound_backup(demo_db))
    hooks._backup_failed(damaged)
    assert "damaged" in window.ctx.dialogs.asked[-1] and "Restore backup" in window.ctx.dialogs.asked[-1]
    dialog = hooks.restore_offered
    qtbot.waitUntil(lambda: dialog.selected() is not None, timeout=10000)
    newest = backups.list_backups(demo_db)[0]
    assert dialog.selected().path == newest != older


def _held_copy(monkeypatch):
    """The start-up backup's copy, held half made until ``release`` is set."""
    import threading

    from zgc_desk.io import backups

    started, release = threading.Event(), threading.Event()
    real = backups._copy

    def held(db, partial):
        started.set()
        release.wait(60)
        real(db, partial)
    monkeypatch.setattr(backups, "_copy", held)
    return started, release


def test_closing_before_any_change_does_not_wait_for_the_start_up_backup(qtbot, english, demo_db, make_window,
                                                                       monkeypatch):
    """The copy is left to end with the process: a temporary until whole, which the next start
    removes if the process ended first (``atomic.clean_leftovers``, tested with the backups)."""
    started, release = _held_copy(monkeypatch)
    window = transfer_window(make_window, today=DAY)
    qtbot.waitUntil(started.is_set, timeout=20000)
    window.ctx.tasks.abandon_reads_at_close = True  # as run_app sets it
    assert window.ctx.tasks.shutdown(timeout_ms=60000)  # returns at once: the copy is not waited for
    assert not release.is_set() and window.ctx.tasks.abandoned()
    assert _dailies() == []  # a half-made copy is never a backup
    assert [p.name for p in _backups_dir().iterdir() if p.name.endswith(".zgc-part")]
    release.set()
    qtbot.waitUntil(lambda: not window.ctx.tasks.abandoned(), timeout=20000)


def test_after_a_change_closing_waits_for_the_start_up_backup(qtbot, english, demo_db, make_window, monkeypatch):
    import threading

    started, release = _held_copy(monkeypatch)
    window = transfer_window(make_window, today=DAY)
    qtbot.waitUntil(started.is_set, timeout=20000)
    victim = Patent.select().where(Patent.firm == window.ctx.firm_id).first()
    window.ctx.edits.done(delete_record("patent", victim.id))
    window.ctx.tasks.abandon_reads_at_close = True
    threading.Timer(0.5, release.set).start()  # the copy ends half a second into the close
    assert window.ctx.tasks.shutdown(timeout_ms=60000)
    assert release.is_set() and not window.ctx.tasks.abandoned()
    assert len(_dailies()) == 1
