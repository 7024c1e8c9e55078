"""Worked examples of notice deadlines, from the sources named in each test (the rule data cites
article and paragraph). Dates checked by hand against the official calendar of the year."""

from __future__ import annotations

import datetime as dt

import pytest

from zgc_desk.deadlines.basis import deadline_basis
from zgc_desk.deadlines.engine import make_context
from zgc_desk.deadlines.notices import NoticeFacts, notice_deadlines
from zgc_desk.i18n import set_language

D = dt.date
MARCH_11 = D(2024, 3, 11)
APRIL_1 = D(2024, 4, 1)


def notice(notice_type="cn_oa_first", dispatched=MARCH_11, delivery="electronic", *, nid=1,
           matter="202110344405.7", matter_kind="patent", **extra) -> NoticeFacts:
    return NoticeFacts(id=nid, firm_id=1, firm_code="91110108551385082Q", matter=matter, matter_kind=matter_kind,
                       matter_id=7, title="示例发明", notice_type=notice_type, dispatch_date=dispatched,
                       delivery=delivery, **extra)


def deadlines(*notices, as_of=APRIL_1, **ctx):
    return list(notice_deadlines(notices, make_context(as_of, **ctx)))


def response(*notices, **kw):
    found = [d for d in deadlines(*notices, **kw) if d.kind == "notice_response"]
    assert len(found) == 1, found
    return found[0]


def test_electronic_first_office_action_from_2024_01_20_is_served_on_dispatch():
    """Implementing Regulations (2023) Art. 4: an electronic notice is served the day it enters the
    recipient's system; Guidelines Part V Ch. 7 §1.2: 4 months for the first office action."""
    d = response(notice(dispatched=D(2024, 3, 11)))
    assert (d.due, d.state, d.notice_type, d.notice_id) == (D(2024, 7, 11), "open", "cn_oa_first", 1)
    assert d.office == "CN" and d.matter == "202110344405.7"


def test_first_office_action_by_post_is_served_15_days_after_dispatch():
    """Implementing Regulations Art. 4 para 3: post presumed received 15 days after dispatch."""
    d = response(notice(dispatched=D(2024, 3, 11), delivery="paper"))
    assert d.due == D(2024, 7, 26)  # served 2024-03-26, + 4 months, a Friday


@pytest.mark.parametrize("dispatched, due", [
    (D(2024, 1, 19), D(2024, 6, 3)),  # old rule (Order No. 57 Art. 9): served 02-03, + 4 months = Mon 06-03
    (D(2024, 1, 20), D(2024, 5, 20)),  # 2023 Regulations in force: served on dispatch, + 4 months = Mon 05-20
])
def test_electronic_service_on_both_sides_of_2024_01_20(dispatched, due):
    assert response(notice(dispatched=dispatched)).due == due


def test_further_office_action_gives_2_months():
    """Guidelines Part V Ch. 7 §1.2: further office actions 2 months."""
    d = response(notice("cn_oa_further", D(2025, 2, 10)), as_of=D(2025, 3, 1))
    assert d.due == D(2025, 4, 10)


def test_grant_notice_ending_on_a_sunday_moves_to_monday():
    """Implementing Regulations (2023) Art. 60: register within 2 months; Art. 5: a last day on a
    holiday (here Sunday 2025-03-09) moves to the next working day."""
    set_language("en")
    d = response(notice("cn_grant", D(2025, 1, 9)), as_of=D(2025, 2, 1))
    assert d.due == D(2025, 3, 10)
    assert d.basis.unadjusted == D(2025, 3, 9)
    assert "moved to the next working day 2025-03-10" in deadline_basis(d)


def test_rejection_ending_in_the_national_day_holiday_moves_past_it():
    """Patent Law Art. 41: request re-examination within 3 months; 2025-10-03 falls in the National
    Day and Mid-Autumn holiday (10-01 to 10-08 in the State Council's 2025 calendar)."""
    d = response(notice("cn_rejection", D(2025, 7, 3)), as_of=D(2025, 8, 1))
    assert (d.basis.unadjusted, d.due) == (D(2025, 10, 3), D(2025, 10, 9))


def test_one_month_extension_adds_a_month_then_the_holiday_rule():
    """Guidelines Part V Ch. 7 §4.1: an office-set period extended by 1 month; 2024-08-11 is a Sunday."""
    set_language("en")
    d = response(notice(dispatched=D(2024, 3, 11), extension_months=1))
    assert (d.basis.unadjusted, d.due) == (D(2024, 8, 11), D(2024, 8, 12))
    assert "5 months from the service date 2024-03-11" in deadline_basis(d)
    assert "including an extension of 1 month;" in deadline_basis(d)


