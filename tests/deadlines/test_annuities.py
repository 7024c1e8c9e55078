"""Annual fees paid late, one case per surcharge bracket (Implementing Regulations Art. 115), and
the basis sentence."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zgc_desk.deadlines import compute_deadlines
from zgc_desk.deadlines.basis import deadline_basis

D = dt.date

# Filed 2015-03-10, year 11 (invention, 4,000 yuan) due 2025-03-10 (Monday). Month boundaries
# 2025-04-10, 05-10 (Saturday → 05-12), 06-10, 07-10, 08-10 (Sunday → 08-11), 09-10.
BRACKETS = [
    (D(2025, 3, 10), "open", 0),
    (D(2025, 3, 11), "missed", 0),
    (D(2025, 4, 10), "missed", 0),
    (D(2025, 4, 11), "missed", 200),
    (D(2025, 5, 12), "missed", 200),
    (D(2025, 5, 13), "missed", 400),
    (D(2025, 6, 10), "missed", 400),
    (D(2025, 6, 11), "missed", 600),
    (D(2025, 7, 11), "missed", 800),
    (D(2025, 8, 11), "missed", 800),
    (D(2025, 8, 12), "missed", 1000),
    (D(2025, 9, 10), "missed", 1000),
    (D(2025, 9, 11), "lapsed", None),
]


@pytest.mark.parametrize(("as_of", "state", "surcharge"), BRACKETS)
def test_surcharge_bracket_when_paid_late(facts, as_of, state, surcharge):
    patent = facts.patent(filing_date=D(2015, 3, 10), grant_date=D(2018, 1, 1), paid_through=10)
    fee = next(d for d in compute_deadlines([patent], as_of=as_of) if d.kind == "annuity" and d.year == 11)
    assert (fee.due, fee.state, fee.amount_cny) == (D(2025, 3, 10), state, 4000)
    if state == "missed":
        assert fee.surcharge_cny == surcharge
    else:
        assert fee.surcharge_cny is None


def test_grace_end_carries_the_last_bracket(facts):
    patent = facts.patent(filing_date=D(2015, 3, 10), grant_date=D(2018, 1, 1), paid_through=10)
    grace = next(d for d in compute_deadlines([patent], as_of=D(2025, 1, 1))
                 if d.kind == "annuity_grace_end" and d.year == 11)
    assert (grace.due, grace.amount_cny, grace.surcharge_cny) == (D(2025, 9, 10), 4000, 1000)


def test_paying_advances_only_through_the_paid_year(facts):
    patent = facts.patent(filing_date=D(2015, 3, 10), grant_date=D(2018, 1, 1), paid_through=11)
    states = {d.year: d.state for d in compute_deadlines([patent], as_of=D(2025, 6, 1)) if d.kind == "annuity"}
    assert states[11] == "done" and states[12] == "open"


def test_window_returns_only_deadlines_due_inside_it(facts):
    patent = facts.patent(filing_date=D(2015, 3, 10), grant_date=D(2018, 1, 1), paid_through=10)
    everything = compute_deadlines([patent], as_of=D(2025, 1, 1))
    window = compute_deadlines([patent], as_of=D(2025, 1, 1), start=D(2025, 6, 1), end=D(2026, 6, 1))
    assert window == [d for d in everything if D(2025, 6, 1) <= d.due <= D(2026, 6, 1)]
    assert [(d.kind, d.year) for d in window] == [("annuity_grace_end", 11), ("annuity", 12)]


def test_basis_names_rule_source_base_date_and_period(facts, english):
    patent = facts.patent(filing_date=D(2015, 10, 3), grant_date=D(2018, 1, 1), paid_through=10,
                          reduction_pct=85)
    fee = next(d for d in compute_deadlines([patent], as_of=D(2025, 1, 1)) if d.kind == "annuity" and d.year == 11)
    text = deadline_basis(fee)
    assert "Annual fee for patent year 11" in text
    assert "10 years from the filing date 2015-10-03, i.e. 2025-10-03" in text
    assert "moved to the next working day 2025-10-09" in text
    assert "Patent Examination Guidelines Part V Ch. 9" in text
    assert "PROVISIONAL" not in text
    assert fee.amount_cny == 600  # years 3-12 (10 from grant year 3) pay 15 % of 4,000
    assert "reduced by 85%" in text


def test_basis_is_translated(facts):
    patent = facts.patent(filing_date=D(2017, 1, 1), grant_date=D(2019, 1, 1), paid_through=10)
    fee = next(d for d in compute_deadlines([patent], as_of=D(2026, 11, 25)) if d.kind == "annuity" and d.year == 11)
    assert fee.provisional
    text = deadline_basis(fee)
    assert "2017-01-01" in text and "2027-01-04" in text


@given(filed=st.dates(D(1995, 1, 1), D(2026, 6, 1)), grant_days=st.integers(100, 2000),
       paid=st.one_of(st.none(), st.integers(1, 20)), start=st.dates(D(2000, 1, 1), D(2040, 1, 1)),
       days=st.integers(0, 900), right=st.sampled_from(["invention", "utility_model", "design"]))
@settings(max_examples=150, deadline=None)
def test_window_never_drops_a_deadline(filed, grant_days, paid, start, days, right):
    from .conftest import patent

    p = patent(filing_date=filed, grant_date=filed + dt.timedelta(days=grant_days), paid_through=paid, right=right)
    end = start + dt.timedelta(days=days)
    everything = compute_deadlines([p], as_of=D(2026, 11, 25))
    window = compute_deadlines([p], as_of=D(2026, 11, 25), start=start, end=end)
    assert window == [d for d in everything if start <= d.due <= end]


@given(filed=st.dates(D(2005, 1, 1), D(2026, 6, 1)), paid=st.integers(1, 20), as_of=st.dates(D(2015, 1, 1), D(2035, 1, 1)),
       states=st.sets(st.sampled_from(["open", "done", "missed", "lapsed"])), hide=st.booleans())
@settings(max_examples=100, deadline=None)
def test_early_state_filter_equals_filtering_afterwards(filed, paid, as_of, states, hide):
    from .conftest import patent, pct, trademark

    facts = ([patent(filing_date=filed, grant_date=filed + dt.timedelta(days=700), paid_through=paid)],
             [pct(priority_date=filed, intl_filing_date=filed + dt.timedelta(days=300))],
             [trademark(registration_date=filed, filing_date=filed - dt.timedelta(days=300))])
    everything = compute_deadlines(*facts, as_of=as_of)
    expected = [d for d in everything if d.state in states and not (hide and d.is_idle_backup(as_of))]
    assert compute_deadlines(*facts, as_of=as_of, states=states, hide_idle_backups=hide) == expected
