"""The portfolio cost forecast as plain values: the fee lines of the coming years and their totals.

A line is a deadline of a kind that carries a fee of its own (``money == FEE`` in the deadline-kind
table); grace-end rows only repeat the fee of the deadline they back up and are left out, so no fee
is counted twice. An amount the fee tables do not settle stays unknown (``None``): a total never
treats it as zero, it counts the fees it could not add. Totals are kept per currency; a foreign
currency is also shown in yuan only at a rate the user entered (``rates``, ``zgc_desk.exchange``),
never at a made-up one. Pure functions of deadlines: no database, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from zgc_desk.deadlines.kinds import FEE, KIND_TABLE
from zgc_desk.deadlines.model import Deadline
from zgc_desk.exchange import BASE, Conversion, Rate, convert
from zgc_desk.i18n import N_, _

# Said with every forecast, so that a budget built on it names what it rests on.
ASSUMPTIONS = (
    N_("Official fees of today's schedule; a fee change announced later is not foreseen."),
    N_("Fee reductions as recorded on each patent, for as long as the rules grant them."),
    N_("Every right is kept alive: each annual fee and renewal is paid when due."),
    N_("Pending applications: annual fees counted from the grant once it is recorded."),
    N_("Late-payment surcharges, agency fees and foreign attorneys' fees are not included."),
    N_("Foreign fees in the office's currency; no exchange rate is assumed."),
)


@dataclass(frozen=True)
class ForecastLine:
    firm: str  # credit code
    firm_id: int
    matter: str
    matter_kind: str
    matter_id: int
    title: str
    year: int  # calendar year of the due date
    kind: str
    office: str
    due: dt.date
    state: str
    amount: int | None  # in ``currency``; None when the fee tables do not settle it
    currency: str
    verified: bool | None  # whether the sources settle the amount
    patent_year: int | None = None  # an annual fee's patent year

    def record(self, rate: Rate | None = None) -> dict:
        """The contract keys of ``forecast --json`` first, then extras; with the user's ``rate`` for a
        foreign currency, the amount in yuan at that rate and the rate with its date."""
        record = {
            "firm": self.firm, "matter": self.matter, "year": self.year, "kind": self.kind,
            "office": self.office, "due": self.due.isoformat(), "amount": self.amount,
            "currency": self.currency, "state": self.state, "verified": self.verified,
            "matter_kind": self.matter_kind, "title": self.title, "patent_year": self.patent_year,
        }
        if rate is not None and self.currency != BASE:
            record["amount_cny_converted"] = (None if self.amount is None else
                                              int(rate.to_cny(self.amount).quantize(Decimal(1), ROUND_HALF_UP)))
            record["rate_cny"] = str(rate.cny_per_unit)
            record["rate_as_of"] = rate.as_of.isoformat()
        return record


@dataclass
class YearTotal:
    year: int
    amounts: dict[str, int] = field(default_factory=dict)  # currency -> sum of the known amounts
    unknown: int = 0  # fees whose amount is not known
    unverified: int = 0  # fees whose amount the sources do not settle
    count: int = 0


@dataclass
class Forecast:
    as_of: dt.date
    first_year: int
    years: int
    lines: list[ForecastLine]
    totals: list[YearTotal]  # one per year, in order, empty years included
    # the fees the firm's keep-or-drop decisions leave out (services.decisions), and their yearly totals:
    # what the decisions save; ``lines`` + ``dropped`` is the portfolio without the decisions
    dropped: list[ForecastLine] = field(default_factory=list)
    saved: list[YearTotal] = field(default_factory=list)
    rates: dict[str, Rate] = field(default_factory=dict)  # exchange rates the user entered

    def converted(self, total: YearTotal) -> Conversion | None:
        """A total in yuan, its foreign amounts at the user's rates; None when none has a rate."""
        return convert(total.amounts.get(BASE, 0), {c: a for c, a in total.amounts.items() if c != BASE}, self.rates)

    def records(self) -> list[dict]:
        """``forecast --json``: one record per line, foreign ones with their yuan at the user's rate."""
        return [line.record(self.rates.get(line.currency)) for line in self.lines]

    @property
    def last_year(self) -> int:
        return self.first_year + self.years - 1

    @property
    def currencies(self) -> list[str]:
        found = {c for t in self.totals for c in t.amounts}
        return sorted(found, key=lambda c: (c != "CNY", c))  # yuan first

    def grand_total(self) -> YearTotal:
        total = YearTotal(year=0)
        for year in self.totals:
            for currency, amount in year.amounts.items():
                total.amounts[currency] = total.amounts.get(currency, 0) + amount
            total.unknown += year.unknown
            total.unverified += year.unverified
            total.count += year.count
        return total

    @staticmethod
    def assumptions() -> list[str]:
        return [_(text) for text in ASSUMPTIONS]


def carries_fee(kind: str) -> bool:
    spec = KIND_TABLE.get(kind)
    return spec is not None and spec.money == FEE


def line_of(d: Deadline) -> ForecastLine:
    return ForecastLine(
        firm=d.firm, firm_id=d.firm_id, matter=d.matter, matter_kind=d.matter_kind, matter_id=d.matter_id,
        title=d.title, year=d.due.year, kind=d.kind, office=d.office, due=d.due, state=d.state,
        amount=d.amount_cny, currency=d.currency or "CNY",
        verified=d.amount_verified if d.amount_cny is not None else None, patent_year=d.year)


def year_totals(lines: list[ForecastLine], first_year: int, years: int) -> list[YearTotal]:
    totals = {year: YearTotal(year=year) for year in range(first_year, first_year + years)}
    for line in lines:
        total = totals[line.year]
        total.count += 1
        if line.amount is None:
            total.unknown += 1
            continue
        total.amounts[line.currency] = total.amounts.get(line.currency, 0) + line.amount
        if line.verified is False:
            total.unverified += 1
    return list(totals.values())


def by_matter(result: Forecast) -> list[dict]:
    """One row per (firm, matter): its fees per year, for the per-record view and export."""
    rows: dict[tuple, dict] = {}
    for line in result.lines:
        key = (line.firm, line.matter_kind, line.matter_id, line.currency)
        row = rows.setdefault(key, {
            "firm": line.firm, "matter": line.matter, "matter_kind": line.matter_kind, "title": line.title,
            "office": line.office, "currency": line.currency, "years": defaultdict(int), "unknown": set()})
        if line.amount is None:
            row["unknown"].add(line.year)
        else:
            row["years"][line.year] += line.amount
    return sorted(rows.values(), key=lambda r: (r["firm"], r["matter"], r["currency"]))