def test_missed_office_action_yields_the_restoration_window():
    """Implementing Regulations Art. 6 para 2: restoration within 2 months of receiving the notice of
    loss of rights; before that notice is recorded the window is estimated from the earliest day it
    could be served, the day after the period ended."""
    found = deadlines(notice(dispatched=D(2024, 3, 11)), as_of=D(2024, 8, 1))
    by_kind = {d.kind: d for d in found}
    assert by_kind["notice_response"].state == "missed"
    restoration = by_kind["notice_restoration"]
    assert (restoration.due, restoration.state, restoration.amount_cny) == (D(2024, 9, 12), "open", 1000)
    assert restoration.main_due == D(2024, 7, 11)
    after = deadlines(notice(dispatched=D(2024, 3, 11)), as_of=D(2024, 9, 13))
    assert {d.kind: d.state for d in after} == {"notice_response": "lapsed", "notice_restoration": "lapsed"}


def test_a_recorded_loss_of_rights_notice_replaces_the_estimate():
    oa = notice(dispatched=D(2024, 3, 11))
    loss = notice("cn_loss_of_rights", D(2024, 8, 20), nid=2)  # served 08-20, + 2 months = Sun 10-20
    found = {d.kind + str(d.notice_id): d for d in deadlines(oa, loss, as_of=D(2024, 9, 20))}
    assert "notice_restoration1" not in found
    assert found["notice_response1"].state == "missed"  # restorable until the loss notice's period ends
    assert (found["notice_response2"].due, found["notice_response2"].state) == (D(2024, 10, 21), "open")


def test_an_answered_notice_is_done_and_has_no_restoration():
    found = deadlines(notice(dispatched=D(2024, 3, 11), answered_on=D(2024, 6, 1)), as_of=D(2024, 8, 1))
    assert [(d.kind, d.state) for d in found] == [("notice_response", "done")]


def test_trademark_refusal_15_days_after_service_15_days_after_dispatch():
    """Trademark Law Art. 34: review within 15 days of receipt; Regulations Art. 10 para 2: served
    15 days after dispatch (electronic); 2025-10-01 is in the National Day holiday."""
    refusal = notice("tm_refusal", D(2025, 9, 1), matter="12345678", matter_kind="trademark")
    d = response(refusal, as_of=D(2025, 9, 2))
    assert (d.basis.unadjusted, d.due) == (D(2025, 10, 1), D(2025, 10, 9))
    assert not [x for x in deadlines(refusal, as_of=D(2025, 12, 1)) if x.kind == "notice_restoration"]
    assert response(refusal, as_of=D(2025, 12, 1)).state == "lapsed"


def test_opposition_answer_30_days():
    """Trademark Regulations Art. 27: answer within 30 days of receiving the opposition."""
    d = response(notice("tm_opposition", D(2025, 5, 6), matter="12345678", matter_kind="trademark"),
                 as_of=D(2025, 5, 7))
    assert d.due == D(2025, 6, 20)  # served 05-21, + 30 days = Fri 06-20


def test_foreign_office_action_uses_the_date_it_states_unmoved():
    """A foreign office's own date is final (no Chinese holidays; the US calendar is not modelled)."""
    stated = notice("foreign_oa", D(2025, 3, 1), matter="17/123,456", matter_kind="overseas",
                    stated_due=D(2025, 6, 15), matter_office="US")
    d = response(stated, as_of=D(2025, 3, 2))
    assert (d.due, d.office) == (D(2025, 6, 15), "US")
    default = response(notice("foreign_oa", D(2025, 3, 1), matter="17/123,456", matter_kind="overseas",
                              matter_office="US"), as_of=D(2025, 3, 2))
    set_language("en")
    assert default.due == D(2025, 6, 1) and "UNVERIFIED" in deadline_basis(default)


def test_other_notice_without_a_stated_date_has_no_deadline():
    assert deadlines(notice("other", D(2025, 3, 1))) == []
    assert response(notice("other", D(2025, 3, 1), stated_due=D(2025, 4, 30))).due == D(2025, 4, 30)


def test_the_basis_names_notice_service_rule_period_and_source_in_both_languages():
    d = response(notice(dispatched=D(2024, 3, 11), delivery="paper"))
    set_language("zh_CN")
    chinese = deadline_basis(d)
    assert "第一次审查意见通知书" in chinese and "专利法实施细则" in chinese and "审查指南" in chinese
    set_language("en")
    english = deadline_basis(d)
    assert "First office action" in english and "4 months" in english and "15 days later" in english


def test_window_and_state_filters_apply():
    n = notice(dispatched=D(2024, 3, 11))
    assert [d.kind for d in deadlines(n, start=D(2024, 8, 1))] == ["notice_restoration"]
    assert deadlines(n, start=D(2024, 10, 1)) == []
    assert deadlines(n, states={"done"}) == []
