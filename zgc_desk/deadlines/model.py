"""Plain objects of the deadline engine: the facts it reads and the deadlines it returns.

States (the same for every kind):
- ``open``: not done, and the due date is today or later;
- ``done``: the act was done (fee paid, national phase entered, mark renewed, request recorded),
  or, for the milestones ``pct_publication`` and ``trademark_renewal_opens``, the date has come;
- ``missed``: the due date has passed but the act is still possible late (an annual fee within the
  6-month grace, a CN national phase before 32 months, a mark within its renewal grace);
- ``lapsed``: the last possible day has passed without the act.
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, field

from zgc_desk.deadlines.kinds import KINDS  # noqa: F401 - defined in kinds.py, importable from here too

STATES = ("open", "done", "missed", "lapsed")


@dataclass(frozen=True, slots=True)
class PatentFacts:
    id: int
    firm_id: int
    firm_code: str
    number: str  # normalised application number
    right: str  # invention / utility_model / design
    title: str
    filing_date: dt.date
    priority_date: dt.date | None
    grant_date: dt.date | None
    status: str
    paid_through: int | None
    reduction_pct: int
    claimed_abroad: bool = False  # a PCT or an overseas filing claims / comes from it
    priority_restored: bool = False  # restoration of a late priority claim requested (Regulations Art. 36)
    exam_requested_on: dt.date | None = None  # the examination request was filed on (Patent Law Art. 35)


@dataclass(frozen=True, slots=True)
class PCTFacts:
    id: int
    firm_id: int
    firm_code: str
    number: str  # PCT/CN2021/075891
    title: str
    intl_filing_date: dt.date
    priority_date: dt.date | None
    isr_date: dt.date | None
    published: bool
    chapter2: bool
    isa: str
    planned_offices: tuple[str, ...]  # the PCT's own plan; empty: the firm's, else the default
    firm_planned_offices: tuple[str, ...]
    cn_priority_alive: bool  # claims a Chinese application that is pending or granted
    entered: dict[str, dt.date] = field(default_factory=dict)  # office -> entry date
    priority_restored: bool = False  # restoration of the priority right requested (PCT Rule 26bis.3)


@dataclass(frozen=True, slots=True)
class TrademarkFacts:
    id: int
    firm_id: int
    firm_code: str
    number: str  # registration number
    mark: str
    filing_date: dt.date | None
    registration_date: dt.date | None
    expiry_date: dt.date | None
    status: str
    madrid: bool = False  # an international registration is based on it (its priority was used)
    madrid_no: str = ""
    madrid_date: dt.date | None = None  # the international registration date
    madrid_expiry: dt.date | None = None  # end of the IR's current term; None: derived from madrid_date
    designations: tuple[str, ...] = ()  # the IR's designated parties
    nice_classes: tuple[str, ...] = ()  # the registration's classes: the renewal fee is charged per class


@dataclass(frozen=True, slots=True)
class OverseasFacts:
    """A patent filing abroad, for the fees that keep it alive (``zgc_desk.deadlines.overseas``)."""

    id: int
    firm_id: int
    firm_code: str
    number: str  # the application number at that office
    office: str
    right: str  # invention / utility_model / design
    title: str
    filing_date: dt.date  # as recorded: the filing or the national-phase entry date
    grant_date: dt.date | None  # JP, KR: the registration date
    status: str
    route: str = ""
    entity_size: str = ""  # large / small / micro (US); empty: not recorded
    validation_states: tuple[str, ...] = ()  # a granted European patent's
    paid_through: int | None = None  # the office's annual-fee year paid through
    next_due: dt.date | None = None  # entered by the user (an office whose rule is not in the data)
    intl_filing_date: dt.date | None = None  # of the PCT it entered from: the date of filing for terms
    pct_priority_date: dt.date | None = None  # of that PCT (its 31-month limit at the EPO)


@dataclass(frozen=True, slots=True)
class Basis:
    """Why a deadline falls where it does; rendered to words by ``zgc_desk.deadlines.basis``.

    ``rule`` is an English msgid, ``source`` a legal citation (kept as written), ``base`` names the
    base date (an English msgid), ``period`` is ``(count, unit)`` with unit months/years/none.
    ``notes`` are (msgid, ((name, value), ...)) pairs added by the rule (reduction, surcharge,
    unverified fee...).
    """

    rule: str
    source: str
    base: str
    base_date: dt.date
    period: tuple[int, str]
    unadjusted: dt.date
    provisional: bool = False
    notes: tuple[tuple[str, tuple], ...] = ()
    rule_params: tuple[tuple[str, object], ...] = ()  # fill the rule's {placeholders}


@dataclass(slots=True)
class Deadline:
    firm: str  # credit code
    firm_id: int
    matter: str  # normalised number as displayed
    matter_kind: str  # patent / pct / trademark
    matter_id: int
    title: str
    kind: str
    office: str
    due: dt.date
    state: str
    amount_cny: int | None
    basis: Basis
    year: int | None = None  # patent year of an annual fee
    surcharge_cny: int | None = None  # late-payment surcharge, on top of amount_cny
    # For a grace or late-entry deadline (annuity_grace_end, trademark_grace_end,
    # pct_national_phase_late): the due date of the ordinary deadline it backs up.
    main_due: dt.date | None = None
    subsidy_cny: int | None = None  # subsidy_window: the amount the firm can claim in that round
    # whether the sources settle the amount (fees.yaml ``verified``); None when there is no amount
    amount_verified: bool | None = None
    currency: str = "CNY"  # of amount_cny / surcharge_cny (a foreign office's fees are in its currency)
    notice_type: str | None = None  # notice_response / notice_restoration: the notice's type key
    notice_id: int | None = None  # and its record id
    pledged: str = ""  # the loans this right secures, when the deadline keeps a pledged right alive

    def is_idle_backup(self, as_of: dt.date) -> bool:
        """A grace/late deadline whose ordinary deadline has not passed yet: only noise in a to-do
        list (it matters once the ordinary deadline is missed)."""
        return self.main_due is not None and self.state == "open" and as_of <= self.main_due

    @property
    def provisional(self) -> bool:
        return self.basis.provisional

    @property
    def sort_key(self) -> tuple:
        return SORT_KEY(self)


# The order of every deadline list: ``list.sort(key=SORT_KEY)`` (a C getter, no Python call per item).
SORT_KEY = operator.attrgetter("due", "firm", "matter", "kind", "office")
