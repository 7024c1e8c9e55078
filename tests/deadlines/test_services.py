"""Deadline services on a real database: loading facts, listing, marking done (change-logged)."""

from __future__ import annotations

import datetime as dt

import pytest

from zgc_desk.services import create_record, history
from zgc_desk.services.deadlines import (
    calendar_deadlines,
    lead_days,
    lead_days_for,
    list_deadlines,
    mark_annuity_paid,
    mark_done,
    record_national_phase_entry,
    renew_trademark,
)
from zgc_desk.services.errors import NotFound, UserError

pytestmark = pytest.mark.both_databases

D = dt.date
AS_OF = D(2026, 11, 25)
CODE = "91110108551385082Q"


@pytest.fixture
def firm(db_path):
    firm_id, _ = create_record("firm", {"name": "测试科技有限公司", "credit_code": CODE})
    return firm_id


def _patent(firm, number, **extra):
    values = {"application_no": number, "kind": "invention", "title": "一种方法", "filing_date": D(2016, 12, 20),
              "status": "granted", "grant_date": D(2019, 3, 1), "annuity_paid_through": 10, **extra}
    return create_record("patent", values, firm_id=firm)[0]


def _pct(firm, **extra):
    values = {"pct_no": "PCT/CN2025/100001", "intl_filing_date": D(2025, 6, 30), "priority_date": D(2024, 7, 2),
              "isa": "CN", **extra}
    return create_record("pct", values, firm_id=firm)[0]


def test_default_list_is_the_to_do_list(firm):
    _patent(firm, "201610000001.5")
    found = list_deadlines(as_of=AS_OF)
    assert [(d.kind, d.year, d.due, d.state) for d in found] == [("annuity", 11, D(2026, 12, 21), "open")]
    assert found[0].firm == CODE and found[0].matter == "201610000001.5"


def test_explicit_range_includes_past_deadlines_with_their_state(firm):
    _patent(firm, "201610000001.5")
    found = list_deadlines(as_of=AS_OF, start=D(2025, 1, 1), end=D(2027, 6, 30))
    assert {(d.kind, d.year, d.state) for d in found} == {
        ("annuity_grace_end", 9, "done"), ("annuity", 10, "done"), ("annuity_grace_end", 10, "done"),
        ("annuity", 11, "open"), ("annuity_grace_end", 11, "open")}


def test_firm_filter_by_credit_code_and_unknown_firm(firm):
    _patent(firm, "201610000001.5")
    other, _ = create_record("firm", {"name": "另一家", "credit_code": "914403001922038216"})
    _patent(other, "201610000002.X")
    assert {d.matter for d in list_deadlines(as_of=AS_OF, firm=CODE)} == {"201610000001.5"}
    with pytest.raises(NotFound):
        list_deadlines(as_of=AS_OF, firm="91110108551385083Q")


def test_end_before_start_is_a_user_error(firm):
    with pytest.raises(UserError):
        list_deadlines(as_of=AS_OF, start=D(2027, 1, 1), end=D(2026, 1, 1))


def test_paying_an_annuity_advances_the_paid_through_year_and_is_logged(firm):
    patent_id = _patent(firm, "201610000001.5")
    fee = list_deadlines(as_of=AS_OF)[0]
    changed = mark_done(fee)
    assert changed.ids == {"patent": {patent_id}}
    assert list_deadlines(as_of=AS_OF) == []
    assert history("patent", patent_id)[-1]["changes"] == {"annuity_paid_through": [10, 11]}
    with pytest.raises(UserError):
        mark_annuity_paid(patent_id, 9)


def test_a_claimed_priority_is_done(firm):
    base = _patent(firm, "202610000001.9", filing_date=D(2026, 3, 2), status="pending", grant_date=None,
                   annuity_paid_through=None)
    assert [d.state for d in list_deadlines(as_of=AS_OF) if d.kind == "priority"] == ["open"]
    _pct(firm, cn_priority_no="202610000001.9", intl_filing_date=D(2026, 11, 20), priority_date=D(2026, 3, 2),
         pct_no="PCT/CN2026/100002")
    range_ = list_deadlines(as_of=AS_OF, start=D(2027, 1, 1), end=D(2027, 12, 31))
    assert [d.state for d in range_ if d.kind == "priority" and d.matter_id == base] == ["done"]


