"""A firm's standing against the action plan's thresholds (information shown beside a check).

Measures (named in ``data/plan_targets.yaml``):
- ``cn_patent_applications``: Chinese patent applications (all kinds) filed in the year;
- ``pct_growth_pct``: PCT applications filed in the year against the year before, in per cent;
- ``trademark_registrations``: trademarks registered by the end of the year and not invalid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from zgc_desk.i18n import _, format_number, ngettext
from zgc_desk.subsidy_rules.facts import Portfolio
from zgc_desk.subsidy_rules.results import Standing


def _count_filed(portfolio: Portfolio, source: str, firm: str, year: int) -> int:
    return sum(1 for item in portfolio.items_of(source, firm) if item.filing_date and item.filing_date.year == year)


def cn_patent_applications(portfolio: Portfolio, firm: str, year: int) -> tuple[float | None, str]:
    count = _count_filed(portfolio, "cn_patent", firm, year)
    return count, ngettext("{count} Chinese patent application filed in {year}",
                           "{count} Chinese patent applications filed in {year}", count).format(count=count, year=year)


def pct_growth_pct(portfolio: Portfolio, firm: str, year: int) -> tuple[float | None, str]:
    now, before = _count_filed(portfolio, "pct", firm, year), _count_filed(portfolio, "pct", firm, year - 1)
    if before == 0:
        return None, _("PCT applications: {now} in {year}, none in {prior}: growth cannot be computed").format(
            now=now, year=year, prior=year - 1)
    growth = round((now - before) * 100 / before, 1)
    return growth, _("PCT applications: {now} in {year} against {before} in {prior}: {growth}%").format(
        now=now, year=year, before=before, prior=year - 1, growth=format_number(growth))


def trademark_registrations(portfolio: Portfolio, firm: str, year: int) -> tuple[float | None, str]:
    end = dt.date(year, 12, 31)
    marks = {item.number for item in portfolio.items_of("trademark", firm)
             if item.registration_date and item.registration_date <= end and item.status != "invalid"}
    return len(marks), ngettext("{count} trademark registered by {date}", "{count} trademarks registered by {date}",
                                len(marks)).format(count=len(marks), date=end.isoformat())


MEASURES: dict[str, Callable] = {
    "cn_patent_applications": cn_patent_applications,
    "pct_growth_pct": pct_growth_pct,
    "trademark_registrations": trademark_registrations,
}


def firm_standing(rules, portfolio: Portfolio, firm: str, round_year: int) -> list[Standing]:
    year = round_year - rules.standing_years_back
    found = []
    for target in rules.targets:
        value, detail = MEASURES[target.measure](portfolio, firm, year)
        if value is None:
            met = None
        elif target.comparison == "greater":
            met = value > target.threshold
        else:
            met = value >= target.threshold
        found.append(Standing(target.id, str(target.label), year, value, target.threshold, met, detail,
                              target.source.citation()))
    return found
