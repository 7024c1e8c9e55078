"""What keeping the portfolio will cost: the official fees falling due in each of the coming years.

The forecast is the deadline engine's own answer read ahead — the same rules, fee tables,
reductions and term ends that the Due list uses — so the two never disagree. Done and lapsed
deadlines cost nothing more; a missed one (still payable late) counts in the year it fell due.
"""

from __future__ import annotations

import datetime as dt

from zgc_desk.dates import add_years
from zgc_desk.deadlines.forecast import Forecast, carries_fee, line_of, year_totals
from zgc_desk.i18n import _
from zgc_desk.services.deadlines import list_deadlines, resolve_firm_id
from zgc_desk.services.decisions import split_by_decisions
from zgc_desk.services.errors import UserError
from zgc_desk.services.rates import list_rates

MAX_YEARS = 10  # the fee tables and terms say little past that; the issue asks for 1-10 years
DEFAULT_YEARS = 5
COUNTED_STATES = ("open", "missed")  # what is still to be paid


def _check_span(as_of: dt.date, first_year: int, years: int) -> None:
    if not 1 <= years <= MAX_YEARS:
        raise UserError(_("A forecast covers 1 to {max} years, not {years}").format(max=MAX_YEARS, years=years))
    if not as_of.year - 1 <= first_year <= as_of.year + 20:
        raise UserError(_("The first year {year} is too far from {today}: give a year from {lo} to {hi}").format(
            year=first_year, today=as_of.year, lo=as_of.year - 1, hi=as_of.year + 20))


def forecast(*, as_of: dt.date, firm=None, first_year: int | None = None, years: int = DEFAULT_YEARS,
             with_decisions: bool = True) -> Forecast:
    """The official fees due in ``years`` calendar years from ``first_year`` (default: this year),
    for one firm (id or credit code) or all. With ``with_decisions`` (the default), the fees the firm
    decided not to pay are left out and listed apart (``dropped``, ``saved``); without, every fee counts."""
    first_year = as_of.year if first_year is None else first_year
    _check_span(as_of, first_year, years)
    start = dt.date(first_year, 1, 1)
    end = add_years(start, years) - dt.timedelta(days=1)
    found = list_deadlines(as_of=as_of, firm=firm, start=start, end=end, states=COUNTED_STATES,
                           include_subsidies=False, with_decisions=False)
    kept, dropped = split_by_decisions(found, resolve_firm_id(firm)) if with_decisions else (found, [])
    lines, left_out = _lines(kept), _lines(dropped)
    return Forecast(as_of=as_of, first_year=first_year, years=years, lines=lines,
                    totals=year_totals(lines, first_year, years), dropped=left_out,
                    saved=year_totals(left_out, first_year, years), rates=list_rates())


def _lines(deadlines) -> list:
    lines = [line_of(d) for d in deadlines if carries_fee(d.kind)]
    lines.sort(key=lambda line: (line.due, line.firm, line.matter, line.kind, line.office))
    return lines
