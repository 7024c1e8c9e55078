"""What a predicate sees: one policy in one round (:class:`RoundContext`) and one item of one firm
in it (:class:`Evaluation`). Parameter look-ups go through :meth:`Evaluation.parameter`, which
records the value's source on the decision — so every decision lists the sources it relied on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zgc_desk.subsidy_rules.facts import ClaimFacts, FirmFacts, ItemFacts, Portfolio
from zgc_desk.subsidy_rules.model import DatedValue, Parameter, Policy
from zgc_desk.subsidy_rules.results import Decision, Reason, SourceRef

# Parameters that only place items in a round; they do not make an amount (un)verified.
_PLACEMENT_PARAMETERS = frozenset({"window"})


@dataclass
class RoundContext:
    """A policy in one round: the day whose rules apply, the window of dates counted, the facts."""

    policy: Policy
    round_year: int
    as_of: dt.date
    assessed_on: dt.date
    window: tuple[dt.date, dt.date]
    portfolio: Portfolio
    lpr: Parameter | None = None  # the one-year loan prime rate, dated (rule data shared by policies)


class Evaluation:
    """One item of one firm under one policy in one round, with the decision being built."""

    def __init__(self, ctx: RoundContext, firm: FirmFacts, item: ItemFacts | None, decision: Decision):
        self.ctx = ctx
        self.firm = firm
        self.item = item
        self.decision = decision
        self.nominal: int | None = None  # the per-item amount before caps, once known
        self.computed = None  # the amount rule's result (amount_rules.Computed), once known
        self.checked: list[tuple[int, Reason]] = []  # (criterion index, reason) as evaluated

    # shortcuts predicates use
    @property
    def policy(self) -> Policy:
        return self.ctx.policy

    @property
    def portfolio(self) -> Portfolio:
        return self.ctx.portfolio

    @property
    def as_of(self) -> dt.date:
        return self.ctx.as_of

    @property
    def assessed_on(self) -> dt.date:
        return self.ctx.assessed_on

    @property
    def window(self) -> tuple[dt.date, dt.date]:
        return self.ctx.window

    @property
    def item_date(self) -> dt.date | None:
        return self.item.date(self.policy.items.date_field) if self.item else None

    def parameter(self, name: str, on: dt.date | None = None) -> DatedValue | None:
        """The value of ``name`` in force on ``on`` (default: the round's assessment day), recorded
        among the decision's sources."""
        value = self.policy.parameter(name).at(on or self.assessed_on)
        if value is not None:
            record_source(self.decision, name, value)
        return value

    def lpr_on(self, day: dt.date) -> DatedValue | None:
        """The one-year loan prime rate in force on ``day`` (the latest fixing announced by then),
        recorded among the decision's sources."""
        if self.ctx.lpr is None:
            return None
        value = self.ctx.lpr.at(day)
        if value is not None:
            record_source(self.decision, "lpr_1y", value)
        return value

    # claims already made
    def claims_for_item(self, policies) -> list[ClaimFacts]:
        item = self.item
        return [c for c in self.portfolio.claims_of(self.firm.code)
                if c.policy in policies and c.matter_no == item.number
                and (not c.office or c.office == item.office)]

    def claims_for_firm(self, policies) -> list[ClaimFacts]:
        return [c for c in self.portfolio.claims_of(self.firm.code) if c.policy in policies]

    def claimed_in_group(self, per: str) -> list[str]:
        """Items of this item's family (or of the firm) already claimed under this policy."""
        claims = self.claims_for_firm([self.policy.id])
        if per == "family":
            members = {(i.number, i.office) for i in self.portfolio.items_of(self.item.source, self.firm.code)
                       if i.family == self.item.family}
            claims = [c for c in claims if (c.matter_no, c.office) in members]
        return [f"{c.office} {c.matter_no}".strip() for c in claims]


_SOURCE_REFS: dict[tuple[str, int], tuple[DatedValue, SourceRef]] = {}


def _source_ref(name: str, value: DatedValue) -> SourceRef:
    """One immutable SourceRef per (parameter, value), shared by every decision citing it."""
    key = (name, id(value))
    cached = _SOURCE_REFS.get(key)
    if cached is not None and cached[0] is value:
        return cached[1]
    if len(_SOURCE_REFS) > 10_000:  # rule data reloaded many times in one session: start afresh
        _SOURCE_REFS.clear()
    source = value.source
    ref = SourceRef(parameter=name, effective_from=value.effective_from, value=value.value, verified=value.verified,
                    last_checked=value.last_checked, document=source.document, number=source.number,
                    article=source.article, url=source.url)
    _SOURCE_REFS[key] = (value, ref)
    return ref


def record_source(decision: Decision, name: str, value: DatedValue) -> None:
    """Add a parameter value to the decision's sources (once) and fold in its verified flag."""
    ref = _source_ref(name, value)
    if any(known is ref for known in decision.sources):
        return
    decision.sources.append(ref)
    if name not in _PLACEMENT_PARAMETERS and not value.verified:
        decision.verified = False
