"""The loaded form of the rule data: policies, their dated parameters and the sources behind them.

These objects are produced by :mod:`zgc_desk.subsidy_rules.loader` from the YAML files in
``policies/`` (or a user's override) and read by the engine and by the Policies page. They are
immutable; editing a parameter means writing a new rule file (see ``overrides.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from zgc_desk.i18n import current_language

# The policy ids are part of the command-line and JSON contract (docs/cli.md, docs/json.md).
POLICY_IDS = ("invention_grant", "first_overseas_filing", "pct_filing", "overseas_grant", "madrid_trademark")


@dataclass(frozen=True)
class Text:
    """A short text in Chinese and English; ``str()`` gives the one for the current language."""

    zh: str
    en: str

    def __str__(self) -> str:
        if current_language() == "en":
            return self.en or self.zh
        return self.zh or self.en


@dataclass(frozen=True)
class Source:
    """Where a figure or rule comes from. ``document`` is always set; the rest when known."""

    document: str
    number: str = ""  # 文号, e.g. 国知发保字〔2021〕1号
    article: str = ""
    url: str = ""
    date: str = ""  # the document's date, ISO
    quote: str = ""  # the words relied on, in the original language
    note: str = ""

    def citation(self) -> str:
        """A short citation for reasons and tables: number (or document) and article."""
        head = self.number or self.document
        return f"{head} {self.article}".strip()

    def as_dict(self) -> dict:
        return {"document": self.document, "number": self.number, "article": self.article,
                "url": self.url, "date": self.date, "quote": self.quote, "note": self.note}


@dataclass(frozen=True)
class DatedValue:
    """One value of a parameter, in force from ``effective_from`` until the next value's date."""

    effective_from: dt.date
    value: Any
    source: Source
    verified: bool
    last_checked: dt.date | None
    why: Text | None = None  # for availability: the reason shown when the policy is not available
    line: int = 0


@dataclass(frozen=True)
class Parameter:
    """A named parameter with values keyed by effective-from date (ascending, no repeats)."""

    name: str
    type: str  # see loader.PARAMETER_TYPES
    label: Text
    values: tuple[DatedValue, ...]

    def at(self, on: dt.date) -> DatedValue | None:
        """The value in force on ``on``; ``None`` before the first effective date."""
        current = None
        for value in self.values:
            if value.effective_from > on:
                break
            current = value
        return current


@dataclass(frozen=True)
class Criterion:
    """One named predicate of the vocabulary, with its arguments from the rule file."""

    name: str
    args: dict = field(default_factory=dict)
    line: int = 0


@dataclass(frozen=True)
class ItemSelection:
    """Which facts a policy looks at: the kind of item and the date that places it in a round."""

    source: str  # cn_patent / pct / overseas / madrid_designation
    date_field: str
    describe: Text
    kinds: tuple[str, ...] = ()  # only items of these kinds (empty: all); others are not listed at all

    def selects(self, item) -> bool:
        return not self.kinds or item.kind in self.kinds


@dataclass(frozen=True)
class AmountRule:
    """Names of the parameters that make the amount: per item, fee cap, per-firm cap."""

    per_item: str
    fee_cap: str | None = None
    firm_cap: str | None = None


@dataclass(frozen=True)
class Policy:
    """A support policy as loaded from its rule file."""

    id: str
    title: Text
    stage: str  # application / grant / registration
    basis: Source
    items: ItemSelection
    criteria: tuple[Criterion, ...]
    amount: AmountRule
    attachments: tuple[Text, ...]
    parameters: dict[str, Parameter]
    path: str  # the file it came from (shown in messages and on the Policies page)
    overridden: bool = False  # True when it comes from the user's rule folder

    def parameter(self, name: str) -> Parameter:
        return self.parameters[name]
