"""The fees that keep foreign patents alive (rule data: ``data/foreign.yaml``).

- US (35 U.S.C. 41(b)): maintenance fees due 3.5, 7.5 and 11.5 years after grant, payable from 6
  months before, with a 6-month grace and the surcharge of 37 CFR 1.20(h); none for designs. The fee
  year (``Deadline.year``) is 4, 8 or 12; amounts by entity size.
- EP (EPC Art. 86, Rule 51): renewal fees of the pending application for the 3rd and later years,
  counted from the date of filing (a Euro-PCT's international filing date), due on the last day of the
  anniversary month, with a 6-month grace; after the grant, the validation states' national fees
  (Art. 141), whose due dates and amounts the data does not hold: the filing anniversary is shown.
- JP (Patent Act Arts. 107-108, 112), KR (Arts. 79, 81): years 1-3 paid at registration, then each year
  by the registration anniversary, with a 6-month grace; amounts depend on the claim count (unknown).
- Any other office: the next due date the user entered, with the Paris Convention's 6-month grace.

Nothing is moved for the office's closed days: the data has no calendar for them. Kinds ``annuity`` /
``annuity_grace_end`` with the office's code; amounts in the office's currency (``Deadline.currency``).
A filing in force on record with no paid-through year has its earlier fees taken as paid, and says so.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from babel.numbers import get_territory_currencies

from zgc_desk.deadlines.common import Context, add_months, add_years, basis, state_of, whole_years_between
from zgc_desk.deadlines.model import Deadline, OverseasFacts
from zgc_desk.i18n import N_

_ALIVE = ("pending", "granted")
_NOT_MOVED = (N_("not moved for the office's closed days (no calendar of that office in the data)"), ())
_ASSUMED = N_("assumed paid: in force on record, no paid-through year recorded (years up to {year} taken as "
              "paid) — please confirm the paid-through year")
RULE_OFFICES = ("US", "EP", "JP", "KR")  # offices whose fee rule is in the data
_ENTITY_FEE_NOTES = {
    "large": N_("official fee {amount} {currency}, large entity ({source})"),
    "small": N_("official fee {amount} {currency}, small entity ({source})"),
    "micro": N_("official fee {amount} {currency}, micro entity ({source})"),
}


@dataclass(frozen=True)
class _Fee:
    """One fee of one year: when it is due, its grace end, amount and what the basis says."""

    year: int | None
    office: str
    due: dt.date
    grace_end: dt.date
    amount: int | None
    surcharge: int | None  # the surcharge for paying in the grace period, where the data has it
    verified: bool | None
    rule: str  # msgid; {year} filled from ``year``
    base: str  # msgid of the base date
    base_date: dt.date
    period: tuple[int, str]
    unadjusted: dt.date
    notes: tuple
    grace_notes: tuple = ()
    source: str | None = None  # the rule's source when not the scheme's own (a validation state's fee)


def overseas_deadlines(f: OverseasFacts, ctx: Context) -> Iterator[Deadline]:
    if f.status not in _ALIVE:
        return
    if f.office == "US":
        yield from _fees(f, ctx, _us_fees(f, ctx), ctx.rules.foreign["us_maintenance"], baseline=0)
    elif f.office == "EP":
        yield from _fees(f, ctx, _ep_fees(f, ctx), ctx.rules.foreign["ep_renewal"], baseline=2)
    elif f.office in ("JP", "KR"):
        rule = ctx.rules.foreign["jp_annuity" if f.office == "JP" else "kr_annuity"]
        yield from _fees(f, ctx, _registration_fees(f, rule), rule, baseline=rule["paid_at_registration"])
    elif f.office != "CN" and f.next_due is not None:
        yield from _entered(f, ctx)


# ---- the offices' rules -------------------------------------------------------------------------

def _us_fees(f: OverseasFacts, ctx: Context) -> list[_Fee]:
    rule = ctx.rules.foreign["us_maintenance"]
    if f.grant_date is None or f.status != "granted" or f.right in rule["not_for_kinds"]:
        return []
    term_end = add_years(f.intl_filing_date or f.filing_date, rule["term_years"])
    out = []
    for year, months in sorted(rule["stages"].items()):
        due = add_months(f.grant_date, months)
        opens = add_months(due, -rule["window_months"])
        if opens >= term_end:  # the patent has expired before the fee could be paid
            break
        amount, surcharge, verified, notes = _us_amount(f, ctx, year, due)
        notes = [(N_("may be paid from {date}, the 6 months before the due date"), (("date", opens.isoformat()),)),
                 *notes]
        out.append(_Fee(year, "US", due, add_months(due, rule["grace_months"]), amount, surcharge, verified,
                        N_("US maintenance fee (the fee for year {year})"), N_("grant date"), f.grant_date,
                        (months, "months"), due, tuple(notes)))
    return out


def _us_amount(f: OverseasFacts, ctx: Context, year: int, due: dt.date):
    fee = ctx.rules.foreign_fee("us_maintenance", year, due)
    surcharge = ctx.rules.foreign_fee("us_maintenance", "surcharge", due)
    if fee is None:
        return None, None, None, [(N_("no fee in the data for that date"), ())]
    if f.entity_size not in fee.value:
        figures = ", ".join(f"{size} {fee.value[size]}" for size in ("large", "small", "micro"))
        return None, None, None, [(N_("entity size not recorded: the fee is {figures} USD by entity size "
                                      "({source})"), (("figures", figures), ("source", fee.source)))]
    amount = fee.value[f.entity_size]
    extra = surcharge.value.get(f.entity_size) if surcharge is not None else None
    notes = [(_ENTITY_FEE_NOTES[f.entity_size], (("amount", amount), ("currency", "USD"), ("source", fee.source)))]
    if not fee.verified:
        notes.append((N_("fee amount unverified"), ()))
    return amount, extra, fee.verified, notes


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=_calendar.monthrange(day.year, day.month)[1])


def ep_filing_date(f: OverseasFacts) -> dt.date:
    """The European application's date of filing: a Euro-PCT's is the international filing date."""
    return f.intl_filing_date or f.filing_date


def _ep_fees(f: OverseasFacts, ctx: Context) -> list[_Fee]:
    rule = ctx.rules.foreign["ep_renewal"]
    base = ep_filing_date(f)
    granted = f.status == "granted" and f.grant_date is not None
    # Art. 86(2): the EPO's fees end with the one for the year in which the grant is published
    last_epo_year = whole_years_between(base, f.grant_date) + 1 if granted else 20
    notes_common = []
    if f.route == "pct" and f.intl_filing_date is None:
        notes_common.append((N_("counted from the recorded date: the PCT's international filing date (the "
                                "European date of filing) is not recorded"), ()))
    out = []
    for year in range(rule["first_year"], last_epo_year + 1):
        anniversary = add_years(base, year - 1)
        due = _month_end(anniversary)
        notes = list(notes_common)
        if year == rule["first_year"] and f.route == "pct" and f.intl_filing_date is not None:
            limit = add_months(f.pct_priority_date or f.intl_filing_date, rule["euro_pct_months"])
            if due < limit:
                due = limit
                notes.append((N_("falls due within the 31-month time limit: payable until it ({source})"),
                               (("source", rule["euro_pct_source"]),)))
        amount, verified, fee_notes = _band_amount(ctx, "ep_renewal", year, due, "EUR")
        surcharge = None if amount is None else round(amount * rule["surcharge_percent"] / 100)
        grace_notes = ((N_("with the additional fee ({source})"), (("source", rule["surcharge_source"]),)),)
        out.append(_Fee(year, "EP", due, add_months(due, rule["grace_months"]), amount, surcharge, verified,
                        N_("European renewal fee for year {year}"), N_("date of filing"), base,
                        (year - 1, "years"), due, (*notes, *fee_notes,
                                                   (N_("due on the last day of the month of the anniversary"), ())),
                        grace_notes))
    if granted:
        out.extend(_ep_national(f, ctx, base, last_epo_year))
    return out


def _ep_national(f: OverseasFacts, ctx: Context, base: dt.date, grant_year: int) -> list[_Fee]:
    rule = ctx.rules.foreign["ep_national"]
    earliest = add_months(f.grant_date, rule["months_after_grant"])
    out = []
    for state in f.validation_states:
        for year in range(grant_year + 1, 21):
            anniversary = add_years(base, year - 1)
            due = max(anniversary, earliest)  # Art. 141(2): payable until 2 months after the grant
            notes = [(N_("national fee after the European grant: the state's own due date and amount are not in "
                         "the data — the filing anniversary is shown; check the state's rule"), ())]
            if due != anniversary:
                notes.append((N_("falls due within 2 months of the grant's publication: payable until {date}"),
                              (("date", due.isoformat()),)))
            out.append(_Fee(year, state, due, add_months(due, rule["grace_months"]), None, None, None,
                            N_("National annual fee for year {year} of the European patent"), N_("date of filing"),
                            base, (year - 1, "years"), anniversary, tuple(notes), source=rule["source"]))
    return out


def _band_amount(ctx: Context, scheme: str, year: int, due: dt.date, currency: str):
    fee = ctx.rules.foreign_fee(scheme, "renewal", due)
    if fee is None:
        return None, None, [(N_("no fee in the data for that date"), ())]
    amount = next((a for first, last, a in fee.value if first <= year <= last), None)
    if amount is None:
        return None, None, [(N_("fee for year {year} not known (no source at hand)"), (("year", year),))]
    notes = [(N_("official fee {amount} {currency} ({source})"),
              (("amount", amount), ("currency", currency), ("source", fee.source)))]
    if not fee.verified:
        notes.append((N_("fee amount unverified"), ()))
    return amount, fee.verified, notes


def _registration_fees(f: OverseasFacts, rule: dict) -> list[_Fee]:
    """JP, KR: the years counted from the registration date; the first years paid at registration."""
    if f.grant_date is None or f.status != "granted":
        return []
    term_end = add_years(f.intl_filing_date or f.filing_date, rule["term_years"])
    out = []
    year = rule["paid_at_registration"] + 1
    while (due := add_years(f.grant_date, year - 1)) < term_end:
        notes = ((N_("years 1 to {n} are paid at registration; each later year by the registration anniversary"),
                  (("n", rule["paid_at_registration"]),)),
                 (N_("amount unknown: {how}"), (("how", rule["amount_note"]),)))
        out.append(_Fee(year, f.office, due, add_months(due, rule["grace_months"]), None, None, None,
                        N_("Annual fee for year {year} (counted from registration)"), N_("registration date"),
                        f.grant_date, (year - 1, "years"), due, notes))
        year += 1
    return out


# ---- states, the assumed-paid rule and the deadlines --------------------------------------------

def _paid(f: OverseasFacts, ctx: Context, fees: list[_Fee], baseline: int) -> tuple[int, bool]:
    """The last fee year taken as paid, and whether that is assumed (no paid-through year recorded):
    a right alive on record has paid every fee whose grace has ended."""
    if f.paid_through is not None:
        return max(f.paid_through, baseline), False
    ended = [fee.year for fee in fees if fee.grace_end < ctx.as_of and fee.year is not None]
    paid = max([baseline, *ended])
    return paid, paid > baseline


def _fees(f: OverseasFacts, ctx: Context, fees: list[_Fee], rule: dict, baseline: int) -> Iterator[Deadline]:
    if not fees:
        return
    paid, assumed = _paid(f, ctx, fees, baseline)
    # unpaid when its grace ended, the right is lost: no later fee of that office is owed
    lost = {}
    for fee in fees:
        if fee.year > paid and ctx.as_of > fee.grace_end and fee.office not in lost:
            lost[fee.office] = fee.year
    for fee in fees:
        if fee.office in lost and fee.year > lost[fee.office]:
            continue
        extra = [(_ASSUMED, (("year", paid),))] if assumed and fee.year <= paid else []
        currency = rule["currency"] if fee.office == f.office else office_currency(fee.office, fee.due)
        yield from _pair(f, ctx, fee, fee.year <= paid, currency, rule, extra)


_REGIONAL_CURRENCIES = {"EP": "EUR", "EM": "EUR", "WO": "CHF"}  # the EPO, the EUIPO and WIPO charge in these


def office_currency(office: str, on: dt.date) -> str:
    """The currency of an office's fees: a country's legal tender on that day (CLDR's territory data,
    through babel), a regional office's own; else ISO 4217 "XXX" (no currency known), never a guess."""
    if office in _REGIONAL_CURRENCIES:
        return _REGIONAL_CURRENCIES[office]
    currencies = get_territory_currencies(office, on) if len(office) == 2 else []
    return currencies[0] if currencies else "XXX"


