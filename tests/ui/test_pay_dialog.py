"""The Due list's "Mark paid" dialog in the real window on the demo database (as of 2026-11-25):
defaults (today, the fee with its surcharge for that day), the amount following the day until one is
typed, each wrong field named under it with OK disabled and nothing written, and saving as one
undoable step holding the paid-through year and the payment.

The demo's missed annual fee is one whose due date has passed within the 6-month grace period:
Implementing Regulations 2023 Art. 115, 5 % of the full fee per month late beyond the first."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

import pytest
from ui_helpers import wait_idle

from zgc_desk.models import ChangeLog, Patent, Payment
from zgc_desk.services.payments import payments_of, proposal
from zgc_desk.ui.contrib import deadlines as contribution
from zgc_desk.ui.due.model import DEADLINE_ROLE, identity
from zgc_desk.ui.due.pay_dialog import PaymentDialog, amount_text

AS_OF = dt.date(2026, 11, 25)


@pytest.fixture
def page(demo_db, make_window, qtbot):
    window = make_window(contributions=[contribution])
    page = window.pages["due"]
    qtbot.waitUntil(lambda: page.data is not None and not window.ctx.tasks.busy, timeout=10000)
    window.show_page("due")
    wait_idle(qtbot, window)
    page.view_choice.setCurrentIndex(page.view_choice.findData("year"))
    return page


def missed_fee(page):
    model = page.model
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for r in range(model.rowCount(group)):
            d = model.index(r, 0, group).data(DEADLINE_ROLE)
            if d.kind == "annuity" and d.state == "missed" and d.office == "CN":
                index = model.index_of(identity(d))
                page.view.setCurrentIndex(index)
                page.view.selectionModel().select(index, page.view.selectionModel().SelectionFlag.ClearAndSelect
                                                  | page.view.selectionModel().SelectionFlag.Rows)
                return page.current_deadline()
    raise AssertionError("the demo has a missed Chinese annual fee")


def open_dialog(page, qtbot) -> PaymentDialog:
    dialog = page.mark_done_selected()
    assert isinstance(dialog, PaymentDialog)
    qtbot.addWidget(dialog)
    return dialog


def ok(dialog):
    return dialog.buttons.button(dialog.buttons.StandardButton.Ok)


def test_defaults_are_today_and_the_fee_with_its_surcharge(page, qtbot, english):
    d = missed_fee(page)
    dialog = open_dialog(page, qtbot)
    assert dialog.paid_on.value() == AS_OF.isoformat()
    # year-6 fee of an invention filed 2021-09-25, 1,200 yuan reduced by 85 % to 180, due on the
    # anniversary, the Mid-Autumn holiday, so on Monday 2026-09-28; on 2026-11-25 in the 2nd month
    # late: 5 % of the full fee, 60 yuan (fees.yaml: the full fee is the base, marked unverified)
    assert (d.year, d.due, d.amount_cny) == (6, dt.date(2026, 9, 28), 180)
    offer = proposal(d, AS_OF)
    assert (offer.late, offer.surcharge, offer.amount) == (True, Decimal(60), Decimal(240))
    assert dialog.amount.value() == "240"
    assert dialog.currency.text() == "CNY"
    assert "late-payment surcharge" in dialog.fee_note.text() and d.due.isoformat() in dialog.fee_note.text()
    assert ok(dialog).isEnabled()
    # paid on the due date itself: the fee alone
    dialog.paid_on.set_value(d.due)
    dialog.paid_on.edited.emit()
    assert dialog.amount.value() == "180"
    assert "no surcharge" in dialog.fee_note.text()
    # the 1st month late ends on 2026-10-25, a Sunday, so on Monday 10-26; the 2nd on 11-25
    for day, amount in (("2026-10-26", "180"), ("2026-10-27", "240"), ("2026-11-25", "240")):
        dialog.paid_on.set_value(day)
        dialog.paid_on.edited.emit()
        assert dialog.amount.value() == amount, day
    assert proposal(d, dt.date(2026, 11, 26)).surcharge == Decimal(120)  # 3rd month: 10 %
    dialog.paid_on.set_value("2026-10-26")
    dialog.paid_on.edited.emit()
    assert "first month" in dialog.fee_note.text()
    assert amount_text(Decimal("1076.5")) == "1076.50"


def test_a_typed_amount_stays_when_the_day_changes(page, qtbot, english):
    missed_fee(page)
    dialog = open_dialog(page, qtbot)
    dialog.amount.line.setText("1234.50")
    dialog.amount.edited.emit()
    dialog.paid_on.set_value("2026-11-20")
    dialog.paid_on.edited.emit()
    assert dialog.amount.value() == "1234.50"


@pytest.mark.parametrize(("field", "value", "words"), [
    ("amount", "9oo", "is not an amount"),
    ("amount", "", "required"),
    ("paid_on", "2026-11-26", "in the future"),
    ("paid_on", "1999-01-01", "before the filing date"),
    ("paid_on", "2026-13-01", "not a real date"),
    ("paid_on", "next week", "expected a date"),
])
def test_a_wrong_field_is_named_under_it_and_nothing_is_written(page, qtbot, english, field, value, words):
    d = missed_fee(page)
    dialog = open_dialog(page, qtbot)
    widget = dialog.amount if field == "amount" else dialog.paid_on
    widget.line.setText(value)
    widget.edited.emit()
    assert words in dialog.errors[field].text() and not dialog.errors[field].isHidden()
    assert not ok(dialog).isEnabled()
    before = ChangeLog.select().count()
    dialog.accept()
    assert dialog.isVisible() or not dialog.result()
    assert Payment.select().count() == 0 and ChangeLog.select().count() == before
    assert Patent.get_by_id(d.matter_id).annuity_paid_through == d.year - 1


def test_saving_records_the_payment_and_undo_takes_both_away(page, qtbot, english, tmp_path):
    d = missed_fee(page)
    dialog = open_dialog(page, qtbot)
    dialog.paid_on.set_value("2026-11-20")
    dialog.paid_on.edited.emit()
    dialog.receipt.line.setText("110101202611200001")
    dialog.receipt.edited.emit()
    expected = proposal(d, dt.date(2026, 11, 20))
    if os.environ.get("ZGC_SCREENSHOTS"):
        dialog.grab().save(str(tmp_path / "pay-dialog-en.png"))
    with qtbot.waitSignal(page.loaded, timeout=10000):
        ok(dialog).click()
    assert Patent.get_by_id(d.matter_id).annuity_paid_through == d.year
    [paid] = payments_of("patent", d.matter_id)
    assert (paid.paid_on, paid.amount, paid.surcharge, paid.receipt_no) == (
        dt.date(2026, 11, 20), expected.amount, expected.surcharge, "110101202611200001")
    # the record shows it: a row in its Payments tab, a line in its History
    editor = page.ctx.open_editor("patent", d.matter_id)
    qtbot.addWidget(editor)
    tabs = [editor.tabs.tabText(i) for i in range(editor.tabs.count())]
    assert tabs[-1] == "Payments"
    table = editor.payments.table
    cells = [table.item(0, c).text() for c in range(table.columnCount())]
    assert cells[0] == "Annual fee, year 6 (CN)" and cells[1] == "2026-09-28"
    assert cells[2] == "2026-11-20 (late)" and "240.00" in cells[3] and "60.00" in cells[4]
    assert cells[5] == "110101202611200001"
    history = editor.history.model()
    texts = [history.index(r, 3).data() for r in range(history.rowCount())]
    assert any("Payment: — → Annual fee, year 6 (CN): " in t and "110101202611200001" in t for t in texts)
    if os.environ.get("ZGC_SCREENSHOTS"):
        editor.tabs.setCurrentWidget(editor.payments)
        editor.grab().save(str(tmp_path / "payments-tab-en.png"))
    window = page.ctx.window
    assert "Fee paid" in window.undo_action.text()
    with qtbot.waitSignal(editor.payments.changed, timeout=10000):
        window.undo_action.trigger()
    assert payments_of("patent", d.matter_id) == [] and editor.payments.table.rowCount() == 0
    assert Patent.get_by_id(d.matter_id).annuity_paid_through == d.year - 1
    editor.reject()


def test_the_dialog_speaks_chinese(page, qtbot, tmp_path):
    missed_fee(page)
    dialog = open_dialog(page, qtbot)
    assert dialog.windowTitle() == "标记已缴费"
    assert "滞纳金" in dialog.fee_note.text()
    dialog.amount.line.setText("abc")
    dialog.amount.edited.emit()
    assert "不是金额" in dialog.errors["amount"].text()
    if os.environ.get("ZGC_SCREENSHOTS"):
        dialog.grab().save(str(tmp_path / "pay-dialog-zh.png"))
