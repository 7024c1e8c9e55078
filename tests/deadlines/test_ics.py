"""The iCalendar writer: all-day events, 14-day alarms, basis in the description, valid structure."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from zgc_desk.deadlines import compute_deadlines
from zgc_desk.io.ics import REMINDER_DAYS, build_calendar, deadline_uid, write_ics

D = dt.date
STAMP = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
AS_OF = D(2026, 11, 25)


def _deadlines(facts, as_of=AS_OF):
    patent = facts.patent(filing_date=D(2016, 12, 20), grant_date=D(2019, 3, 1), paid_through=10)
    mark = facts.trademark(registration_date=D(2017, 4, 25))
    pct = facts.pct(priority_date=D(2024, 7, 2), intl_filing_date=D(2025, 6, 30))
    return compute_deadlines([patent], [pct], [mark], as_of=as_of, start=D(2026, 6, 1), end=D(2028, 6, 1))


def test_events_are_all_day_with_alarm_and_basis(facts, tmp_path, english):
    deadlines = _deadlines(facts)
    path = tmp_path / "out.ics"
    assert write_ics(path, deadlines, as_of=D(2026, 11, 25), stamp=STAMP) == len(deadlines)
    calendar = Calendar.from_ical(path.read_bytes())
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(deadlines)
    for event, deadline in zip(events, deadlines, strict=True):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is dt.date and start == deadline.due and end == start + dt.timedelta(days=1)
        assert event.decoded("dtstamp") == STAMP
        assert "source:" in str(event["description"])
        alarms = list(event.walk("VALARM"))
        if deadline.state in ("open", "missed"):
            assert len(alarms) == 1
            assert alarms[0].decoded("trigger") == -dt.timedelta(days=REMINDER_DAYS)
            assert str(alarms[0]["action"]) == "DISPLAY"
        else:
            assert not alarms


def test_uids_are_stable_across_exports_and_unique(facts):
    first = [deadline_uid(d) for d in _deadlines(facts)]
    later = [deadline_uid(d) for d in _deadlines(facts, as_of=D(2027, 3, 1))]
    assert len(first) == len(set(first))
    assert first == later
    assert all(uid.endswith("@zgc-desk") and "/" not in uid for uid in first)


def test_renewal_cycles_get_their_own_uid(facts):
    mark = facts.trademark(registration_date=D(2005, 3, 14), expiry_date=D(2025, 3, 13), status="renewed")
    renewals = [d for d in compute_deadlines([], [], [mark], as_of=D(2025, 6, 1))
                if d.kind == "trademark_renewal"]
    assert len({deadline_uid(d) for d in renewals}) == len(renewals) == 2


def test_folded_lines_and_crlf(facts):
    data = build_calendar(_deadlines(facts), as_of=D(2026, 11, 25), stamp=STAMP).to_ical()
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert lines[0] == b"BEGIN:VCALENDAR" and data.rstrip().endswith(b"END:VCALENDAR")
