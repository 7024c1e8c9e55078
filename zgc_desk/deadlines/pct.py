"""Deadlines of PCT applications: publication, Chapter II demand, national/regional phases.

National phases are computed for the offices planned on the PCT, else in the firm's profile, else
the IP5 offices (``periods.yaml``: ``default_offices``; CN left out of that default when the PCT
claims a Chinese application that is itself pending or granted), plus every office already entered.
A country whose national route is closed is replaced by its regional office (FR → EP, SN → OA).
Months come from the WIPO Applicant's Guide table (Art. 39 months once a Chapter II demand is made);
an office without data gets the treaty's 30 months, said so in the basis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from zgc_desk.deadlines.common import Context, add_months, basis, state_of, with_restored_priority
from zgc_desk.deadlines.model import Deadline, PCTFacts
from zgc_desk.i18n import N_

RESTORATION_SOURCE = ("PCT实施细则第26条之二.3，指定局可不承认（第49条之三）"
                      "(PCT Rule 26bis.3; a designated office may not recognise it, Rule 49ter)")


def pct_deadlines(p: PCTFacts, ctx: Context) -> Iterator[Deadline]:
    found = _pct_deadlines(p, ctx)
    return with_restored_priority(found, RESTORATION_SOURCE) if p.priority_restored else found


def _pct_deadlines(p: PCTFacts, ctx: Context) -> Iterator[Deadline]:
    priority = p.priority_date or p.intl_filing_date
    yield from publication(p, ctx, priority)
    yield from chapter2(p, ctx, priority)
    yield from article19(p, ctx, priority)
    for office in national_offices(p, ctx):
        yield from national_phase(p, ctx, priority, office)


def _deadline(p: PCTFacts, kind: str, office: str, due: dt.date, state: str, amount, why) -> Deadline:
    return Deadline(firm=p.firm_code, firm_id=p.firm_id, matter=p.number, matter_kind="pct", matter_id=p.id,
                    title=p.title, kind=kind, office=office, due=due, state=state, amount_cny=amount, basis=why)


def _base_label(p: PCTFacts) -> str:
    return N_("priority date") if p.priority_date else N_("international filing date")


def publication(p: PCTFacts, ctx: Context, priority: dt.date) -> Iterator[Deadline]:
    rule = ctx.rules.periods["pct"]
    months = rule["publication_months"]
    adjusted = ctx.adjust("", add_months(priority, months))
    state = "done" if p.published or ctx.as_of > adjusted.due else "open"  # the Bureau's act, not ours
    if not (ctx.in_window(adjusted.due) and ctx.keep(state)):
        return
    why = basis(N_("International publication"), rule["publication_source"], _base_label(p), priority,
                (months, "months"), adjusted)
    yield _deadline(p, "pct_publication", "", adjusted.due, state, None, why)


def chapter2(p: PCTFacts, ctx: Context, priority: dt.date) -> Iterator[Deadline]:
    rule = ctx.rules.periods["pct"]
    office = p.isa if ctx.calendars.shifts(p.isa) else ""  # filed with the IPEA (usually the ISA)
    from_priority = add_months(priority, rule["chapter2_months"])
    base, base_label, period = priority, _base_label(p), rule["chapter2_months"]
    if p.isr_date is not None:
        after_report = add_months(p.isr_date, rule["chapter2_after_search_report_months"])
        if after_report > from_priority:
            base, base_label = p.isr_date, N_("search report date")
            period = rule["chapter2_after_search_report_months"]
    adjusted = ctx.adjust(office, add_months(base, period))
    state = state_of(p.chapter2, ctx.as_of, adjusted.due)
    if not (ctx.in_window(adjusted.due) and ctx.keep(state)):
        return
    why = basis(N_("Demand for international preliminary examination (Chapter II)"), rule["chapter2_source"],
                base_label, base, (period, "months"), adjusted)
    yield _deadline(p, "pct_chapter2", office, adjusted.due, state, None, why)


def article19(p: PCTFacts, ctx: Context, priority: dt.date) -> Iterator[Deadline]:
    """PCT Art. 19 / Rule 46.1: claims may be amended before the International Bureau within 2 months
    of the search report's transmittal or 16 months from priority, whichever is later. The record holds
    the report's date (taken as its transmittal); without it the 16 months are shown. Not moved for
    holidays: the Bureau's closed days are not in the data."""
    rule = ctx.rules.periods["pct"]
    base, base_label = priority, _base_label(p)
    period = rule["article19_months_from_priority"]
    notes = []
    if p.isr_date is None:
        notes.append((N_("no search report date on record: 16 months from priority shown; if the report is "
                         "transmitted later, the time limit is 2 months from its transmittal"), ()))
    elif add_months(p.isr_date, rule["article19_months_from_search_report"]) > add_months(priority, period):
        base, base_label = p.isr_date, N_("search report date")
        period = rule["article19_months_from_search_report"]
    adjusted = ctx.adjust("", add_months(base, period))
    state = state_of(False, ctx.as_of, adjusted.due)
    if not (ctx.in_window(adjusted.due) and ctx.keep(state)):
        return
    why = basis(N_("Amendment of the claims under PCT Article 19"), rule["article19_source"], base_label, base,
                (period, "months"), adjusted, notes)
    yield _deadline(p, "pct_article19", "", adjusted.due, state, None, why)


