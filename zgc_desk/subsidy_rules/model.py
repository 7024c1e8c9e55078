"""The loaded form of the rule data: policies, their dated parameters and the sources behind them.

These objects are produced by :mod:`zgc_desk.subsidy_rules.loader` from the YAML files in
``policies/`` (the shipped defaults) and the copies kept in the database, and read by the engine
and by the Policies page. They are immutable; editing a parameter means storing a new rule text
(see ``overrides.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from zgc_desk.i18n import current_language
from zgc_desk.ruledata import DatedValue, value_at

# What a policy id may look like. The ids themselves come from the rule files (shipped or imported):
# none is known to the code.
POLICY_ID = re.compile(r"^[a-z][a-z0-9_]{1,47}$")


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
    note: str | Text = ""  # a Text when the rule data gives it in both languages ({zh, en})

    def citation(self) -> str:
        """A short citation for reasons and tables: number (or document) and article."""
        head = self.number or self.document
        return f"{head} {self.article}".strip()

    def as_dict(self) -> dict:
        return {"document": self.document, "number": self.number, "article": self.article,
                "url": self.url, "date": self.date, "quote": self.quote, "note": str(self.note)}


@dataclass(frozen=True)
class Parameter:
    """A named parameter with values keyed by effective-from date (ascending, no repeats)."""

    name: str
    type: str  # see loader.PARAMETER_TYPES
    label: Text
    values: tuple[DatedValue, ...]

    def at(self, on: dt.date) -> DatedValue | None:
        """The value in force on ``on``; ``None`` before the first effective date."""
        return value_at(self.values, on)


@dataclass(frozen=True)
class Criterion:
    """One named predicate of the vocabulary, with its arguments from the rule file."""

    name: str
    args: dict = field(default_factory=dict)
    line: int = field(default=0, compare=False)


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
    """How an eligible item's amount is made (``rule``, one of ``amount_rules.AMOUNT_RULES``) and
    the names of the parameters and item fields it uses:

    - ``fixed``: ``per_item`` (money or money by office), optional ``fee_cap`` (share of official fees);
    - ``share_of_amount``: ``share`` of the item's amount ``of`` (e.g. the interest paid), counting
      only the IP-secured part where ``secured_share`` (a bool parameter) is true, at a rate capped
      at ``rate_cap`` × the loan prime rate in force on the loan's start;
    - ``share_of_costs``: ``share`` of the sum of the listed cost fields ``of``.

    Every rule may have ``item_cap`` (per item) and ``firm_cap`` (per firm and round).
    """

    rule: str = "fixed"
    per_item: str | None = None
    fee_cap: str | None = None
    firm_cap: str | None = None
    share: str | None = None
    of: tuple[str, ...] = ()
    rate_cap: str | None = None
    secured_share: str | None = None
    item_cap: str | None = None


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
    overridden: bool = False  # True when its text is a copy kept in the database (edited or imported)
    shipped: bool = False  # True when the program ships a file with this id (a copy can be reverted to it)

    def parameter(self, name: str) -> Parameter:
        return self.parameters[name]
