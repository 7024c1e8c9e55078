"""Deadlines of Chinese trademarks: priority, renewal window, renewal, renewal grace.

A registration lasts 10 years and ends the day before the anniversary (2017-07-21 → 2027-07-20);
a mark registered on 29 February ends on the last day of February (Trademark Implementing
Regulations Art. 12 ¶2, ``dates.term_end``). Renewal may be filed in the 12 months before expiry —
the window opens the day after the same date a year earlier (2026-07-21 for 2027-07-20) — and within
6 months after it (Trademark Law Arts. 39-40); each renewal adds 10 years. The expiry date is
not moved for holidays (Regulations Art. 12 ¶2 fixes it), so neither is the ordinary renewal, due on
it; the grace period's last day is (Art. 12 ¶1). Cycles before the current
expiry date are shown as done, since the expiry date only moves on by renewing. A mark recorded as
renewed without an expiry date is taken to be in the 10-year term that includes the as-of date (at
least its second), said so in the basis.

Renewing costs CNTMO's renewal fee per class of the registration, plus the late-renewal fee per
class in the grace period (fees.yaml ``trademark_renewal``, ``trademark_renewal_late``); a mark
whose classes are not recorded shows no amount and says why. A Madrid renewal's WIPO fees depend on
the designations and are not in the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from zgc_desk.dates import term_end
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
    if t.madrid_no and t.madrid_date is not None and t.status != "invalid":
        yield from madrid_renewals(t, ctx)


def madrid_expiry(t: TrademarkFacts, ctx: Context) -> dt.date:
    """End of the international registration's current term: as recorded, else the first term's
    (10 years from the international registration date, its anniversary: Madrid Protocol Art. 6(1))."""
    return t.madrid_expiry or add_years(t.madrid_date, ctx.rules.periods["madrid"]["term_years"])


def madrid_renewals(t: TrademarkFacts, ctx: Context) -> Iterator[Deadline]:
    """Madrid Protocol Art. 7(1), (4): renewed at WIPO for 10 years from the expiry of the preceding
    term, for every designated party at once, with a 6-month grace and a surcharge. Terms before the
    recorded current one are done; nothing is moved for closed days (no WIPO calendar in the data)."""
    rule = ctx.rules.periods["madrid"]
    current = madrid_expiry(t, ctx)
    expiry, term = add_years(t.madrid_date, rule["term_years"]), 1
    while expiry <= current:
        yield from _madrid_term(t, ctx, rule, expiry, rule["term_years"] * term, done=expiry < current)
        term += 1
        expiry = add_years(t.madrid_date, rule["term_years"] * term)


def _madrid_term(t: TrademarkFacts, ctx: Context, rule: dict, expiry: dt.date, years: int,
                 done: bool) -> Iterator[Deadline]:
    office = rule["office"]
    due, grace = ctx.adjust("", expiry), ctx.adjust("", add_months(expiry, rule["grace_months"]))
    notes = [(N_("international registration {number}, designated parties: {parties}"),
              (("number", t.madrid_no), ("parties", "; ".join(t.designations) or "—"))),
             (N_("not moved for the office's closed days (no calendar of that office in the data)"), ())]
    if t.madrid_expiry is None:
        notes.append((N_("term end not recorded: 10 years from the international registration date"), ()))
    renewal_state = state_of(done, ctx.as_of, due.due, grace.due)
    if ctx.in_window(due.due) and ctx.keep(renewal_state):
        why = basis(N_("Renewal of the international registration"), rule["source"],
                    N_("international registration date"), t.madrid_date,
                    (years, "years"), due, notes)
        yield _deadline(t, "trademark_renewal", office, due.due, renewal_state, why, currency="CHF")
    grace_state = state_of(done, ctx.as_of, grace.due)
    if ctx.in_window(grace.due) and ctx.keep(grace_state, due.due):
        why = basis(N_("Last day to renew the international registration in the grace period (with a surcharge)"),
                    rule["source"], N_("expiry date"), expiry, (rule["grace_months"], "months"), grace, notes)
        grace_deadline = _deadline(t, "trademark_grace_end", office, grace.due, grace_state, why, currency="CHF")
        grace_deadline.main_due = due.due
        yield grace_deadline


def _deadline(t: TrademarkFacts, kind: str, office: str, due: dt.date, state: str, why,
              currency: str = "CNY", fees: RenewalFees | None = None, surcharge: bool = False) -> Deadline:
    return Deadline(firm=t.firm_code, firm_id=t.firm_id, matter=t.number, matter_kind="trademark",
                    matter_id=t.id, title=t.mark, kind=kind, office=office, due=due, state=state,
                    amount_cny=fees.amount if fees else None, basis=why, currency=currency,
                    surcharge_cny=fees.late if fees and surcharge else None,
                    amount_verified=fees.verified if fees else None)


@dataclass(frozen=True)
class RenewalFees:
    """What renewing the mark costs at CNTMO: the renewal fee and, in the grace period, the late fee
    (迟延费), each charged per class of the registration."""

    amount: int | None
    late: int | None
    verified: bool | None
    notes: tuple = ()


def renewal_fees(t: TrademarkFacts, ctx: Context, on: dt.date) -> RenewalFees:
    """The fees in force on ``on`` (the deadline's due date, as for the annual fees) times the
    classes; no amount when the classes are not recorded or the data has no fee for that day."""
    fee, late = ctx.rules.fee("trademark_renewal", on), ctx.rules.fee("trademark_renewal_late", on)
    classes = len(t.nice_classes)
    if not classes:
        return RenewalFees(None, None, None,
                           ((N_("classes not recorded: the renewal fee is charged per class"), ()),))
    if fee is None:
        return RenewalFees(None, None, None)
    notes = [(N_("{classes} classes × {fee} yuan ({source})"),
              (("classes", classes), ("fee", fee.amount), ("source", fee.source)))]
    if late is not None:
        notes.append((N_("in the grace period also the late-renewal fee, {classes} classes × {fee} yuan ({source})"),
                      (("classes", classes), ("fee", late.amount), ("source", late.source))))
    return RenewalFees(fee.amount * classes, late.amount * classes if late else None,
                       fee.verified and (late is None or late.verified), tuple(notes))


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


def derived_expiry(t: TrademarkFacts, ctx: Context) -> bool:
    """Whether the current expiry is derived (renewed, no expiry date recorded)."""
    return t.expiry_date is None and t.registration_date is not None and t.status == "renewed"


def current_expiry(t: TrademarkFacts, ctx: Context) -> dt.date | None:
    if t.expiry_date is not None:
        return t.expiry_date
    if t.registration_date is None:
        return None
    term = ctx.rules.periods["trademark"]["term_years"]
    if t.status != "renewed":
        return term_end(t.registration_date, term)
    terms = 2  # renewed at least once: the term that includes the as-of date
    while term_end(t.registration_date, term * terms) < ctx.as_of:
        terms += 1
    return term_end(t.registration_date, term * terms)


def expiries(t: TrademarkFacts, ctx: Context) -> list[dt.date]:
    """Expiry dates of every 10-year cycle up to the current one."""
    current = current_expiry(t, ctx)
    if current is None:
        return []
    term = ctx.rules.periods["trademark"]["term_years"]
    out = []
    if t.registration_date is not None:
        cycle = 1
        while (expiry := term_end(t.registration_date, term * cycle)) < current:
            out.append(expiry)
            cycle += 1
    out.append(current)
    return out


def renewal_cycle(t: TrademarkFacts, ctx: Context, expiry: dt.date, done: bool) -> Iterator[Deadline]:
    rule = ctx.rules.periods["trademark"]
    source = rule["source"]
    # "期满前十二个月内": the 12 months ending on the expiry date begin the day after the same date a
    # year earlier; not moved for holidays (a day from which filing is allowed, not a last day)
    opens = ctx.adjust("", add_months(expiry, -rule["renewal_window_months"]) + dt.timedelta(days=1))
    # The term itself ends on a fixed day (Regulations Art. 12 ¶2 has no holiday extension, unlike
    # ¶1): the renewal in the ordinary period is due by the expiry date even when it is a holiday —
    # a filing after it falls in the grace period. The grace period is a 期限 of Trademark Law
    # Art. 40 counted under ¶1, whose last day on a holiday moves to the next working day.
    renewal = ctx.adjust("", expiry)
    grace = ctx.adjust(CNTMO, add_months(expiry, rule["grace_months"]))
    notes = [(N_("expiry date not recorded: derived from the registration date {date} and {years}-year "
                 "terms, the mark being recorded as renewed"),
              (("date", t.registration_date.isoformat()), ("years", rule["term_years"])))] \
        if derived_expiry(t, ctx) and expiry == current_expiry(t, ctx) else []
    opens_state = "done" if done or ctx.as_of >= opens.due else "open"
    if ctx.in_window(opens.due) and ctx.keep(opens_state):
        why = basis(N_("Renewal may be filed from this day"), source, N_("expiry date"), expiry,
                    (-rule["renewal_window_months"], "months"), opens,
                    [*notes, (N_("the 12 months before the expiry date begin the day after the same date a year "
                                 "earlier"), ())])
        yield _deadline(t, "trademark_renewal_opens", CNTMO, opens.due, opens_state, why)
    renewal_state = state_of(done, ctx.as_of, renewal.due, grace.due)
    if ctx.in_window(renewal.due) and ctx.keep(renewal_state):
        fees = renewal_fees(t, ctx, renewal.due)
        why = basis(N_("Trademark renewal"), source, N_("expiry date"), expiry, (0, "months"), renewal,
                    [*notes, (N_("the term ends on a fixed day, not moved for holidays ({source})"),
                              (("source", rule["term_end_source"]),)), *fees.notes])
        # missed: renewing now is renewing in the grace period, late fee included
        yield _deadline(t, "trademark_renewal", CNTMO, renewal.due, renewal_state, why, fees=fees,
                        surcharge=renewal_state == "missed")
    grace_state = state_of(done, ctx.as_of, grace.due)
    if ctx.in_window(grace.due) and ctx.keep(grace_state, renewal.due):
        fees = renewal_fees(t, ctx, grace.due)
        why = basis(N_("Last day to renew in the grace period"), source, N_("expiry date"), expiry,
                    (rule["grace_months"], "months"), grace,
                    [*notes, (N_("a period whose last day is a holiday ends on the next working day ({source})"),
                              (("source", rule["period_end_source"]),)), *fees.notes])
        grace_deadline = _deadline(t, "trademark_grace_end", CNTMO, grace.due, grace_state, why, fees=fees,
                                   surcharge=True)
        grace_deadline.main_due = renewal.due
        yield grace_deadline
