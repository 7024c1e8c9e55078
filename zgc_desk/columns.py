"""Columns of the record lists, defined once: the window's tables and the Excel export of a visible
list both read them (docs/development.md, practice 4). Core module: no Qt.

A column reads a *row* — a plain dict of model fields as returned by
``zgc_desk.services.records.fetch_rows`` — and gives its text for display (``text``) or a typed value
for a spreadsheet cell (``value``: dates stay dates, numbers stay numbers, labels are translated).
``sort_field`` names the model field the list is ordered by when the user clicks the header.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from zgc_desk import vocab
from zgc_desk.i18n import N_, _, format_date, format_money, format_number
from zgc_desk.offices import office_name
from zgc_desk.schema import FIELD_BY_KEY


@dataclass(frozen=True)
class Column:
    key: str  # the model field it shows (also its id in saved column choices)
    label: str  # English, N_-marked; translate with _() where shown
    value: Callable[[dict], object]  # row -> typed value (for Excel)
    text: Callable[[dict], str]  # row -> display text
    sort_field: str | None = None
    visible: bool = True  # shown unless the user chose otherwise
    numeric: bool = False  # right-aligned


# How an export formats a column's cells (a Due-list column's ``style``).
TEXT, DATE, INT, MONEY = "text", "date", "int", "money"


@dataclass(frozen=True)
class DueColumn(Column):
    """A column of the Due list (its rows are deadlines); ``style`` says how Excel formats it."""

    style: str = TEXT


def _plain(key: str):
    return lambda row: row.get(key) or ""


def _date_text(key: str):
    return lambda row: format_date(row.get(key), "iso")


def _choice(key: str, labels: dict[str, str]):
    def value(row):
        word = row.get(key) or ""
        return _(labels[word]) if word in labels else word
    return value


def _yes_no(key: str):
    return lambda row: _("Yes") if row.get(key) else ""


def _number(key: str):
    return lambda row: format_number(row.get(key))


def _money(key: str):
    return lambda row: format_money(row.get(key))


def _column(kind: str, key: str, style: str = "text", *, label: str | None = None, visible: bool = True,
            labels: dict[str, str] | None = None) -> Column:
    """A column over model field ``key``; its label is the schema field's unless given."""
    label = label or FIELD_BY_KEY[kind][key].label
    if style == "date":
        return Column(key, label, lambda row: row.get(key), _date_text(key), key, visible)
    if style == "choice":
        show = _choice(key, labels or {})
        return Column(key, label, show, show, key, visible)
    if style == "bool":
        return Column(key, label, lambda row: bool(row.get(key)), _yes_no(key), key, visible)
    if style == "int":
        return Column(key, label, lambda row: row.get(key), _number(key), key, visible, numeric=True)
    if style == "money":
        return Column(key, label, lambda row: row.get(key), _money(key), key, visible, numeric=True)
    if style == "rate":  # a rate in per cent, e.g. 4.2 -> "4.2%"
        return Column(key, label, lambda row: row.get(key),
                      lambda row: "" if row.get(key) is None else f"{row[key]:g}%", key, visible, numeric=True)
    return Column(key, label, _plain(key), _plain(key), key, visible)


FEE_REDUCTIONS = {0: N_("None"), 70: N_("70%"), 85: N_("85%")}


# A patent row of a record list may carry ``standing`` (services.patent_standing.PatentStanding): a
# patent recorded in force whose annual fee went unpaid past its grace shows as lapsed as of that
# fee's due date, and fees only assumed paid say so — the same standing the Due list computes.
def _patent_status(row: dict) -> str:
    standing = row.get("standing")
    if standing is not None and standing.lapsed:
        return _("Lapsed as of {date}").format(date=format_date(standing.lapsed_on, "iso"))
    return _choice("status", vocab.PATENT_STATUSES)(row)


def _paid_through(row: dict):
    standing = row.get("standing")
    if row.get("annuity_paid_through") is None and standing is not None and standing.assumed_paid_through:
        return _("{year} (assumed)").format(year=format_number(standing.assumed_paid_through))
    return format_number(row.get("annuity_paid_through"))


