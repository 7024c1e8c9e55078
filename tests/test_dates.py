import datetime as dt

import pytest

from zgc_desk.dates import DateError, add_months, parse_date


@pytest.mark.parametrize("value", ["2021-03-05", "2021/3/5", "2021.3.5", "2021年3月5日", "20210305",
                                   dt.date(2021, 3, 5), dt.datetime(2021, 3, 5, 0, 0), 44260, "2021-03-05 00:00:00",
                                   "２０２１－０３－０５"])
def test_accepted_date_forms(value):
    assert parse_date(value) == dt.date(2021, 3, 5)


@pytest.mark.parametrize("value", ["2021-02-30", "2021年13月1日", "yesterday", "5/3/2021", True, -3])
def test_impossible_or_unknown_dates_are_refused(value):
    with pytest.raises(DateError):
        parse_date(value)


def test_empty_is_none():
    assert parse_date("  ") is None
    assert parse_date(None) is None


def test_month_arithmetic_clamps_to_month_end():
    # Patent Examination Guidelines example: 2 months from 1999-12-31 ends on 2000-02-29.
    assert add_months(dt.date(1999, 12, 31), 2) == dt.date(2000, 2, 29)
    assert add_months(dt.date(2020, 2, 29), 12) == dt.date(2021, 2, 28)
    assert add_months(dt.date(2021, 1, 31), 1) == dt.date(2021, 2, 28)
