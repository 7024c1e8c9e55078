"""``zgc-desk forecast --db PATH [--firm CODE] [--from YYYY] [--years N] [--json] [--out FILE.xlsx]``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from zgc_desk.commands.arguments import iso_date, round_year
from zgc_desk.i18n import _, ngettext


def _years(text: str) -> int:
    if text.isdigit() and 1 <= int(text) <= 10:
        return int(text)
    raise argparse.ArgumentTypeError(_("expected a number of years from 1 to 10, not {text}").format(text=text))


def add_arguments(parser) -> None:
    parser.description = _(
        "Forecast the official fees that keep the portfolio alive: annual fees (with the recorded "
        "reductions, for as long as they last), trademark renewals and the foreign fees the rule data "
        "knows, per calendar year. A fee whose amount is not known is counted as unknown, never as zero; "
        "foreign fees stay in their own currency.")
    parser.add_argument("--firm", metavar="CODE", help=_("only this firm (unified social credit code)"))
    parser.add_argument("--from", dest="first_year", type=round_year, metavar="YYYY",
                        help=_("first calendar year forecast (default: this year)"))
    parser.add_argument("--years", type=_years, default=5, metavar="N",
                        help=_("number of years forecast, 1 to 10 (default: 5)"))
    parser.add_argument("--as-of", dest="as_of", type=iso_date, metavar="DATE",
                        help=_("the day states are judged on (default: today)"))
    parser.add_argument("--json", action="store_true",
                        help=_("print JSON: one object per firm, matter, year and kind"))
    parser.add_argument("--without-decisions", dest="with_decisions", action="store_false",
                        help=_("count every fee, also those of the rights the firm decided to drop "
                               "(default: leave them out and say what the decisions save)"))
    parser.add_argument("--out", type=Path, metavar="FILE.xlsx", help=_("also write the forecast to an Excel workbook"))


def _money(amounts: dict[str, int]) -> str:
    from zgc_desk.i18n import format_money

    return "; ".join(format_money(amount, currency) for currency, amount in
                     sorted(amounts.items(), key=lambda item: (item[0] != "CNY", item[0]))) or format_money(0)


def format_forecast(result) -> str:
    """Totals per year, then the assumptions: what a budget holder reads first."""
    from zgc_desk.exchange import conversion_words

    lines = [_("Official fees {first}–{last}").format(first=result.first_year, last=result.last_year)]
    for total in [*result.totals, result.grand_total()]:
        label = str(total.year) if total.year else _("Total")
        text = f"{label:>6}  {_money(total.amounts)}"
        notes = []
        if total.unknown:
            notes.append(ngettext("{count} fee of unknown amount not included",
                                  "{count} fees of unknown amount not included", total.unknown).format(count=total.unknown))
        if total.unverified:
            notes.append(ngettext("{count} amount unverified", "{count} amounts unverified",
                                  total.unverified).format(count=total.unverified))
        if notes:
            text += "  (" + "; ".join(notes) + ")"
        lines.append(text)
        conversion = result.converted(total)
        if conversion is not None:  # only at a rate the user entered (zgc-desk rates)
            lines.append(" " * 8 + conversion_words(conversion))
    if result.dropped:
        saved = {}
        for total in result.saved:
            for currency, amount in total.amounts.items():
                saved[currency] = saved.get(currency, 0) + amount
        rights = len({(line.matter_kind, line.matter_id) for line in result.dropped})
        lines.append("")
        lines.append(ngettext("Decisions to drop {rights} right leave out {count} fees: {saved} saved.",
                              "Decisions to drop {rights} rights leave out {count} fees: {saved} saved.",
                              rights).format(rights=rights, count=len(result.dropped), saved=_money(saved)))
    lines.append("")
    lines.append(_("Assumptions:"))
    lines.extend("  - " + text for text in result.assumptions())
    return "\n".join(lines)


def run(args) -> int:
    from zgc_desk.cli import open_db_from_args
    from zgc_desk.services.forecast import forecast
    from zgc_desk.services.records import find_firm, today

    open_db_from_args(args)
    result = forecast(as_of=args.as_of or today(), firm=args.firm, first_year=args.first_year, years=args.years,
                      with_decisions=args.with_decisions)
    if args.out:
        from zgc_desk.io.forecast_export import export_forecast

        title = _("Official fee forecast")
        if args.firm:
            title = f"{title} — {find_firm(args.firm).name}"
        export_forecast(args.out, result, title=title)
    if args.json:
        print(json.dumps(result.records(), ensure_ascii=False))
    else:
        print(format_forecast(result))
        if args.out:
            print(_("Forecast written to {path}").format(path=args.out))
    return 0
