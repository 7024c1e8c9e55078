"""Columns of the Due list and the advisor view, defined once: the window's tree and the Excel
export of the visible list both read them (docs/development.md, practice 4). Core module: no Qt.

A column reads a :class:`~zgc_desk.deadlines.Deadline` and gives its display text (``text``) or a
typed value for a spreadsheet cell (``value``: dates stay dates, days and money stay numbers);
``style`` tells the export which cell format to use. Also here: a deadline's basis as labelled
parts, for the detail pane.
"""

from __future__ import annotations

import datetime as dt

from zgc_desk.columns import DATE, INT, MONEY, TEXT, DueColumn
from zgc_desk.deadlines import Deadline
from zgc_desk.deadlines.basis import deadline_basis, state_label
from zgc_desk.deadlines.kinds import group_label
from zgc_desk.i18n import N_, NP_, _, format_date, format_money, format_number, ngettext
from zgc_desk.offices import office_name
from zgc_desk.services.due_list import days_left, what_label

__all__ = ["DATE", "INT", "MONEY", "TEXT", "DueColumn", "basis_parts", "due_columns", "provisional_note"]


def _money(amount: int | None, currency: str = "CNY") -> str:
    return format_money(amount, currency or "CNY") if amount else ""


def fee_text(d: Deadline) -> str:
    """The official fee in its currency, marked when the rule data does not settle it (``verified``)."""
    text = _money(d.amount_cny, d.currency)
    if text and d.amount_verified is False:
        text = _("{fee} (unverified)").format(fee=text)
    return text


def _verified(d: Deadline) -> str | None:
    if d.amount_cny is None:
        return None
    return _("Yes") if d.amount_verified is not False else _("No")


def due_columns(as_of: dt.date, firm_names: dict[int, str] | None = None) -> list[DueColumn]:
    """Every column, in display order; ``visible`` marks those shown unless the user chose others."""
    names = firm_names or {}

    def due_text(d: Deadline) -> str:
        return format_date(d.due, "iso") + ("*" if d.provisional else "")

    def days(d: Deadline) -> int:
        return days_left(d, as_of)

    def state(d: Deadline) -> str:
        return state_label(d.state)

    return [
        DueColumn("due", N_("Due"), lambda d: d.due, due_text, style=DATE),
        DueColumn("days", N_("Days left"), days, lambda d: format_number(days(d)), numeric=True, style=INT),
        DueColumn("what", N_("Deadline"), what_label, what_label),
        DueColumn("matter", N_("Matter"), lambda d: d.matter, lambda d: d.matter),
        DueColumn("office", NP_("patent office", "Office"), lambda d: d.office, lambda d: office_name(d.office)),
        DueColumn("state", N_("State"), state, state),
        DueColumn("fee", N_("Official fee"), lambda d: d.amount_cny, fee_text, numeric=True, style=MONEY),
        DueColumn("surcharge", N_("Late surcharge"), lambda d: d.surcharge_cny, lambda d: _money(d.surcharge_cny, d.currency),
                  numeric=True, style=MONEY),
        DueColumn("fee_verified", N_("Fee verified"), _verified, lambda d: _verified(d) or "", visible=False),
        DueColumn("group", N_("Group"), lambda d: group_label(d.kind), lambda d: group_label(d.kind),
                  visible=False),
        DueColumn("pledged", N_("Pledged for loan"), lambda d: d.pledged or None, lambda d: d.pledged, visible=False),
        DueColumn("title", N_("Title"), lambda d: d.title, lambda d: d.title),
        DueColumn("firm", N_("Firm"), lambda d: names.get(d.firm_id, ""), lambda d: names.get(d.firm_id, ""),
                  visible=False),
        DueColumn("credit_code", N_("Credit code"), lambda d: d.firm, lambda d: d.firm, visible=False),
        DueColumn("provisional", N_("Provisional date"), lambda d: _("Yes") if d.provisional else None,
                  lambda d: _("Yes") if d.provisional else "", visible=False),
        DueColumn("basis", N_("Basis"), deadline_basis, deadline_basis, visible=False),
    ]


def _period(count: int, unit: str) -> str:
    if unit == "years":
        return ngettext("{n} year", "{n} years", abs(count)).format(n=abs(count))
    return ngettext("{n} month", "{n} months", abs(count)).format(n=abs(count))


def basis_parts(d: Deadline, as_of: dt.date) -> list[tuple[str, str]]:
    """The deadline and why it falls where it does, as (label, text) pairs for the detail pane."""
    basis = d.basis
    due = format_date(d.due, "iso")
    if d.due != basis.unadjusted:
        due = _("{due} (the period ends {end}, a non-working day)").format(
            due=due, end=format_date(basis.unadjusted, "iso"))
    parts = [
        (_("Deadline"), what_label(d)),
        (_("Matter"), " ".join(p for p in (d.matter, d.office, d.title) if p)),
        (_("Due"), due),
        (_("State"), _("{state}, {days} days left").format(state=state_label(d.state), days=days_left(d, as_of))
         if d.state == "open" else state_label(d.state)),
    ]
    if d.amount_cny:
        fee = format_money(d.amount_cny, d.currency or "CNY")
        if d.surcharge_cny:
            fee = _("{fee} + {surcharge} late surcharge").format(
                fee=fee, surcharge=format_money(d.surcharge_cny, d.currency or "CNY"))
        if d.amount_verified is False:
            fee = _("{fee} (unverified)").format(fee=fee)
        parts.append((_("Official fee"), fee))
    count, unit = basis.period
    period = _period(count, unit) if count else _("none (the date itself)")
    if count < 0:
        period = _("{period} before").format(period=period)
    parts += [
        (_("Rule"), _(basis.rule).format(**dict(basis.rule_params))),
        (_("Base date"), _("{base} {date}").format(base=_(basis.base), date=format_date(basis.base_date, "iso"))),
        (_("Period"), period),
        (_("Source"), basis.source),
    ]
    if basis.provisional:
        parts.append((_("Provisional"), provisional_note(d)))
    parts += [(_("Note"), _(note).format(**dict(params))) for note, params in basis.notes]
    return parts


def provisional_note(d: Deadline) -> str:
    return _("No official holiday calendar for {year} yet: the date counts weekends and statutory "
             "holidays only and may move when the State Council publishes the year's arrangement.").format(
        year=d.basis.unadjusted.year)