def test_national_phase_entry_records_an_overseas_filing(firm):
    pct_id = _pct(firm)
    open_offices = {d.office for d in list_deadlines(as_of=AS_OF) if d.kind == "pct_national_phase"}
    assert open_offices == {"US", "EP", "JP", "KR", "CN"}
    filing_id, changed = record_national_phase_entry(pct_id, "US", "19/123,456", D(2026, 11, 20))
    assert changed.ids == {"overseas": {filing_id}}
    after = list_deadlines(as_of=AS_OF, start=D(2026, 1, 1), end=D(2027, 12, 31))
    states = {d.office: d.state for d in after if d.kind == "pct_national_phase"}
    assert states["US"] == "done" and states["EP"] == "open"
    assert history("overseas", filing_id)[0]["action"] == "create"


def test_firm_plan_and_live_chinese_priority(firm):
    create_record("patent", {"application_no": "202410000003.9", "kind": "invention", "title": "基础",
                             "filing_date": D(2024, 7, 2), "status": "pending"}, firm_id=firm)
    _pct(firm, cn_priority_no="202410000003.9")
    offices = {d.office for d in list_deadlines(as_of=AS_OF) if d.kind == "pct_national_phase"}
    assert offices == {"US", "EP", "JP", "KR"}


def test_renewing_a_mark_extends_it_by_ten_years(firm):
    mark_id, _ = create_record("trademark", {"mark": "智源", "registration_no": "18834571",
                                             "registration_date": D(2017, 4, 25)}, firm_id=firm)
    renewal = next(d for d in list_deadlines(as_of=AS_OF) if d.kind == "trademark_renewal")
    assert renewal.due == D(2027, 4, 24)  # a Saturday, not moved: Trademark Regulations Art. 12 ¶2
    mark_done(renewal)
    assert not [d for d in list_deadlines(as_of=AS_OF) if d.kind == "trademark_renewal"]
    found = list_deadlines(as_of=AS_OF, start=D(2027, 1, 1), end=D(2037, 12, 31))
    assert [(d.due, d.state) for d in found if d.kind == "trademark_renewal"] == [
        (D(2027, 4, 24), "done"), (D(2037, 4, 24), "open")]
    assert history("trademark", mark_id)[-1]["changes"]["expiry_date"] == ["2027-04-24", "2037-04-24"]
    with pytest.raises(UserError):
        renew_trademark(create_record("trademark", {"mark": "空", "registration_no": "1"}, firm_id=firm)[0])


def test_calendar_export_set_keeps_done_events_but_not_idle_grace(firm):
    _patent(firm, "201610000001.5", annuity_paid_through=11)
    kinds = {(d.kind, d.year, d.state) for d in calendar_deadlines(as_of=AS_OF)}
    assert ("annuity", 11, "done") in kinds and ("annuity", 12, "open") in kinds
    assert ("annuity_grace_end", 12, "open") not in kinds


def test_lead_days_settings(db_path):
    settings = lead_days()
    assert lead_days_for("annuity", settings) == 60
    assert lead_days_for("pct_chapter2", settings) == settings["default"]


def test_demo_database_shows_meaningful_deadlines(demo_db):
    found = list_deadlines(as_of=AS_OF)
    kinds = {d.kind for d in found}
    assert {"annuity", "priority", "exam_request", "pct_national_phase", "trademark_renewal"} <= kinds
    missed = [d for d in found if d.state == "missed"]
    assert missed and all(d.kind == "annuity" and d.surcharge_cny is not None for d in missed)
    assert all(d.state in ("open", "missed") for d in found)


# ---- overseas fees and Madrid renewals on a real database (issue 14, Overseas) ---------------------