def regional(office: str, ctx: Context) -> str:
    return ctx.rules.periods["pct"]["closed_routes"]["regional_office"].get(office, office)


def national_offices(p: PCTFacts, ctx: Context) -> list[str]:
    rule = ctx.rules.periods["pct"]
    plan = list(p.planned_offices or p.firm_planned_offices)
    if not plan:
        plan = [o for o in rule["default_offices"] if not (o == "CN" and p.cn_priority_alive)]
    offices: list[str] = []
    for office in [*plan, *p.entered]:
        mapped = regional(office, ctx)
        if mapped not in offices:
            offices.append(mapped)
    return offices


def _months(p: PCTFacts, ctx: Context, office: str) -> tuple[int, list]:
    art22, art39 = ctx.rules.office_months.get(office, (None, None))
    months = art39 if p.chapter2 and art39 else art22
    if months is not None:
        return months, []
    rule = ctx.rules.periods["pct"]
    note = (N_("no time limit for {office} in the data: the treaty's {months} months ({source}) are shown"),
            (("office", office), ("months", rule["treaty_default_months"]), ("source", rule["treaty_default_source"])))
    return rule["treaty_default_months"], [note]


def _entered(p: PCTFacts, ctx: Context, office: str) -> bool:
    return any(regional(code, ctx) == office for code in p.entered)


def national_phase(p: PCTFacts, ctx: Context, priority: dt.date, office: str) -> Iterator[Deadline]:
    rule = ctx.rules.periods["pct"]
    months, notes = _months(p, ctx, office)
    normal = ctx.adjust(office, add_months(priority, months))
    late_rule = rule["late_entry"].get(office)
    late = ctx.adjust(office, add_months(priority, late_rule["months"])) if late_rule else None
    done = _entered(p, ctx, office)
    state = state_of(done, ctx.as_of, normal.due, late.due if late else None)
    if ctx.in_window(normal.due) and ctx.keep(state):
        why = basis(N_("National phase entry in {office}"), rule["office_months_source"], _base_label(p),
                    priority, (months, "months"), normal, notes, (("office", office),))
        yield _deadline(p, "pct_national_phase", office, normal.due, state, None, why)
    late_state = state_of(done, ctx.as_of, late.due) if late else ""
    if late is not None and ctx.in_window(late.due) and ctx.keep(late_state, normal.due):
        fee = ctx.rules.fee(late_rule["fee"], late.due) if late_rule.get("fee") else None
        amount = fee.amount if fee else None
        fee_notes = [(N_("official fee {amount} yuan ({source})"), (("amount", amount), ("source", fee.source)))] \
            if fee else []
        if fee is not None and not fee.verified:
            fee_notes.append((N_("fee amount unverified"), ()))
        why = basis(N_("Late national phase entry in {office}"), late_rule["source"], _base_label(p), priority,
                    (late_rule["months"], "months"), late, fee_notes, (("office", office),))
        late_deadline = _deadline(p, "pct_national_phase_late", office, late.due, late_state, amount, why)
        late_deadline.amount_verified = None if fee is None else fee.verified
        late_deadline.main_due = normal.due
        yield late_deadline
