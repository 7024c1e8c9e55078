"""Worked examples for issue 14 ("Wrong today"), each naming its source; both sides of each boundary."""

from __future__ import annotations

import datetime as dt

from tests.deadlines.conftest import patent
from zgc_desk.deadlines import compute_deadlines
from zgc_desk.deadlines.basis import deadline_basis


def _one(found, kind, **match):
    hits = [d for d in found if d.kind == kind and all(getattr(d, k) == v for k, v in match.items())]
    assert len(hits) == 1, [(d.kind, d.year, d.due) for d in found]
    return hits[0]


# ---- item 8: a make-up working Saturday right after a holiday --------------------------------
# Source: Patent Examination Guidelines Part V Ch. 7 §2.3 as amended by 审查指南修改公报第1号 (2008):
# "国家公告调休的，以调休后的日期为准". 2025-10-11 (Saturday) was made a working day after the
# National Day / Mid-Autumn holiday of 2025-10-01..08 (State Council notice of 2024-11-12).

def test_a_swapped_working_saturday_is_the_last_day_and_the_basis_says_why(english):
    found = compute_deadlines([patent(filing_date=dt.date(2015, 10, 11), grant_date=dt.date(2018, 1, 1),
                                      paid_through=10)], as_of=dt.date(2025, 6, 1))
    fee = _one(found, "annuity", year=11)
    assert fee.due == dt.date(2025, 10, 11) and fee.due.weekday() == 5
    text = deadline_basis(fee)
    assert "made a working day" in text and "审查指南修改公报第1号" in text


def test_an_ordinary_sunday_moves_and_says_nothing_of_swapped_days(english):
    found = compute_deadlines([patent(filing_date=dt.date(2015, 10, 12), grant_date=dt.date(2018, 1, 1),
                                      paid_through=10)], as_of=dt.date(2025, 6, 1))
    fee = _one(found, "annuity", year=11)
    assert fee.due == dt.date(2025, 10, 13)  # Sunday 2025-10-12 → Monday
    assert "made a working day" not in deadline_basis(fee)


# ---- item 3: a patent unpaid past the grace period has lapsed; in force on record is paid ------
# Source: Implementing Regulations (2023) Art. 115 (unpaid when the 6-month grace ends, the patent
# lapses as of the fee's due date) and Art. 6 ¶2 (restoration within 2 months of CNIPA's notice).
# Filed 2017-10-30, paid through year 8: the year-9 fee is due 2025-10-30, its grace ends 2026-04-30.
LAPSING = dict(filing_date=dt.date(2017, 10, 30), grant_date=dt.date(2020, 1, 1), paid_through=8)


def test_on_the_last_day_of_the_grace_the_fee_is_missed_and_the_patent_in_force():
    from zgc_desk.deadlines.engine import make_context
    from zgc_desk.deadlines.patents import lapsed_since

    as_of = dt.date(2026, 4, 30)
    found = compute_deadlines([patent(**LAPSING)], as_of=as_of, start=dt.date(2025, 1, 1), end=dt.date(2027, 12, 31))
    assert _one(found, "annuity", year=9).state == "missed"
    assert _one(found, "annuity", year=10).state == "open"
    assert not [d for d in found if d.kind == "restoration_request"]
    assert lapsed_since(patent(**LAPSING), make_context(as_of)) is None