def _pair(f: OverseasFacts, ctx: Context, fee: _Fee, done: bool, currency: str, rule: dict, extra) -> Iterator[Deadline]:
    due_state = state_of(done, ctx.as_of, fee.due, fee.grace_end)
    grace_state = state_of(done, ctx.as_of, fee.grace_end)
    params = (("year", fee.year),)
    if ctx.in_window(fee.due) and ctx.keep(due_state):
        why = _basis(fee, fee.source or rule["source"], fee.rule, fee.period, fee.unadjusted, [*fee.notes, *extra],
                     params)
        yield _deadline(f, "annuity", fee, fee.due, due_state, currency, why,
                        surcharge=fee.surcharge if due_state == "missed" else None)
    if ctx.in_window(fee.grace_end) and ctx.keep(grace_state, fee.due):
        source = fee.source or rule.get("grace_source", rule["source"])
        why = _basis(fee, source, N_("Last day to pay the annual fee for year {year} late"),
                     (rule.get("grace_months", 6), "months"), fee.grace_end, [*fee.grace_notes, *fee.notes, *extra],
                     params, base=N_("fee due date"), base_date=fee.due)
        yield _deadline(f, "annuity_grace_end", fee, fee.grace_end, grace_state, currency, why,
                        surcharge=fee.surcharge, main_due=fee.due)