_PATENT_STATUS = Column("status", FIELD_BY_KEY["patent"]["status"].label, _patent_status, _patent_status, "status")
_PATENT_PAID = Column("annuity_paid_through", N_("Fees paid through year"), lambda row: row.get("annuity_paid_through"),
                      _paid_through, "annuity_paid_through", numeric=True)

COLUMNS: dict[str, list[Column]] = {
    "patent": [
        _column("patent", "application_no"),
        _column("patent", "kind", "choice", labels=vocab.PATENT_KINDS),
        _column("patent", "title"),
        _column("patent", "filing_date", "date"),
        _column("patent", "applicants"),
        _PATENT_STATUS,
        _column("patent", "grant_date", "date"),
        _PATENT_PAID,
        _column("patent", "priority_date", "date", visible=False),
        _column("patent", "publication_no", visible=False),
        _column("patent", "grant_no", visible=False),
        _column("patent", "inventors", visible=False),
        _column("patent", "fee_reduction_pct", "int", visible=False),
        _column("patent", "abnormal", "bool", visible=False),
        _column("patent", "ipc", visible=False),
        _column("patent", "priority_restoration", "bool", visible=False),
        _column("patent", "exam_requested_on", "date", visible=False),
    ],
    "pct": [
        _column("pct", "pct_no"),
        _column("pct", "title"),
        _column("pct", "intl_filing_date", "date"),
        _column("pct", "priority_date", "date"),
        _column("pct", "cn_priority_no"),
        _column("pct", "wo_no"),
        _column("pct", "chapter2", "bool"),
        _column("pct", "planned_offices"),
        _column("pct", "applicants", visible=False),
        _column("pct", "receiving_office", visible=False),
        _column("pct", "isa", visible=False),
        _column("pct", "isr_date", "date", visible=False),
        _column("pct", "wo_date", "date", visible=False),
        _column("pct", "priority_restoration", "bool", visible=False),
    ],
    "overseas": [
        Column("office", FIELD_BY_KEY["overseas"]["office"].label, _plain("office"),
               lambda row: office_name(row.get("office") or ""), "office"),
        _column("overseas", "application_no"),
        _column("overseas", "route", "choice", labels=vocab.FILING_ROUTES),
        _column("overseas", "filing_date", "date"),
        _column("overseas", "status", "choice", labels=vocab.PATENT_STATUSES),
        _column("overseas", "grant_no"),
        _column("overseas", "grant_date", "date"),
        _column("overseas", "pct_no"),
        _column("overseas", "cn_application_no"),
        _column("overseas", "kind", "choice", labels=vocab.PATENT_KINDS, visible=False),
        _column("overseas", "applicants", visible=False),
        _column("overseas", "official_fees_cny", "money", visible=False),
        _column("overseas", "entity_size", "choice", labels=vocab.ENTITY_SIZES, visible=False),
        _column("overseas", "validation_states", visible=False),
        _column("overseas", "annuity_paid_through", "int", visible=False),
        _column("overseas", "next_due_date", "date", visible=False),
    ],
    "trademark": [
        _column("trademark", "mark"),
        _column("trademark", "registration_no"),
        _column("trademark", "nice_classes"),
        _column("trademark", "registration_date", "date"),
        _column("trademark", "expiry_date", "date"),
        _column("trademark", "status", "choice", labels=vocab.TRADEMARK_STATUSES),
        _column("trademark", "filing_date", "date", visible=False),
        _column("trademark", "madrid_no", visible=False),
        _column("trademark", "madrid_date", "date", visible=False),
        _column("trademark", "madrid_expiry", "date", visible=False),
        _column("trademark", "designations", visible=False),
    ],
    "pledge_loan": [
        _column("pledge_loan", "loan_no"),
        _column("pledge_loan", "lender"),
        _column("pledge_loan", "lender_type", "choice", labels=vocab.LENDER_TYPES),
        _column("pledge_loan", "principal_cny", "money"),
        _column("pledge_loan", "ip_share_pct", "int"),
        _column("pledge_loan", "annual_rate_pct", "rate"),
        _column("pledge_loan", "start_date", "date"),
        _column("pledge_loan", "settled_on", "date"),
        _column("pledge_loan", "interest_paid_cny", "money"),
        _column("pledge_loan", "pledge_registration_no"),
        _column("pledge_loan", "pledged"),
        _column("pledge_loan", "maturity_date", "date", visible=False),
        _column("pledge_loan", "pledge_registered_on", "date", visible=False),
    ],
}

