"""Deadlines of Chinese trademarks: priority, renewal window, renewal, renewal grace.

A registration lasts 10 years and ends the day before the anniversary (2017-07-21 → 2027-07-20);
renewal may be filed in the 12 months before expiry and within 6 months after it (Trademark Law
Arts. 39-40); each renewal adds 10 years. Cycles before the current expiry date are shown as done,
since the expiry date only moves on by renewing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from zgc_desk.deadlines.common import Context, add_months, add_years, basis, state_of
from zgc_desk.deadlines.model import Deadline, TrademarkFacts
from zgc_desk.i18n import N_

CNTMO = "CN"
_LIVE = ("registered", "renewed")


def trademark_deadlines(t: TrademarkFacts, ctx: Context) -> Iterator[Deadline]:
    if t.filing_date is not None and t.status != "invalid":
        yield from priority(t, ctx)
    if t.status in _LIVE:
        for expiry in expiries(t, ctx):
            yield from renewal_cycle(t, ctx, expiry, done=expiry < current_expiry(t, ctx))


def _deadline(t: TrademarkFacts, kind: str, office: str, due: dt.date, state: str, why) -> Deadline:
    return Deadline(firm=t.firm_code, firm_id=t.firm_id, matter=t.number, matter_kind="trademark",
                    matter_id=t.id, title=t.mark, kind=kind, office=office, due=due, state=state,
                    amount_cny=None, basis=why)


def priority(t: TrademarkFacts, ctx: Context) -> Iterator[Deadline]:
    rule = ctx.rules.periods["priority"]
    months = rule["months"]["trademark"]
    adjusted = ctx.adjust("", add_months(t.filing_date, months))
    state = state_of(t.madrid, ctx.as_of, adjusted.due)
    if not (ctx.in_window(adjusted.due) and ctx.keep(state)):
        return
    why = basis(N_("Last day to file abroad claiming the mark's priority"), rule["source"], N_("filing date"),
                t.filing_date, (months, "months"), adjusted)
    yield _deadline(t, "priority", "", adjusted.due, state, why)


def current_expiry(t: TrademarkFacts, ctx: Context) -> dt.date | None:
    if t.expiry_date is not None:
        return t.expiry_date
    if t.registration_date is None:
        return None
    return add_years(t.registration_date, ctx.rules.periods["trademark"]["term_years"]) - dt.timedelta(days=1)


def expiries(t: TrademarkFacts, ctx: Context) -> list[dt.date]:
    """Expiry dates of every 10-year cycle up to the current one."""
    current = current_expiry(t, ctx)
    if current is None:
        return []
    term = ctx.rules.periods["trademark"]["term_years"]
    out = []
    if t.registration_date is not None:
        cycle = 1
        while (expiry := add_years(t.registration_date, term * cycle) - dt.timedelta(days=1)) < current:
            out.append(expiry)
            cycle += 1
    out.append(current)
    return out


def renewal_cycle(t: TrademarkFacts, ctx: Context, expiry: dt.date, done: bool) -> Iterator[Deadline]:
    rule = ctx.rules.periods["trademark"]
    source = rule["source"]
    opens = ctx.adjust("", add_months(expiry, -rule["renewal_window_months"]))
    renewal = ctx.adjust(CNTMO, expiry)
    grace = ctx.adjust(CNTMO, add_months(expiry, rule["grace_months"]))
    opens_state = "done" if done or ctx.as_of >= opens.due else "open"
    if ctx.in_window(opens.due) and ctx.keep(opens_state):
        why = basis(N_("Renewal may be filed from this day"), source, N_("expiry date"), expiry,
                    (-rule["renewal_window_months"], "months"), opens)
        yield _deadline(t, "trademark_renewal_opens", CNTMO, opens.due, opens_state, why)
    renewal_state = state_of(done, ctx.as_of, renewal.due, grace.due)
    if ctx.in_window(renewal.due) and ctx.keep(renewal_state):
        why = basis(N_("Trademark renewal"), source, N_("expiry date"), expiry, (0, "months"), renewal)
        yield _deadline(t, "trademark_renewal", CNTMO, renewal.due, renewal_state, why)
    grace_state = state_of(done, ctx.as_of, grace.due)
    if ctx.in_window(grace.due) and ctx.keep(grace_state, renewal.due):
        why = basis(N_("Last day to renew in the grace period"), source, N_("expiry date"), expiry,
                    (rule["grace_months"], "months"), grace)
        grace_deadline = _deadline(t, "trademark_grace_end", CNTMO, grace.due, grace_state, why)
        grace_deadline.main_due = renewal.due
        yield grace_deadline
