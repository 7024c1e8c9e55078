"""The firm dashboard: what an advisor needs to see first, as plain values.

Every section is read from the same services as the page it links to — the Due list's to-do list
(``list_deadlines``), the Subsidies page's round (``evaluate_round``), the forecast — so the
dashboard can never tell a different story from the lists behind it. No Qt; run off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from zgc_desk.dates import add_months
from zgc_desk.deadlines.forecast import Forecast, carries_fee
from zgc_desk.deadlines.model import Deadline
from zgc_desk.services.browse import firm_counts
from zgc_desk.services.deadlines import list_deadlines
from zgc_desk.services.due_list import days_left
from zgc_desk.services.forecast import forecast
from zgc_desk.services.records import find_firm
from zgc_desk.services.subsidy_deadlines import is_unverified

RISK_DAYS = 30  # "at risk now": missed, or due within a month
NEAR_DAYS = 90
FEE_MONTHS = 12
FORECAST_YEARS = 5
NOTICE_KIND = "notice_response"
SUBSIDY_KIND = "subsidy_window"


@dataclass
class Money:
    """Amounts per currency (never converted), and how many amounts are not known."""

    amounts: dict[str, int] = field(default_factory=dict)
    unknown: int = 0
    count: int = 0

    def add(self, amount: int | None, currency: str = "CNY") -> None:
        self.count += 1
        if amount is None:
            self.unknown += 1
        else:
            self.amounts[currency] = self.amounts.get(currency, 0) + amount


@dataclass
class Dashboard:
    firm_id: int
    firm_name: str
    firm_code: str
    as_of: dt.date
    at_risk: list[Deadline]  # missed, or open and due within RISK_DAYS (claims and notices apart)
    at_risk_fees: Money
    near: list[Deadline]  # open, due in RISK_DAYS+1 .. NEAR_DAYS
    notices: list[Deadline]  # official notices awaiting an answer
    claimable: list[Deadline]  # open subsidy rounds with money to claim
    claimable_unverified: bool
    fees_ahead: Money  # official fees due within FEE_MONTHS (missed ones still payable included)
    forecast: Forecast
    portfolio: dict[str, dict[str, int]]
    standing: list  # subsidy_rules Standing rows of the current round

    @property
    def saved(self) -> Money:
        """What the firm's keep-or-drop decisions save over the forecast's years (services.decisions)."""
        money = Money()
        for line in self.forecast.dropped:
            money.add(line.amount, line.currency)
        return money

    @property
    def dropped_rights(self) -> int:
        return len({(line.matter_kind, line.matter_id) for line in self.forecast.dropped})

    @property
    def fees_ahead_converted(self):
        """The fees ahead in yuan, foreign ones at the rates the user entered (services.rates); None
        when no foreign fee has a rate (``zgc_desk.exchange``: never a made-up rate)."""
        from zgc_desk.exchange import BASE, convert

        amounts = self.fees_ahead.amounts
        return convert(amounts.get(BASE, 0), {c: a for c, a in amounts.items() if c != BASE}, self.forecast.rates)

    @property
    def claimable_cny(self) -> int:
        return sum(d.subsidy_cny or 0 for d in self.claimable)


def _fees(deadlines: list[Deadline], *, surcharges: bool) -> Money:
    money = Money()
    for d in deadlines:
        if carries_fee(d.kind):
            amount = d.amount_cny
            if surcharges and amount is not None and d.surcharge_cny:
                amount += d.surcharge_cny
            money.add(amount, d.currency or "CNY")
    return money


def _subsidy_inputs(firm_id: int):
    """The rule set and the firm's portfolio, loaded once: the Due rows' subsidy rounds are evaluated on
    them and the standing read from them (the standing is the round's ``firm_standing``, which needs no
    policy evaluated)."""
    from zgc_desk.services.subsidies import load_portfolio, rules

    return rules(), load_portfolio(firm_id)


def firm_dashboard(firm, as_of: dt.date) -> Dashboard:
    """The dashboard of one firm (id or credit code) on ``as_of``."""
    from zgc_desk.subsidy_rules.standing import firm_standing

    firm_row = find_firm(firm)
    inputs = _subsidy_inputs(firm_row.id)
    todo = list_deadlines(as_of=as_of, firm=firm_row.id, subsidy_inputs=inputs)  # the Due list's own to-do list
    notices = [d for d in todo if d.kind == NOTICE_KIND]
    claimable = [d for d in todo if d.kind == SUBSIDY_KIND and d.state == "open" and d.subsidy_cny]
    others = [d for d in todo if d.kind not in (NOTICE_KIND, SUBSIDY_KIND)]
    at_risk = [d for d in others if d.state == "missed" or (d.state == "open" and days_left(d, as_of) <= RISK_DAYS)]
    near = [d for d in others if d.state == "open" and RISK_DAYS < days_left(d, as_of) <= NEAR_DAYS
            and not d.is_idle_backup(as_of)]
    horizon = add_months(as_of, FEE_MONTHS)
    ahead = [d for d in todo if d.due <= horizon and d.state in ("open", "missed") and not d.is_idle_backup(as_of)]
    return Dashboard(
        firm_id=firm_row.id, firm_name=firm_row.name, firm_code=firm_row.credit_code, as_of=as_of,
        at_risk=[d for d in at_risk if not d.is_idle_backup(as_of)],
        at_risk_fees=_fees([d for d in at_risk if not d.is_idle_backup(as_of)], surcharges=True),
        near=near, notices=notices, claimable=claimable,
        claimable_unverified=any(is_unverified(d) for d in claimable),
        fees_ahead=_fees(ahead, surcharges=False),
        forecast=forecast(as_of=as_of, firm=firm_row.id, first_year=as_of.year, years=FORECAST_YEARS),
        portfolio=firm_counts(firm_row.id),
        standing=firm_standing(inputs[0], inputs[1], firm_row.credit_code, as_of.year),
    )


def export_forecast_workbook(path, firm_id: int, as_of: dt.date, years: int | None = None) -> Path:
    """The firm's forecast of official fees for ``years`` calendar years from this one (default: the
    longest, 10) written to an Excel workbook — totals, per record, every fee, the assumptions; what
    the dashboard's "Export the forecast" writes, as ``forecast --firm CODE --out PATH`` would."""
    from zgc_desk.i18n import _
    from zgc_desk.io.forecast_export import export_forecast
    from zgc_desk.services.forecast import MAX_YEARS

    firm_row = find_firm(firm_id)
    result = forecast(as_of=as_of, firm=firm_row.id, first_year=as_of.year, years=years or MAX_YEARS)
    title = _("Official fee forecast")  # outside the f-string: the extractor does not look inside one
    return export_forecast(path, result, title=f"{title} — {firm_row.name}")
