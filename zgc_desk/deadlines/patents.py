"""Deadlines of Chinese patents: annual fees (and their grace), priority year, examination request.

Annual fees (Guidelines Part V Ch. 9 §2): patent year N runs from the (N-1)th anniversary of the
filing date; its fee is due by that anniversary (filed 1997-06-03 → year-6 fee due 2002-06-03), moved
to the next working day. The grant year's fee is paid with the registration formalities, so the
first deadline is the year after the grant year unless ``paid_through`` says more. Late payment
(Implementing Regulations Art. 115): up to 6 months after the due date, the surcharge is 5 % of the
full fee per whole month late beyond the first; the grace counts from the anniversary itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from zgc_desk.deadlines.common import (
    Context,
    add_months,
    add_years,
    basis,
    reduced,
    state_of,
    whole_years_between,
    with_restored_priority,
)
from zgc_desk.deadlines.model import Deadline, PatentFacts
from zgc_desk.i18n import N_

CNIPA = "CN"
_SHIFT_SLACK = dt.timedelta(days=40)  # a holiday shift never moves a day further than this


RESTORATION_SOURCE = "专利法实施细则(2023)第36条 (Implementing Regulations 2023 Art. 36)"


def patent_deadlines(p: PatentFacts, ctx: Context) -> Iterator[Deadline]:
    found = _patent_deadlines(p, ctx)
    return with_restored_priority(found, RESTORATION_SOURCE) if p.priority_restored else found


def _patent_deadlines(p: PatentFacts, ctx: Context) -> Iterator[Deadline]:
    if p.status in ("pending", "granted"):
        yield from priority_deadline(p, ctx)
    if p.status == "pending" and p.priority_date is not None:
        yield from priority_document_deadline(p, ctx)
    if p.status == "pending" and p.right == "invention":
        yield from exam_request_deadline(p, ctx)
    if p.status == "granted":
        yield from annuity_deadlines(p, ctx)
        if p.right == "invention" and p.grant_date is not None:
            yield from term_compensation_deadline(p, ctx)


def priority_document_deadline(p: PatentFacts, ctx: Context) -> Iterator[Deadline]:
    """Patent Law Art. 30: the copy of the first application within 16 months of the priority date
    (inventions, utility models) or 3 months of filing (designs). Nothing records it: past the date
    the state is lapsed (the claim deemed not made), with a note to disregard it if it was filed."""
    rule = ctx.rules.periods["priority_document"]
    if p.right in rule["months_from_priority"]:
        base_date, base, months = p.priority_date, N_("priority date"), rule["months_from_priority"][p.right]
    else:
        base_date, base, months = p.filing_date, N_("filing date"), rule["months_from_filing"][p.right]
    adjusted = ctx.adjust(CNIPA, add_months(base_date, months))
    state = state_of(False, ctx.as_of, adjusted.due)
    if not (ctx.in_window(adjusted.due) and ctx.keep(state)):
        return
    notes = [(N_("for a Chinese earlier application CNIPA obtains the copy itself; if the copy was filed, "
                 "disregard this"), ())]
    why = basis(N_("Certified copy of the priority application"), rule["source"], base, base_date,
                (months, "months"), adjusted, notes)
    yield _deadline(p, "priority_document", CNIPA, adjusted.due, state, None, why)


def term_compensation_deadline(p: PatentFacts, ctx: Context) -> Iterator[Deadline]:
    """Patent Law Art. 42 ¶2: for an invention granted (announced) from 2021-06-01 more than 4 years
    after filing, compensation for unreasonable delay is requested within 3 months of the grant."""
    rule = ctx.rules.periods["term_compensation"]
    if p.grant_date < rule["applies_from_grant"] or \
            add_years(p.filing_date, rule["min_years_from_filing"]) >= p.grant_date:
        return
    adjusted = ctx.adjust(CNIPA, add_months(p.grant_date, rule["months"]))
    state = state_of(False, ctx.as_of, adjusted.due)
    if not (ctx.in_window(adjusted.due) and ctx.keep(state)):
        return
    notes = [(N_("granted more than {years} years after filing; compensation also needs 3 years from the "
                 "examination request, which the record does not hold"), (("years", rule["min_years_from_filing"]),))]
    why = basis(N_("Request for patent term compensation"), rule["source"], N_("grant announcement date"),
                p.grant_date, (rule["months"], "months"), adjusted, notes)
    yield _deadline(p, "term_compensation_request", CNIPA, adjusted.due, state, None, why)


def _deadline(p: PatentFacts, kind: str, office: str, due: dt.date, state: str, amount, why, **extra):
    return Deadline(firm=p.firm_code, firm_id=p.firm_id, matter=p.number, matter_kind="patent", matter_id=p.id,
                    title=p.title, kind=kind, office=office, due=due, state=state, amount_cny=amount,
                    basis=why, **extra)


def priority_deadline(p: PatentFacts, ctx: Context) -> Iterator[Deadline]:
    rule = ctx.rules.periods["priority"]
    months = rule["months"][p.right]
    base_date = p.priority_date or p.filing_date
    adjusted = ctx.adjust("", add_months(base_date, months))  # office unknown: never moved
    state = state_of(p.claimed_abroad, ctx.as_of, adjusted.due)
    if not (ctx.in_window(adjusted.due) and ctx.keep(state)):
        return
    base = N_("priority date") if p.priority_date else N_("filing date")
    why = basis(N_("Last day to file abroad or a PCT application claiming priority"), rule["source"], base,
                base_date, (months, "months"), adjusted,
                notes=[(N_("not moved for holidays (the office is not known): the earliest possible day"), ())])
    yield _deadline(p, "priority", "", adjusted.due, state, None, why)


def exam_request_deadline(p: PatentFacts, ctx: Context) -> Iterator[Deadline]:
    """Patent Law Art. 35 ¶1: the request within 3 years of the filing (priority) date; unfiled, the
    application is deemed withdrawn. Done once the record holds the date it was filed
    (``exam_requested_on``; a granted invention was examined and gets no such deadline). With none
    recorded past the date, the application is deemed withdrawn as of it (state ``lapsed``) and the
    one thing offered is a restoration request (Implementing Regulations 2023 Art. 6 ¶2, 2 months
    from CNIPA's notice; the earliest end shown) while its window lasts."""
    rule = ctx.rules.periods["exam_request"]
    base_date = p.priority_date or p.filing_date
    adjusted = ctx.adjust(CNIPA, add_years(base_date, rule["years"]))
    state = state_of(p.exam_requested_on is not None, ctx.as_of, adjusted.due)
    restore_by = _restoration_end(ctx, adjusted.due)
    if ctx.in_window(adjusted.due) and ctx.keep(state):
        fee = ctx.rules.fee("substantive_examination", adjusted.due)
        amount = None if fee is None else reduced(fee.amount, p.reduction_pct) if fee.reducible else fee.amount
        notes = [] if fee is None else [(N_("official fee {amount} yuan ({source})"),
                                         (("amount", fee.amount), ("source", fee.source)))]
        if fee is not None and not fee.verified:
            notes.append((N_("fee amount unverified"), ()))
        if p.exam_requested_on is not None:
            notes.append((N_("examination request filed on {date} (as recorded)"),
                          (("date", p.exam_requested_on.isoformat()),)))
        elif state == "lapsed":
            notes.append(_withdrawn_note(rule["source"], adjusted.due, restore_by, ctx))
        base = N_("priority date") if p.priority_date else N_("filing date")
        why = basis(N_("Request for substantive examination"), rule["source"], base, base_date,
                    (rule["years"], "years"), adjusted, notes)
        yield _deadline(p, "exam_request", CNIPA, adjusted.due, state, amount, why,
                        amount_verified=None if fee is None else fee.verified)
    if state == "lapsed":
        yield from _exam_restoration(p, ctx, adjusted.due, restore_by)


def _withdrawn_note(law: str, withdrawn_on: dt.date, restore_by: dt.date, ctx: Context):
    return (N_("no examination request is recorded: the application is deemed withdrawn as of {date} ({law}); "
               "a restoration request ({source}) can save it until about {until} (2 months from CNIPA's notice). "
               "If the request was filed, record the date it was filed."),
            (("date", withdrawn_on.isoformat()), ("law", law), ("source", ctx.rules.periods["restoration"]["source"]),
             ("until", restore_by.isoformat())))


def _exam_restoration(p: PatentFacts, ctx: Context, withdrawn_on: dt.date, restore_by: dt.date) -> Iterator[Deadline]:
    """The restoration request for an application deemed withdrawn for want of an examination request
    (Regulations 2023 Art. 6 ¶2 and ¶3: the request, its fee, and the examination request with its fee)."""
    rule = ctx.rules.periods["restoration"]
    adjusted = ctx.adjust(CNIPA, add_months(withdrawn_on, rule["months"]))
    state = state_of(False, ctx.as_of, restore_by)
    if not (ctx.in_window(restore_by) and ctx.keep(state)):
        return
    fee = ctx.rules.fee("restoration", restore_by)
    notes = [_withdrawn_note(ctx.rules.periods["exam_request"]["source"], withdrawn_on, restore_by, ctx),
             (N_("the window runs 2 months from receipt of CNIPA's notice: the date shown is the earliest it can "
                 "end"), ()),
             (N_("with the request: the examination request and its fee"), ())]
    if fee is not None:
        notes.insert(1, (N_("official fee {amount} yuan ({source})"), (("amount", fee.amount), ("source", fee.source))))
    why = basis(N_("Request to restore the application"), rule["source"], N_("end of the examination request period"),
                withdrawn_on, (rule["months"], "months"), adjusted, notes)
    yield _deadline(p, "restoration_request", CNIPA, restore_by, state, fee.amount if fee else None, why,
                    amount_verified=fee.verified if fee else None, main_due=withdrawn_on)


def _grant_year(p: PatentFacts) -> int | None:
    if p.grant_date is None:
        return None
    return whole_years_between(p.filing_date, p.grant_date) + 1


def annuity_deadlines(p: PatentFacts, ctx: Context) -> Iterator[Deadline]:
    term = ctx.rules.term_years(p.right, p.filing_date)
    if term is None:  # filed before the earliest term rule we hold: long expired
        return
    grant_year = _grant_year(p)
    paid, assumed = _paid(p, ctx, grant_year)
    first = (grant_year or paid) + 1
    last = term.value
    lapse_year = _lapse_year(p, ctx, paid, term.value)
    if lapse_year is not None:  # lapsed as of that fee's due date: no later fee is owed
        last = lapse_year
    grace = ctx.rules.late_payment["grace_months"]
    if ctx.start is not None:  # skip years whose grace ended before the window
        first = max(first, _years_to(p, ctx, ctx.start - _SHIFT_SLACK) + 1 - (grace + 11) // 12)
    if ctx.end is not None:
        last = min(last, _years_to(p, ctx, ctx.end) + 1)
    if ctx.states is not None and "done" not in ctx.states:
        first = max(first, paid + 1)  # paid years are done
    assumed_note = (assumed, (("year", paid),)) if assumed else None
    for year in range(max(first, 1), last + 1):
        found = _one_year(p, ctx, year, paid, grant_year, assumed_note, term)
        if found:
            yield from found
    if lapse_year is not None:
        yield from restoration_deadline(p, ctx, lapse_year)


def _years_to(p: PatentFacts, ctx: Context, day: dt.date) -> int:
    """Whole years from the filing date to ``day``, a day the computation fixes (as-of, window):
    kept per filing date for the computation (not for a tracked as-of date, whose every use must be
    seen: ``zgc_desk.deadlines.tracked``)."""
    if type(day) is not dt.date:
        return whole_years_between(p.filing_date, day)
    key = ("years to", p.filing_date, day)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = whole_years_between(p.filing_date, day)
    return found


def _anniversary(p: PatentFacts, year: int) -> dt.date:
    return add_years(p.filing_date, year - 1)


def _year_dates(p: PatentFacts, ctx: Context, year: int):
    """(anniversary, due date, end of grace) of patent year ``year``'s fee, the last two adjusted;
    kept for the computation, since many patents share a filing date."""
    key = ("annuity dates", p.filing_date, year)
    found = ctx.memo.get(key)
    if found is None:
        anniversary = add_years(p.filing_date, year - 1)
        found = ctx.memo[key] = (
            anniversary, ctx.adjust(CNIPA, anniversary),
            ctx.adjust(CNIPA, add_months(anniversary, ctx.rules.late_payment["grace_months"])))
    return found


def _grace_end(p: PatentFacts, ctx: Context, year: int):
    return _year_dates(p, ctx, year)[2]


def _lapse_year(p: PatentFacts, ctx: Context, paid: int, term_years: int) -> int | None:
    """The patent year whose unpaid fee ended the patent (Implementing Regulations Art. 115: unpaid
    when the grace ends, the patent lapses as of that fee's due date), or None while in force."""
    year = paid + 1
    if year > term_years or ctx.as_of <= _grace_end(p, ctx, year).due:
        return None
    return year


def _paid(p: PatentFacts, ctx: Context, grant_year: int | None) -> tuple[int, str | None]:
    """The last patent year taken as paid, and why it is assumed (a note msgid) when it is."""
    if p.paid_through is not None:
        return p.paid_through, None
    current_year = _years_to(p, ctx, ctx.as_of) + 1
    if grant_year is not None:
        # In force on record with no paid-through year: the years before the current one — and the
        # current one once its grace has ended — are taken as paid (a patent unpaid past a grace would
        # not be in force), and the user is asked to confirm.
        paid = current_year if ctx.as_of > _grace_end(p, ctx, current_year).due else current_year - 1
        paid = max(grant_year, paid)
        if paid == grant_year:  # the grant year's fee is paid with the registration formalities
            return paid, None
        return paid, N_("assumed paid: in force on record, no paid-through year recorded (years up to "
                        "{year} taken as paid) — please confirm the paid-through year")
    return current_year, N_("paid-through year unknown: assumed paid up to the current year")


def lapsed_since(p: PatentFacts, ctx: Context) -> tuple[int, dt.date] | None:
    """(patent year, due date) of the unpaid annual fee that ended a granted patent, or None while it
    is in force: the patent's standing as the Due list, the start-up summary and the profile show it."""
    standing = patent_standing(p, ctx)
    return None if standing.lapsed_year is None else (standing.lapsed_year, standing.lapsed_on)


@dataclass(frozen=True)
class Standing:
    """A patent's standing as of a date, beyond its recorded status: lapsed as of the due date of an
    annual fee unpaid past its grace (Implementing Regulations Art. 115) with the earliest end of
    its restoration window (Art. 6 ¶2), or in force with earlier years only assumed paid."""

    lapsed_year: int | None = None  # the patent year whose fee went unpaid
    lapsed_on: dt.date | None = None  # that fee's due date: the patent lapsed as of it
    grace_end: dt.date | None = None  # the last day that fee could have been paid late
    restore_by: dt.date | None = None  # earliest end of the restoration window (2 months from the notice)
    assumed_paid_through: int | None = None  # in force on record, no paid-through year: taken as paid to this

    @property
    def lapsed(self) -> bool:
        return self.lapsed_year is not None


def patent_standing(p: PatentFacts, ctx: Context) -> Standing:
    """The standing of a granted patent (an empty Standing for anything else)."""
    term = ctx.rules.term_years(p.right, p.filing_date)
    if p.status != "granted" or term is None:
        return Standing()
    paid, assumed = _paid(p, ctx, _grant_year(p))
    year = _lapse_year(p, ctx, paid, term.value)
    if year is None:
        return Standing(assumed_paid_through=paid if assumed else None)
    grace_end = _grace_end(p, ctx, year).due
    return Standing(lapsed_year=year, lapsed_on=ctx.adjust(CNIPA, _anniversary(p, year)).due, grace_end=grace_end,
                    restore_by=_restoration_end(ctx, grace_end))


def _restoration_end(ctx: Context, lost_on: dt.date) -> dt.date:
    """Earliest end of the window to request restoration of a right lost when ``lost_on`` passed:
    2 months from CNIPA's notice (Regulations Art. 6 ¶2), the notice taken as sent that day."""
    return ctx.adjust(CNIPA, add_months(lost_on, ctx.rules.periods["restoration"]["months"])).due


def restoration_deadline(p: PatentFacts, ctx: Context, year: int) -> Iterator[Deadline]:
    """Implementing Regulations (2023) Art. 6 ¶2: a right lost by a missed time limit may be restored
    on request within 2 months of receiving CNIPA's notice. The notice date is not held, so the
    date shown is the earliest the window can close: 2 months after the grace period ended."""
    rule = ctx.rules.periods["restoration"]
    grace_end = _grace_end(p, ctx, year)
    adjusted = ctx.adjust(CNIPA, add_months(grace_end.due, rule["months"]))  # = _restoration_end
    state = state_of(False, ctx.as_of, adjusted.due)
    if not (ctx.in_window(adjusted.due) and ctx.keep(state)):
        return
    fee = ctx.rules.fee("restoration", adjusted.due)
    notes = [(N_("the patent lapsed as of {date}: the annual fee for patent year {year} was not paid within "
                 "the grace period ({source})"),
              (("date", ctx.adjust(CNIPA, _anniversary(p, year)).due.isoformat()), ("year", year),
               ("source", ctx.rules.late_payment["source"]))),
             (N_("the window runs 2 months from receipt of CNIPA's notice: the date shown is the earliest it can "
                 "end"), ()),
             (N_("with the request: the unpaid annual fee and a 25% surcharge"), ())]
    if fee is not None:
        notes.insert(1, (N_("official fee {amount} yuan ({source})"), (("amount", fee.amount), ("source", fee.source))))
    why = basis(N_("Request to restore the patent"), rule["source"], N_("end of the grace period"), grace_end.due,
                (rule["months"], "months"), adjusted, notes)
    lapsed_on = ctx.adjust(CNIPA, _anniversary(p, year)).due
    # main_due: the unpaid fee's due date, as of which the patent lapsed (the deadline this one rescues)
    yield _deadline(p, "restoration_request", CNIPA, adjusted.due, state, fee.amount if fee else None, why,
                    year=year, amount_verified=fee.verified if fee else None, main_due=lapsed_on)


def _fee(p: PatentFacts, ctx: Context, year: int, due: dt.date, grant_year: int | None):
    """(amount to pay, full fee, notes, verified) for one patent year's annual fee; the same for
    every patent of the same right, year, reduction and grant year under the same tables, so kept
    for the computation by those."""
    table = ctx.rules.fee_table(p.right, due)
    regime = ctx.rules.reduction_years(due) if p.reduction_pct else None
    key = ("annual fee", id(table), id(regime), year, p.reduction_pct, grant_year)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = _fee_of(table, regime, year, p.reduction_pct, grant_year)
    return found


def _fee_of(table, regime, year: int, reduction_pct: int, grant_year: int | None):
    notes = []
    full = table.amount(year) if table else None
    if table is None:
        notes.append((N_("no fee table in the data for that date"), ()))
    elif full is None:
        notes.append((N_("fee for year {year} unverified"), (("year", year),)))
    amount = full
    if full is not None:
        notes.append((N_("official fee {amount} yuan ({source})"), (("amount", full), ("source", table.source))))
    if reduction_pct and full is not None:
        if grant_year is None:
            notes.append((N_("fee reduction not applied: grant date unknown"), ()))
        elif regime is not None and grant_year <= year < grant_year + regime.value:
            amount = reduced(full, reduction_pct)
            notes.append((N_("reduced by {pct}% ({source}: {years} years from the grant year, patent year {grant_year})"),
                          (("pct", reduction_pct), ("source", regime.source), ("years", regime.value),
                           ("grant_year", grant_year))))
    verified = None if full is None else table.verified
    if verified is False:
        notes.append((N_("fee amount unverified"), ()))
    return amount, full, tuple(notes), verified


def _one_year(p: PatentFacts, ctx: Context, year: int, paid: int, grant_year, assumed, term):
    late = ctx.rules.late_payment
    anniversary, due, grace_end = _year_dates(p, ctx, year)
    done = year <= paid
    due_state = state_of(done, ctx.as_of, due.due, grace_end.due)
    grace_state = state_of(done, ctx.as_of, grace_end.due)
    want_due = ctx.in_window(due.due) and ctx.keep(due_state)
    want_grace = ctx.in_window(grace_end.due) and ctx.keep(grace_state, due.due)
    if not (want_due or want_grace):
        return ()
    out = []
    amount, full, notes, verified = _fee(p, ctx, year, anniversary, grant_year)
    if assumed:
        notes = (*notes, assumed)
    source = ctx.rules.periods["annuity"]["source"]
    rule_params = (("year", year),)
    if want_due:
        state = due_state
        surcharge, surcharge_notes = None, ()
        if state == "missed":
            pct = surcharge_percent(ctx, anniversary, due.due, ctx.as_of)
            surcharge, surcharge_notes = _surcharge(ctx, anniversary, pct, full, amount)
        why = basis(N_("Annual fee for patent year {year}"), source, N_("filing date"), p.filing_date,
                    (year - 1, "years"), due, (*notes, *surcharge_notes), rule_params)
        out.append(_deadline(p, "annuity", CNIPA, due.due, state, amount, why, year=year, surcharge_cny=surcharge,
                             amount_verified=verified))
    if want_grace:
        brackets = _brackets(ctx, anniversary)
        top = brackets[-1] if brackets else None
        last_surcharge, surcharge_notes = _surcharge(ctx, anniversary, top, full, amount)
        grace_notes = [*notes, *surcharge_notes]
        if top is not None:
            grace_notes.append((N_("with the {pct}% late-payment surcharge ({source})"),
                                (("pct", top), ("source", late["source"]))))
        why = basis(N_("Last day to pay the annual fee for patent year {year} late"), late["source"],
                    N_("fee due date"), anniversary, (late["grace_months"], "months"), grace_end,
                    grace_notes, rule_params)
        out.append(_deadline(p, "annuity_grace_end", CNIPA, grace_end.due, grace_state, amount, why, year=year,
                             surcharge_cny=last_surcharge, main_due=due.due, amount_verified=verified))
    return out


def _brackets(ctx: Context, anniversary: dt.date) -> tuple[int, ...] | None:
    """Surcharge per cent by month of grace for a fee due on ``anniversary``; None before the data."""
    value = ctx.rules.surcharge_percents(anniversary)
    return value.value if value is not None else None


def surcharge_percent(ctx: Context, anniversary: dt.date, due: dt.date, paid_on: dt.date) -> int | None:
    """Surcharge (per cent of the full fee) for paying on ``paid_on``; None after the grace (or
    when the data has no surcharge table for that date)."""
    if paid_on <= due:
        return 0
    for months, pct in enumerate(_brackets(ctx, anniversary) or (), start=1):
        if paid_on <= ctx.adjust(CNIPA, add_months(anniversary, months)).due:
            return pct
    return None


def _surcharge(ctx: Context, anniversary: dt.date, pct: int | None, full: int | None,
               amount: int | None) -> tuple[int | None, tuple]:
    """The surcharge at ``pct`` per cent, and notes. Regulations Art. 115 bases it on 当年全额年费,
    "the year's full annual fee"; whether that is the standard fee or, for a reduced fee, the fee
    owed is not settled by the sources (fees.yaml ``reduced_fee_base``, unverified): the data's
    reading is computed and, when the two differ, the other is named and the figure marked
    unverified."""
    if pct is None or full is None:
        return None, ()
    base_value = ctx.rules.reduced_fee_base(anniversary)
    key = ("surcharge", id(base_value), pct, full, amount)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = _surcharge_of(base_value, pct, full, amount)
    return found


def _surcharge_of(base_value, pct: int, full: int, amount: int | None) -> tuple[int | None, tuple]:
    base = base_value.value if base_value is not None else "full"
    on_full, on_reduced = round(full * pct / 100), round((amount if amount is not None else full) * pct / 100)
    if on_full == on_reduced:
        return on_full, ()
    chosen, other = (on_full, on_reduced) if base == "full" else (on_reduced, on_full)
    note = (N_("surcharge unverified for a reduced fee: {chosen} yuan on the standard fee, {other} yuan "
               "if based on the reduced fee ({source})") if base == "full" else
            N_("surcharge unverified for a reduced fee: {chosen} yuan on the reduced fee, {other} yuan "
               "if based on the standard fee ({source})"),
            (("chosen", chosen), ("other", other), ("source", base_value.source if base_value else "")))
    if base_value is not None and base_value.verified:
        return chosen, ()
    return chosen, (note,)