def test_us_maintenance_fee_paid_through_the_due_list_action(firm):
    """35 U.S.C. 41(b): granted 2023-05-16, the fee due at 3.5 years falls on 2026-11-16; small entity
    860 USD (37 CFR 1.20(e)); missed on 2026-11-25, with the 216 USD surcharge (1.20(h))."""
    filing_id, _ = create_record("overseas", {"office": "US", "application_no": "17/440,118",
                                              "filing_date": D(2021, 9, 15), "status": "granted",
                                              "grant_date": D(2023, 5, 16), "entity_size": "小实体"}, firm_id=firm)
    fee = next(d for d in list_deadlines(as_of=AS_OF) if d.kind == "annuity" and d.office == "US")
    assert (fee.due, fee.state, fee.amount_cny, fee.surcharge_cny, fee.currency, fee.year) == (
        D(2026, 11, 16), "missed", 860, 216, "USD", 4)
    mark_done(fee)
    assert history("overseas", filing_id)[-1]["changes"]["annuity_paid_through"] == [None, 4]
    assert not [d for d in list_deadlines(as_of=AS_OF) if d.office == "US"]


def test_due_list_month_totals_keep_dollars_apart_from_yuan(firm):
    from zgc_desk.services.due_list import fee_total, foreign_fee_totals

    _patent(firm, "201610000001.5")  # year-11 fee 4,000 yuan due 2026-12-21
    create_record("overseas", {"office": "US", "application_no": "17/440,118", "filing_date": D(2021, 9, 15),
                               "status": "granted", "grant_date": D(2023, 6, 20), "entity_size": "large"},
                  firm_id=firm)  # due 2026-12-20: 2,150 USD
    december = [d for d in list_deadlines(as_of=AS_OF) if (d.due.year, d.due.month) == (2026, 12)]
    assert {d.currency for d in december} == {"CNY", "USD"}
    assert fee_total(december) == 4000 and foreign_fee_totals(december) == {"USD": 2150}


def test_madrid_renewal_marked_done_moves_the_international_registration_on(firm):
    """Madrid Protocol Art. 7(1): renewed for 10 years from the expiry of the preceding term."""
    mark_id, _ = create_record("trademark", {"mark": "芯创", "registration_no": "41287330",
                                             "registration_date": D(2016, 4, 7), "madrid_no": "1734512",
                                             "madrid_date": D(2017, 1, 20), "designations": "US; EM"}, firm_id=firm)
    renewal = next(d for d in list_deadlines(as_of=AS_OF, start=D(2026, 1, 1), end=D(2027, 12, 31))
                   if d.kind == "trademark_renewal" and d.office == "WO")
    assert (renewal.due, renewal.state) == (D(2027, 1, 20), "open")
    mark_done(renewal)
    assert history("trademark", mark_id)[-1]["changes"]["madrid_expiry"] == [None, "2037-01-20"]
    later = [d for d in list_deadlines(as_of=AS_OF, start=D(2026, 1, 1), end=D(2037, 12, 31))
             if d.kind == "trademark_renewal" and d.office == "WO"]
    assert [(d.due, d.state) for d in later] == [(D(2027, 1, 20), "done"), (D(2037, 1, 20), "open")]


def test_a_foreign_fee_shows_its_currency_in_the_list_table_and_excel(firm, tmp_path):
    """The Due list's fee column, the CLI table and the Excel export never pass dollars off as yuan."""
    from openpyxl import load_workbook

    from zgc_desk.deadlines.output import format_table
    from zgc_desk.io.deadline_export import export_deadlines
    from zgc_desk.services.due_columns import due_columns, fee_text

    create_record("overseas", {"office": "US", "application_no": "17/440,118", "filing_date": D(2021, 9, 15),
                               "status": "granted", "grant_date": D(2023, 6, 20), "entity_size": "large"},
                  firm_id=firm)
    fee = next(d for d in list_deadlines(as_of=AS_OF) if d.office == "US" and d.kind == "annuity")
    assert "US$" in fee_text(fee) and "¥" not in fee_text(fee)
    assert "2,150 USD" in format_table([fee])
    path = tmp_path / "due.xlsx"
    columns = [c for c in due_columns(AS_OF) if c.key in ("matter", "fee")]
    export_deadlines(path, [fee], columns, title="Due", as_of=AS_OF)
    cell = load_workbook(path).active.cell(row=3, column=2)
    assert cell.value == 2150 and "USD" in cell.number_format and "¥" not in cell.number_format
