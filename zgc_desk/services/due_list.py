"""What the Due list and the advisor view show, computed without Qt: which deadlines (the views),
narrowed by kind / firm / office / text, grouped by month or by firm, coloured by urgency, and the
start-up summary (due in the next 30 days, missed).

The windows run the loaders through their background-task helper and keep the result; narrowing
and grouping are cheap in-memory passes over it (a few milliseconds for thousands of deadlines).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from zgc_desk.deadlines import Deadline
from zgc_desk.deadlines.kinds import (
    REMINDER_KINDS,  # noqa: F401 - for the lead-times dialog
    counts_in_totals,
    kind_label,
    kinds_in_group_order,
)
from zgc_desk.exchange import Rate, conversion_words, convert
from zgc_desk.i18n import N_, _, format_date, format_money, format_month, format_number, ngettext
from zgc_desk.models import Firm
from zgc_desk.services.deadlines import calendar_deadlines, lead_days, lead_days_for, list_deadlines
from zgc_desk.services.decisions import Saving, decisions, fees_saved, saving_of, split_by_decisions
from zgc_desk.services.rates import list_rates

# What the Due list offers to show (key -> label).
VIEWS = {
    "coming": N_("Coming (within reminder times)"),
    "year": N_("Next 12 months"),
    "all": N_("All states, 6 months back to 24 ahead"),
}
SUMMARY_DAYS = 30  # the start-up summary: due within this many days
ADVISOR_DAYS = 90  # the advisor view: due within this many days, every firm

# Urgency of a deadline, the colour band it is shown in (most urgent first).
URGENCIES = ("overdue", "soon", "near", "later", "done")
URGENCY_LABELS = {
    "overdue": N_("Overdue"),
    "soon": N_("Due within 30 days"),
    "near": N_("Due within 90 days"),
    "later": N_("Due later"),
    "done": N_("Done"),
}
SOON_DAYS, NEAR_DAYS = 30, 90


@dataclass
class DueData:
    """A loader's answer: the deadlines, firm names by id and the lead times in force."""

    deadlines: list[Deadline]
    firm_names: dict[int, str] = field(default_factory=dict)
    leads: dict[str, int] = field(default_factory=dict)
    # what the firm's keep-or-drop decisions leave out of the loaded period, and what that saves
    saving: Saving = field(default_factory=Saving)
    rates: dict[str, Rate] = field(default_factory=dict)  # exchange rates the user entered (services.rates)


@dataclass(frozen=True)
class DueFilter:
    """What the user narrowed the list to; None / "" = everything."""

    kind: str | None = None
    office: str | None = None
    firm_id: int | None = None
    text: str = ""


@dataclass
class Group:
    key: object  # (year, month) or a firm id
    label: str
    deadlines: list[Deadline]
    rates: dict[str, Rate] = field(default_factory=dict)  # to show foreign fees in yuan too, where entered

    @property
    def fees(self) -> int:
        return fee_total(self.deadlines)

    @property
    def foreign_fees(self) -> dict[str, int]:
        return foreign_fee_totals(self.deadlines)

    def fee_heading(self) -> str:
        """" · fees ¥1,200 + US$400": yuan, then each foreign currency on its own, never added
        together — and, where the user entered a rate, the yuan equivalent of them all, naming the
        rates and their dates (``zgc_desk.exchange``)."""
        amounts = [format_money(self.fees)] if self.fees else []
        amounts += [format_money(amount, currency) for currency, amount in sorted(self.foreign_fees.items())]
        if not amounts:
            return ""
        text = _(" · fees {amount}").format(amount=" + ".join(amounts))
        conversion = convert(self.fees, self.foreign_fees, self.rates)
        return text + (f" ({conversion_words(conversion)})" if conversion else "")


@dataclass
class DueSummary:
    as_of: dt.date
    due_soon: list[Deadline]
    missed: list[Deadline]
    # patents that have lapsed (a fee unpaid past its grace) while restoration is still possible:
    # their restoration_request deadlines (main_due: the date the patent lapsed as of)
    lapsed: list[Deadline] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.due_soon or self.missed or self.lapsed)


# ---- loading (run off the GUI thread) ---------------------------------------------------------

def firm_names(firm_ids: Iterable[int] | None = None) -> dict[int, str]:
    query = Firm.select(Firm.id, Firm.name)
    if firm_ids is not None:
        query = query.where(Firm.id.in_(list(firm_ids)))
    return dict(query.tuples())


