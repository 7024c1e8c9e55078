"""The acceptance scenarios of the desktop window, driven through real widgets on a demo database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import show_list, type_text, wait_idle

from zgc_desk.models import Firm, Patent
from zgc_desk.numbers import make_cn_application
from zgc_desk.services import history, list_ids
from zgc_desk.ui.settings import LAST_FIRM_ID


def _ok(editor):
    return editor.buttons.button(QDialogButtonBox.StandardButton.Ok)


def _type(qtbot, editor, key: str, text: str) -> None:
    widget = editor.inputs[key]
    line = widget.line
    line.clear()
    type_text(qtbot, line, text)


def test_add_a_patent_through_the_dialog_and_see_it_in_the_table(qtbot, window):
    page = show_list(qtbot, window, "patents")
    before = page.model.rowCount()
    editor = page.new_record()
    qtbot.addWidget(editor)
    number = make_cn_application(2026, 1, 5550001)
    _type(qtbot, editor, "application_no", number)
    _type(qtbot, editor, "title", "一种测试用的芯片散热方法")
    _type(qtbot, editor, "filing_date", "2026-03-05")
    assert editor.inputs["kind"].value() == "invention"  # filled from the number's type digit
    assert _ok(editor).isEnabled()
    qtbot.mouseClick(_ok(editor), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.model.rowCount() == before + 1, timeout=5000)
    patent = Patent.get(Patent.application_no == number)
    position = page.model.position_of(patent.id)
    assert position is not None
    assert page.model.index(position, 0).data() == number
    assert patent.firm_id == window.ctx.firm_id
    assert [e["action"] for e in history("patent", patent.id)] == ["create"]


def test_a_wrong_check_character_keeps_ok_disabled_and_names_the_expected_one(qtbot, window):
    page = show_list(qtbot, window, "patents")
    editor = page.new_record()
    qtbot.addWidget(editor)
    _type(qtbot, editor, "title", "一种方法")
    _type(qtbot, editor, "filing_date", "2021-03-05")
    _type(qtbot, editor, "application_no", "202110344405.3")  # the right check character is 7

    error = editor.errors["application_no"]
    assert not error.isHidden()
    assert "7" in error.text()
    assert "202110344405.7" in error.text()  # offered as a one-click fix
    assert not _ok(editor).isEnabled()

    editor._apply_fix("application_no")  # what clicking the offered fix does
    assert editor.inputs["application_no"].value() == "202110344405.7"
    assert error.isHidden()
    assert _ok(editor).isEnabled()


def test_impossible_dates_and_missing_fields_are_refused_as_you_type(qtbot, window):
    page = show_list(qtbot, window, "patents")
    editor = page.new_record()
    qtbot.addWidget(editor)
    _type(qtbot, editor, "filing_date", "2021-02-30")
    assert "2021-02-30" in editor.errors["filing_date"].text()
    assert not _ok(editor).isEnabled()
    assert editor.summary.text()  # says which required fields are still empty
    editor.inputs["filing_date"].calendar.clicked.emit(editor.inputs["filing_date"].calendar.selectedDate())
    assert editor.errors["filing_date"].isHidden()


def test_filter_by_a_partial_number_in_any_written_form(qtbot, window):
    page = show_list(qtbot, window, "patents")
    firm_id = window.ctx.firm_id
    target = Patent.select().where(Patent.firm == firm_id).order_by(Patent.id).first()
    digits = target.application_no.replace(".", "")
    typed = f"ZL {digits[:4]} {digits[4:9]}"  # e.g. "ZL 2021 10344" — spaces and a ZL prefix
    expected = list_ids("patent", firm_id, search=typed, order_by="application_no")
    assert 0 < len(expected) < page.model.rowCount()

    qtbot.keyClicks(page.search, typed)
    qtbot.waitUntil(lambda: page.model.ids == expected, timeout=5000)
    assert target.id in page.model.ids
    assert str(len(expected)) in window.status_label.text()

    page.search.clear()
    qtbot.waitUntil(lambda: len(page.model.ids) == Patent.select().where(Patent.firm == firm_id).count(),
                    timeout=5000)


def test_delete_then_undo_then_redo(qtbot, window):
    page = show_list(qtbot, window, "patents")
    record_id = page.model.id_at(2)
    number = page.model.index(2, 0).data()
    page.view.selectRow(2)
    page.delete_selected()

    assert window.ctx.dialogs.asked and number in window.ctx.dialogs.asked[0]
    qtbot.waitUntil(lambda: record_id not in page.model.ids, timeout=5000)
    assert Patent.get_or_none(Patent.id == record_id) is None

    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: record_id in page.model.ids, timeout=5000)
    assert Patent.get_by_id(record_id).application_no == number
    assert [e["action"] for e in history("patent", record_id)] == ["create", "undo"]  # the delete is taken back
    assert window.redo_action.isEnabled() and number in window.redo_action.text()

    qtbot.keyClick(page.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: record_id not in page.model.ids, timeout=5000)


def test_declining_the_confirmation_keeps_the_record(qtbot, window):
    page = show_list(qtbot, window, "patents")
    record_id = page.model.id_at(0)
    page.view.selectRow(0)
    window.ctx.dialogs.answer = False
    page.delete_selected()
    assert Patent.get_or_none(Patent.id == record_id) is not None
    assert not window.undo_action.isEnabled()  # the demo is no undo step, and nothing was done


def test_edit_through_the_dialog_with_undo_and_redo(qtbot, window):
    page = show_list(qtbot, window, "patents")
    record_id = page.model.id_at(0)
    old_title = Patent.get_by_id(record_id).title
    page.view.selectRow(0)
    editor = page.edit_selected()
    qtbot.addWidget(editor)
    assert editor.tabs.isTabEnabled(1)  # History tab of an existing record
    _type(qtbot, editor, "title", "改过的名称")
    qtbot.mouseClick(_ok(editor), Qt.MouseButton.LeftButton)
    assert Patent.get_by_id(record_id).title == "改过的名称"
    title_column = [c.key for c in page.model.columns].index("title")
    qtbot.waitUntil(lambda: page.model.index(page.model.position_of(record_id), title_column).data() == "改过的名称")

    window.undo_action.trigger()
    assert Patent.get_by_id(record_id).title == old_title
    window.redo_action.trigger()
    assert Patent.get_by_id(record_id).title == "改过的名称"
    actions = [e["action"] for e in history("patent", record_id)]
    assert actions.count("update") == 1  # undo took its entry back, redo put it back


def test_switch_firms(qtbot, window, ui_settings):
    page = show_list(qtbot, window, "patents")
    other = Firm.select().where(Firm.id != window.ctx.firm_id).first()
    row = window.firm_panel.model.row_of(other.id)
    rect = window.firm_panel.list.visualRect(window.firm_panel.model.index(row))
    qtbot.mouseClick(window.firm_panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert window.ctx.firm_id == other.id
    wait_idle(qtbot, window)
    assert sorted(page.model.ids) == sorted(list_ids("patent", other.id))
    assert other.name in window.windowTitle()
    assert ui_settings.get(LAST_FIRM_ID) == other.id


def test_firm_search_narrows_the_switcher(qtbot, window):
    panel = window.firm_panel
    firm = Firm.select().order_by(Firm.name.desc()).first()
    qtbot.keyClicks(panel.search, firm.credit_code[-6:].lower())
    assert panel.model.rowCount() == 1
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert window.ctx.firm_id == firm.id
