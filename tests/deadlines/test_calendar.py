"""Office calendars and month arithmetic: the Guidelines' worked examples, 调休, the fallback."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zgc_desk import dates
from zgc_desk.deadlines.common import add_months, whole_years_between
from zgc_desk.deadlines.engine import make_context

D = dt.date


@pytest.fixture(scope="module")
def ctx():
    return make_context(D(2026, 11, 25))


@pytest.mark.parametrize(("base", "months", "due"), [
    (D(2007, 10, 30), 2, D(2008, 1, 2)),  # Guidelines: 2007-12-30 is in the New Year holiday
    (D(2007, 12, 6), 2, D(2008, 2, 13)),  # Guidelines: 2008-02-06 is Spring Festival eve
    (D(1999, 12, 31), 2, D(2000, 2, 29)),  # Guidelines: the month's last day
])
def test_guidelines_worked_examples(ctx, base, months, due):
    assert ctx.adjust("CN", add_months(base, months)).due == due


def test_national_day_moves_to_first_working_day(ctx):
    adjusted = ctx.adjust("CN", D(2025, 10, 3))
    assert (adjusted.due, adjusted.moved, adjusted.provisional) == (D(2025, 10, 9), True, False)


def test_swapped_working_saturday_is_a_working_day(ctx):
    assert D(2025, 10, 11).weekday() == 5
    assert ctx.adjust("CN", D(2025, 10, 11)).due == D(2025, 10, 11)
    assert ctx.adjust("CN", D(2025, 10, 18)).due == D(2025, 10, 20)  # an ordinary Saturday


def test_other_offices_never_move(ctx):
    assert ctx.adjust("US", D(2025, 10, 4)).due == D(2025, 10, 4)
    assert ctx.adjust("", D(2025, 10, 4)).provisional is False


@pytest.mark.parametrize(("day", "due"), [
    (D(2027, 1, 1), D(2027, 1, 4)),  # New Year (fixed date) then a weekend
    (D(2027, 2, 8), D(2027, 2, 9)),  # Spring Festival day 3 (lunar table)
    (D(2027, 10, 1), D(2027, 10, 4)),  # only Oct 1-3 are statutory: the bridging days are unknown
    (D(2027, 3, 10), D(2027, 3, 10)),  # an ordinary Wednesday, still provisional
])
def test_years_beyond_the_official_data_are_provisional(ctx, day, due):
    adjusted = ctx.adjust("CN", day)
    assert adjusted.due == due
    assert adjusted.provisional


def test_shift_from_covered_year_into_uncovered_year_is_provisional(ctx):
    # 2026-12-31 is a Thursday and a working day: not provisional; a Saturday would roll into 2027
    assert ctx.adjust("CN", D(2026, 12, 31)).provisional is False
    calendar = ctx.calendars._by_office["CN"]
    assert calendar.last_year == 2026


def test_before_the_official_data_uses_the_era_rules(ctx):
    # 2002 is before chinese-calendar's data: 1999 rules make May 1-3 holidays
    assert ctx.adjust("CN", D(2002, 5, 2)).due == D(2002, 5, 6)
    assert ctx.adjust("CN", D(2002, 5, 2)).provisional


@given(st.dates(D(1990, 1, 1), D(2060, 12, 31)), st.integers(-240, 480))
def test_fast_add_months_matches_the_shared_one(base, months):
    assert add_months(base, months) == dates.add_months(base, months)


@given(st.dates(D(1990, 1, 1), D(2040, 12, 31)), st.dates(D(1990, 1, 1), D(2060, 12, 31)))
def test_whole_years_between(start, end):
    years = whole_years_between(start, end)
    assert add_months(start, 12 * years) <= end < add_months(start, 12 * (years + 1))
