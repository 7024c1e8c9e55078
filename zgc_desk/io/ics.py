"""Deadlines as an iCalendar file: one all-day VEVENT per deadline, with a reminder 14 days before.

UIDs are built from what identifies a deadline in the real world (firm code, matter number, kind,
office, patent year or renewal cycle), not from database ids, so re-importing a later export into
Outlook or another calendar updates the events instead of duplicating them; SEQUENCE grows with the
export date so that the newer copy wins.
"""

from __future__ import annotations

import datetime as dt
import re

from icalendar import Alarm, Calendar, Event

from zgc_desk import __version__
from zgc_desk.dates import add_days
from zgc_desk.deadlines.basis import deadline_basis, state_label, yuan
from zgc_desk.deadlines.kinds import cycle, group_label, kind_label
from zgc_desk.deadlines.model import Deadline
from zgc_desk.i18n import _
from zgc_desk.io.atomic import write_bytes_atomically

REMINDER_DAYS = 14
_UID_DOMAIN = "zgc-desk"
_SEQUENCE_EPOCH = dt.date(2020, 1, 1)


def deadline_uid(d: Deadline) -> str:
    parts = [d.firm, d.matter, d.kind, d.office]
    if d.year is not None:
        parts.append(f"y{d.year}")
    if cycle(d.kind) == "term":  # one event per renewal term, named by its expiry date
        parts.append(d.basis.base_date.isoformat())
    text = "-".join(p for p in parts if p)
    return re.sub(r"[^A-Za-z0-9.-]+", "_", text) + "@" + _UID_DOMAIN


def _summary(d: Deadline) -> str:
    what = kind_label(d.kind)
    if d.year is not None:
        what = _("{kind} (year {year})").format(kind=what, year=d.year)
    text = f"{what} {d.matter}"
    if d.office:
        text += f" [{d.office}]"
    if d.state != "open":
        text = f"({state_label(d.state)}) {text}"
    return text


def _description(d: Deadline) -> str:
    lines = [d.title] if d.title else []
    foreign = (d.currency or "CNY") != "CNY"
    if d.amount_cny is not None:
        lines.append(_("Official fee: {amount} {currency}").format(amount=yuan(d.amount_cny), currency=d.currency)
                     if foreign else _("Official fee: {amount} yuan").format(amount=yuan(d.amount_cny)))
    if d.surcharge_cny:
        lines.append(_("Late-payment surcharge: {amount} {currency}").format(amount=yuan(d.surcharge_cny),
                                                                             currency=d.currency)
                     if foreign else _("Late-payment surcharge: {amount} yuan").format(amount=yuan(d.surcharge_cny)))
    lines.append(_("Firm: {code}").format(code=d.firm))
    lines.append(deadline_basis(d))
    return "\n".join(lines)


def _event(d: Deadline, stamp: dt.datetime, sequence: int) -> Event:
    event = Event()
    event.add("uid", deadline_uid(d))
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("dtstart", d.due)
    event.add("dtend", add_days(d.due, 1))  # saturates: a stored far-future date cannot break the file
    event.add("summary", _summary(d))
    event.add("description", _description(d))
    # the kind and its colour group: calendars colour events by category
    event.add("categories", [c for c in (kind_label(d.kind), group_label(d.kind)) if c])
    event.add("transp", "TRANSPARENT")  # an all-day reminder, not a busy day
    if d.state in ("open", "missed"):
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _summary(d))
        alarm.add("trigger", dt.timedelta(days=-REMINDER_DAYS))
        event.add_component(alarm)
    return event


def build_calendar(deadlines: list[Deadline], *, as_of: dt.date, stamp: dt.datetime,
                   name: str = "") -> Calendar:
    """``stamp`` (the export time, UTC) is passed in: no clock in here."""
    calendar = Calendar()
    calendar.add("prodid", f"-//ZGC Desk//{__version__}//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name or _("ZGC Desk deadlines"))
    sequence = (as_of - _SEQUENCE_EPOCH).days
    for deadline in deadlines:
        calendar.add_component(_event(deadline, stamp, sequence))
    return calendar


def write_ics(path, deadlines: list[Deadline], *, as_of: dt.date, stamp: dt.datetime, name: str = "") -> int:
    """Write the calendar file; returns the number of events."""
    calendar = build_calendar(deadlines, as_of=as_of, stamp=stamp, name=name)
    write_bytes_atomically(path, calendar.to_ical())  # a full disk leaves the old file, never half a new one
    return len(deadlines)
