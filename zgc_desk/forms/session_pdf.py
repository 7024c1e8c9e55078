"""The session report as a PDF, in the interface language: who and when, the portfolio at a glance
with a chart of filings and grants per year, the deadlines ahead, what can be claimed now and what
blocks the rest.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from zgc_desk.exchange import BASE, conversion_words, convert, rate_words
from zgc_desk.forms.chart import YearBarChart
from zgc_desk.forms.fonts import markup
from zgc_desk.forms.pdf_page import PageDecor, build_pdf, frame_width, styles
from zgc_desk.forms.pdf_tables import text_table
from zgc_desk.forms.session import SessionReport
from zgc_desk.i18n import _, format_date, format_money, format_number, ngettext, pgettext

GRID = colors.HexColor("#8A8F96")
HEAD_BG = colors.HexColor("#E4E9F0")
OVERDUE_BG = colors.HexColor("#FCE4D6")
TABLE_STYLE = [("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]


def _p(text, style: str = "cell", bold: bool = False) -> Paragraph:
    return Paragraph(markup(text, bold), styles()[style])


def _table(headers: list[str], rows: list[list], fractions: tuple[float, ...], width: float,
           right: tuple[int, ...] = (), extra_style: list | None = None):
    return text_table(headers, rows, list(fractions), width, right=right, style=TABLE_STYLE + (extra_style or []))


def write_session_report(report: SessionReport, path: Path) -> Path:
    width = frame_width(False)
    title = _("IP session report")
    story = [_p(title, "title"),
             _p(_("{firm}　Unified social credit code: {code}").format(firm=report.firm_name, code=report.firm_code),
                "subtitle"),
             _p(_("Prepared on {date} for the advisor's session. Figures are as recorded in ZGC Desk on that day.")
                .format(date=format_date(report.as_of, "long")), "small")]
    story += _portfolio(report, width)
    story += _deadlines(report, width)
    story += _fees_ahead(report, width)
    story += _subsidies(report, width)
    decor = PageDecor(header_left=report.firm_name, header_right=title,
                      page_label=_("Page {page} of {pages}"), footer_left=format_date(report.as_of, "long"))
    return build_pdf(path, story, decor, title=title, author=report.firm_name,
                     subject=f"{report.firm_name} {report.firm_code}")


def _portfolio(report: SessionReport, width: float) -> list:
    rows = [[k.kind, str(k.total), "；".join(f"{label} {count}" for label, count in k.by_status) or "—"]
            for k in report.kinds]
    chart = YearBarChart([y.year for y in report.years],
                         [(_("Applications filed"), [y.filed for y in report.years]),
                          (_("Patents granted"), [y.granted for y in report.years])],
                         width=width, empty_text=_("No Chinese patents on record"))
    return [
        _p(_("1. Portfolio"), "heading"),
        _table([_("Kind"), _("Total"), _("By status")], rows, (0.28, 0.12, 0.60), width, right=(1,)),
        Spacer(1, 4 * mm),
        KeepTogether([_p(_("Chinese patents filed and granted per year"), "body", bold=True), Spacer(1, 2 * mm),
                      chart]),
    ]


def _fee_text(line) -> str:
    if line.amount_cny is None:
        return ""
    text = format_money(line.amount_cny, line.currency)
    if line.surcharge_cny:
        text = _("{fee} + {surcharge} late").format(fee=text, surcharge=format_money(line.surcharge_cny, line.currency))
    if not line.in_total:  # a grace-end line: the same fee as its due-date line, paid late
        text = _("({fee}, counted once)").format(fee=text)
    return text + (" *" if line.amount_verified is False else "")


def _deadlines(report: SessionReport, width: float) -> list:
    heading = _p(_("2. Deadlines in the next {days} days").format(days=report.horizon_days), "heading")
    if not report.deadlines:
        return [heading, _p(_("No deadlines in this period."), "body")]
    rows, style = [], []
    for index, line in enumerate(report.deadlines, start=1):
        rows.append([format_date(line.due, "iso"), line.kind, line.matter, line.title, line.office, line.state,
                     _fee_text(line)])
        if line.overdue:
            style.append(("BACKGROUND", (0, index), (-1, index), OVERDUE_BG))
    note = _p(_("Shaded lines are overdue but can still be saved (grace period or late entry)."), "small")
    overdue = sum(1 for line in report.deadlines if line.overdue)
    fees = report.fees_total
    summary = _p(ngettext("{n} deadline, {overdue} of them overdue; official fees known: {fees}.",
                          "{n} deadlines, {overdue} of them overdue; official fees known: {fees}.",
                          len(report.deadlines)).format(n=len(report.deadlines), overdue=overdue,
                                                        fees=" + ".join([format_money(fees), *(
                                                            format_money(amount, currency) for currency, amount
                                                            in sorted(report.foreign_fees_total.items()))])),
                 "body")
    converted = report.fees_converted  # only at the rates the user entered, each named with its date
    summary = [summary, _p(conversion_words(converted), "small")] if converted is not None else [summary]
    return [heading, *summary, Spacer(1, 2 * mm), _table([_("Due"), _("What"), _("Number"), _("Title"), pgettext("country or region", "Office"), _("State"), _("Official fee")],
                            rows, (0.11, 0.14, 0.17, 0.27, 0.07, 0.09, 0.15), width, right=(6,), extra_style=style),
            Spacer(1, 1.5 * mm), note, *_unverified_fees_note(report)]


def _unverified_fees_note(report: SessionReport) -> list:
    if report.fees_verified:
        return []
    return [_p(_("* Fee not settled by the sources (marked unverified in the rule data): confirm it with the "
                 "office before paying."), "warning")]


def _fees_ahead(report: SessionReport, width: float) -> list:
    """The forecast: official fees per year ahead, CNY in a chart, every currency in the table."""
    if not report.fees_ahead:
        return []
    years = [f.year for f in report.fees_ahead]
    heading = _p(_("3. Official fees of the next {n} years").format(n=len(years)), "heading")
    chart = YearBarChart(years, [(_("Known official fees (CNY)"), [f.amounts.get("CNY", 0) for f in report.fees_ahead])],
                         width=width, height=52 * mm, empty_text=_("No official fees ahead on record"),
                         value_text=format_number, axis_space=16 * mm)
    rows = []
    conversions = []
    for fees in report.fees_ahead:
        known = "；".join(format_money(amount, currency) for currency, amount in fees.amounts.items()) or "—"
        converted = convert(fees.amounts.get(BASE, 0), {c: a for c, a in fees.amounts.items() if c != BASE},
                            report.rates)
        if converted is not None:  # at the user's rates, named below the table
            known += " (≈ " + format_money(converted.cny, BASE) + ")"
            conversions.append(converted)
        rows.append([str(fees.year), known + (" *" if fees.unverified else ""),
                     format_number(fees.unknown) if fees.unknown else "—"])
    note = _p(_("As today's fee schedules and the reductions recorded stand; fees not yet known are counted "
                "in the last column, never as zero; amounts in other currencies are not converted."), "small")
    if conversions:  # "≈" figures: converted at the user's rates only, each named with its date
        rates = {rate.currency: rate for conversion in conversions for rate in conversion.used}
        note = _p(_("As today's fee schedules and the reductions recorded stand; fees not yet known are counted "
                    "in the last column, never as zero. ≈ figures are the total in yuan at your rates: {rates}; "
                    "other currencies are not converted.").format(
            rates="; ".join(rate_words(rate) for _c, rate in sorted(rates.items()))), "small")
    out = [CondPageBreak(80 * mm), heading, KeepTogether([chart]), Spacer(1, 2 * mm),
           _table([_("Year"), _("Known official fees"), _("Fees of unknown amount")], rows, (0.14, 0.60, 0.26), width,
                  right=(1, 2)),
           Spacer(1, 1.5 * mm), note]
    if report.rights_dropped:
        saved = "；".join(format_money(amount, currency) for currency, amount in report.fees_saved.items()) or "—"
        out.append(_p(ngettext("Not counted: the decision to drop {n} right saves {saved} in these years.",
                               "Not counted: the decisions to drop {n} rights save {saved} in these years.",
                               report.rights_dropped).format(n=report.rights_dropped, saved=saved), "body"))
    if any(f.unverified for f in report.fees_ahead):
        out.append(_p(_("* Includes fees not settled by the sources (marked unverified in the rule data)."), "warning"))
    return out


def _subsidies(report: SessionReport, width: float) -> list:
    out = [CondPageBreak(50 * mm),
           _p(_("4. Money available now: subsidies claimable in round {year}").format(year=report.round_year),
              "heading")]
    if report.claimable:
        rows = [[line.policy, line.matter, line.office,
                 line.title + ("\n" + _("‡ or under {policy} (counted there)").format(policy=line.alternative_to)
                               if line.alternative_to else ""),
                 format_money(line.amount_cny) + (" ‡" if line.alternative_to else ""),
                 _("verified") if line.verified else _("not verified *")] for line in report.claimable]
        out.append(_table([_("Policy"), _("Number"), pgettext("country or region", "Office"), _("Title"), _("Amount"),
                           _("Amount checked")], rows,
                          (0.20, 0.16, 0.07, 0.29, 0.15, 0.13), width, right=(4,)))
        total = _("Total claimable: {amount}").format(amount=format_money(report.claimable_total))
        out += [Spacer(1, 2 * mm), _p(total, "body", bold=True)]
        if any(line.alternative_to for line in report.claimable):
            out.append(_p(_("‡ The same item is eligible under two policies that exclude each other: it can be funded "
                            "once, so the total counts it under the policy paying more."), "small"))
        if not report.claimable_verified:
            out.append(_p(_("* Amount not yet verified against the round's notice: confirm it before the firm "
                            "relies on it."), "warning"))
    else:
        out.append(_p(_("Nothing can be claimed in this round."), "body"))
    out += [_p(_("5. What blocks the other subsidies"), "heading")]
    if report.blocked:
        rows = [[line.policy, line.matter or "—", line.reason] for line in report.blocked]
        out.append(_table([_("Policy"), _("Number"), _("Why not")], rows, (0.22, 0.18, 0.60), width))
        if report.blocked_more:
            out.append(_p(ngettext("… and {n} more item not eligible for the same kinds of reasons.",
                                   "… and {n} more items not eligible for the same kinds of reasons.",
                                   report.blocked_more).format(n=report.blocked_more), "small"))
    else:
        out.append(_p(_("Nothing is blocked."), "body"))
    return out
