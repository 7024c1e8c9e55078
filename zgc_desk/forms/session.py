"""The advisor's session report: its content as plain data. ``services.documents`` gathers it from
the database, the deadline engine and the subsidy engine; ``session_pdf`` lays it out in the
interface language. Texts here are already in words (labels translated by the gatherer).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from zgc_desk.exchange import Conversion, Rate, convert


@dataclass
class KindSummary:
    """One kind of right: how many, and how many in each status (labels already translated)."""

    kind: str  # translated label, e.g. 发明专利
    total: int
    by_status: list[tuple[str, int]]


@dataclass
class YearCounts:
    year: int
    filed: int
    granted: int


@dataclass
class DeadlineLine:
    due: dt.date
    kind: str  # translated label
    matter: str
    title: str
    office: str
    state: str  # translated label
    overdue: bool
    amount_cny: int | None
    surcharge_cny: int | None = None  # an annual fee paid late: the surcharge on top of the fee
    # False for a grace-end line: it repeats the fee of the deadline it backs up, counted there once
    in_total: bool = True
    amount_verified: bool | None = None  # whether the sources settle the fee (None: no fee)
    currency: str = "CNY"  # of amount_cny and surcharge_cny: a foreign fee is never added to the yuan total


@dataclass
class ClaimLine:
    """An item the firm can claim now."""

    policy: str  # the policy's title in the interface language
    round_year: int
    matter: str
    office: str
    title: str
    amount_cny: int
    verified: bool
    alternative_to: str = ""  # the title of the policy under which the same item is counted instead


@dataclass
class BlockedLine:
    """Why a policy, or one item under it, cannot be claimed."""

    policy: str
    matter: str  # empty when the whole policy is unavailable
    reason: str


@dataclass
class FeeYear:
    """The official fees falling due in one calendar year (the forecast), per currency."""

    year: int
    amounts: dict[str, int]  # currency -> sum of the known amounts; CNY first when present
    unknown: int = 0  # fees whose amount the fee tables do not settle (never counted as zero)
    unverified: int = 0  # fees counted whose amount the sources do not settle


@dataclass
class SessionReport:
    firm_name: str
    firm_code: str
    firm_park: str
    as_of: dt.date
    round_year: int
    horizon_days: int
    kinds: list[KindSummary] = field(default_factory=list)
    years: list[YearCounts] = field(default_factory=list)
    deadlines: list[DeadlineLine] = field(default_factory=list)
    claimable: list[ClaimLine] = field(default_factory=list)
    blocked: list[BlockedLine] = field(default_factory=list)
    blocked_more: int = 0  # blocked items left out of the list to keep it readable
    fees_ahead: list[FeeYear] = field(default_factory=list)  # the forecast, one entry per year
    # what the firm's keep-or-drop decisions save over the same years, per currency, and how many rights
    fees_saved: dict[str, int] = field(default_factory=dict)
    rights_dropped: int = 0
    rates: dict[str, Rate] = field(default_factory=dict)  # exchange rates the user entered (services.rates)

    @property
    def fees_total(self) -> int:
        """The known official fees to pay, each fee once (a grace-end line is not added again)."""
        return sum((line.amount_cny or 0) + (line.surcharge_cny or 0) for line in self.deadlines
                   if line.in_total and line.currency == "CNY")

    @property
    def foreign_fees_total(self) -> dict[str, int]:
        """The known foreign fees, per currency (never converted into yuan)."""
        totals: dict[str, int] = {}
        for line in self.deadlines:
            if line.in_total and line.currency != "CNY" and line.amount_cny is not None:
                totals[line.currency] = totals.get(line.currency, 0) + line.amount_cny + (line.surcharge_cny or 0)
        return totals

    @property
    def fees_converted(self) -> Conversion | None:
        """The known fees in yuan, foreign ones at the user's rates; None when no foreign fee has one."""
        return convert(self.fees_total, self.foreign_fees_total, self.rates)

    @property
    def fees_verified(self) -> bool:
        return all(line.amount_verified is not False for line in self.deadlines if line.amount_cny is not None)

    @property
    def claimable_total(self) -> int:
        """Each item once: an alternative (the same item counted under another policy) is left out."""
        return sum(line.amount_cny for line in self.claimable if not line.alternative_to)

    @property
    def claimable_verified(self) -> bool:
        return all(line.verified for line in self.claimable)
