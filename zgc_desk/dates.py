"""Date parsing and calendar arithmetic shared by validation, deadlines and rules (pure).

Month arithmetic follows Patent Law Implementing Regulations Art. 5 and PCT Rule 80.2: a period of
months ends on the same day of the last month, or on that month's last day if it has no such day.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from zgc_desk.i18n import _

EXCEL_EPOCH = dt.date(1899, 12, 30)


class DateError(ValueError):
    pass


def add_months(base: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, else the last day of that month (relativedelta clamps)."""
    return base + relativedelta(months=months)


def add_years(base: dt.date, years: int) -> dt.date:
    return base + relativedelta(years=years)


def term_end(start: dt.date, years: int) -> dt.date:
    """The last day of a term of ``years`` from ``start`` (a trademark's registration, Trademark Law
    2019 Art. 39): Trademark Implementing Regulations (2014) Art. 12 ¶2 — the day before the
    corresponding day of the last month; when that month has no corresponding day (29 February in a
    common year), the month's last day. 2017-07-21 → 2027-07-20; 2016-02-29 → 2026-02-28."""
    try:
        same_day = start.replace(year=start.year + years)
    except ValueError:  # 29 February, common year: the month's last day
        return dt.date(start.year + years, 2, 28)
    return same_day - dt.timedelta(days=1)


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value) -> dt.date | None:
    """A date from an Excel cell or typed text; ``None`` for an empty value.

    Accepts dates and datetimes, Excel serial numbers, ``2021-03-05``, ``2021/3/5``, ``2021.3.5``,
    ``2021年3月5日`` and ``20210305``. Raises :class:`DateError` in plain words otherwise.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise DateError(_("expected a date such as 2021-03-05"))
    if isinstance(value, int | float):
        if 1 <= value < 2958466 and float(value).is_integer():
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise DateError(_("expected a date such as 2021-03-05"))
    text = str(value).strip()
    if not text:
        return None
    text = text.translate(str.maketrans("０１２３４５６７８９－／．", "0123456789-/."))
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"[T ]?00:00(:00)?$", "", text)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise DateError(_("{text} is not a real date").format(text=text)) from None
    raise DateError(_("expected a date such as 2021-03-05"))
