"""Result objects of a subsidy check — the stable interface for the CLI, the window and the forms.

A check of one round returns a :class:`RoundResult`:
- ``decisions``: one :class:`Decision` per (policy, firm, item) — or one per (policy, firm) with the
  firm's code as ``matter`` when the policy is not available in the round;
- ``policies``: one :class:`PolicyRound` per policy (in force or not, window, attachments);
- ``totals``: one :class:`FirmTotal` per firm (amounts after caps, per policy and overall);
- ``standing``: per firm, its :class:`Standing` against the action plan's thresholds (information).

Amounts are whole yuan (``int``), rounded down so that a cap is never exceeded. ``verified`` is
true only when every parameter behind the decision is confirmed against its source; front ends
must show unverified amounts as such.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from zgc_desk.subsidy_rules.facts import FirmFacts, ItemFacts
from zgc_desk.subsidy_rules.model import Policy


@dataclass
class Reason:
    """One criterion (or amount step) evaluated: its id, whether it passed, the facts used."""

    criterion: str
    passed: bool
    detail: str

    def as_dict(self) -> dict:
        return {"criterion": self.criterion, "passed": self.passed, "detail": self.detail}


@dataclass(frozen=True)
class SourceRef:
    """A parameter value a decision relied on, with its source (for forms and the 'why' view)."""

    parameter: str
    effective_from: dt.date
    value: Any
    verified: bool
    last_checked: dt.date | None
    document: str
    number: str = ""
    article: str = ""
    url: str = ""

    def citation(self) -> str:
        return f"{self.number or self.document} {self.article}".strip()

    def as_dict(self) -> dict:
        return {"parameter": self.parameter, "from": self.effective_from.isoformat(), "value": self.value,
                "verified": self.verified,
                "last_checked": self.last_checked.isoformat() if self.last_checked else None,
                "document": self.document, "number": self.number, "article": self.article, "url": self.url}


@dataclass
class Decision:
    """The answer for one (policy, firm, item).

    ``eligible`` and ``amount_cny`` (0 when not eligible) are after every criterion and cap;
    ``amount_before_cap`` is the per-item amount before the fee cap and the per-firm cap (None when
    not eligible). ``reasons`` has one entry per criterion evaluated, in the rule file's order,
    followed by the amount steps (``amount``, ``official_fee_cap``, ``firm_annual_cap``).
    ``unavailable_reason`` is set (and ``kind`` is ``firm``) when the policy is not available in
    the round at all. ``item`` keeps the facts for front ends (title, dates, applicants).
    """

    policy: str
    firm: str
    matter: str
    kind: str
    round_year: int
    eligible: bool = False
    amount_cny: int = 0
    amount_before_cap: int | None = None
    verified: bool = True
    office: str = ""
    title: str = ""
    date: dt.date | None = None
    reasons: list[Reason] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    unavailable_reason: str | None = None
    item: ItemFacts | None = None
    # eligible, but the same item is counted under this other policy, which excludes this one
    # (subsidy_rules.alternatives): shown with its amount, left out of every total
    alternative_to: str | None = None

    @property
    def counted_cny(self) -> int:
        """What this decision adds to a total: its amount, unless it is an alternative."""
        return 0 if self.alternative_to else self.amount_cny

    @property
    def failed(self) -> list[Reason]:
        return [reason for reason in self.reasons if not reason.passed]

    def as_dict(self) -> dict:
        """The ``check --json`` object (docs/json.md: its stable keys first, then extras)."""
        return {
            "policy": self.policy, "firm": self.firm, "matter": self.matter, "eligible": self.eligible,
            "amount_cny": self.amount_cny, "verified": self.verified,
            "reasons": [reason.as_dict() for reason in self.reasons],
            "kind": self.kind, "office": self.office, "round": self.round_year, "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "amount_before_cap": self.amount_before_cap, "unavailable_reason": self.unavailable_reason,
            "sources": [source.as_dict() for source in self.sources],
            "alternative_to": self.alternative_to,
        }


@dataclass
class PolicyRound:
    """A policy as it stands in one round: in force or not, its window and what a claim needs."""

    policy: Policy
    round_year: int
    assessed_on: dt.date  # the day of the round whose rules apply
    window_start: dt.date | None
    window_end: dt.date | None
    available: bool
    unavailable_reason: str | None
    verified: bool  # whether availability and window are confirmed

    @property
    def id(self) -> str:
        return self.policy.id


@dataclass
class FirmTotal:
    """A firm's amounts after caps: per policy and overall; ``verified`` only if all are."""

    firm: str
    per_policy: dict[str, int] = field(default_factory=dict)
    eligible_items: dict[str, int] = field(default_factory=dict)
    verified: bool = True
    alternatives_cny: int = 0  # eligible amounts not counted: the item is funded under another policy

    @property
    def total(self) -> int:
        """What the firm can get: each item funded once (alternatives left out)."""
        return sum(self.per_policy.values()) - self.alternatives_cny


@dataclass
class Standing:
    """A firm's figure against one of the action plan's thresholds (information, not a criterion)."""

    target: str
    label: str
    year: int
    value: float | None  # None: cannot be computed (e.g. growth over a year with no filings)
    threshold: float
    met: bool | None
    detail: str
    source: str

    def as_dict(self) -> dict:
        return {"target": self.target, "label": self.label, "year": self.year, "value": self.value,
                "threshold": self.threshold, "met": self.met, "detail": self.detail, "source": self.source}


@dataclass
class RoundResult:
    """Everything a check of one round produced (see the module docstring)."""

    round_year: int
    as_of: dt.date
    firms: dict[str, FirmFacts]
    policies: list[PolicyRound]
    decisions: list[Decision]
    totals: dict[str, FirmTotal]
    standing: dict[str, list[Standing]]

    def decisions_for(self, firm: str, policy: str | None = None) -> list[Decision]:
        return [d for d in self.decisions if d.firm == firm and (policy is None or d.policy == policy)]

    @property
    def verified(self) -> bool:
        return all(d.verified for d in self.decisions if d.eligible)