def load_due(view: str, *, as_of: dt.date, firm_id: int | None) -> DueData:
    """One firm's deadlines for a view of the Due list. "coming" and "year" share the to-do list
    (open and missed, 6 months back to 12 ahead); "all" is the calendar range in every state."""
    if view == "all":
        found = calendar_deadlines(as_of=as_of, firm=firm_id)
    else:
        found = list_deadlines(as_of=as_of, firm=firm_id, with_decisions=False)
    # the decisions applied here rather than by the loader: what they leave out is the saving shown
    chosen = decisions(firm_id)
    deadlines, dropped = split_by_decisions(found, firm_id, chosen)
    names = firm_names([firm_id]) if firm_id is not None else firm_names()
    return DueData(deadlines, names, lead_days(), saving_of(dropped, chosen), rates=list_rates())


def load_advisor(*, as_of: dt.date, days: int | None = None) -> DueData:
    """Every firm's to-do list (the advisor view narrows it with :func:`within_days`), and every
    firm's name, so that a firm with nothing due is listed too. With ``days``, only what is due
    within that many days (and what is missed): all that view shows, computed in a third of the time."""
    leads = lead_days()
    if days is not None:
        found = list_deadlines(as_of=as_of, due_by=as_of + dt.timedelta(days=days))
    else:  # as reminded: nothing open beyond the longest lead time can be coming
        longest = max([*leads.values(), lead_days_for("default", leads)])
        found = list_deadlines(as_of=as_of, open_due_by=as_of + dt.timedelta(days=longest))
    return DueData(found, firm_names(), leads, rates=list_rates())


# ---- choosing and narrowing -------------------------------------------------------------------

def days_left(deadline: Deadline, as_of: dt.date) -> int:
    return (deadline.due - as_of).days


def is_coming(deadline: Deadline, as_of: dt.date, leads: dict[str, int]) -> bool:
    """Within its kind's reminder lead time, or already needing action (missed, or the grace /
    late-entry deadline backing up a missed one)."""
    if deadline.state == "missed" or deadline.main_due is not None:
        return True
    return deadline.state == "open" and days_left(deadline, as_of) <= lead_days_for(deadline.kind, leads)


def within_days(deadlines: Iterable[Deadline], as_of: dt.date, days: int) -> list[Deadline]:
    """Due no later than ``days`` from ``as_of`` (missed ones included)."""
    last = as_of + dt.timedelta(days=days)
    return [d for d in deadlines if d.due <= last]


def select_view(data: DueData, view: str, as_of: dt.date) -> list[Deadline]:
    if view == "coming":
        return [d for d in data.deadlines if is_coming(d, as_of, data.leads)]
    return list(data.deadlines)


def narrow(deadlines: Iterable[Deadline], chosen: DueFilter) -> list[Deadline]:
    text = chosen.text.strip().casefold()
    out = []
    for d in deadlines:
        if chosen.kind and d.kind != chosen.kind:
            continue
        if chosen.office and d.office != chosen.office:
            continue
        if chosen.firm_id is not None and d.firm_id != chosen.firm_id:
            continue
        if text and text not in d.matter.casefold() and text not in d.title.casefold():
            continue
        out.append(d)
    return out


def offices(deadlines: Iterable[Deadline]) -> list[str]:
    return sorted({d.office for d in deadlines if d.office})


def kinds(deadlines: Iterable[Deadline]) -> list[str]:
    return kinds_in_group_order({d.kind for d in deadlines})


def fee_total(deadlines: Iterable[Deadline]) -> int:
    """Chinese official fees and surcharges to pay, in yuan, each fee once: a grace-end row repeats
    the fee of the deadline it backs up and is not added again (see ``kinds.counts_in_totals``); a
    foreign fee is in its office's currency and never added to yuan (see ``foreign_fee_totals``)."""
    return sum((d.amount_cny or 0) + (d.surcharge_cny or 0) for d in deadlines
               if counts_in_totals(d.kind) and (d.currency or "CNY") == "CNY")


def foreign_fee_totals(deadlines: Iterable[Deadline]) -> dict[str, int]:
    """Foreign official fees to pay, per currency (never converted: no exchange rate is assumed)."""
    totals: dict[str, int] = {}
    for d in deadlines:
        currency = d.currency or "CNY"
        if counts_in_totals(d.kind) and currency != "CNY" and d.amount_cny is not None:
            totals[currency] = totals.get(currency, 0) + d.amount_cny + (d.surcharge_cny or 0)
    return totals


