"""The window warns before a pledged patent is deleted or recorded as lapsed (issue 16 §2), and the
Due list shows which loan a fee keeps secured."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import show_list

from zgc_desk.models import Patent
from zgc_desk.services import records


def _pledge(patent: Patent) -> None:
    records.create_record("pledge_loan", {
        "loan_no": "JK-2026-088", "lender": "北京银行中关村分行", "principal_cny": 2_000_000,
        "annual_rate_pct": "3.9", "start_date": "2026-03-01", "pledged": patent.application_no},
        firm_id=patent.firm_id)


def test_deleting_a_pledged_patent_names_the_loan_first(qtbot, window):
    page = show_list(qtbot, window, "patents")
    record_id = page.model.id_at(0)
    _pledge(Patent.get_by_id(record_id))
    window.ctx.dialogs.answer = False  # the user thinks again
    page.view.selectRow(0)
    page.delete_selected()
    assert "JK-2026-088" in window.ctx.dialogs.asked[-1] and "质权人" in window.ctx.dialogs.asked[-1]
    assert Patent.get_or_none(Patent.id == record_id) is not None  # refused: nothing deleted

    other = page.model.id_at(1)
    page.view.selectRow(1)
    page.delete_selected()
    assert "JK-2026-088" not in window.ctx.dialogs.asked[-1]  # an unpledged patent: the plain question
    assert other


def test_recording_a_pledged_patent_as_lapsed_asks_first(qtbot, window):
    page = show_list(qtbot, window, "patents")
    patent = Patent.get(Patent.firm == window.ctx.firm_id, Patent.status == "granted")
    _pledge(patent)
    from zgc_desk.ui.dialogs.editor import RecordEditor

    editor = RecordEditor(window.ctx, "patent", patent.id)
    qtbot.addWidget(editor)
    editor.inputs["status"].set_value("lapsed")
    window.ctx.dialogs.answer = False
    editor.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "JK-2026-088" in window.ctx.dialogs.asked[-1]
    assert Patent.get_by_id(patent.id).status == "granted"  # not saved
    assert page is not None


def test_deciding_to_drop_a_pledged_patent_asks_first(qtbot, window):
    patent = Patent.get(Patent.firm == window.ctx.firm_id, Patent.status == "granted")
    _pledge(patent)
    from zgc_desk.ui.dialogs.editor import RecordEditor

    editor = RecordEditor(window.ctx, "patent", patent.id)
    qtbot.addWidget(editor)
    editor.inputs["drop_from"].set_value("2027-01-01")
    window.ctx.dialogs.answer = False
    editor.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "JK-2026-088" in window.ctx.dialogs.asked[-1]
    assert Patent.get_by_id(patent.id).drop_from is None  # not saved
    window.ctx.dialogs.answer = True
    editor.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert str(Patent.get_by_id(patent.id).drop_from) == "2027-01-01"