def _basis(fee: _Fee, source: str, rule: str, period, unadjusted: dt.date, notes, params, base=None, base_date=None):
    from zgc_desk.deadlines.calendar import Adjusted

    return basis(rule, source, base or fee.base, base_date or fee.base_date, period,
                 Adjusted(unadjusted, unadjusted, False), [*notes, _NOT_MOVED], params)


def _deadline(f: OverseasFacts, kind: str, fee: _Fee, due: dt.date, state: str, currency: str, why,
              surcharge=None, main_due=None) -> Deadline:
    return Deadline(firm=f.firm_code, firm_id=f.firm_id, matter=f.number, matter_kind="overseas", matter_id=f.id,
                    title=f.title, kind=kind, office=fee.office, due=due, state=state, amount_cny=fee.amount,
                    basis=why, year=fee.year, surcharge_cny=surcharge, main_due=main_due,
                    amount_verified=fee.verified if fee.amount is not None else None, currency=currency)


def _entered(f: OverseasFacts, ctx: Context) -> Iterator[Deadline]:
    """An office whose rule is not in the data: the due date the user entered, clearly marked."""
    rule = ctx.rules.foreign["entered"]
    grace_end = add_months(f.next_due, rule["grace_months"])
    notes = ((N_("due date entered by the user for an office whose fee rule is not in the data"), ()),
             (N_("amount unknown: not in the data"), ()))
    fee = _Fee(None, f.office, f.next_due, grace_end, None, None, None, N_("Annual fee (due date as entered)"),
               N_("entered due date"), f.next_due, (0, "months"), f.next_due, notes)
    due_state = state_of(False, ctx.as_of, fee.due, grace_end)
    grace_state = state_of(False, ctx.as_of, grace_end)
    if ctx.in_window(fee.due) and ctx.keep(due_state):
        why = _basis(fee, rule["source"], fee.rule, fee.period, fee.due, notes, ())
        yield _deadline(f, "annuity", fee, fee.due, due_state, office_currency(f.office, fee.due), why)
    if ctx.in_window(grace_end) and ctx.keep(grace_state, fee.due):
        why = _basis(fee, rule["source"], N_("Last day to pay the annual fee late (grace period)"),
                     (rule["grace_months"], "months"), grace_end, notes, (), base=N_("entered due date"),
                     base_date=fee.due)
        yield _deadline(f, "annuity_grace_end", fee, grace_end, grace_state, office_currency(f.office, grace_end), why,
                        main_due=fee.due)
