"""What File → Print puts on paper, as HTML for Qt's rich-text printing: the Due list (or the
all-firms list) as shown, one record, the firm profile. Core module: no Qt; the window turns the
HTML into a QTextDocument and prints or previews it (``zgc_desk.ui.help.printing``).

Every table has its header row in ``<thead>``: Qt's HTML importer makes that the table's header
row count, and a QTextDocument printed across pages repeats it at the top of each page.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from zgc_desk.columns import FIELD_CHOICES
from zgc_desk.i18n import _, format_date, format_number
from zgc_desk.schema import FIELDS
from zgc_desk.vocab import RECORD_KINDS

_STYLE = """
<style>
h1 { font-size: 15pt; margin-bottom: 2px; }
p.meta { color: #444; margin-top: 0px; }
table.grid { border-collapse: collapse; }
table.grid th { background-color: #dde4ee; font-weight: bold; text-align: left; }
table.grid td.group { background-color: #f0f0f0; font-weight: bold; }
td.label { color: #444; white-space: nowrap; }
</style>
"""


@dataclass(frozen=True)
class Printout:
    """A document to print: its title (the print job's name too), the HTML, and its orientation."""

    title: str
    html: str
    landscape: bool = False


def _e(text) -> str:
    return html.escape("" if text is None else str(text))


def _heading(title: str, firm: str | None, as_of: dt.date) -> str:
    meta = [_("Firm: {name}").format(name=firm)] if firm else []
    meta.append(_("Printed {date}").format(date=format_date(as_of, "long")))
    return f"<h1>{_e(title)}</h1><p class='meta'>{_e(' · '.join(meta))}</p>"


def _document(body: str) -> str:
    return f"<html><head><meta charset='utf-8'>{_STYLE}</head><body>{body}</body></html>"


def _cell(value, numeric: bool, nowrap: bool, tag: str = "td") -> str:
    style = ("text-align: right; " if numeric else "") + ("white-space: nowrap;" if nowrap else "")
    return f"<{tag} style='{style}'>{_e(value)}</{tag}>" if style else f"<{tag}>{_e(value)}</{tag}>"


def table_html(headers: Sequence[str], rows: Iterable[Sequence[str] | str], numeric: Sequence[bool] = (),
               nowrap: Sequence[bool] = (), widths: dict[int, str] | None = None) -> str:
    """A table with its header in ``<thead>``; a row given as a plain string is a group heading
    spanning every column. ``numeric`` columns are right-aligned, ``nowrap`` ones never broken;
    ``widths`` gives some columns a width (e.g. ``{8: "30%"}``)."""
    widths = widths or {}
    def header(i: int, text: str) -> str:
        unbroken = i < len(nowrap) and nowrap[i]
        if i not in widths:
            return _cell(text, False, unbroken, "th")
        style = " style='white-space: nowrap;'" if unbroken else ""
        return f"<th width='{widths[i]}'{style}>{_e(text)}</th>"

    head = "".join(header(i, h) for i, h in enumerate(headers))
    lines = []
    for row in rows:
        if isinstance(row, str):
            lines.append(f"<tr><td class='group' colspan='{len(headers)}'>{_e(row)}</td></tr>")
            continue
        cells = "".join(_cell(v, i < len(numeric) and numeric[i], i < len(nowrap) and nowrap[i])
                        for i, v in enumerate(row))
        lines.append(f"<tr>{cells}</tr>")
    return (f"<table class='grid' border='1' cellspacing='0' cellpadding='3' width='100%'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>")


# Due-list columns whose text is a number, a date or a code: broken across lines they misread. The
# fee columns may wrap: an amount itself has no break opportunity ("CN¥900.00"), but the mark after
# it ("(unverified)") must be free to go to the next line, or the column squeezes the title to a letter.
_UNBROKEN = {"due", "days", "matter", "state", "credit_code"}
# Each column's share of the page's width: left to itself Qt gives the columns that may wrap almost
# nothing once the unbroken ones are laid out (in English a deadline's name then breaks letter by letter).
_SHARES = {"due": 9, "days": 7, "what": 16, "matter": 13, "office": 10, "title": 20, "fee": 12, "surcharge": 10,
           "state": 6, "firm": 16, "credit_code": 12, "provisional": 5, "basis": 24}


def deadlines_printout(title: str, firm: str | None, as_of: dt.date, groups: Sequence, columns: Sequence,
                       note: str = "") -> Printout:
    """The deadlines as the list shows them: ``groups`` (services.due_list Group: label and
    deadlines, in order) under ``columns`` (services.due_columns DueColumn, the visible ones);
    ``note``: a line above the table (the Due list's saving from keep-or-drop decisions)."""
    rows: list = []
    count = 0
    for group in groups:
        rows.append(group.label)
        for d in group.deadlines:
            rows.append([column.text(d) for column in columns])
            count += 1
    shares = [_SHARES.get(c.key, 8) for c in columns]
    table = table_html([_(c.label) for c in columns], rows, [c.numeric for c in columns],
                       [c.key in _UNBROKEN for c in columns],
                       {i: f"{share * 100 / sum(shares):.1f}%" for i, share in enumerate(shares)})
    total = _("{count} deadlines").format(count=format_number(count))
    body = _heading(title, firm, as_of) + (f"<p>{_e(note)}</p>" if note else "") + f"<p>{_e(total)}</p>" + table
    return Printout(title, _document(body), landscape=True)


def value_text(kind: str, key: str, value) -> str:
    """A stored value in words: a vocabulary word by its label, a date in the language's style."""
    if value is None or value == "":
        return "—"
    labels = FIELD_CHOICES.get(kind, {}).get(key)
    if labels is not None and value in labels:
        return _(labels[value])
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, (list, tuple)):
        return _("; ").join(str(v) for v in value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def record_printout(kind: str, values: dict, firm: str | None, as_of: dt.date, name: str = "",
                    extra: Sequence[tuple[str, str]] = ()) -> Printout:
    """One record: every field of its kind (``values`` as services.records.record_values gives them),
    labelled, then ``extra`` (label, text) lines such as the firm's portfolio counts."""
    title = _("{kind} {name}").format(kind=_(RECORD_KINDS[kind]), name=name).strip()
    rows = [[_(f.label), value_text(kind, f.key, values.get(f.key))] for f in FIELDS[kind]]
    rows += [list(line) for line in extra]
    table = table_html([_("Field"), _("Value")], rows, widths={0: "30%"})
    return Printout(title, _document(_heading(title, firm, as_of) + table))


def _money_text(amounts: dict[str, int], unknown: int = 0) -> str:
    from zgc_desk.i18n import format_money, ngettext

    text = "; ".join(format_money(amount, currency) for currency, amount in
                     sorted(amounts.items(), key=lambda item: (item[0] != "CNY", item[0]))) or format_money(0)
    if unknown:
        text += " " + ngettext("(+{count} fee of unknown amount)", "(+{count} fees of unknown amount)",
                               unknown).format(count=unknown)
    return text


def _deadline_rows(deadlines: Sequence, with_money: bool = True) -> list[list[str]]:
    from zgc_desk.i18n import format_money
    from zgc_desk.offices import office_name
    from zgc_desk.services.due_list import what_label

    rows = []
    for d in deadlines:
        money = d.subsidy_cny if d.kind == "subsidy_window" else d.amount_cny
        if money is not None and d.kind != "subsidy_window" and d.surcharge_cny:
            money += d.surcharge_cny  # late: the fee with its surcharge, as the screen and the total say
        rows.append([format_date(d.due, "iso"), what_label(d), office_name(d.office), d.matter, d.title or "",
                     format_money(money, d.currency or "CNY") if with_money and money else ""])
    return rows


def dashboard_printout(data, portfolio_labels: Sequence[tuple[str, str]]) -> Printout:
    """The firm dashboard on paper (``data``: a services.dashboard.Dashboard): what is at risk, the next
    days, notices, money to claim, the fees ahead by year with what the decisions to drop save, and
    the portfolio. ``portfolio_labels``: (record kind, label) in the order shown."""
    from zgc_desk.i18n import pgettext
    from zgc_desk.services.dashboard import NEAR_DAYS

    headers = [_("Due"), _("Deadline"), pgettext("country or region", "Office"), _("Matter"), _("Title"), _("Amount")]
    numeric, nowrap = [False] * 5 + [True], [True, False, True, True, False, True]
    widths = {0: "12%", 1: "18%", 2: "10%", 3: "18%", 4: "30%", 5: "12%"}  # Qt shares the rest unevenly

    def section(heading: str, deadlines: Sequence, empty: str, note: str = "") -> str:
        body = f"<h2>{_e(heading)}</h2>" + (f"<p>{_e(note)}</p>" if note else "")
        if not deadlines:
            return body + f"<p><i>{_e(empty)}</i></p>"
        return body + table_html(headers, _deadline_rows(deadlines), numeric, nowrap, widths)

    parts = [_heading(_("Dashboard"), data.firm_name, data.as_of)]
    parts.append(section(_("At risk now"), data.at_risk, _("Nothing missed, nothing due within the month."),
                         _money_text(data.at_risk_fees.amounts, data.at_risk_fees.unknown) if data.at_risk else ""))
    parts.append(section(_("Next {days} days").format(days=NEAR_DAYS), data.near, _("Nothing else due.")))
    parts.append(section(_("Official notices awaiting an answer"), data.notices, _("No notice awaits an answer.")))
    parts.append(section(_("Money to claim in open subsidy rounds"), data.claimable,
                         _("No open round with eligible items."),
                         _money_text({"CNY": data.claimable_cny}) if data.claimable else ""))
    forecast = data.forecast
    rows = [[str(t.year), _money_text(t.amounts, t.unknown)] for t in forecast.totals]
    fees_heading = _("Official fees ahead")  # outside the f-string: the extractor does not look inside one
    parts.append(f"<h2>{_e(fees_heading)}</h2>"
                 + table_html([_("Year"), _("Known official fees")], rows, [False, True], [True, False]))
    if data.dropped_rights:
        saved = data.saved
        parts.append("<p>" + _e(_("Decisions to drop {count} rights: {saved} saved in {first}–{last}").format(
            count=data.dropped_rights, saved=_money_text(saved.amounts, saved.unknown),
            first=forecast.first_year, last=forecast.last_year)) + "</p>")
    counts = [[label, format_number(sum(data.portfolio.get(kind, {}).values()))] for kind, label in portfolio_labels]
    counts += [[standing.label, standing.detail] for standing in data.standing]
    portfolio_heading = _("Portfolio and standing")
    parts.append(f"<h2>{_e(portfolio_heading)}</h2>" + table_html([_("Item"), _("Value")], counts))
    return Printout(_("Dashboard {firm}").format(firm=data.firm_name), _document("".join(parts)))