def what_label(d: Deadline) -> str:
    """The kind of deadline in words, with the patent year of an annual fee."""
    label = kind_label(d.kind)
    if d.notice_type:
        from zgc_desk.deadlines.notice_types import default_notice_rules
        from zgc_desk.i18n import current_language

        kind = default_notice_rules().types.get(d.notice_type)
        if kind is not None:
            return _("{kind}: {notice}").format(kind=label, notice=kind.label(current_language()))
    label = label if d.year is None else _("{kind} (year {year})").format(kind=label, year=d.year)
    # a fee that keeps a pledged right alive (services.pledges): visible wherever the kind is shown
    return _("{kind} · pledged").format(kind=label) if d.pledged else label


def urgency(deadline: Deadline, as_of: dt.date) -> str:
    if deadline.state == "done":
        return "done"
    days = days_left(deadline, as_of)
    if deadline.state in ("missed", "lapsed") or days < 0:
        return "overdue"
    if days <= SOON_DAYS:
        return "soon"
    return "near" if days <= NEAR_DAYS else "later"


# ---- grouping ---------------------------------------------------------------------------------

def month_label(year: int, month: int) -> str:
    """"January 2027" / "2027年1月" (babel's skeleton gives each language its own order)."""
    return format_month(dt.date(year, month, 1))


def _counted(label: str, deadlines: list[Deadline]) -> str:
    count = ngettext("{n} deadline", "{n} deadlines", len(deadlines)).format(n=format_number(len(deadlines)))
    return _("{what} — {count}").format(what=label, count=count)


def group_by_month(deadlines: Iterable[Deadline], saving: Saving | None = None,
                   rates: dict[str, Rate] | None = None) -> list[Group]:
    """One group per month of the due dates; with ``saving``, a month's heading also says which of its
    fees the keep-or-drop decisions left out and what that saves; with ``rates`` (the user's exchange
    rates), its fee total also shows foreign fees in yuan (``Group.fee_heading``)."""
    groups: dict[tuple[int, int], list[Deadline]] = {}
    for d in deadlines:
        groups.setdefault((d.due.year, d.due.month), []).append(d)
    spared: dict[tuple[int, int], list[Deadline]] = {}
    for d in saving.fees if saving else ():
        spared.setdefault((d.due.year, d.due.month), []).append(d)
    out = []
    for key, items in sorted(groups.items()):
        label = _counted(month_label(*key), items)
        if key in spared:
            label = _("{heading} · {saving}").format(heading=label, saving=spared_text(spared[key]))
        out.append(Group(key, label, items, rates or {}))
    return out


def group_by_firm(deadlines: Iterable[Deadline], names: dict[int, str], *, every_firm: bool = False) -> list[Group]:
    """One group per firm, by name; with ``every_firm`` also the firms of ``names`` with nothing listed
    (an advisor sees that a client is clear)."""
    groups: dict[int, list[Deadline]] = {fid: [] for fid in names} if every_firm else {}
    codes: dict[int, str] = {}
    for d in deadlines:
        groups.setdefault(d.firm_id, []).append(d)
        codes[d.firm_id] = d.firm
    order = sorted(groups, key=lambda fid: (names.get(fid, ""), codes.get(fid, "")))
    out = []
    for fid in order:
        name = names.get(fid) or codes.get(fid, "")
        label = _counted(name, groups[fid]) if groups[fid] else _("{what} — nothing due").format(what=name)
        out.append(Group(fid, label, groups[fid]))
    return out


# ---- what the keep-or-drop decisions save ----------------------------------------------------

def money_text(amounts: dict[str, int], unknown: int = 0) -> str:
    """Sums per currency, yuan first, and how many amounts are not known (never counted as zero)."""
    text = _("; ").join(format_money(amount, currency) for currency, amount in
                        sorted(amounts.items(), key=lambda item: (item[0] != "CNY", item[0]))) or format_money(0)
    if unknown:
        text += " " + ngettext("(+{count} fee of unknown amount)", "(+{count} fees of unknown amount)",
                               unknown).format(count=unknown)
    return text


def spared_text(fees: list[Deadline]) -> str:
    """"2 fees no longer reminded, ¥1,800.00 saved" (a month heading's part)."""
    amounts, unknown = fees_saved(fees)
    return ngettext("{count} fee no longer reminded, {saved} saved", "{count} fees no longer reminded, {saved} saved",
                    len(fees)).format(count=format_number(len(fees)), saved=money_text(amounts, unknown))


