"""File → Import workbook… through the real window: the preview lists every error with Import
disabled and writes nothing; a correct workbook shows its counts and imports on confirmation; the
error workbook; Cancel while checking; a workbook dropped onto the window."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from test_transfer_helpers import patent, preview, transfer_window, write_patents
from ui_helpers import show_list, wait_idle
from zgc_io_helpers import dump_tables

from zgc_desk.db import database_path
from zgc_desk.io.error_workbook import CELL_FILL
from zgc_desk.models import Firm, Patent
from zgc_desk.paths import backups_dir_for


def _code(window) -> str:
    return Firm.get_by_id(window.ctx.firm_id).credit_code


def _bad_book(window, path):
    code = _code(window)
    return write_patents(path, [patent(code, 1), patent(code, 2, application_no="202110344405.3"),
                                patent(code, 3, filing_date="2021-02-30")])


def _table_rows(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_two_bad_rows_are_both_listed_import_is_disabled_and_nothing_is_written(qtbot, english, demo_db,
                                                                                make_window, tmp_path):
    window = transfer_window(make_window)
    wait_idle(qtbot, window)  # the start-up backup
    before = dump_tables(demo_db)
    dialog = preview(qtbot, window, _bad_book(window, tmp_path / "bad.xlsx"))

    assert dialog.errors.toPlainText().splitlines() == [
        'Patents row 3 Application number "202110344405.3": Check character should be 7',
        'Patents row 4 Filing date "2021-02-30": 2021-02-30 is not a real date',
    ]
    assert not dialog.import_button.isEnabled()
    assert dialog.save_errors_button.isVisible()
    assert "2 errors" in dialog.heading.text()
    assert dialog.counts.isHidden()  # nothing is counted for a workbook that cannot be imported
    assert dialog.start_import() is None  # even called directly
    dialog.reject()
    wait_idle(qtbot, window)
    assert dump_tables(demo_db) == before


def test_a_correct_workbook_shows_its_counts_and_imports_into_the_patents_table(qtbot, english, demo_db,
                                                                                 make_window, tmp_path):
    window = transfer_window(make_window)
    page = show_list(qtbot, window, "patents")
    code = _code(window)
    existing = Patent.select().where(Patent.firm == window.ctx.firm_id).first()
    rows = [patent(code, 11), patent(code, 12),
            {"firm_credit_code": code, "application_no": existing.application_no, "kind": "发明",
             "title": existing.title, "filing_date": existing.filing_date}]
    book = write_patents(tmp_path / "good.xlsx", rows)
    before = Patent.select().count()
    dialog = preview(qtbot, window, book)

    assert dialog.import_button.isEnabled() and dialog.errors.isHidden()
    assert _table_rows(dialog.counts) == [["Patents", "2", "0", "1", ""]]  # nothing updated, no column changes
    assert Patent.select().count() == before  # the preview wrote nothing
    with qtbot.waitSignal(dialog.imported, timeout=15000) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    added = [Patent.get(Patent.application_no == row["application_no"]) for row in rows[:2]]
    qtbot.waitUntil(lambda: all(page.model.position_of(p.id) is not None for p in added), timeout=10000)
    assert Patent.select().count() == before + 2
    assert window.statusBar().currentMessage() == (
        "Imported good.xlsx: 2 added, 0 updated, 1 unchanged. Undo history cleared: this cannot be undone step by "
        "step (restore the backup taken before it instead).")
    assert not window.undo_action.isEnabled()
    assert blocker.args[0].backup is not None and blocker.args[0].backup.parent == backups_dir_for(database_path())
    assert not dialog.isVisible()


def test_the_error_list_is_saved_as_a_workbook_with_the_bad_cells_highlighted(qtbot, english, demo_db,
                                                                              make_window, tmp_path):
    window = transfer_window(make_window)
    dialog = preview(qtbot, window, _bad_book(window, tmp_path / "bad.xlsx"))
    window.ctx.dialogs.files_to_save.append(tmp_path / "out" / "bad errors.xlsx")
    with qtbot.waitSignal(dialog.errors_saved, timeout=15000) as blocker:
        qtbot.mouseClick(dialog.save_errors_button, Qt.MouseButton.LeftButton)

    saved = blocker.args[0]
    workbook = load_workbook(saved)
    assert workbook.sheetnames[:2] == ["Errors", "专利"]
    problems = [row[6] for row in workbook["Errors"].iter_rows(min_row=2, values_only=True)]
    assert problems == dialog.errors.toPlainText().splitlines()
    assert workbook["专利"]["B3"].fill.fgColor.rgb.endswith(CELL_FILL.fgColor.rgb[-6:])
    assert workbook["专利"]["B2"].fill.fill_type is None  # the good row is left alone
    assert window.ctx.dialogs.opened == [saved.parent]  # "Open the folder?" answered yes


def test_cancel_while_checking_shows_no_preview(qtbot, english, demo_db, make_window, tmp_path):
    from zgc_desk.ui.transfer.import_flow import import_workbook

    window = transfer_window(make_window)
    code = _code(window)
    book = write_patents(tmp_path / "big.xlsx", [patent(code, n) for n in range(3000)])
    window.ctx.dialogs.files_to_open.append(book)
    flow = import_workbook(window.ctx)
    with qtbot.waitSignal(flow.cancelled, timeout=15000):
        flow.task.cancel()  # what the progress dialog's Cancel button does
    wait_idle(qtbot, window)
    assert flow.dialog is None
    assert "nothing was written" in window.statusBar().currentMessage()


def _drag_data(path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


def test_a_workbook_dropped_onto_the_window_opens_the_preview(qtbot, english, demo_db, make_window, tmp_path):
    from zgc_desk.ui.transfer.preview_dialog import ImportPreviewDialog

    window = transfer_window(make_window)
    book = _bad_book(window, tmp_path / "dropped.xlsx")
    point = QPointF(window.width() / 2, window.height() / 2)
    copy = Qt.DropAction.CopyAction
    text = tmp_path / "notes.txt"
    text.write_text("x")
    text_data, book_data = _drag_data(text), _drag_data(book)  # kept alive: the events only point at them
    refused = QDragEnterEvent(point.toPoint(), copy, text_data, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
    refused.setAccepted(False)
    QApplication.sendEvent(window, refused)
    assert not refused.isAccepted()

    enter = QDragEnterEvent(point.toPoint(), copy, book_data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(point, copy, book_data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)

    def shown():
        return [d for d in window.findChildren(ImportPreviewDialog) if d.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()), timeout=15000)
    dialog = shown()[0]
    assert dialog.plan.path == book
    assert len(dialog.errors.toPlainText().splitlines()) == 2


def test_the_import_action_is_in_the_file_menu_and_on_the_tool_bar(qtbot, demo_db, make_window):
    window = transfer_window(make_window)
    for key in ("import", "export", "template", "restore"):
        assert window.action(key).isEnabled()
    assert window.action("import") in window.toolbar.actions()
    assert window.acceptDrops()


def test_redo_is_off_after_an_import_cleared_the_history(qtbot, english, demo_db, make_window, tmp_path):
    window = transfer_window(make_window)
    page = show_list(qtbot, window, "patents")
    record_id = page.model.id_at(0)
    window.ctx.edits.update("patent", record_id, {"title": "改过"})
    window.undo_action.trigger()
    assert window.redo_action.isEnabled() and not window.undo_action.isEnabled()
    code = _code(window)
    dialog = preview(qtbot, window, write_patents(tmp_path / "good.xlsx", [patent(code, 21)]))
    with qtbot.waitSignal(dialog.imported, timeout=15000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert not window.redo_action.isEnabled() and not window.undo_action.isEnabled()
    assert window.redo_action.text() == "&Redo"
    window.redo_action.trigger()  # even by its shortcut: nothing happens, nothing is said
    assert window.ctx.dialogs.messages == []
    assert Patent.get_by_id(record_id).title != "改过"


def test_redo_goes_off_when_an_import_elsewhere_cleared_the_history(qtbot, english, demo_db, make_window,
                                                                     tmp_path, cli):
    """`zgc-desk import` in another process while the window stays active (no activation to
    re-read the history): the change counter brings the news, and Redo goes off at once."""
    from zgc_desk.ui.contrib.shared_db import ChangeWatcher

    window = transfer_window(make_window)
    watcher = ChangeWatcher(window.ctx)
    page = show_list(qtbot, window, "patents")
    wait_idle(qtbot, window)
    watcher.poll()  # starts counting
    record_id = page.model.id_at(0)
    window.ctx.edits.update("patent", record_id, {"title": "改过"})
    window.undo_action.trigger()
    assert window.redo_action.isEnabled()
    book = write_patents(tmp_path / "elsewhere.xlsx", [patent(_code(window), 31)])
    result = cli("import", book, "--db", demo_db)
    assert result.returncode == 0, result.stderr
    assert window.redo_action.isEnabled()  # not heard of yet
    wait_idle(qtbot, window)
    watcher.poll()
    assert not window.redo_action.isEnabled() and not window.undo_action.isEnabled()


def test_a_stale_redo_says_there_is_nothing_to_redo_and_goes_off(qtbot, english, demo_db, make_window):
    from zgc_desk.operations import clear_history

    window = transfer_window(make_window)
    page = show_list(qtbot, window, "patents")
    record_id = page.model.id_at(0)
    window.ctx.edits.update("patent", record_id, {"title": "改过"})
    window.undo_action.trigger()
    clear_history()  # as an import by someone else does, unheard of by the window
    assert window.redo_action.isEnabled()
    window.redo_action.trigger()
    assert window.ctx.dialogs.messages == []  # no error box: a note in the status bar
    assert window.statusBar().currentMessage() == "Nothing to redo"
    assert not window.redo_action.isEnabled()
    assert Patent.get_by_id(record_id).title != "改过"
