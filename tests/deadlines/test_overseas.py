"""Foreign fees that keep rights alive (issue 14, "Overseas"): worked examples on both sides of each
date, each naming its source. Rule data: zgc_desk/deadlines/data/foreign.yaml, periods.yaml madrid."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.deadlines.conftest import FIRM, trademark
from zgc_desk.deadlines import OverseasFacts, compute_deadlines
from zgc_desk.deadlines.basis import deadline_basis

D = dt.date


def filing(**kw) -> OverseasFacts:
    values = dict(id=1, firm_id=1, firm_code=FIRM, number="17/201,554", office="US", right="invention", title="T",
                  filing_date=D(2019, 3, 1), grant_date=D(2022, 3, 8), status="granted")
    values.update(kw)
    return OverseasFacts(**values)


FROM, TO = D(2015, 1, 1), D(2045, 12, 31)


def found(facts, as_of, start=FROM, end=TO):
    return compute_deadlines(overseas=[facts], as_of=as_of, start=start, end=end)


def one(deadlines, kind, **match):
    hits = [d for d in deadlines if d.kind == kind and all(getattr(d, k) == v for k, v in match.items())]
    assert len(hits) == 1, [(d.kind, d.office, d.year, d.due, d.state) for d in deadlines]
    return hits[0]


# ---- US: 35 U.S.C. 41(b); 37 CFR 1.362(d)-(e); amounts 37 CFR 1.20(e)-(h) (89 FR 91898, 2025-01-19) --
# Granted 2022-03-08: the fee due at 3.5 years falls on 2025-09-08 (window from 2025-03-08), its grace
# ends 2026-03-08; 7.5 years: 2029-09-08; 11.5 years: 2033-09-08.

def test_us_maintenance_fees_fall_due_3_5_7_5_11_5_years_after_grant(english):
    fees = [d for d in found(filing(entity_size="small", paid_through=0), D(2025, 1, 1)) if d.kind == "annuity"]
    assert [(d.year, d.due) for d in fees] == [(4, D(2025, 9, 8)), (8, D(2029, 9, 8)), (12, D(2033, 9, 8))]
    first = fees[0]
    assert (first.office, first.currency, first.amount_cny, first.amount_verified) == ("US", "USD", 860, True)
    text = deadline_basis(first)
    assert "may be paid from 2025-03-08" in text and "37 CFR 1.20(e)" in text and "35 U.S.C. 41(b)" in text


def test_us_fee_on_its_due_date_is_open_and_the_next_day_missed_with_the_surcharge():
    on_day = one(found(filing(entity_size="large", paid_through=0), D(2025, 9, 8)), "annuity", year=4)
    assert (on_day.state, on_day.amount_cny, on_day.surcharge_cny) == ("open", 2150, None)
    after = one(found(filing(entity_size="large", paid_through=0), D(2025, 9, 9)), "annuity", year=4)
    assert (after.state, after.surcharge_cny) == ("missed", 540)  # 37 CFR 1.20(h)


def test_us_grace_ends_6_months_after_the_due_date_then_the_patent_has_expired():
    facts = filing(entity_size="micro", paid_through=0)
    grace = one(found(facts, D(2026, 3, 8)), "annuity_grace_end", year=4)
    assert (grace.due, grace.state, grace.amount_cny, grace.surcharge_cny) == (D(2026, 3, 8), "open", 430, 108)
    after = found(facts, D(2026, 3, 9))
    assert one(after, "annuity_grace_end", year=4).state == "lapsed"
    assert not [d for d in after if d.year in (8, 12)]  # expired: no later fee is owed (41(b)(2))


def test_us_fee_amount_needs_the_entity_size_and_is_unknown_without_it(english):
    fee = one(found(filing(paid_through=0), D(2025, 1, 1)), "annuity", year=4)
    assert fee.amount_cny is None and fee.currency == "USD" and fee.amount_verified is None
    assert "entity size not recorded" in deadline_basis(fee) and "large 2150, small 860, micro 430" in deadline_basis(fee)


def test_us_fee_before_the_2025_schedule_is_unknown_not_guessed():
    """The data holds 37 CFR 1.20 from 2025-01-19 only: a fee due before it has no amount."""
    old = filing(grant_date=D(2018, 3, 6), filing_date=D(2016, 1, 5), entity_size="small", paid_through=0)
    fee = one(found(old, D(2021, 1, 1)), "annuity", year=4)
    assert fee.due == D(2021, 9, 6) and fee.amount_cny is None


def test_us_designs_pay_no_maintenance_fees():
    """37 CFR 1.20(e)-(g): 'except a design or plant patent'."""
    assert not found(filing(right="design", entity_size="small"), D(2025, 1, 1))


def test_us_paid_through_marks_the_fee_done_and_in_force_on_record_assumes_paid(english):
    paid = one(found(filing(entity_size="small", paid_through=4), D(2026, 12, 1)), "annuity", year=4)
    assert paid.state == "done"
    assumed = found(filing(entity_size="small"), D(2026, 12, 1))
    first = one(assumed, "annuity", year=4)
    assert first.state == "done" and "assumed paid" in deadline_basis(first)
    assert one(assumed, "annuity", year=8).state == "open"
    # the day the first grace ends it is still payable: not yet assumed paid
    assert one(found(filing(entity_size="small"), D(2026, 3, 8)), "annuity", year=4).state == "missed"


# ---- EP: EPC Art. 86(1), Rule 51(1)-(2); RFees Art. 2(1) items 4-5 --------------------------------
# Filed 2019-03-14: the 3rd-year fee is due on the last day of the month of the 2nd anniversary,
# 2021-03-31; the grace (6 months, additional fee 50 %) ends 2021-09-30.

def ep(**kw) -> OverseasFacts:
    return filing(office="EP", number="EP19123456.7", filing_date=D(2019, 3, 14), grant_date=None,
                  status="pending", **kw)


def test_ep_renewal_from_the_third_year_on_the_last_day_of_the_anniversary_month(english):
    fees = [d for d in found(ep(paid_through=2), D(2021, 1, 1), end=D(2023, 12, 31)) if d.kind == "annuity"]
    assert [(d.year, d.due) for d in fees] == [(3, D(2021, 3, 31)), (4, D(2022, 3, 31)), (5, D(2023, 3, 31))]
    assert all(d.office == "EP" and d.currency == "EUR" for d in fees)
    assert "Rule 51" in deadline_basis(fees[0])


def test_ep_renewal_open_on_its_due_date_missed_the_day_after_grace_ends_6_months_later():
    facts = ep(paid_through=2)
    assert one(found(facts, D(2021, 3, 31)), "annuity", year=3).state == "open"
    assert one(found(facts, D(2021, 4, 1)), "annuity", year=3).state == "missed"
    grace = one(found(facts, D(2021, 9, 30)), "annuity_grace_end", year=3)
    assert (grace.due, grace.state) == (D(2021, 9, 30), "open")
    after = found(facts, D(2021, 10, 1))
    assert one(after, "annuity_grace_end", year=3).state == "lapsed"  # deemed withdrawn (Rule 51(2))
    assert not [d for d in after if d.year and d.year > 3]


def test_ep_amounts_from_april_2024_are_marked_unverified_and_later_years_unknown(english):
    fees = {d.year: d for d in found(ep(paid_through=5), D(2024, 1, 1), end=D(2025, 12, 31)) if d.kind == "annuity"}
    assert (fees[6].due, fees[6].amount_cny) == (D(2024, 3, 31), None)  # the day before the 2024-04-01 table
    assert (fees[7].due, fees[7].amount_cny, fees[7].amount_verified) == (D(2025, 3, 31), None, None)
    assert "not known" in deadline_basis(fees[7])  # year 7: no source at hand
    late = filing(office="EP", number="EP22", filing_date=D(2022, 5, 10), grant_date=None, status="pending",
                  paid_through=2)
    third = one(found(late, D(2024, 5, 1)), "annuity", year=3)
    assert (third.due, third.amount_cny, third.amount_verified) == (D(2024, 5, 31), 690, False)
    assert "fee amount unverified" in deadline_basis(third)
    missed = one(found(late, D(2024, 6, 1)), "annuity", year=3)
    assert missed.surcharge_cny == 345  # RFees Art. 2(1) item 5: 50 % of the belated fee


def test_euro_pct_third_year_fee_within_the_31_months_is_due_at_31_months(english):
    """EPC Rule 159(1)(g): international filing 2021-01-19 claiming no priority: the 3rd-year fee would
    fall due 2023-01-31, within the 31-month limit 2023-08-19, so it is payable until that limit."""
    facts = filing(office="EP", number="EP21700001.1", route="pct", filing_date=D(2023, 7, 15),
                   intl_filing_date=D(2021, 1, 19), grant_date=None, status="pending", paid_through=2)
    fees = {d.year: d for d in found(facts, D(2022, 1, 1), end=D(2024, 12, 31)) if d.kind == "annuity"}
    assert fees[3].due == D(2023, 8, 19) and "31-month" in deadline_basis(fees[3])
    assert fees[4].due == D(2024, 1, 31)  # counted from the international filing date, not the entry
    # claiming priority 2020-01-20: 31 months end 2022-08-20, before 2023-01-31 — the ordinary due date
    claimed = filing(office="EP", number="EP21", route="pct", filing_date=D(2022, 7, 15),
                     intl_filing_date=D(2021, 1, 19), pct_priority_date=D(2020, 1, 20), grant_date=None,
                     status="pending", paid_through=2)
    assert one(found(claimed, D(2022, 1, 1)), "annuity", year=3).due == D(2023, 1, 31)


def test_ep_fees_stop_with_the_grant_year_then_each_validation_state_is_listed(english):
    """EPC Art. 86(2), 141(1)-(2): filed 2019-03-14, grant published 2024-05-15 in patent year 6; year 7
    goes to DE and GB, due at the anniversary 2025-03-14 (the states' own rules are not in the data)."""
    facts = filing(office="EP", number="EP19123456.7", filing_date=D(2019, 3, 14), grant_date=D(2024, 5, 15),
                   status="granted", validation_states=("DE", "GB"), paid_through=6)
    everything = [d for d in found(facts, D(2024, 6, 1), end=D(2025, 12, 31)) if d.kind == "annuity"]
    assert [d.year for d in everything if d.office == "EP"] == [3, 4, 5, 6]
    fees = [d for d in everything if d.office != "EP"]
    assert [(d.office, d.year, d.due, d.currency) for d in fees] == [
        ("DE", 7, D(2025, 3, 14), "EUR"), ("GB", 7, D(2025, 3, 14), "GBP")]
    assert all(d.amount_cny is None for d in fees)
    assert "Art. 141" in deadline_basis(fees[0]) and "check the state's rule" in deadline_basis(fees[0])


def test_a_national_fee_falling_due_within_2_months_of_the_grant_is_payable_until_then():
    """EPC Art. 141(2): grant published 2024-02-20, anniversary 2024-03-14 → payable until 2024-04-20."""
    facts = filing(office="EP", number="EP19", filing_date=D(2019, 3, 14), grant_date=D(2024, 2, 20),
                   status="granted", validation_states=("FR",), paid_through=5)
    fee = one(found(facts, D(2024, 3, 1), end=D(2024, 12, 31)), "annuity", office="FR")
    assert (fee.year, fee.due) == (6, D(2024, 4, 20))


# ---- JP: Patent Act Arts. 107-108, 112; KR: Patent Act Arts. 79, 81 ------------------------------
# Registered 2022-03-08: years 1-3 paid at registration; the 4th year is due 2025-03-08, each later
# year by the registration anniversary; 6 months' grace (JP: surcharge equal to the fee).

@pytest.mark.parametrize("office, currency", [("JP", "JPY"), ("KR", "KRW")])
def test_jp_kr_annuities_after_the_three_years_paid_at_registration(english, office, currency):
    facts = filing(office=office, number="2019-123456", paid_through=3)
    fees = [d for d in found(facts, D(2024, 1, 1), end=D(2026, 12, 31)) if d.kind == "annuity"]
    assert [(d.year, d.due) for d in fees] == [(4, D(2025, 3, 8)), (5, D(2026, 3, 8))]
    assert all(d.currency == currency and d.amount_cny is None for d in fees)
    assert "amount unknown" in deadline_basis(fees[0])
    assert one(found(facts, D(2025, 3, 8)), "annuity", year=4).state == "open"
    assert one(found(facts, D(2025, 3, 9)), "annuity", year=4).state == "missed"
    assert one(found(facts, D(2025, 9, 8)), "annuity_grace_end", year=4).state == "open"
    assert one(found(facts, D(2025, 9, 9)), "annuity_grace_end", year=4).state == "lapsed"
    source = "112" if office == "JP" else "81"
    assert source in deadline_basis(one(found(facts, D(2025, 1, 1)), "annuity_grace_end", year=4))


def test_jp_annuities_end_with_the_term_20_years_from_filing():
    """JP Patent Act Art. 67(1) term (data: term_years 20): filed 2019-03-01, the term ends 2039-03-01;
    registered 2022-03-08, the last year starting before it is year 17 (from 2038-03-08)."""
    fees = [d for d in found(filing(office="JP", paid_through=3), D(2024, 1, 1)) if d.kind == "annuity"]
    assert fees[-1].year == 17 and fees[-1].due == D(2038, 3, 8)


# ---- any other office: the user-entered next due date; Paris Convention Art. 5bis(1) grace --------

def test_other_office_uses_the_entered_due_date_marked_as_entered(english):
    facts = filing(office="IN", number="202117012345", next_due=D(2027, 2, 1))
    fee = one(found(facts, D(2027, 2, 1)), "annuity")
    assert (fee.due, fee.state, fee.office, fee.currency, fee.year) == (D(2027, 2, 1), "open", "IN", "INR", None)
    assert "entered by the user" in deadline_basis(fee)
    assert one(found(facts, D(2027, 2, 2)), "annuity").state == "missed"
    grace = one(found(facts, D(2027, 8, 1)), "annuity_grace_end")
    assert (grace.due, grace.state) == (D(2027, 8, 1), "open") and "5bis" in deadline_basis(grace)
    assert one(found(facts, D(2027, 8, 2)), "annuity_grace_end").state == "lapsed"
    assert not found(filing(office="IN", number="1"), D(2027, 1, 1))  # nothing entered: nothing shown


def test_dead_filings_owe_nothing():
    for status in ("rejected", "withdrawn", "lapsed"):
        assert not found(filing(status=status, entity_size="small"), D(2025, 1, 1))


# ---- Madrid: Protocol Arts. 6(1), 7(1), 7(4) -------------------------------------------------------
# International registration 2016-03-15: the term ends 2026-03-15 (WIPO's expiry: the anniversary),
# renewed for 10 years from then; a 6-month grace with surcharge ends 2026-09-15.

def madrid(**kw):
    return trademark(madrid_no="1563478", madrid_date=D(2016, 3, 15), designations=("US", "EM"), **kw)


def test_madrid_renewal_every_ten_years_at_wipo(english):
    renewal = one(compute_deadlines(trademarks=[madrid()], as_of=D(2026, 3, 15)), "trademark_renewal", office="WO")
    assert (renewal.due, renewal.state, renewal.matter) == (D(2026, 3, 15), "open", "12345678")
    assert "Madrid Protocol" in deadline_basis(renewal) and "1563478" in deadline_basis(renewal)
    assert one(compute_deadlines(trademarks=[madrid()], as_of=D(2026, 3, 16)), "trademark_renewal",
               office="WO").state == "missed"


def test_madrid_grace_ends_six_months_after_expiry():
    grace = one(compute_deadlines(trademarks=[madrid()], as_of=D(2026, 9, 15)), "trademark_grace_end", office="WO")
    assert (grace.due, grace.state, grace.main_due) == (D(2026, 9, 15), "open", D(2026, 3, 15))
    assert one(compute_deadlines(trademarks=[madrid()], as_of=D(2026, 9, 16)), "trademark_grace_end",
               office="WO").state == "lapsed"


def test_madrid_renewed_term_recorded_makes_the_first_done_and_the_next_open():
    renewed = madrid(madrid_expiry=D(2036, 3, 15))
    found_ = compute_deadlines(trademarks=[renewed], as_of=D(2026, 6, 1), start=D(2026, 1, 1), end=D(2036, 12, 31))
    assert [(d.due, d.state) for d in found_ if d.kind == "trademark_renewal" and d.office == "WO"] == [
        (D(2026, 3, 15), "done"), (D(2036, 3, 15), "open")]


def test_no_madrid_deadlines_without_the_international_registration_date():
    plain = trademark(madrid_no="1563478")
    assert not [d for d in compute_deadlines(trademarks=[plain], as_of=D(2026, 1, 1)) if d.office == "WO"]
