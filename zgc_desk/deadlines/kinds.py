"""What each kind of deadline is, said once: its label, reminder lead time, how it is marked done,
its grace companion, its renewal cycle, its colour group and whether it carries money.

The engine, the Due list, the start-up summary, the calendar (ICS) and Excel exports, the lead-time
settings and the command line all read this table instead of keeping lists of their own; adding a
kind is a new row here, its rule data and its test. Core module: no Qt, no database.
"""

from __future__ import annotations

from dataclasses import dataclass

from zgc_desk.i18n import N_, _

# How a deadline of the kind becomes done:
PAID = "paid"  # an annual fee paid (the paid-through year moves on)
ENTERED = "entered"  # a national/regional phase entered (an overseas filing recorded)
RENEWED = "renewed"  # a mark renewed (the expiry date moves on by one term)
RECORD = "record"  # by editing the record it belongs to (nothing to click in the Due list)
BY_DATE = "date"  # a milestone: done once its date has come (the office acts, not the firm)
CLAIMED = "claimed"  # a subsidy claimed on the Subsidies page
ANSWERED = "answered"  # an official notice answered (its answered-on date recorded)
DONE_BY = (PAID, ENTERED, RENEWED, RECORD, BY_DATE, CLAIMED, ANSWERED)

# What the amount of a deadline of the kind is:
FEE = "fee"  # an official fee to pay: counted in totals
REPEATS_FEE = "repeats_fee"  # a grace/late-entry row showing the fee of the deadline it backs up: not counted again
SUBSIDY = "subsidy"  # money to claim, not to pay
MONEY = (FEE, REPEATS_FEE, SUBSIDY)

# Colour groups: a calendar colours events by category; the Due list's kind filter is in this order.
GROUP_LABELS = {
    "fee": N_("Fees"),
    "filing": N_("Filings and requests"),
    "milestone": N_("Milestones"),
    "renewal": N_("Renewals"),
    "subsidy": N_("Subsidies"),
    "notice": N_("Official notices"),
}

GENERAL_LEAD_DAYS = 90  # the lead time of every kind without one of its own


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # an English msgid (N_), shown through _()
    group: str  # a key of GROUP_LABELS
    done_by: str  # one of DONE_BY
    lead_days: int | None = None  # default reminder lead time; None: the general one
    grace: str | None = None  # the kind of the grace / late-entry deadline backing this one up
    cycle: str | None = None  # "year": one per patent year (``Deadline.year``); "term": one per renewal term
    money: str | None = None  # one of MONEY, or None

    @property
    def shown_label(self) -> str:
        return _(self.label)


_TABLE = (
    Kind("annuity", N_("Annual fee"), "fee", PAID, lead_days=60, grace="annuity_grace_end", cycle="year",
         money=FEE),
    Kind("annuity_grace_end", N_("Annual fee grace ends"), "fee", PAID, cycle="year", money=REPEATS_FEE),
    Kind("restoration_request", N_("Restoration request"), "filing", RECORD, money=FEE),
    Kind("priority", N_("Priority year ends"), "filing", RECORD),
    Kind("exam_request", N_("Examination request"), "filing", RECORD, money=FEE),
    Kind("priority_document", N_("Priority document"), "filing", RECORD),
    Kind("term_compensation_request", N_("Term compensation request"), "filing", RECORD),
    Kind("pct_publication", N_("PCT publication"), "milestone", BY_DATE),
    Kind("pct_chapter2", N_("Chapter II demand"), "filing", RECORD),
    Kind("pct_article19", N_("Article 19 amendment"), "filing", RECORD),
    Kind("pct_national_phase", N_("National phase"), "filing", ENTERED, lead_days=120,
         grace="pct_national_phase_late"),
    Kind("pct_national_phase_late", N_("Late national phase"), "filing", ENTERED, money=FEE),
    Kind("trademark_renewal_opens", N_("Renewal window opens"), "milestone", BY_DATE, cycle="term"),
    Kind("trademark_renewal", N_("Trademark renewal"), "renewal", RENEWED, lead_days=180,
         grace="trademark_grace_end", cycle="term", money=FEE),
    Kind("trademark_grace_end", N_("Renewal grace ends"), "renewal", RENEWED, cycle="term", money=REPEATS_FEE),
    Kind("subsidy_window", N_("Subsidy round"), "subsidy", CLAIMED, money=SUBSIDY),
    # an office's answer period is 15 days to 4 months: the general lead time shows it as soon as it is recorded
    Kind("notice_response", N_("Answer to a notice"), "notice", ANSWERED, grace="notice_restoration"),
    Kind("notice_restoration", N_("Restoration request ends"), "notice", ANSWERED),
)

KIND_TABLE: dict[str, Kind] = {kind.key: kind for kind in _TABLE}
KINDS: tuple[str, ...] = tuple(KIND_TABLE)
# grace / late-entry kind -> the ordinary kind it backs up
BACKS_UP: dict[str, str] = {kind.grace: kind.key for kind in _TABLE if kind.grace}


def _check_table() -> None:
    """The table's own consistency, checked on import: a typo here would silently drop reminders."""
    for kind in _TABLE:
        if not (kind.group in GROUP_LABELS and kind.done_by in DONE_BY and kind.money in (None, *MONEY)
                and kind.cycle in (None, "year", "term") and (kind.grace is None or kind.grace in KIND_TABLE)):
            raise ValueError(f"deadline kind table: bad row {kind}")
    if len(KIND_TABLE) != len(_TABLE):
        raise ValueError("deadline kind table: a kind is listed twice")


_check_table()


def kind(key: str) -> Kind | None:
    return KIND_TABLE.get(key)


def kind_label(key: str) -> str:
    """The kind in words in the active language; an unknown key is shown as it is."""
    spec = KIND_TABLE.get(key)
    return _(spec.label) if spec else key


def group_label(key: str) -> str:
    spec = KIND_TABLE.get(key)
    return _(GROUP_LABELS[spec.group]) if spec else ""


def has_reminder(key: str) -> bool:
    """Whether the kind has a reminder lead time of its own: not the grace / late-entry deadlines,
    which show as soon as the deadline they back up is missed."""
    return key in KIND_TABLE and key not in BACKS_UP


REMINDER_KINDS: tuple[str, ...] = tuple(k for k in KINDS if has_reminder(k))


def default_lead_days() -> dict[str, int]:
    """The lead-time setting's default: the general value and every kind's own."""
    return {"default": GENERAL_LEAD_DAYS,
            **{k.key: k.lead_days for k in _TABLE if k.lead_days is not None and has_reminder(k.key)}}


def done_by(key: str) -> str | None:
    spec = KIND_TABLE.get(key)
    return spec.done_by if spec else None


def is_fee(key: str) -> bool:
    """Whether the kind is an official fee to pay (its own or, for a grace row, the one it backs up)."""
    spec = KIND_TABLE.get(key)
    return spec is not None and spec.money in (FEE, REPEATS_FEE)


def counts_in_totals(key: str) -> bool:
    """Whether a deadline's amount is a fee to add to a total (a grace row repeats its fee: no)."""
    spec = KIND_TABLE.get(key)
    return spec is not None and spec.money == FEE


def cycle(key: str) -> str | None:
    spec = KIND_TABLE.get(key)
    return spec.cycle if spec else None


def kinds_in_group_order(present) -> list[str]:
    """The given kinds in the table's order, grouped by colour group (for filters and legends)."""
    order = list(GROUP_LABELS)
    present = set(present)
    return sorted((k for k in KINDS if k in present), key=lambda k: order.index(KIND_TABLE[k].group))