def test_the_day_after_the_grace_the_patent_has_lapsed_and_only_restoration_is_offered(english):
    from zgc_desk.deadlines.engine import make_context
    from zgc_desk.deadlines.patents import lapsed_since

    as_of = dt.date(2026, 5, 1)
    found = compute_deadlines([patent(**LAPSING)], as_of=as_of, start=dt.date(2025, 1, 1), end=dt.date(2027, 12, 31))
    assert _one(found, "annuity", year=9).state == "lapsed"
    assert not [d for d in found if d.kind == "annuity" and d.year and d.year > 9]  # no later fee is owed
    restore = _one(found, "restoration_request")
    assert restore.due == dt.date(2026, 6, 30) and restore.state == "open"  # 2 months after 2026-04-30
    assert restore.amount_cny == 1000 and restore.year == 9
    assert "lapsed as of 2025-10-30" in deadline_basis(restore)
    assert lapsed_since(patent(**LAPSING), make_context(as_of)) == (9, dt.date(2025, 10, 30))
    # the default to-do list offers the restoration, not the lapsed fee
    todo = compute_deadlines([patent(**LAPSING)], as_of=as_of, start=dt.date(2025, 11, 1),
                             end=dt.date(2027, 5, 1), states={"open", "missed"})
    assert [d.kind for d in todo] == ["restoration_request"]


def test_in_force_on_record_without_a_paid_through_year_is_not_lapsed(english):
    """Granted 2019, nothing recorded as paid: the years before the current one are taken as paid
    and the basis asks to confirm (issue 14 item 3, second half)."""
    facts = patent(filing_date=dt.date(2017, 10, 30), grant_date=dt.date(2019, 6, 1), paid_through=None)
    found = compute_deadlines([facts], as_of=dt.date(2026, 5, 1), start=dt.date(2024, 1, 1), end=dt.date(2027, 12, 31))
    assert not [d for d in found if d.state == "lapsed"]
    # patent year 9 runs 2025-10-30 .. 2026-10-29; its fee's grace ended 2026-04-30, so in force on
    # record means it was paid: the next fee is year 10's, due 2026-10-30
    assert _one(found, "annuity", year=9).state == "done"
    year10 = _one(found, "annuity", year=10)
    assert year10.state == "open" and "assumed paid: in force on record" in deadline_basis(year10)
    earlier = compute_deadlines([facts], as_of=dt.date(2026, 4, 30), start=dt.date(2024, 1, 1),
                                end=dt.date(2027, 12, 31))
    assert _one(earlier, "annuity", year=9).state == "missed"  # within its grace: still to pay
    assert _one(earlier, "annuity", year=8).state == "done"


# ---- the missing kinds (contract kinds for deadlines --json) -----------------------------------
# priority_document — Patent Law (2020) Art. 30: the copy within 16 months of the priority date.
def test_priority_document_16_months_from_priority_both_sides():
    facts = patent(status="pending", filing_date=dt.date(2025, 3, 10), priority_date=dt.date(2024, 5, 20))
    doc = _one(compute_deadlines([facts], as_of=dt.date(2025, 9, 22)), "priority_document")
    assert doc.due == dt.date(2025, 9, 22) and doc.basis.unadjusted == dt.date(2025, 9, 20)  # Saturday → Monday
    assert doc.state == "open"
    later = _one(compute_deadlines([facts], as_of=dt.date(2025, 9, 23)), "priority_document")
    assert later.state == "lapsed"
    assert not [d for d in compute_deadlines([patent(status="pending")], as_of=dt.date(2025, 1, 1))
                if d.kind == "priority_document"]  # no priority claimed: nothing to file


def test_priority_document_of_a_design_is_3_months_from_filing():
    facts = patent(status="pending", right="design", number="202430000001.1", filing_date=dt.date(2024, 9, 2),
                   priority_date=dt.date(2024, 5, 2))
    assert _one(compute_deadlines([facts], as_of=dt.date(2024, 10, 1)), "priority_document").due == dt.date(2024, 12, 2)


