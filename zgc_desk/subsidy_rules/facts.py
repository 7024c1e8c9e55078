"""Plain facts the engine reasons about: firms, items and claims already made.

The services build these from the database (``zgc_desk.services.subsidies``); scenario tests build
them from YAML. Nothing here touches the database, so the engine stays a pure function of
(facts, rule data, as_of, round year).

Item sources and their numbers (the ``matter`` of a decision):
- ``cn_patent``: a Chinese patent, numbered by its application number; office ``CN``.
- ``pct``: a PCT international application, numbered by its PCT number; office ``WO``.
- ``overseas``: a foreign filing (Paris route, PCT national phase or direct), numbered by its
  application number at that office; its family is the PCT number, else the Chinese application
  number it claims, else the filing itself.
- ``madrid_designation``: one designated party of a Madrid international registration, numbered by
  the international registration number; its family is the registration.
- ``pledge_loan``: a loan secured by the firm's IP (质押融资), numbered by its contract number; no
  office; its family is the loan itself. Money in whole yuan, the rate in per cent a year.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import MISSING, dataclass, field, fields

ITEM_SOURCES = ("cn_patent", "pct", "overseas", "madrid_designation", "trademark", "pledge_loan")

# Date fields an item may carry, by source (a policy's ``items.date`` must be one of them).
DATE_FIELDS = {
    "cn_patent": ("filing_date", "grant_date"),
    "pct": ("filing_date", "isr_date"),
    "overseas": ("filing_date", "grant_date"),
    "madrid_designation": ("filing_date", "registration_date"),
    "trademark": ("filing_date", "registration_date"),
    "pledge_loan": ("settled_on", "start_date", "pledge_registered_on"),
}
# Amounts an item carries, by source (``share_of_amount`` / ``share_of_costs`` read them).
AMOUNT_FIELDS = {
    "cn_patent": ("official_fees_cny",),
    "overseas": ("official_fees_cny",),
    "pledge_loan": ("interest_paid_cny", "principal_cny", "valuation_fee_cny", "guarantee_fee_cny",
                    "insurance_fee_cny", "other_cost_cny"),
}
LENDER_TYPES = ("bank", "guarantor", "other")
# Fields the ``evidence_present`` predicate may ask for.
EVIDENCE_FIELDS = ("isr_date", "grant_date", "registration_date", "grant_no", "official_fees_cny", "madrid_no",
                   "settled_on", "start_date", "interest_paid_cny", "annual_rate_pct")


@dataclass(frozen=True, slots=True)
class FirmFacts:
    code: str  # unified social credit code
    name: str
    zgc_park: str = ""  # empty: outside the zone
    is_sme: bool = False
    is_hnte: bool = False
    hnte_valid_until: dt.date | None = None
    blacklisted: bool = False
    revenue_cny: int | None = None  # the previous year's revenue


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """One patent, PCT application, foreign filing or Madrid designation of a firm."""

    source: str
    firm: str  # the firm's credit code
    number: str
    office: str = ""
    kind: str = "invention"  # invention / utility_model / design / trademark
    title: str = ""
    applicants: tuple[str, ...] = ()
    filing_date: dt.date | None = None
    grant_date: dt.date | None = None
    isr_date: dt.date | None = None
    registration_date: dt.date | None = None
    grant_no: str = ""
    madrid_no: str = ""
    status: str = ""
    abnormal: bool = False
    family: str = ""
    official_fees_cny: int | None = None
    fee_reduction_pct: int = 0
    # pledge loans
    lender: str = ""
    lender_type: str = ""  # bank / guarantor / other
    principal_cny: int | None = None
    ip_share_pct: int = 100  # the share of the loan secured by IP (a combined loan: less than 100)
    annual_rate_pct: float | None = None
    start_date: dt.date | None = None
    maturity_date: dt.date | None = None
    settled_on: dt.date | None = None
    interest_paid_cny: int | None = None
    valuation_fee_cny: int | None = None
    guarantee_fee_cny: int | None = None
    insurance_fee_cny: int | None = None
    other_cost_cny: int | None = None
    pledge_registered_on: dt.date | None = None
    pledge_registration_no: str = ""
    pledged: tuple[str, ...] = ()  # numbers of the pledged patents and trademarks

    def date(self, name: str) -> dt.date | None:
        return getattr(self, name)

    @property
    def key(self) -> tuple[str, str, str]:
        """What identifies the item for claims: (number, office, source)."""
        return (self.number, self.office, self.source)


def _direct_constructor(cls):
    """A function taking the arguments of ``cls(...)`` and returning the same instance, built about
    40% faster: the ``__init__`` of a frozen dataclass sets every field through
    ``object.__setattr__`` (35 for an item), where the slots' own descriptors set them directly.
    Generated as dataclasses generates ``__init__``, so the signature (names, order, defaults) is
    the class's own; for slotted classes without ``__post_init__`` or default factories only."""
    names = [f.name for f in fields(cls)]
    assert not hasattr(cls, "__post_init__") and all(f.default_factory is MISSING for f in fields(cls))
    namespace = {"_new": object.__new__, "_cls": cls,
                 **{f"_set_{name}": getattr(cls, name).__set__ for name in names}}
    exec(f"def {cls.__name__}_direct({', '.join(names)}):\n    made = _new(_cls)\n"  # noqa: S102 - our own text
         + "".join(f"    _set_{name}(made, {name})\n" for name in names) + "    return made\n", namespace)
    function = namespace[f"{cls.__name__}_direct"]
    function.__defaults__ = tuple(f.default for f in fields(cls) if f.default is not MISSING)
    return function


new_item = _direct_constructor(ItemFacts)  # for the 100,000 items of a portfolio read from the database


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """A subsidy already claimed or received (``SubsidyClaim``); refused claims are ignored."""

    firm: str
    policy: str
    round_year: int
    matter_no: str
    office: str = ""
    amount_cny: int = 0
    status: str = "claimed"  # claimed / paid / refused


class LeftOut(LookupError):
    """A portfolio loaded without this item source was asked for its items."""


@dataclass
class Portfolio:
    """Everything the engine needs: firms by code, items, claims. Indexes are built once."""

    firms: dict[str, FirmFacts]
    items: list[ItemFacts]
    claims: list[ClaimFacts] = field(default_factory=list)
    # item sources not loaded (a caller that needs only some policies' items): asking for one is
    # an error, never an empty answer, so that a partial portfolio cannot decide anything silently
    left_out: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self._by_source_firm: dict[tuple[str, str], list[ItemFacts]] = defaultdict(list)
        for item in self.items:
            self._by_source_firm[(item.source, item.firm)].append(item)
        self.live_claims = [c for c in self.claims if c.status != "refused"]
        self._claims_by_firm: dict[str, list[ClaimFacts]] = defaultdict(list)
        for claim in self.live_claims:
            self._claims_by_firm[claim.firm].append(claim)

    def items_of(self, source: str, firm: str) -> list[ItemFacts]:
        if source in self.left_out:
            raise LeftOut(source)
        return self._by_source_firm.get((source, firm), [])

    def claims_of(self, firm: str) -> list[ClaimFacts]:
        """The firm's claims that count (claimed or paid; refused ones are ignored)."""
        return self._claims_by_firm.get(firm, [])
