"""The Files tab of a record (demo database): a file added through the picker is listed with its size,
opened as a copy under its own name, removed after asking, and brought back by the window's Undo; a
lost file is marked in the list."""

from __future__ import annotations

import hashlib

import pytest

from zgc_desk.models import Attachment, Patent, database
from zgc_desk.paths import attachments_dir_for

CONTENT = b"%PDF-1.4 grant certificate " * 50


@pytest.fixture
def editor(window, qtbot, tmp_path):
    patent = Patent.select().where(Patent.firm == window.ctx.firm_id).order_by(Patent.id).first()
    dialog = window.ctx.open_editor("patent", patent.id)
    qtbot.addWidget(dialog)
    source = tmp_path / "授权证书.pdf"
    source.write_bytes(CONTENT)
    window.ctx.dialogs.files_to_open.append(source)
    return dialog


def test_add_open_remove_and_undo(english, window, editor, qtbot):
    panel = editor.files
    assert editor.tabs.isTabEnabled(2) and editor.tabs.tabText(2) == "Files"
    with qtbot.waitSignal(panel.changed, timeout=5000):
        panel.add_button.click()
    assert panel.table.rowCount() == 1
    row = [panel.table.item(0, c).text() for c in range(panel.table.columnCount())]
    assert row[0] == "授权证书.pdf" and row[1] == "1.4 kB" and row[4] == "file present"
    panel.table.selectRow(0)
    panel.open_button.click()
    viewed = window.ctx.dialogs.viewed[-1]
    assert viewed.name == "授权证书.pdf" and viewed.read_bytes() == CONTENT
    with qtbot.waitSignal(panel.changed, timeout=5000):
        panel.remove_button.click()
    assert "授权证书.pdf" in window.ctx.dialogs.asked[-1] and panel.table.rowCount() == 0
    with qtbot.waitSignal(panel.changed, timeout=5000):
        window.undo_action.trigger()
    assert panel.table.rowCount() == 1 and Attachment.select().count() == 1


def test_removing_asks_and_no_keeps_the_file(window, editor, qtbot):
    panel = editor.files
    with qtbot.waitSignal(panel.changed, timeout=5000):
        panel.add_button.click()
    panel.table.selectRow(0)
    window.ctx.dialogs.answer = False
    panel.remove_button.click()
    assert Attachment.select().count() == 1


def test_a_lost_file_is_marked(english, window, editor, qtbot):
    panel = editor.files
    with qtbot.waitSignal(panel.changed, timeout=5000):
        panel.add_button.click()
    sha = hashlib.sha256(CONTENT).hexdigest()
    (attachments_dir_for(database.obj.database) / sha[:2] / sha).unlink()
    panel.reload()
    assert panel.table.item(0, 4).text() == "file missing" and "Restore a backup" in panel.note.text()
    panel.table.selectRow(0)
    panel.open_button.click()
    assert window.ctx.dialogs.viewed == [] and "授权证书.pdf" in window.ctx.dialogs.messages[-1]


def test_a_new_record_has_its_files_tab_off_until_saved(window, qtbot):
    dialog = window.ctx.open_editor("notice", None)
    qtbot.addWidget(dialog)
    assert not dialog.tabs.isTabEnabled(2)
