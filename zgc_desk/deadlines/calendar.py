"""Office calendars: when a deadline falling on a closed day moves to the next working day.

China (CNIPA, CNTMO) uses the State Council's adjusted calendar from the ``chinese-calendar``
package: holidays and weekends are closed, announced swapped working days (调休) are open. For years
the package does not cover, weekends plus the statutory holidays in ``data/holidays.yaml`` stand in
and the result is *provisional*. Offices not listed in ``shift_offices`` never move a deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import chinese_calendar

from zgc_desk.deadlines.rules import Dated as _Dated
from zgc_desk.deadlines.rules import Rules, in_force

_ONE_DAY = dt.timedelta(days=1)
_MAX_SHIFT_DAYS = 40  # no run of closed days is longer; stops a loop on broken data


@dataclass(frozen=True)
class Adjusted:
    """A period's last day after the holiday rule: ``due`` and whether it rests on a guess."""

    due: dt.date
    unadjusted: dt.date
    provisional: bool
    # the due day is a Saturday or Sunday that the State Council made a working day (调休)
    swapped_workday: bool = False

    @property
    def moved(self) -> bool:
        return self.due != self.unadjusted


class ChinaCalendar:
    """Working days of the Chinese administration (official data, then the fallback)."""

    def __init__(self, rules: Rules):
        self._holidays = frozenset(chinese_calendar.holidays)
        self._workdays = frozenset(chinese_calendar.workdays)
        years = {d.year for d in self._holidays}
        self.first_year, self.last_year = min(years), max(years)
        fallback = rules.holidays["fallback"]
        self._fixed = sorted(
            (_Dated(e["valid_from"], frozenset(e["days"]), e["source"]) for e in fallback["fixed_dates"]),
            key=lambda d: d.valid_from)
        self._lunar = {int(year): frozenset(days) for year, days in fallback["lunar_dates"].items()}
        self._cache: dict[dt.date, Adjusted] = {}

    def covers(self, day: dt.date) -> bool:
        return self.first_year <= day.year <= self.last_year

    def is_working_day(self, day: dt.date) -> bool:
        if self.covers(day):
            if day in self._holidays:
                return False
            return day.weekday() < 5 or day in self._workdays
        return day.weekday() < 5 and not self._fallback_holiday(day)

    def _fallback_holiday(self, day: dt.date) -> bool:
        month_day = day.strftime("%m-%d")
        era = in_force(self._fixed, day)
        if era is not None and month_day in era.value:
            return True
        return month_day in self._lunar.get(day.year, ())

    def adjust(self, day: dt.date) -> Adjusted:
        cached = self._cache.get(day)
        if cached is None:
            cached = self._cache[day] = self._adjust(day)
        return cached

    def _adjust(self, day: dt.date) -> Adjusted:
        current, provisional = day, not self.covers(day)
        for _step in range(_MAX_SHIFT_DAYS):
            if self.is_working_day(current):
                swapped = current.weekday() >= 5 and current in self._workdays
                return Adjusted(current, day, provisional, swapped)
            current += _ONE_DAY
            provisional = provisional or not self.covers(current)
        raise ValueError(f"no working day within {_MAX_SHIFT_DAYS} days after {day}")


class OfficeCalendars:
    """``adjust(office, day)`` for any office: the office's calendar if the data names one."""

    def __init__(self, rules: Rules):
        kinds = {"cn_official": ChinaCalendar}
        self._by_office = {}
        for office, kind in rules.holidays["shift_offices"].items():
            self._by_office[office] = kinds[kind](rules)

    def shifts(self, office: str) -> bool:
        return office in self._by_office

    def adjust(self, office: str, day: dt.date) -> Adjusted:
        calendar = self._by_office.get(office)
        if calendar is None:
            return Adjusted(day, day, False)
        return calendar.adjust(day)
