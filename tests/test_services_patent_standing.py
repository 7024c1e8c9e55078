"""A patent's standing beyond its record (issue 14 items 3 and 4), through a real SQLite file.

Sources: Implementing Regulations (2023) Art. 115 — an annual fee unpaid within 6 months of its due
date ends the patent as of that due date; Art. 6 ¶2 — restoration within 2 months of CNIPA's notice
(the earliest end shown: 2 months after the grace). Patent Law (2020) Art. 35 ¶1 — the examination
request within 3 years, else the application is deemed withdrawn."""

from __future__ import annotations

import datetime as dt

import pytest

from zgc_desk.models import Firm, Patent
from zgc_desk.numbers import make_credit_code
from zgc_desk.services.deadlines import list_deadlines
from zgc_desk.services.patent_standing import firm_patent_standing, list_rows, patent_standing
from zgc_desk.services.records import create_record, update_record

CODE = make_credit_code("91110108MA01R8KX3")
# filed 2018-04-20, paid through 8: year 9 due 2026-04-20 (Monday), grace ends 2026-10-20 (Tuesday),
# restoration earliest end 2026-12-20 (Sunday) → 2026-12-21
LAPSING = {"application_no": "201810000009.0", "kind": "invention", "title": "Sensor",
           "filing_date": dt.date(2018, 4, 20), "grant_date": dt.date(2021, 1, 5), "status": "granted",
           "annuity_paid_through": 8}


@pytest.fixture
def firm(db_path):
    firm_id, _changed = create_record("firm", {"name": "北京甲科技有限公司", "credit_code": CODE})
    return Firm.get_by_id(firm_id)


def test_in_force_on_the_last_day_of_the_grace_lapsed_the_day_after(firm):
    patent_id, _changed = create_record("patent", LAPSING, firm_id=firm.id)
    on_last_day = patent_standing(patent_id, dt.date(2026, 10, 20))
    assert not on_last_day.lapsed and on_last_day.status == "granted"
    after = patent_standing(patent_id, dt.date(2026, 10, 21))
    assert after.lapsed and after.status == "lapsed"
    assert (after.lapsed_year, after.lapsed_on, after.grace_end, after.restore_by) == (
        9, dt.date(2026, 4, 20), dt.date(2026, 10, 20), dt.date(2026, 12, 21))
    assert after.restorable
    assert not patent_standing(patent_id, dt.date(2026, 12, 22)).restorable  # still lapsed, window over
    assert patent_standing(patent_id, dt.date(2026, 12, 22)).lapsed


def test_paying_the_year_puts_it_back_in_force(firm):
    patent_id, _changed = create_record("patent", LAPSING, firm_id=firm.id)
    update_record("patent", patent_id, {"annuity_paid_through": 9})
    assert not patent_standing(patent_id, dt.date(2026, 11, 25)).lapsed


def test_list_rows_and_the_due_list_agree(firm):
    patent_id, _changed = create_record("patent", LAPSING, firm_id=firm.id)
    as_of = dt.date(2026, 11, 25)
    row = list_rows("patent", [patent_id], as_of)[patent_id]
    assert row["standing"].lapsed_on == dt.date(2026, 4, 20)
    deadlines = [d for d in list_deadlines(as_of=as_of, firm=firm.id) if d.matter_id == patent_id]
    assert [(d.kind, d.main_due, d.due) for d in deadlines] == [
        ("restoration_request", row["standing"].lapsed_on, row["standing"].restore_by)]


def test_the_profile_counts_a_fee_lapsed_patent_as_lapsed_and_lists_the_assumed(firm):
    create_record("patent", LAPSING, firm_id=firm.id)
    create_record("patent", {"application_no": "201910000006.1", "kind": "invention", "title": "Valve",
                             "filing_date": dt.date(2019, 6, 3), "grant_date": dt.date(2022, 2, 8),
                             "status": "granted"}, firm_id=firm.id)
    found = firm_patent_standing(firm.id, dt.date(2026, 11, 25))
    assert found.counts["patent"] == {"granted": 1, "lapsed": 1}
    assert [s.number for s in found.lapsed] == ["201810000009.0"]
    # converse (issue 14 item 3): in force, no paid-through year: years before the current (8th,
    # from 2026-06-03) taken as paid, not lapsed — and the user is asked to confirm
    assert [(s.number, s.assumed_paid_through, s.lapsed) for s in found.assumed] == [("201910000006.1", 7, False)]
    before = firm_patent_standing(firm.id, dt.date(2026, 10, 20))
    assert before.counts["patent"] == {"granted": 2} and not before.lapsed


# ---- item 4: the examination request filed on (实审请求日) --------------------------------------

PENDING = {"application_no": "202210000001.0", "kind": "invention", "title": "Chip",
           "filing_date": dt.date(2022, 3, 1), "status": "pending"}


def _exam(firm, as_of):
    return [(d.kind, d.state, d.due) for d in list_deadlines(as_of=as_of, firm=firm.id, start=dt.date(2024, 1, 1),
                                                             end=dt.date(2026, 1, 1))
            if d.kind in ("exam_request", "restoration_request")]


def test_an_unrecorded_request_is_deemed_withdrawn_and_restoration_offered(firm, english):
    create_record("patent", PENDING, firm_id=firm.id)
    # Patent Law Art. 35 ¶1: 3 years from 2022-03-01 = 2025-03-01 (Saturday) → Monday 2025-03-03
    assert _exam(firm, dt.date(2025, 3, 3)) == [("exam_request", "open", dt.date(2025, 3, 3))]
    assert _exam(firm, dt.date(2025, 3, 4)) == [("exam_request", "lapsed", dt.date(2025, 3, 3)),
                                                ("restoration_request", "open", dt.date(2025, 5, 6))]
    found = list_deadlines(as_of=dt.date(2025, 3, 4), firm=firm.id, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 1))
    from zgc_desk.deadlines.basis import deadline_basis

    exam = next(d for d in found if d.kind == "exam_request")
    assert "deemed withdrawn as of 2025-03-03" in deadline_basis(exam) and "Art. 6" in deadline_basis(exam)


def test_a_recorded_request_is_done_on_both_sides_of_the_date(firm):
    patent_id, _changed = create_record("patent", {**PENDING, "exam_requested_on": "2024-11-20"}, firm_id=firm.id)
    assert Patent.get_by_id(patent_id).exam_requested_on == dt.date(2024, 11, 20)
    assert _exam(firm, dt.date(2025, 3, 3)) == [("exam_request", "done", dt.date(2025, 3, 3))]
    assert _exam(firm, dt.date(2025, 3, 4)) == [("exam_request", "done", dt.date(2025, 3, 3))]