def saving_line(saving: Saving) -> str:
    """The Due list's line on the firm's keep-or-drop decisions: which rights, from which day, and the
    fees of the list's period it no longer reminds with their sum (empty without a decision)."""
    if not saving:
        return ""
    rights = _("; ").join(_("{matter} from {date}").format(matter=matter, date=format_date(since, "iso"))
                          for matter, since in saving.rights)
    count = len(saving.rights)
    decided = ngettext("Decision to drop {count} right ({rights})", "Decisions to drop {count} rights ({rights})",
                       count).format(count=count, rights=rights)
    fees = saving.fees
    if not fees:
        return _("{decisions}: no fee of this list's period is left out.").format(decisions=decided)
    first, last = format_date(fees[0].due, "iso"), format_date(fees[-1].due, "iso")
    span = (_("due {date}").format(date=first) if first == last
            else _("due {first} to {last}").format(first=first, last=last))
    return _("{decisions}: {fees} ({span}) no longer reminded, {saved} saved.").format(
        decisions=decided, fees=ngettext("{count} fee", "{count} fees", len(fees)).format(count=format_number(len(fees))),
        span=span, saved=money_text(saving.amounts, saving.unknown))


# ---- start-up summary -------------------------------------------------------------------------

def due_summary(deadlines: Iterable[Deadline], as_of: dt.date, days: int = SUMMARY_DAYS) -> DueSummary:
    deadlines = list(deadlines)
    lapsed = [d for d in deadlines if d.kind == "restoration_request" and d.state == "open"]
    soon = [d for d in deadlines if d.state == "open" and 0 <= days_left(d, as_of) <= days and d not in lapsed]
    missed = [d for d in deadlines if d.state == "missed"]
    return DueSummary(as_of, soon, missed, lapsed)


def lapsed_line(d: Deadline) -> str:
    """A lapsed patent in a sentence: since when, why, and until when it can be restored (a
    restoration deadline without a patent year rescues an application deemed withdrawn for want of
    an examination request)."""
    if d.year is None:
        return _("{matter} deemed withdrawn as of {date} (no examination request recorded): restoration request "
                 "by {due}").format(matter=d.matter, date=format_date(d.main_due, "iso") if d.main_due else "",
                                    due=format_date(d.due, "iso"))
    return _("{matter} lapsed as of {date} (annual fee for year {year} unpaid): restoration request by {due}").format(
        matter=d.matter, date=format_date(d.main_due, "iso") if d.main_due else "", year=d.year,
        due=format_date(d.due, "iso"))


def deadline_line(d: Deadline) -> str:
    """One deadline in a sentence's worth: date, what, matter, fee."""
    text = _("{due} {what} {matter}").format(due=format_date(d.due, "iso"), what=what_label(d), matter=d.matter)
    if d.office and d.matter_kind in ("pct", "overseas"):
        text += f" ({d.office})"
    if d.amount_cny:
        text += " " + format_money(d.amount_cny + (d.surcharge_cny or 0), d.currency or "CNY")
    return text


def summary_headline(summary: DueSummary) -> str:
    if not summary:
        return _("Nothing due in the next {days} days and nothing missed.").format(days=SUMMARY_DAYS)
    n_soon, n_missed = len(summary.due_soon), len(summary.missed)
    soon = (ngettext("{n} deadline due in the next {days} days", "{n} deadlines due in the next {days} days",
                     n_soon).format(n=n_soon, days=SUMMARY_DAYS) if n_soon
            else _("nothing due in the next {days} days").format(days=SUMMARY_DAYS))
    missed = (ngettext("{n} deadline missed", "{n} deadlines missed", n_missed).format(n=n_missed) if n_missed
              else _("nothing missed"))
    text = _("{soon}; {missed}.").format(soon=soon, missed=missed)
    if summary.lapsed:
        text += " " + ngettext("{n} patent has lapsed and can still be restored.",
                               "{n} patents have lapsed and can still be restored.",
                               len(summary.lapsed)).format(n=len(summary.lapsed))
    return text[:1].upper() + text[1:]


def summary_lines(summary: DueSummary, limit: int = 5) -> list[tuple[str, list[str]]]:
    """(heading, first few lines) for the missed and the due-soon deadlines that exist."""
    out = []
    if summary.lapsed:
        out.append((_("Lapsed (restoration still possible):"), [lapsed_line(d) for d in summary.lapsed[:limit]]))
    for heading, items in ((_("Missed (still possible late):"), summary.missed),
                           (_("Due in the next {days} days:").format(days=SUMMARY_DAYS), summary.due_soon)):
        if not items:
            continue
        lines = [deadline_line(d) for d in items[:limit]]
        if len(items) > limit:
            lines.append(_("… and {n} more").format(n=len(items) - limit))
        out.append((heading, lines))
    return out
