"""The deadline engine: pure functions from plain facts and an as-of date to sorted deadlines.

No database and no clock here: ``zgc_desk.services.deadlines`` loads the facts and passes ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from zgc_desk.deadlines.calendar import OfficeCalendars
from zgc_desk.deadlines.common import Context
from zgc_desk.deadlines.model import SORT_KEY, Deadline, OverseasFacts, PatentFacts, PCTFacts, TrademarkFacts
from zgc_desk.deadlines.notices import NoticeFacts, notice_deadlines
from zgc_desk.deadlines.overseas import overseas_deadlines
from zgc_desk.deadlines.patents import patent_deadlines
from zgc_desk.deadlines.pct import pct_deadlines
from zgc_desk.deadlines.rules import Rules, default_rules
from zgc_desk.deadlines.trademarks import trademark_deadlines

log = logging.getLogger(__name__)


def office_calendars(rules: Rules) -> OfficeCalendars:
    """Calendars are costly to build and cache their answers: one per rules object, kept on it."""
    calendars = getattr(rules, "_office_calendars", None)
    if calendars is None:
        calendars = rules._office_calendars = OfficeCalendars(rules)
    return calendars


def make_context(as_of: dt.date, start: dt.date | None = None, end: dt.date | None = None,
                 rules: Rules | None = None, states=None, hide_idle_backups: bool = False) -> Context:
    rules = rules or default_rules()
    return Context(rules=rules, calendars=office_calendars(rules), as_of=as_of, start=start, end=end,
                   states=None if states is None else frozenset(states), hide_idle_backups=hide_idle_backups)


def compute_deadlines(patents: Iterable[PatentFacts] = (), pcts: Iterable[PCTFacts] = (),
                      trademarks: Iterable[TrademarkFacts] = (), *, as_of: dt.date,
                      start: dt.date | None = None, end: dt.date | None = None,
                      rules: Rules | None = None, states=None, hide_idle_backups: bool = False,
                      notices: Iterable[NoticeFacts] = (),
                      overseas: Iterable[OverseasFacts] = ()) -> list[Deadline]:
    """Every deadline due from ``start`` to ``end`` (inclusive; None = unbounded), by due date;
    only the given ``states`` (None: all); without idle grace/late deadlines if asked
    (see ``Deadline.is_idle_backup``)."""
    ctx = make_context(as_of, start, end, rules, states, hide_idle_backups)
    out: list[Deadline] = []
    for patent in patents:
        out.extend(_computable(patent_deadlines, patent, ctx))
    for pct in pcts:
        out.extend(_computable(pct_deadlines, pct, ctx))
    for trademark in trademarks:
        out.extend(_computable(trademark_deadlines, trademark, ctx))
    for filing in overseas:
        out.extend(_computable(overseas_deadlines, filing, ctx))
    out.extend(notice_deadlines(notices, ctx))
    out.sort(key=SORT_KEY)
    return out


def _computable(rules_of, facts, ctx: Context) -> list[Deadline]:
    """One record's deadlines; none when its dates lie beyond the calendar (a year-9999 date stored
    before ``zgc_desk.dates`` bounded what is accepted), rather than failing every firm's listing."""
    try:
        return list(rules_of(facts, ctx))
    except (OverflowError, ValueError) as exc:
        log.warning("no deadlines for %s: a date out of range (%s)", getattr(facts, "number", facts), exc)
        return []