# term_compensation_request — Patent Law (2020) Art. 42 ¶2, in force 2021-06-01: within 3 months of
# the grant announcement, for inventions granted more than 4 years after filing.
def test_term_compensation_3_months_from_grant_for_late_inventions():
    late = patent(filing_date=dt.date(2019, 4, 1), grant_date=dt.date(2024, 7, 16), paid_through=6)
    request = _one(compute_deadlines([late], as_of=dt.date(2024, 10, 16)), "term_compensation_request")
    assert request.due == dt.date(2024, 10, 16) and request.state == "open"
    assert _one(compute_deadlines([late], as_of=dt.date(2024, 10, 17)), "term_compensation_request").state == "lapsed"
    quick = patent(filing_date=dt.date(2021, 4, 1), grant_date=dt.date(2024, 7, 16), paid_through=4)
    before_law = patent(filing_date=dt.date(2015, 4, 1), grant_date=dt.date(2021, 5, 31), paid_through=7)
    utility = patent(right="utility_model", number="201920000001.1", filing_date=dt.date(2019, 4, 1),
                     grant_date=dt.date(2024, 7, 16), paid_through=6)
    for facts in (quick, before_law, utility):
        assert not [d for d in compute_deadlines([facts], as_of=dt.date(2024, 8, 1))
                    if d.kind == "term_compensation_request"]


# pct_article19 — PCT Art. 19, Rule 46.1: 2 months from the search report or 16 months from priority,
# whichever is later.
def test_article19_later_of_16_months_and_2_months_after_the_report():
    from tests.deadlines.conftest import pct

    early_report = pct(priority_date=dt.date(2024, 1, 15), intl_filing_date=dt.date(2025, 1, 15),
                       isr_date=dt.date(2025, 3, 1))
    assert _one(compute_deadlines(pcts=[early_report], as_of=dt.date(2025, 1, 20)), "pct_article19").due == \
        dt.date(2025, 5, 15)  # 16 months from priority is later than 2025-05-01
    late_report = pct(priority_date=dt.date(2024, 1, 15), intl_filing_date=dt.date(2025, 1, 15),
                      isr_date=dt.date(2025, 4, 20))
    article19 = _one(compute_deadlines(pcts=[late_report], as_of=dt.date(2025, 6, 20)), "pct_article19")
    assert article19.due == dt.date(2025, 6, 20) and article19.state == "open"
    assert _one(compute_deadlines(pcts=[late_report], as_of=dt.date(2025, 6, 21)), "pct_article19").state == "lapsed"


# ---- bug: a trademark's expiry is a fixed day, its grace period a period ------------------------
# Source: Trademark Implementing Regulations (2014) Art. 12 — ¶2: the registration term (Trademark Law
# Arts. 39-40) ends the day before the corresponding day, with no holiday extension; ¶1: "期限届满日是
# 节假日的，以节假日后的第一个工作日为期限届满日" for the periods of the Law, such as the 6-month grace.
# Expiry 2026-10-05 (National Day holiday): renewal due that day; grace end 2027-04-05 (Qingming) moves.
def test_trademark_expiry_on_a_holiday_stays_and_its_grace_end_moves(english):
    from tests.deadlines.conftest import trademark

    mark = trademark(registration_date=dt.date(2016, 10, 6), expiry_date=dt.date(2026, 10, 5))
    on_the_day = compute_deadlines(trademarks=[mark], as_of=dt.date(2026, 10, 5))
    renewal = _one(on_the_day, "trademark_renewal")
    assert (renewal.due, renewal.state) == (dt.date(2026, 10, 5), "open")
    assert "Art. 12 ¶2" in deadline_basis(renewal) and "moved to the next working day" not in deadline_basis(renewal)
    assert _one(compute_deadlines(trademarks=[mark], as_of=dt.date(2026, 10, 6)), "trademark_renewal").state == "missed"
    grace = _one(on_the_day, "trademark_grace_end")
    assert grace.due == dt.date(2027, 4, 6) and grace.basis.unadjusted == dt.date(2027, 4, 5)
    assert "Art. 12 ¶1" in deadline_basis(grace)
    assert _one(compute_deadlines(trademarks=[mark], as_of=dt.date(2027, 4, 6)), "trademark_grace_end").state == "open"
    assert _one(compute_deadlines(trademarks=[mark], as_of=dt.date(2027, 4, 7)), "trademark_grace_end").state == "lapsed"


