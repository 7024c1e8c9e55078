"""Deadline services: load the facts from the database in a few bulk queries, compute, and mark
deadlines done (pay an annual fee, enter a national phase, renew a mark) through the record
services so that every change is validated and written to the change log.

The front ends (``zgc-desk deadlines``, ``zgc-desk ics``, the Due list) call only these.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from zgc_desk import data_version
from zgc_desk.changes import Changed
from zgc_desk.db import id_chunks
from zgc_desk.deadlines import (
    Deadline,
    OverseasFacts,
    PatentFacts,
    PCTFacts,
    TrademarkFacts,
    compute_deadlines,
)
from zgc_desk.deadlines.common import add_months, add_years
from zgc_desk.deadlines.kinds import ANSWERED, ENTERED, PAID, RENEWED, done_by
from zgc_desk.deadlines.model import SORT_KEY
from zgc_desk.deadlines.notices import by_matter
from zgc_desk.errors import UserError
from zgc_desk.gc_pause import collector_paused
from zgc_desk.i18n import N_, _
from zgc_desk.models import Firm, OverseasFiling, Patent, PCTApplication, Trademark, database, split_list
from zgc_desk.operations import Label, operation
from zgc_desk.services.deadline_store import keep_all, kept_deadlines
from zgc_desk.services.decisions import split_by_decisions
from zgc_desk.services.notices import load_notice_facts, mark_answered
from zgc_desk.services.pledges import mark_pledged
from zgc_desk.services.records import create_record, find_firm, get_record, update_record
from zgc_desk.services.settings import get_setting

# Without an explicit range the list shows what needs doing: open and missed deadlines due from
# 6 months before to 12 months after the as-of date (a missed annual fee stays rescuable for 6
# months; renewals and national phases are planned about a year ahead).
DEFAULT_MONTHS_BACK = 6
DEFAULT_MONTHS_AHEAD = 12
DEFAULT_STATES = frozenset({"open", "missed"})
_LIVE_PATENT = ("pending", "granted")  # also spelled out in _PATENT_SQL
MADRID_OFFICE = "WO"  # the office of an international registration's renewals (periods.yaml madrid)


def default_window(as_of: dt.date) -> tuple[dt.date, dt.date]:
    return add_months(as_of, -DEFAULT_MONTHS_BACK), add_months(as_of, DEFAULT_MONTHS_AHEAD)


def lead_days() -> dict[str, int]:
    """Days before a deadline it starts to show as coming, per kind (``default`` for the rest)."""
    return dict(get_setting("lead_days") or {})


def lead_days_for(kind: str, settings: dict[str, int] | None = None) -> int:
    settings = settings if settings is not None else lead_days()
    return int(settings.get(kind, settings.get("default", 90)))


# ---- loading facts ---------------------------------------------------------------------------

def _firms(firm_id: int | None) -> dict[int, tuple[str, tuple[str, ...]]]:
    query = Firm.select(Firm.id, Firm.credit_code, Firm.planned_offices)
    if firm_id is not None:
        query = query.where(Firm.id == firm_id)
    return {fid: (code, tuple(split_list(planned))) for fid, code, planned in query.tuples()}


def _where_firm(query, model, firm_id):
    return query if firm_id is None else query.where(model.firm == firm_id)


def _claimed_abroad(firm_id: int | None) -> tuple[set[int], set[tuple[int, str]]]:
    """Patents claimed by a PCT or an overseas filing: by link id and by (firm, number)."""
    ids: set[int] = set()
    numbers: set[tuple[int, str]] = set()
    pcts = _where_firm(PCTApplication.select(PCTApplication.firm, PCTApplication.cn_priority,
                                             PCTApplication.cn_priority_no), PCTApplication, firm_id)
    filings = _where_firm(OverseasFiling.select(OverseasFiling.firm, OverseasFiling.cn_patent,
                                                OverseasFiling.cn_application_no), OverseasFiling, firm_id)
    for fid, patent_id, number in [*pcts.tuples(), *filings.tuples()]:
        if patent_id:
            ids.add(patent_id)
        if number:
            numbers.add((fid, number))
    return ids, numbers


_PATENT_SQL = (
    "SELECT id, firm_id, application_no, kind, title, filing_date, priority_date, grant_date, status, "
    "annuity_paid_through, fee_reduction_pct, priority_restoration, exam_requested_on FROM patent "
    "WHERE status IN ('pending', 'granted')"
)


def _date_or_none(text) -> dt.date | None:
    if not text:
        return None
    return text if isinstance(text, dt.date) else dt.date.fromisoformat(str(text)[:10])


def load_patent_facts(firm_id: int | None = None, ids=None) -> list[PatentFacts]:
    """Raw SQL rather than model rows: for 100,000 patents peewee's per-field conversion costs
    about a second, ``date.fromisoformat`` a tenth of that. ``ids``: only these patents."""
    if ids is not None:
        return [facts for chunk in id_chunks(ids) for facts in _patent_facts(firm_id, chunk)]
    return _patent_facts(firm_id, None)


def _patent_facts(firm_id: int | None, ids: list[int] | None) -> list[PatentFacts]:
    firms = _firms(firm_id)
    claimed_ids, claimed_numbers = _claimed_abroad(firm_id)
    sql, params = _PATENT_SQL, ()
    if firm_id is not None:
        sql, params = sql + f" AND firm_id = {database.param}", (firm_id,)
    if ids is not None:
        sql, params = sql + f" AND id IN ({', '.join([database.param] * len(ids))})", (*params, *ids)
    day = _date_or_none
    return [
        PatentFacts(id=pid, firm_id=fid, firm_code=firms[fid][0], number=number, right=kind, title=title,
                    filing_date=day(filed), priority_date=day(priority), grant_date=day(granted), status=status,
                    paid_through=paid, reduction_pct=reduction or 0,
                    claimed_abroad=pid in claimed_ids or (fid, number) in claimed_numbers,
                    priority_restored=bool(restored), exam_requested_on=day(exam))
        for pid, fid, number, kind, title, filed, priority, granted, status, paid, reduction, restored, exam
        in database.execute_sql(sql, params).fetchall()
    ]


def _entries(firm_id: int | None) -> tuple[dict[int, dict], dict[tuple[int, str], dict]]:
    """National-phase entries by PCT id and by (firm, PCT number): office -> entry date."""
    by_id: dict[int, dict] = defaultdict(dict)
    by_number: dict[tuple[int, str], dict] = defaultdict(dict)
    query = _where_firm(OverseasFiling.select(OverseasFiling.firm, OverseasFiling.pct, OverseasFiling.pct_no,
                                              OverseasFiling.office, OverseasFiling.filing_date),
                        OverseasFiling, firm_id)
    for fid, pct_id, pct_no, office, filed in query.tuples():
        if pct_id:
            by_id[pct_id][office] = filed
        if pct_no:
            by_number[(fid, pct_no)][office] = filed
    return by_id, by_number


def _live_patent_ids(firm_id: int | None, among=None) -> set[int]:
    """Ids of the pending and granted patents (``among``: of these only); raw SQL, as peewee's rows
    cost a second at 100,000."""
    sql, params = "SELECT id FROM patent WHERE status IN ('pending', 'granted')", ()
    if firm_id is not None:
        sql, params = sql + f" AND firm_id = {database.param}", (firm_id,)
    if among is None:
        return {pid for (pid,) in database.execute_sql(sql, params).fetchall()}
    return {pid for chunk in id_chunks(among) for (pid,) in database.execute_sql(
        f"{sql} AND id IN ({', '.join([database.param] * len(chunk))})", (*params, *chunk)).fetchall()}


def _where_ids(query, model, ids) -> list:
    """``query``'s rows, of only the records ``ids`` when given: a listing that computes a few
    records again reads only those."""
    if ids is None:
        return list(query.tuples())
    return [row for chunk in id_chunks(ids) for row in query.where(model.id.in_(chunk)).tuples()]


def load_pct_facts(firm_id: int | None = None, ids=None) -> list[PCTFacts]:
    """``ids``: only these PCT applications."""
    firms = _firms(firm_id)
    by_id, by_number = _entries(firm_id)
    query = _where_firm(PCTApplication.select(
        PCTApplication.id, PCTApplication.firm, PCTApplication.pct_no, PCTApplication.title,
        PCTApplication.intl_filing_date, PCTApplication.priority_date, PCTApplication.isr_date,
        PCTApplication.wo_no, PCTApplication.wo_date, PCTApplication.chapter2, PCTApplication.isa,
        PCTApplication.planned_offices, PCTApplication.cn_priority, PCTApplication.cn_priority_no,
        PCTApplication.priority_restoration), PCTApplication, firm_id)
    rows = _where_ids(query, PCTApplication, ids)
    live = _live_patent_ids(firm_id, None if ids is None else {row[12] for row in rows if row[12]})
    out = []
    for (pid, fid, number, title, filed, priority, isr, wo_no, wo_date, chapter2, isa, planned,
         cn_id, cn_no, restored) in rows:
        # a Chinese priority not in the database is taken as alive: it was filed, status unknown
        alive = cn_id in live if cn_id else bool(cn_no)
        out.append(PCTFacts(
            id=pid, firm_id=fid, firm_code=firms[fid][0], number=number, title=title or "",
            intl_filing_date=filed, priority_date=priority, isr_date=isr, published=bool(wo_no or wo_date),
            chapter2=bool(chapter2), isa=(isa or "").strip().upper(), planned_offices=tuple(split_list(planned)),
            firm_planned_offices=firms[fid][1], cn_priority_alive=alive,
            entered={**by_number.get((fid, number), {}), **by_id.get(pid, {})}, priority_restored=bool(restored)))
    return out


def load_trademark_facts(firm_id: int | None = None, ids=None) -> list[TrademarkFacts]:
    """``ids``: only these trademarks."""
    firms = _firms(firm_id)
    query = _where_firm(Trademark.select(
        Trademark.id, Trademark.firm, Trademark.registration_no, Trademark.mark, Trademark.filing_date,
        Trademark.registration_date, Trademark.expiry_date, Trademark.status, Trademark.madrid_no,
        Trademark.madrid_date, Trademark.madrid_expiry, Trademark.designations, Trademark.nice_classes),
        Trademark, firm_id)
    return [TrademarkFacts(id=tid, firm_id=fid, firm_code=firms[fid][0], number=number, mark=mark,
                           filing_date=filed, registration_date=registered, expiry_date=expiry, status=status,
                           madrid=bool(madrid_no), madrid_no=madrid_no or "", madrid_date=madrid_date,
                           madrid_expiry=madrid_expiry, designations=tuple(split_list(designations)),
                           nice_classes=tuple(split_list(classes)))
            for (tid, fid, number, mark, filed, registered, expiry, status, madrid_no, madrid_date, madrid_expiry,
                 designations, classes) in _where_ids(query, Trademark, ids)]


def load_overseas_facts(firm_id: int | None = None, ids=None) -> list[OverseasFacts]:
    """Overseas filings that can owe a fee, with the PCT they entered from (its international filing
    date is the date of filing for EP renewal years and the JP, KR, US terms) and a title (the
    Chinese patent's, else the PCT's)."""
    firms = _firms(firm_id)
    pcts = {pid: (filed, priority, title) for pid, filed, priority, title in _where_firm(PCTApplication.select(
        PCTApplication.id, PCTApplication.intl_filing_date, PCTApplication.priority_date, PCTApplication.title),
        PCTApplication, firm_id).tuples()}
    pct_ids = {(fid, number): pid for pid, fid, number in _where_firm(PCTApplication.select(
        PCTApplication.id, PCTApplication.firm, PCTApplication.pct_no), PCTApplication, firm_id).tuples()}
    query = _where_firm(OverseasFiling.select(
        OverseasFiling.id, OverseasFiling.firm, OverseasFiling.office, OverseasFiling.application_no,
        OverseasFiling.kind, OverseasFiling.filing_date, OverseasFiling.grant_date, OverseasFiling.status,
        OverseasFiling.route, OverseasFiling.entity_size, OverseasFiling.validation_states,
        OverseasFiling.annuity_paid_through, OverseasFiling.next_due_date, OverseasFiling.pct,
        OverseasFiling.pct_no, OverseasFiling.cn_patent).where(OverseasFiling.status.in_(_LIVE_PATENT)),
        OverseasFiling, firm_id)
    rows = _where_ids(query, OverseasFiling, ids)
    # only the titles of the Chinese patents the filings name: reading every title costs ~0.1 s at 100k
    cn_ids = {row[-1] for row in rows if row[-1]}
    titles_query = Patent.select(Patent.id, Patent.title)
    if len(cn_ids) <= 900:  # under SQLite's oldest bound-parameter limit (999); beyond it read them all
        titles_query = titles_query.where(Patent.id.in_(cn_ids or {0}))
    titles = dict(titles_query.tuples())
    out = []
    for (oid, fid, office, number, kind, filed, granted, status, route, entity, states, paid, next_due, pct_id,
         pct_no, cn_id) in rows:
        pct_id = pct_id or pct_ids.get((fid, pct_no))
        intl, priority, pct_title = pcts.get(pct_id, (None, None, ""))
        out.append(OverseasFacts(
            id=oid, firm_id=fid, firm_code=firms[fid][0], number=number, office=office, right=kind or "invention",
            title=titles.get(cn_id) or pct_title or "", filing_date=filed, grant_date=granted, status=status,
            route=route or "", entity_size=entity or "", validation_states=tuple(split_list(states)),
            paid_through=paid, next_due=next_due, intl_filing_date=intl, pct_priority_date=priority))
    return out


# ---- listing ---------------------------------------------------------------------------------

def resolve_firm_id(firm) -> int | None:
    """A firm given as id, credit code or None (all firms)."""
    if firm is None or firm == "":
        return None
    return find_firm(firm).id


def list_deadlines(*, as_of: dt.date, firm=None, start: dt.date | None = None, end: dt.date | None = None,
                   states=None, include_subsidies: bool = True, due_by: dt.date | None = None,
                   with_decisions: bool = True, subsidy_inputs=None,
                   open_due_by: dt.date | None = None) -> list[Deadline]:
    """Deadlines due from ``start`` to ``end`` (inclusive) for one firm (id or credit code) or all.

    With neither ``start`` nor ``end``: the default window, the states open and missed, and no grace
    or late-entry deadline whose ordinary deadline is still to come (see ``DEFAULT_*``).
    ``states`` filters explicitly (None: every state when a range is given).
    ``include_subsidies`` adds the ``subsidy_window`` of every round in the range where a firm has
    unclaimed eligible items. ``due_by`` cuts the default window short (the advisor view's next 90
    days: the same deadlines as filtering the whole list, for a fraction of the work).
    ``with_decisions`` leaves out what the firm decided to drop (``services.decisions``).
    ``subsidy_inputs``: the (rule set, portfolio) the subsidy rounds are evaluated on, when the caller
    already loaded them (see ``subsidy_window_deadlines``).
    ``open_due_by`` leaves out the open deadlines due after that day, keeping the missed ones and
    the backups of missed ones wherever they fall: what the Due list's reminders can show with
    lead times up to that day (the advisor view's "as reminded"), without reading the rest.
    """
    to_do = start is None and end is None
    if to_do:
        start, end = default_window(as_of)
        end = min(end, due_by) if due_by is not None else end
        states = DEFAULT_STATES if states is None else states
    if start is not None and end is not None and end < start:
        raise UserError(_("The end date {end} is before the start date {start}").format(
            end=end.isoformat(), start=start.isoformat()))
    firm_id = resolve_firm_id(firm)
    found = _computed(firm_id, as_of=as_of, start=start, end=end, states=states, hide_idle_backups=to_do,
                      open_due_by=open_due_by)
    if with_decisions:
        found, _dropped = split_by_decisions(found, firm_id)
    found = mark_pledged(found, as_of, firm_id)
    if include_subsidies:
        from zgc_desk.services.subsidy_deadlines import subsidy_window_deadlines

        windows = subsidy_window_deadlines(as_of=as_of, firm_id=firm_id, start=start, end=end, states=states,
                                           inputs=subsidy_inputs)
        if open_due_by is not None:
            windows = [d for d in windows if not is_open_after(d, open_due_by)]
        if windows:  # the engine's list is sorted already
            found += windows
            found.sort(key=SORT_KEY)
    return found


CALENDAR_MONTHS_AHEAD = 24


def calendar_deadlines(*, as_of: dt.date, firm=None, start: dt.date | None = None,
                       end: dt.date | None = None) -> list[Deadline]:
    """What a calendar export holds: every state (so that re-importing turns an event into done or
    lapsed), due from 6 months before to 24 months after ``as_of`` unless a range is given, without
    grace or late-entry deadlines whose ordinary deadline is still to come."""
    if start is None and end is None:
        start, end = add_months(as_of, -DEFAULT_MONTHS_BACK), add_months(as_of, CALENDAR_MONTHS_AHEAD)
    return _computed(resolve_firm_id(firm), as_of=as_of, start=start, end=end, hide_idle_backups=True)


def is_open_after(deadline: Deadline, day: dt.date) -> bool:
    """Open, not the backup of a missed deadline, and due after ``day`` (see ``open_due_by``)."""
    return deadline.state == "open" and deadline.main_due is None and deadline.due > day


def _computed(firm_id: int | None, *, as_of: dt.date, start: dt.date | None, end: dt.date | None, states=None,
              hide_idle_backups: bool = False, open_due_by: dt.date | None = None) -> list[Deadline]:
    """The engine's deadlines of one firm or all, from the kept ones where they still hold
    (``services.deadline_store``: the same list, computed only for what changed), else computed."""
    with collector_paused():
        found = _computed_now(firm_id, as_of=as_of, start=start, end=end, states=states,
                              hide_idle_backups=hide_idle_backups, open_due_by=open_due_by)
    if open_due_by is not None:  # the kept rows are cut already; what was computed is cut here
        found = [d for d in found if not is_open_after(d, open_due_by)]
    return found


def load_facts(firm_id: int | None = None, wanted: dict[str, set[int]] | None = None) -> dict[str, list]:
    """The facts of the kept kinds' records of one firm or all, by kind name; ``wanted`` (kind name
    -> ids): only those records (the few a list computes again when nothing was written)."""
    if wanted is None:
        return {"patent": load_patent_facts(firm_id), "pct": load_pct_facts(firm_id),
                "trademark": load_trademark_facts(firm_id), "overseas": load_overseas_facts(firm_id),
                "notices": by_matter(load_notice_facts(firm_id))}
    out = {"patent": load_patent_facts(firm_id, wanted["patent"]) if wanted.get("patent") else []}
    groups = wanted.get("notices")
    out["notices"] = [group for group in by_matter(load_notice_facts(firm_id, matters_of=groups))
                      if group.id in groups] if groups else []
    for name, loader in (("pct", load_pct_facts), ("trademark", load_trademark_facts),
                         ("overseas", load_overseas_facts)):
        ids = wanted.get(name)
        out[name] = loader(firm_id, ids=ids) if ids else []
    return out


def _computed_now(firm_id, *, as_of, start, end, states, hide_idle_backups, open_due_by=None) -> list[Deadline]:
    version = data_version.current()  # before any fact is read (see services.deadline_store)
    loaded: dict = {}

    def load(wanted):
        if wanted is not None:
            return load_facts(firm_id, wanted)
        if "all" not in loaded:
            loaded["all"] = load_facts(firm_id)
        return loaded["all"]

    found = kept_deadlines(load, as_of=as_of, start=start, end=end, firm_id=firm_id, states=states,
                           hide_idle_backups=hide_idle_backups, version=version, open_due_by=open_due_by)
    if found is None:
        records = load(None)
        return compute_deadlines(records["patent"], records["pct"], records["trademark"], as_of=as_of, start=start,
                                 end=end, states=states, hide_idle_backups=hide_idle_backups,
                                 notices=[n for group in records["notices"] for n in group.notices],
                                 overseas=records["overseas"])
    return found


def keep_deadlines(*, as_of: dt.date, stop=None) -> int:
    """Compute ahead and keep every record's deadlines that the cache does not hold for ``as_of``
    yet (the window does this in the background once its lists are shown: the next lists, and the
    next day's, are then mostly queries). ``stop``: a ``threading.Event`` that ends it between
    batches. The number of records kept."""
    with collector_paused():
        version = data_version.current()  # before any fact is read
        return keep_all(load_facts(), as_of=as_of, stop=stop, version=version)


# ---- marking done ----------------------------------------------------------------------------

def done_action(deadline: Deadline | None) -> str | None:
    """What marking ``deadline`` done means (the kinds table's ``done_by``): "paid", "entered",
    "renewed", or None (edit the record). The Due list's button and ``mark_done`` read this."""
    if deadline is None or deadline.state in ("done", "lapsed"):
        return None
    action = done_by(deadline.kind)
    if (action == PAID and deadline.year is not None or action == ENTERED and deadline.office
            or action == RENEWED or action == ANSWERED and deadline.notice_id is not None):
        return action
    return None


def mark_overseas_fee_paid(filing_id: int, through_year: int) -> Changed:
    """Record an overseas filing's annual fees paid up to the office's fee year ``through_year``."""
    filing = get_record("overseas", filing_id)
    with operation(Label(N_("Annual fee paid: {number} year {year}"), number=f"{filing.office} {filing.application_no}",
                         year=through_year)) as op:
        if filing.annuity_paid_through is not None and through_year < filing.annuity_paid_through:
            raise UserError(_("{number}: annual fees are already paid through year {paid}, not only {year}").format(
                number=filing.application_no, paid=filing.annuity_paid_through, year=through_year))
        update_record("overseas", filing_id, {"annuity_paid_through": through_year})
    return op.changed


def renew_international_registration(trademark_id: int) -> Changed:
    """Extend a Madrid international registration by one term (10 years; one operation)."""
    from zgc_desk.deadlines.rules import default_rules

    mark = get_record("trademark", trademark_id)
    years = default_rules().periods["madrid"]["term_years"]
    if mark.madrid_date is None:
        raise UserError(_("{number}: no international registration date, so the renewal cannot be recorded").format(
            number=mark.madrid_no or mark.registration_no))
    expiry = mark.madrid_expiry or add_years(mark.madrid_date, years)
    with operation(Label(N_("International registration renewed: {number}"), number=mark.madrid_no)) as op:
        update_record("trademark", trademark_id, {"madrid_expiry": add_years(expiry, years)})
    return op.changed


def mark_annuity_paid(patent_id: int, through_year: int) -> Changed:
    """Record the annual fees paid up to patent year ``through_year`` (one operation, change-logged)."""
    patent = get_record("patent", patent_id)
    with operation(Label(N_("Annual fee paid: {number} year {year}"), number=patent.application_no,
                         year=through_year)) as op:
        if patent.annuity_paid_through is not None and through_year < patent.annuity_paid_through:
            raise UserError(_("{number}: annual fees are already paid through year {paid}, not only {year}").format(
                number=patent.application_no, paid=patent.annuity_paid_through, year=through_year))
        update_record("patent", patent_id, {"annuity_paid_through": through_year})
    return op.changed


def record_national_phase_entry(pct_id: int, office: str, application_no: str,
                                entry_date: dt.date) -> tuple[int, Changed]:
    """Record the entry of a PCT into an office's national/regional phase as an overseas filing."""
    pct = get_record("pct", pct_id)
    with operation(Label(N_("National phase entered: {number} {office}"), number=pct.pct_no, office=office)) as op:
        filing_id, _changed = create_record("overseas", {
            "office": office, "application_no": application_no, "route": "pct", "pct_no": pct.pct_no,
            "cn_application_no": pct.cn_priority_no or None, "filing_date": entry_date,
            "applicants": pct.applicants or None,
        }, firm_id=pct.firm_id)
    return filing_id, op.changed


def renew_trademark(trademark_id: int, years: int | None = None) -> Changed:
    """Extend a registered mark by one term (10 years) and mark it renewed (one operation)."""
    from zgc_desk.deadlines.rules import default_rules
    from zgc_desk.schema import trademark_expiry

    mark = get_record("trademark", trademark_id)
    expiry = mark.expiry_date or trademark_expiry(mark.registration_date)
    if expiry is None:
        raise UserError(_("{number}: no registration or expiry date, so the renewal cannot be recorded").format(
            number=mark.registration_no))
    years = years or default_rules().periods["trademark"]["term_years"]
    with operation(Label(N_("Trademark renewed: {number}"), number=mark.registration_no)) as op:
        update_record("trademark", trademark_id, {"expiry_date": add_years(expiry, years), "status": "renewed"})
    return op.changed


def mark_done(deadline: Deadline, *, application_no: str = "", entry_date: dt.date | None = None,
              answered_on: dt.date | None = None, payment=None, as_of: dt.date | None = None) -> Changed:
    """Do what makes ``deadline`` done (one undoable operation); a national phase needs its
    application number and entry date, a notice the date it was answered. A fee given a
    ``payment`` (``services.payments.PaymentEntry``: day paid, amount, receipt) is recorded with it
    in the same operation; ``as_of`` is then the day a payment date may not be after."""
    action = done_action(deadline)
    if payment is not None and action in (PAID, RENEWED):
        from zgc_desk.services.payments import record_payment

        if as_of is None:
            raise ValueError("recording a payment needs as_of (the day it may not be after)")
        return record_payment(deadline, payment, as_of=as_of)
    if action == ANSWERED:
        if answered_on is None:
            raise UserError(_("Marking a notice answered needs the date it was answered"))
        return mark_answered(deadline.notice_id, answered_on)
    if action == PAID:
        if deadline.matter_kind == "overseas":
            return mark_overseas_fee_paid(deadline.matter_id, deadline.year)
        return mark_annuity_paid(deadline.matter_id, deadline.year)
    if action == ENTERED:
        if not application_no or entry_date is None:
            raise UserError(_("Entering a national phase needs its application number and entry date"))
        return record_national_phase_entry(deadline.matter_id, deadline.office, application_no, entry_date)[1]
    if action == RENEWED:
        if deadline.office == MADRID_OFFICE:
            return renew_international_registration(deadline.matter_id)
        return renew_trademark(deadline.matter_id)
    raise UserError(_("This deadline is marked done by editing the record itself"))
