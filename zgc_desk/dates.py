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
# Every date the program accepts lies in this range: older than any right or firm it keeps, far enough
# ahead for a 20-year term with extensions and grace periods, and far from datetime's year 9999 so
# that derived dates (terms, renewals, annuities) never overflow. 9999-12-31, typed as "permanent",
# is refused with its own message: no Chinese right is permanent (a trademark runs 10 years and is
# renewed; a blank 有效期至 is derived from the registration date).
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2200, 12, 31)
PERMANENT_SHORTHAND = dt.date(9999, 12, 31)


class DateError(ValueError):
    pass


def add_months(base: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, else the last day of that month (relativedelta clamps).

    Past datetime's range (a date stored before the bounds existed) the result saturates at
    ``date.max`` / ``date.min`` rather than raising in the middle of a listing of every firm."""
    try:
        return base + relativedelta(months=months)
    except (OverflowError, ValueError):
        return dt.date.max if months > 0 else dt.date.min


def add_years(base: dt.date, years: int) -> dt.date:
    return add_months(base, 12 * years)


def add_days(base: dt.date, days: int) -> dt.date:
    """``base + days``, saturating like :func:`add_months`."""
    try:
        return base + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def check_in_range(date: dt.date) -> dt.date:
    """The date itself, or :class:`DateError` when it lies outside ``EARLIEST`` … ``LATEST``."""
    if EARLIEST <= date <= LATEST:
        return date
    if date == PERMANENT_SHORTHAND:
        raise DateError(_("9999-12-31 is not a date a right ends on: no Chinese right is permanent (a trademark "
                          "runs 10 years and is renewed); leave the cell blank to derive the expiry"))
    raise DateError(_("{date} is outside the dates this program accepts ({earliest} to {latest})").format(
        date=date.isoformat(), earliest=EARLIEST.isoformat(), latest=LATEST.isoformat()))


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
    date = _parse_date(value)
    return None if date is None else check_in_range(date)


def _parse_date(value) -> dt.date | None:
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
