"""The Due list in the real window on the demo database (as of 2026-11-25, given through ctx.today):
grouping by month, urgency colours, the provisional mark and the basis, filters, marking done with
undo through the services, the national-phase dialog, export to Excel, lead times and the
start-up summary."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from ui_helpers import wait_idle

from zgc_desk.models import OverseasFiling, Patent, Trademark
from zgc_desk.services.deadlines import list_deadlines
from zgc_desk.services.due_list import is_coming
from zgc_desk.services.payments import payments_of
from zgc_desk.services.settings import get_setting, set_setting
from zgc_desk.ui.contrib import deadlines as contribution
from zgc_desk.ui.due.look import URGENCY_COLOURS
from zgc_desk.ui.due.model import DEADLINE_ROLE, identity
from zgc_desk.ui.due.pay_dialog import PaymentDialog

AS_OF = dt.date(2026, 11, 25)


@pytest.fixture
def window(demo_db, make_window, qtbot, english):
    window = make_window(contributions=[contribution])
    page = window.pages["due"]
    qtbot.waitUntil(lambda: page.data is not None and not window.ctx.tasks.busy, timeout=10000)
    return window


@pytest.fixture
def page(window, qtbot):
    page = window.pages["due"]
    window.show_page("due")
    wait_idle(qtbot, window)
    return page


def choose(combo, value) -> None:
    position = combo.findData(value)
    assert position >= 0, value
    combo.setCurrentIndex(position)


def rows(page) -> list:
    """(group label, deadline) for every deadline row, in display order."""
    model = page.model
    out = []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for r in range(model.rowCount(group)):
            out.append((group.data(), model.index(r, 0, group).data(DEADLINE_ROLE)))
    return out


def select(page, qtbot, predicate):
    """Select the first row whose deadline satisfies ``predicate``; returns the deadline."""
    for key in [identity(d) for _label, d in rows(page) if predicate(d)][:1]:
        index = page.model.index_of(key)
        page.view.setCurrentIndex(index)
        page.view.selectionModel().select(index, page.view.selectionModel().SelectionFlag.ClearAndSelect
                                          | page.view.selectionModel().SelectionFlag.Rows)
        return page.current_deadline()
    raise AssertionError("no such row")


def reloaded(page, qtbot, action):
    with qtbot.waitSignal(page.loaded, timeout=10000):
        action()


def test_lists_the_demo_deadlines_grouped_by_month(page, qtbot, window):
    choose(page.view_choice, "year")
    expected = list_deadlines(as_of=AS_OF, firm=window.ctx.firm_id)
    shown = [d for _label, d in rows(page)]
    assert [identity(d) for d in shown] == [identity(d) for d in expected]
    months = sorted({(d.due.year, d.due.month) for d in expected})
    assert [page.model.index(g, 0).data(Qt.ItemDataRole.UserRole + 3) for g in range(page.model.rowCount())] == months
    labels = [page.model.index(g, 0).data() for g in range(page.model.rowCount())]
    assert labels[0].startswith("September 2026") and any(label.startswith("January 2027") for label in labels)
    for label, d in rows(page):
        assert label.startswith(dt.date(d.due.year, d.due.month, 1).strftime("%B %Y"))
    assert f"{len(expected)} deadlines" in page.status_text()


def test_coming_view_holds_what_is_within_its_lead_time(page, window):
    choose(page.view_choice, "coming")
    leads = get_setting("lead_days")
    shown = [d for _label, d in rows(page)]
    everything = list_deadlines(as_of=AS_OF, firm=window.ctx.firm_id)
    assert shown and len(shown) < len(everything)
    assert [identity(d) for d in shown] == [identity(d) for d in everything if is_coming(d, AS_OF, leads)]
    assert all(d.state == "missed" or d.main_due or (d.due - AS_OF).days <= leads.get(d.kind, leads["default"])
               for d in shown)


def test_overdue_rows_are_red_and_the_rest_by_urgency(page, qtbot):
    choose(page.view_choice, "year")
    colours = {}
    for _label, d in rows(page):
        index = page.model.index_of(identity(d), column=2)
        brush = index.data(Qt.ItemDataRole.BackgroundRole)
        colours[d.state, (d.due - AS_OF).days <= 90] = brush.color() if brush is not None else None
    assert colours["missed", True] == QColor(URGENCY_COLOURS["overdue"][1])
    assert colours["open", True] == QColor(URGENCY_COLOURS["near"][1])
    assert colours["open", False] is None  # later: the palette's own background


def test_provisional_dates_are_flagged_with_their_basis(page):
    choose(page.view_choice, "year")
    provisional = [d for _label, d in rows(page) if d.provisional]
    firm = [d for _label, d in rows(page) if not d.provisional]
    assert provisional and firm
    index = page.model.index_of(identity(provisional[0]))
    assert index.data().endswith("*")
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "No official holiday calendar for 2027" in tip and "source:" in tip
    plain = page.model.index_of(identity(firm[0]))
    assert not plain.data().endswith("*") and plain.data(Qt.ItemDataRole.DecorationRole) is None


def test_the_detail_pane_shows_rule_source_base_date_and_period(page, qtbot):
    choose(page.view_choice, "year")
    d = select(page, qtbot, lambda d: d.kind == "annuity" and d.state == "missed")
    text = page.detail.toPlainText()
    assert d.basis.source in text
    assert d.basis.base_date.isoformat() in text
    assert "5 years" in text and "Annual fee for patent year 6" in text


def test_filter_by_kind_office_and_text(page, qtbot):
    choose(page.view_choice, "year")
    choose(page.kind_filter, "pct_national_phase")
    shown = [d for _label, d in rows(page)]
    assert {d.kind for d in shown} == {"pct_national_phase"} and len(shown) == 2
    choose(page.office_filter, "JP")
    assert [(d.kind, d.office) for _label, d in rows(page)] == [("pct_national_phase", "JP")]
    choose(page.kind_filter, None)
    choose(page.office_filter, None)
    page.search.setText("119092")
    qtbot.waitUntil(lambda: {d.matter for _label, d in rows(page)} == {"PCT/CN2025/119092"}, timeout=5000)


def test_mark_an_annuity_paid_then_undo_and_redo(page, qtbot, window):
    choose(page.view_choice, "year")
    d = select(page, qtbot, lambda d: d.kind == "annuity" and d.state == "missed")
    before = Patent.get_by_id(d.matter_id).annuity_paid_through
    assert before == d.year - 1
    assert page.done_button.isEnabled() and "paid" in page.done_button.text().replace("&", "")
    page.done_button.click()  # the payment dialog asks for the day paid, the amount and the receipt
    dialog = page.findChild(PaymentDialog)
    qtbot.addWidget(dialog)
    reloaded(page, qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok).click)
    assert Patent.get_by_id(d.matter_id).annuity_paid_through == d.year
    assert len(payments_of("patent", d.matter_id)) == 1
    assert identity(d) not in [identity(x) for _label, x in rows(page)]
    reloaded(page, qtbot, window.undo_action.trigger)
    assert Patent.get_by_id(d.matter_id).annuity_paid_through == before
    assert payments_of("patent", d.matter_id) == []  # undo took the payment with the paid-through year
    assert identity(d) in [identity(x) for _label, x in rows(page)]
    reloaded(page, qtbot, window.redo_action.trigger)
    assert Patent.get_by_id(d.matter_id).annuity_paid_through == d.year
    assert len(payments_of("patent", d.matter_id)) == 1


def test_enter_a_national_phase_through_the_dialog(page, qtbot, window):
    choose(page.view_choice, "year")
    d = select(page, qtbot, lambda d: d.kind == "pct_national_phase" and d.office == "JP")
    dialog = page.mark_done_selected()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # no application number yet
    dialog.number.line.setText("2027-500123")
    dialog.date.set_value("2026-12-01")  # after "today"
    dialog.validate()
    assert not ok.isEnabled() and "future" in dialog.date_error.text()
    dialog.date.set_value("2026-11-20")
    dialog.validate()
    assert ok.isEnabled()
    reloaded(page, qtbot, ok.click)
    filing = OverseasFiling.get(OverseasFiling.application_no == "2027-500123")
    assert (filing.office, filing.pct_no, filing.filing_date, filing.route) == (
        "JP", d.matter, dt.date(2026, 11, 20), "pct")
    assert identity(d) not in [identity(x) for _label, x in rows(page)]
    reloaded(page, qtbot, window.undo_action.trigger)
    assert not OverseasFiling.select().where(OverseasFiling.application_no == "2027-500123").exists()
    assert identity(d) in [identity(x) for _label, x in rows(page)]


def test_renew_a_trademark_then_undo(page, qtbot, window):
    choose(page.view_choice, "year")
    d = select(page, qtbot, lambda d: d.kind == "trademark_renewal")
    before = Trademark.get_by_id(d.matter_id).expiry_date
    dialog = page.mark_done_selected()
    qtbot.addWidget(dialog)
    dialog.amount.line.setText("500")  # no renewal fee in the rule data: typed
    dialog.amount.edited.emit()
    reloaded(page, qtbot, dialog.accept)
    mark = Trademark.get_by_id(d.matter_id)
    assert mark.expiry_date.year == before.year + 10 and mark.status == "renewed"
    reloaded(page, qtbot, window.undo_action.trigger)
    assert Trademark.get_by_id(d.matter_id).expiry_date == before


def test_export_the_visible_list_to_excel(page, qtbot, tmp_path):
    choose(page.view_choice, "year")
    choose(page.kind_filter, "annuity")
    shown = [d for _label, d in rows(page)]
    target = tmp_path / "due.xlsx"
    page.ctx.dialogs.files_to_save.append(tmp_path / "due")  # no suffix: .xlsx is added
    with qtbot.waitSignal(page.exported, timeout=10000):
        page.export()
    sheet = openpyxl.load_workbook(target).active
    header = [cell.value for cell in sheet[2]]
    assert header[:3] == ["Due", "Days left", "Deadline"] and "Basis" in header and "Provisional date" in header
    body = list(sheet.iter_rows(min_row=3))
    assert len(body) == len(shown)
    due, fee, provisional = header.index("Due"), header.index("Official fee"), header.index("Provisional date")
    for cells, d in zip(body, shown, strict=True):
        assert cells[due].value.date() == d.due and cells[due].is_date
        assert cells[fee].value == d.amount_cny
        if d.amount_cny is not None:  # yuan as ¥, a foreign fee with its currency code
            assert ("¥" in cells[fee].number_format) if d.currency == "CNY" else (d.currency in cells[fee].number_format)
        assert (cells[provisional].value == "Yes") == d.provisional


def test_the_start_up_summary_names_what_is_missed(window, qtbot):
    page = window.pages["due"]
    missed = [d for d in list_deadlines(as_of=AS_OF, firm=window.ctx.firm_id) if d.state == "missed"]
    assert page.summary is not None and [identity(d) for d in page.summary.missed] == [identity(d) for d in missed]
    soon = [d for d in list_deadlines(as_of=AS_OF, firm=window.ctx.firm_id, start=AS_OF,
                                      end=AS_OF + dt.timedelta(days=30)) if d.state == "open"]
    assert soon and [identity(d) for d in page.summary.due_soon] == [identity(d) for d in soon]
    dialog = page.summary_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    count = f"{len(missed)} deadline{'s' if len(missed) > 1 else ''} missed"  # the demo's CN and US fees
    assert missed[0].matter in dialog.text.text() and count in dialog.text.text()
    assert soon[0].matter in dialog.text.text()  # the demo's annual fee due 2026-12-15
    window.show_page("profile")
    dialog.open_list.click()
    assert window.current_page_key() == "due"
    assert page.banner.isVisible() and missed[0].matter in page.banner.text.text()
    page.banner.dismiss()
    assert not page.banner.isVisible()


def test_lead_times_are_kept_in_the_database_and_widen_the_coming_view(page, qtbot):
    choose(page.view_choice, "coming")
    before = len(rows(page))
    dialog = page.edit_lead_times()
    qtbot.addWidget(dialog)
    dialog.boxes["annuity"].setValue(200)
    reloaded(page, qtbot, dialog.accept)
    assert get_setting("lead_days")["annuity"] == 200
    assert len(rows(page)) > before
    assert all(d.kind != "annuity" or (d.due - AS_OF).days <= 200 for _label, d in rows(page))


def test_lead_times_changed_in_the_settings_dialog_apply_when_the_list_is_shown_again(page, window):
    choose(page.view_choice, "coming")
    assert any(d.kind == "pct_national_phase" for _label, d in rows(page))
    window.show_page("profile")
    set_setting("lead_days", {"default": 90, "annuity": 60, "pct_national_phase": 30})
    window.show_page("due")
    assert not any(d.kind == "pct_national_phase" for _label, d in rows(page))


def test_a_change_made_elsewhere_refreshes_the_list(page, qtbot, window):
    choose(page.view_choice, "year")
    d = next(d for _label, d in rows(page) if d.kind == "annuity" and d.state == "open")
    reloaded(page, qtbot, lambda: window.ctx.edits.update("patent", d.matter_id, {"annuity_paid_through": d.year}))
    assert identity(d) not in [identity(x) for _label, x in rows(page)]


def test_the_window_actions_follow_the_selection(page, qtbot, window):
    choose(page.view_choice, "year")
    page.view.clearSelection()
    window.update_actions()
    assert not window.action("mark_done").isEnabled() and window.action("export_due").isEnabled()
    d = select(page, qtbot, lambda d: d.kind == "annuity" and d.state == "open")
    assert window.action("mark_done").isEnabled()
    window.action("mark_done").trigger()
    dialog = page.findChild(PaymentDialog)
    qtbot.addWidget(dialog)
    reloaded(page, qtbot, dialog.accept)
    assert Patent.get_by_id(d.matter_id).annuity_paid_through == d.year
    window.show_page("patents")
    assert not window.action("mark_done").isEnabled() and not window.action("export_due").isEnabled()


def test_a_foreign_fee_shows_in_its_currency_and_the_month_heading_keeps_it_apart(page, qtbot, tmp_path):
    """Issue 14, Overseas: the demo's US patent granted 2023-05-16 owes its 3.5-year maintenance fee
    since 2026-11-16 (35 U.S.C. 41(b)); small entity 860 USD + 216 USD surcharge (37 CFR 1.20(e), (h))."""
    choose(page.view_choice, "year")
    found = [(label, d) for label, d in rows(page) if d.office == "US" and d.kind == "annuity"]
    assert found
    label, fee = found[0]
    assert (fee.currency, fee.amount_cny, fee.surcharge_cny, fee.state) == ("USD", 860, 216, "missed")
    from zgc_desk.i18n import format_money

    assert format_money(1076, "USD") in label  # the heading: yuan and dollars each on their own, never one sum
    yuan = sum((d.amount_cny or 0) + (d.surcharge_cny or 0) for lab, d in rows(page)
               if lab == label and d.currency == "CNY" and not d.kind.endswith("grace_end"))
    assert (format_money(yuan) in label) == bool(yuan)
    assert format_money(yuan + 1076) not in label
    page.grab().save(str(tmp_path / "due-foreign.png"))
    assert format_money(1076, "USD") in page.banner.text.text()  # the start-up banner names the currency too


def test_hidden_it_loads_the_chosen_firm_when_shown_not_before(page, qtbot, window):
    from zgc_desk.models import Firm

    other = next(fid for (fid,) in Firm.select(Firm.id).tuples() if fid != window.ctx.firm_id)
    shown_for = page.firm_id
    window.show_page("profile")
    wait_idle(qtbot, window)
    window.set_firm(other)
    assert page._task is None and page._stale  # nothing computed beside the page in front
    assert {d.firm_id for d in page.data.deadlines} <= {shown_for}
    window.show_page("due")
    qtbot.waitUntil(lambda: page.data is not None and not window.ctx.tasks.busy and not page._stale, timeout=10000)
    assert page.data.deadlines and {d.firm_id for d in page.data.deadlines} == {other}
    assert {d.firm_id for _label, d in rows(page)} <= {other}
