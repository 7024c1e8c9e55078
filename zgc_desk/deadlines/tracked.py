"""An as-of date that remembers what was asked of it, so that a computation's answer can be kept.

The rule modules read the as-of date only to judge states and to decide which years are still
owed (``as_of <= due``, ``whole_years_between(filing, as_of)`` …). Every such question splits the
calendar at the date it names: the same answers, and so the same deadlines, hold for every as-of
day on the same side of every split. :class:`TrackedDate` notes each split in a :class:`Bounds`
— the days ``[lo, hi)`` (ordinals) on which a record's deadlines stay exactly what they are — which
is what lets ``zgc_desk.services.deadline_store`` keep them and reuse them on later days.

Anything that reads the date in a way not understood here (its ordinal, its text, arithmetic on
it) narrows the bounds to that one day: the answer is then kept for today only, never reused
wrongly.
"""

from __future__ import annotations

import datetime as dt

_date_ordinal = dt.date.toordinal
_LT, _LE, _GT, _GE, _EQ, _NE = (dt.date.__lt__, dt.date.__le__, dt.date.__gt__, dt.date.__ge__,
                                dt.date.__eq__, dt.date.__ne__)
NEVER = 10 ** 9  # an ordinal beyond any date: "no upper bound"


class Bounds:
    """The as-of days ``[lo, hi)`` (ordinals) for which every answer given so far holds."""

    __slots__ = ("lo", "hi")

    def __init__(self) -> None:
        self.lo, self.hi = 0, NEVER

    def split_at(self, day: int, at: int) -> None:
        """Record a comparison of the as-of day ``at`` with ``day``: its answer is the same on the
        days before ``day``, on ``day`` itself, and on the days after it."""
        if at < day:
            if day < self.hi:
                self.hi = day
        elif at == day:
            self.only(day)
        elif day + 1 > self.lo:
            self.lo = day + 1

    def within(self, first: int, end: int) -> None:
        """The answer holds from ordinal ``first`` to before ``end``."""
        if first > self.lo:
            self.lo = first
        if end < self.hi:
            self.hi = end

    def only(self, day: int) -> None:
        self.within(day, day + 1)


class TrackedDate(dt.date):
    """A ``datetime.date`` that records into ``bounds`` every question that depends on its value.

    Python asks a subclass's reflected comparison first, so ``due >= as_of`` is seen here too."""

    __slots__ = ("bounds",)

    def __new__(cls, day: dt.date, bounds: Bounds):
        self = super().__new__(cls, day.year, day.month, day.day)
        self.bounds = bounds
        return self

    def _seen(self, other) -> None:
        if other is not self and isinstance(other, dt.date) and not isinstance(other, dt.datetime):
            self.bounds.split_at(_date_ordinal(other), _date_ordinal(self))

    def __lt__(self, other):
        self._seen(other)
        return _LT(self, other)

    def __le__(self, other):
        self._seen(other)
        return _LE(self, other)

    def __gt__(self, other):
        self._seen(other)
        return _GT(self, other)

    def __ge__(self, other):
        self._seen(other)
        return _GE(self, other)

    def __eq__(self, other):
        self._seen(other)
        return _EQ(self, other)

    def __ne__(self, other):
        self._seen(other)
        return _NE(self, other)

    __hash__ = dt.date.__hash__  # the same key as the plain date; a dict lookup then asks __eq__

    @property
    def year(self) -> int:
        year = dt.date.year.__get__(self)
        self.bounds.within(_date_ordinal(dt.date(year, 1, 1)), _date_ordinal(dt.date(year + 1, 1, 1)))
        return year

    @property
    def month(self) -> int:
        year, month = dt.date.year.__get__(self), dt.date.month.__get__(self)
        following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
        self.bounds.within(_date_ordinal(dt.date(year, month, 1)), _date_ordinal(following))
        return month

    @property
    def day(self) -> int:
        self.bounds.only(_date_ordinal(self))
        return dt.date.day.__get__(self)


def _today_only(name: str):
    """A method whose answer is taken to depend on the exact day: it narrows the bounds to it."""
    method = getattr(dt.date, name)

    def wrapper(self, *args, **kwargs):
        self.bounds.only(_date_ordinal(self))
        return method(dt.date.fromordinal(_date_ordinal(self)), *args, **kwargs)

    wrapper.__name__ = name
    return wrapper


for _name in ("toordinal", "weekday", "isoweekday", "isocalendar", "isoformat", "strftime", "__format__",
              "__str__", "__repr__", "ctime", "timetuple", "replace", "__add__", "__radd__", "__sub__",
              "__rsub__", "__reduce__", "__reduce_ex__"):
    setattr(TrackedDate, _name, _today_only(_name))
del _name