COLUMNS["notice"] = [
    _column("notice", "matter_no"),
    _column("notice", "notice_type", "choice", labels=vocab.NOTICE_TYPES),
    _column("notice", "dispatch_date", "date"),
    _column("notice", "delivery", "choice", labels=vocab.NOTICE_DELIVERIES),
    _column("notice", "stated_due", "date"),
    _column("notice", "extension_months", "int"),
    _column("notice", "answered_on", "date"),
    _column("notice", "outcome", visible=False),
    _column("notice", "notes", visible=False),
]

# Fields whose value is one of a vocabulary (editors offer a drop-down, lists a filter).
FIELD_CHOICES: dict[str, dict[str, dict]] = {
    "patent": {"kind": vocab.PATENT_KINDS, "status": vocab.PATENT_STATUSES,
               "fee_reduction_pct": FEE_REDUCTIONS},
    "overseas": {"route": vocab.FILING_ROUTES, "kind": vocab.PATENT_KINDS, "status": vocab.PATENT_STATUSES,
                 "entity_size": vocab.ENTITY_SIZES},
    "trademark": {"status": vocab.TRADEMARK_STATUSES},
    "pledge_loan": {"lender_type": vocab.LENDER_TYPES},
    "notice": {"notice_type": vocab.NOTICE_TYPES, "delivery": vocab.NOTICE_DELIVERIES},
}

# Fields with usual values offered as suggestions (the user may still type another).
FIELD_SUGGESTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "firm": {"district": vocab.BEIJING_DISTRICTS, "zgc_park": vocab.ZGC_PARKS},
}

# The filters a list offers above its table: (field, vocabulary).
LIST_FILTERS: dict[str, list[tuple[str, dict]]] = {
    "patent": [("kind", vocab.PATENT_KINDS), ("status", vocab.PATENT_STATUSES)],
    "pct": [],
    "overseas": [("kind", vocab.PATENT_KINDS), ("status", vocab.PATENT_STATUSES)],
    "trademark": [("status", vocab.TRADEMARK_STATUSES)],
    "pledge_loan": [("lender_type", vocab.LENDER_TYPES)],
    "notice": [("notice_type", vocab.NOTICE_TYPES)],
}


def columns_for(kind: str) -> list[Column]:
    return COLUMNS[kind]


def row_state(kind: str, row: dict, as_of: dt.date) -> str:
    """``dead`` (lapsed, withdrawn, invalid), ``rejected``, ``expired`` or ``""`` — lists colour rows by it."""
    status = row.get("status") or ""
    if status == "rejected":
        return "rejected"
    if kind in ("patent", "overseas") and status in vocab.DEAD_PATENT_STATUSES:
        return "dead"
    standing = row.get("standing")
    if kind == "patent" and standing is not None and standing.lapsed:
        return "dead"
    if kind == "trademark":
        if status in vocab.DEAD_TRADEMARK_STATUSES:
            return "dead"
        expiry = row.get("expiry_date")
        if expiry and expiry < as_of:
            return "expired"
    return ""


def display_number(kind: str, row: dict) -> str:
    """The number a user calls the record by (what "Copy number" copies)."""
    if kind == "patent":
        return row.get("application_no") or ""
    if kind == "pct":
        return row.get("pct_no") or ""
    if kind == "overseas":
        return f"{row.get('office') or ''} {row.get('application_no') or ''}".strip()
    if kind == "trademark":
        return row.get("registration_no") or ""
    if kind == "pledge_loan":
        return row.get("loan_no") or ""
    if kind == "notice":
        return row.get("matter_no") or ""
    return row.get("credit_code") or ""


def display_name(kind: str, row: dict) -> str:
    """A short description: the number and the title, mark or name."""
    name = row.get("title") or row.get("mark") or row.get("name") or row.get("lender") or ""
    number = display_number(kind, row)
    return f"{number} {name}".strip()