# ---- item 1: a restored priority claim --------------------------------------------------------
# Source: Implementing Regulations (2023) Art. 36 — an invention or utility model application filed
# after the 12 months of Patent Law Art. 29 may claim the priority with a request for restoration within
# 2 months of the period's end; PCT Rule 26bis.3 likewise before the receiving office. Designs: none.
# Priority 2023-03-10: 12 months end 2024-03-10, the restoration window 2024-05-10.
def _patent_raw(filed, priority, kind="发明", number="202410000001.X", **extra):
    return {"firm_credit_code": "91110108551385082Q", "application_no": number, "kind": kind, "title": "一种方法",
            "filing_date": filed, "priority_date": priority, **extra}


def test_a_priority_up_to_14_months_back_is_accepted_with_a_warning_and_restoration_recorded(english):
    from zgc_desk.schema import clean_record

    in_time = clean_record("patent", _patent_raw("2024-03-10", "2023-03-10"))
    assert in_time.ok and not in_time.warnings and not in_time.values.get("priority_restoration")
    late = clean_record("patent", _patent_raw("2024-03-11", "2023-03-10"))
    assert late.ok and late.values["priority_restoration"] is True and "restoration" in late.warnings["priority_date"]
    last = clean_record("patent", _patent_raw("2024-05-10", "2023-03-10"))
    assert last.ok and last.values["priority_restoration"] is True
    assert "priority_date" in clean_record("patent", _patent_raw("2024-05-11", "2023-03-10")).errors
    unticked = clean_record("patent", _patent_raw("2024-04-01", "2023-03-10", priority_restoration="否"))
    assert "restore" in unticked.errors["priority_date"].message


def test_a_design_priority_cannot_be_restored():
    from zgc_desk.schema import clean_record

    design = dict(kind="外观设计", number="202430000001.0")
    assert clean_record("patent", _patent_raw("2023-09-10", "2023-03-10", **design)).ok
    assert "priority_date" in clean_record("patent", _patent_raw("2023-09-11", "2023-03-10", **design)).errors


def test_dates_of_a_restored_priority_count_from_the_real_priority_date(english):
    from tests.deadlines.conftest import pct

    restored = pct(priority_date=dt.date(2023, 3, 10), intl_filing_date=dt.date(2024, 4, 20),
                   planned_offices=("US",), priority_restored=True)
    phase = _one(compute_deadlines(pcts=[restored], as_of=dt.date(2024, 5, 1)), "pct_national_phase", office="US")
    assert phase.due == dt.date(2025, 9, 10)  # 30 months from 2023-03-10, not from the filing date
    assert "Rule 26bis.3" in deadline_basis(phase) and "restoration requested" in deadline_basis(phase)
    document = _one(compute_deadlines([patent(status="pending", grant_date=None, filing_date=dt.date(2024, 4, 20),
                                              priority_date=dt.date(2023, 3, 10), priority_restored=True)],
                                      as_of=dt.date(2024, 5, 1)), "priority_document")
    assert document.due == dt.date(2024, 7, 10) and "Art. 36" in deadline_basis(document)  # 16 months


def test_the_import_warns_about_a_restored_priority_and_stores_it(db_path, tmp_path, english):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "io"))
    from zgc_io_helpers import CODE_A, basic_book, patent_row

    from zgc_desk.models import Patent
    from zgc_desk.services.transfer import apply_import, preview_import

    book = basic_book(tmp_path / "late.xlsx", patent_row(code=CODE_A, number="202410000001.X",
                                                          filed=dt.date(2024, 4, 1), priority_date=dt.date(2023, 3, 10)))
    plan = preview_import(book)
    assert plan.ok and any("restoration" in w.message for w in plan.warnings)
    apply_import(plan)
    assert Patent.get(Patent.application_no == "202410000001.X").priority_restoration is True
