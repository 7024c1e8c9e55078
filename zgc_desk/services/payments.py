"""Payment records: marking a fee paid records the day it was paid, the amount and the receipt.

A fee is marked paid from the Due list (an annual fee, a foreign annual or maintenance fee, a
trademark or Madrid renewal). :func:`proposal` gives the defaults the window shows — the amount the
deadline engine computes for the day paid, including the late-payment surcharge when that day is
after the due date (Implementing Regulations 2023 Art. 115 for CNIPA: 5 % of the full fee per month
late beyond the first; 37 CFR 1.20(h) and EPO RFees Art. 2(1) item 5 abroad, as in the rule data).
:func:`record_payment` checks what was typed (a plain message naming each field, nothing written)
and then, as ONE undoable operation, moves the paid-through year (or the expiry) on and stores the
payment: undo takes both away. Payments show in the record's history and its Payments tab and are
exported with the portfolio (sheet 缴费记录).

Amounts are kept in hundredths of the currency's unit (fen, cents) and handed out as ``Decimal``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from zgc_desk.changes import Changed
from zgc_desk.dates import DateError, parse_date
from zgc_desk.deadlines import Deadline, compute_deadlines
from zgc_desk.deadlines.kinds import BACKS_UP, KIND_TABLE, PAID, RENEWED, kind_label
from zgc_desk.errors import UserError, ValidationError
from zgc_desk.i18n import N_, _, format_date, format_money
from zgc_desk.models import Firm, Payment
from zgc_desk.operations import Label, current_user, operation
from zgc_desk.services.changes import log_change
from zgc_desk.services.records import get_record

FIELD_LABELS = {"paid_on": N_("Date paid"), "amount": N_("Amount paid"), "receipt_no": N_("Receipt number")}
MAX_AMOUNT = Decimal("1000000000")  # a billion: more than any official fee, less than a typo of many digits
MAX_RECEIPT = 100  # characters
_CURRENCY_MARKS = re.compile(r"^(?:[¥￥$€£]|CNY|RMB|USD|EUR|JPY|KRW|GBP)\s*|\s*(?:元|[A-Z]{3})$")


@dataclass(frozen=True)
class PaymentEntry:
    """What the user typed: the day paid, the amount (text or number), the receipt number."""

    paid_on: dt.date | str | None
    amount: str | int | Decimal | None
    receipt_no: str = ""


@dataclass(frozen=True)
class Proposal:
    """The defaults for paying ``deadline`` on ``paid_on``: the fee, its surcharge, their sum."""

    paid_on: dt.date
    due: dt.date  # the fee's ordinary due date
    grace_end: dt.date | None  # the last day it can be paid late, where the rules know one
    fee: Decimal | None  # None: the rule data holds no amount; the user types it
    surcharge: Decimal | None  # the late-payment surcharge for that day (None: on time or unknown)
    currency: str

    @property
    def late(self) -> bool:
        return self.paid_on > self.due

    @property
    def amount(self) -> Decimal | None:
        if self.fee is None:
            return None
        return self.fee + (self.surcharge or 0)


@dataclass(frozen=True)
class PaymentInfo:
    id: int
    firm_id: int
    record_kind: str
    record_id: int
    matter_no: str
    deadline_kind: str
    fee_year: int | None
    office: str
    due_date: dt.date | None
    paid_on: dt.date
    amount: Decimal
    surcharge: Decimal | None
    currency: str
    receipt_no: str
    recorded_at: dt.datetime  # UTC
    recorded_by: str

    @property
    def late(self) -> bool:
        return self.due_date is not None and self.paid_on > self.due_date


# ---- what a deadline's fee is on a given day -----------------------------------------------------

def is_payable(deadline: Deadline | None) -> bool:
    """Whether marking ``deadline`` done pays a fee (and so asks for a payment)."""
    return deadline is not None and deadline.matter_kind in ("patent", "overseas", "trademark") and \
        getattr(KIND_TABLE.get(deadline.kind), "done_by", None) in (PAID, RENEWED)


def _ordinary(deadline: Deadline) -> tuple[str, dt.date]:
    """The kind and due date of the fee itself: a grace row stands for the deadline it backs up."""
    if deadline.kind in BACKS_UP:
        return BACKS_UP[deadline.kind], deadline.main_due or deadline.due
    return deadline.kind, deadline.due


def facts_for(deadline: Deadline) -> dict:
    """What the engine needs to recompute ``deadline``'s record (read once; a dialog keeps it while
    the user tries days paid)."""
    from zgc_desk.services import deadlines as service

    loaders = {"patent": ("patents", service.load_patent_facts), "overseas": ("overseas", service.load_overseas_facts),
               "trademark": ("trademarks", service.load_trademark_facts)}
    name, load = loaders[deadline.matter_kind]
    return {name: [f for f in load(deadline.firm_id) if f.id == deadline.matter_id]}


def proposal(deadline: Deadline, paid_on: dt.date, facts: dict | None = None) -> Proposal:
    """The fee of ``deadline`` as the engine computes it for a payment on ``paid_on``: the deadline
    recomputed as of that day, so the surcharge is the one of that month of the grace period.
    ``facts``: from :func:`facts_for` (read here when not given)."""
    kind, due = _ordinary(deadline)
    grace_kind = KIND_TABLE[kind].grace
    found = compute_deadlines(**(facts if facts is not None else facts_for(deadline)), as_of=paid_on)
    same = [d for d in found if d.office == deadline.office and d.year == deadline.year]
    main = next((d for d in same if d.kind == kind and d.due == due), None)
    grace = next((d for d in same if d.kind == grace_kind and d.main_due == due), None)
    if main is None:  # the engine no longer computes it (the record changed): what the row said
        fee, surcharge, currency = deadline.amount_cny, deadline.surcharge_cny if paid_on > due else None, \
            deadline.currency
    else:
        fee, surcharge, currency = main.amount_cny, main.surcharge_cny if paid_on > due else None, main.currency
    if grace is None and deadline.kind == grace_kind:
        grace = deadline
    return Proposal(paid_on=paid_on, due=due, grace_end=grace.due if grace is not None else None,
                    fee=None if fee is None else Decimal(fee),
                    surcharge=None if surcharge is None else Decimal(surcharge), currency=currency or "CNY")


# ---- checking what was typed -----------------------------------------------------------------

def parse_amount(value) -> Decimal:
    """An amount typed or given: ``900``, ``1,234.50``, ``¥900``, ``900元``. Raises ValueError."""
    if isinstance(value, bool) or value is None:
        raise ValueError(value)
    if isinstance(value, int | Decimal):
        amount = Decimal(value)
    else:
        text = str(value).strip().translate(str.maketrans("０１２３４５６７８９．，", "0123456789.,"))
        text = _CURRENCY_MARKS.sub("", text).replace(",", "").replace(" ", "")
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise ValueError(value)
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(value) from None
    if not amount.is_finite() or amount <= 0 or amount >= MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
        raise ValueError(value)
    return amount


def _start_of(kind: str, record) -> tuple[dt.date | None, str]:
    """The day before which nothing can have been paid for the record, and what that day is."""
    if kind == "trademark":
        if record.filing_date is not None:
            return record.filing_date, _("the filing date")
        return record.registration_date, _("the registration date")
    return record.filing_date, _("the filing date")


def check_entry(deadline: Deadline, entry: PaymentEntry, *, as_of: dt.date) -> tuple[dt.date, Decimal, str]:
    """(day paid, amount, receipt number) from what was typed; raises ValidationError naming each
    field that is wrong (keys ``paid_on``, ``amount``, ``receipt_no``)."""
    problems: dict[str, str] = {}
    paid_on = None
    try:
        paid_on = parse_date(entry.paid_on)
    except DateError as exc:
        problems["paid_on"] = str(exc)
    else:
        record = get_record(deadline.matter_kind, deadline.matter_id)
        start, start_name = _start_of(deadline.matter_kind, record)
        if paid_on is None:
            problems["paid_on"] = _("required")
        elif paid_on > as_of:
            problems["paid_on"] = _("{date} is in the future").format(date=format_date(paid_on, "iso"))
        elif start is not None and paid_on < start:
            problems["paid_on"] = _("{date} is before {what} {start}").format(
                date=format_date(paid_on, "iso"), what=start_name, start=format_date(start, "iso"))
    amount = None
    if entry.amount is None or str(entry.amount).strip() == "":
        problems["amount"] = _("required")
    else:
        try:
            amount = parse_amount(entry.amount)
        except ValueError:
            problems["amount"] = _("“{value}” is not an amount: expected a number above zero with at most two "
                                   "decimals, such as 900 or 1234.50").format(value=entry.amount)
    receipt = " ".join(str(entry.receipt_no or "").split())
    if len(receipt) > MAX_RECEIPT:
        problems["receipt_no"] = _("at most {count} characters").format(count=MAX_RECEIPT)
    if problems:
        raise ValidationError(problems, {key: _(label) for key, label in FIELD_LABELS.items()})
    return paid_on, amount, receipt


# ---- recording ---------------------------------------------------------------------------------

def _cents(amount: Decimal | None) -> int | None:
    return None if amount is None else int((amount * 100).to_integral_value())


def _decimal(cents: int | None) -> Decimal | None:
    return None if cents is None else (Decimal(cents) / 100).quantize(Decimal("0.01"))


def _label(deadline: Deadline, amount: Decimal, currency: str, paid_on: dt.date) -> Label:
    money = f"{amount:.2f} {currency}"
    if deadline.year is not None:
        return Label(N_("Fee paid: {number} year {year}, {amount} on {date}"), number=deadline.matter,
                     year=deadline.year, amount=money, date=paid_on.isoformat())
    return Label(N_("Fee paid: {number}, {amount} on {date}"), number=deadline.matter, amount=money,
                 date=paid_on.isoformat())


def history_text(info: PaymentInfo) -> str:
    """One payment in words, as the record's history and its Payments tab show it."""
    text = _("{what}: {amount} paid on {date}").format(
        what=fee_name(info.deadline_kind, info.fee_year, info.office), amount=format_money(info.amount, info.currency),
        date=format_date(info.paid_on, "iso"))
    if info.surcharge:
        text += _(" (includes a late-payment surcharge of {surcharge})").format(
            surcharge=format_money(info.surcharge, info.currency))
    if info.receipt_no:
        text += _(", receipt {receipt}").format(receipt=info.receipt_no)
    return text


def fee_name(kind: str, year: int | None, office: str) -> str:
    name = kind_label(kind)
    if year is not None:
        name = _("{what}, year {year}").format(what=name, year=year)
    return f"{name} ({office})" if office else name


def record_payment(deadline: Deadline, entry: PaymentEntry, *, as_of: dt.date) -> Changed:
    """Mark ``deadline``'s fee paid and store the payment, as one undoable operation; raises
    ValidationError (a field typed wrong) or UserError (refused) with nothing written."""
    from zgc_desk.services.deadlines import done_action, mark_done

    if not is_payable(deadline) or done_action(deadline) is None:
        raise UserError(_("This deadline is not a fee that can be marked paid"))
    paid_on, amount, receipt = check_entry(deadline, entry, as_of=as_of)
    offer = proposal(deadline, paid_on)
    surcharge = offer.surcharge if offer.late and offer.surcharge else None
    kind, due = _ordinary(deadline)
    with operation(_label(deadline, amount, offer.currency, paid_on)) as op:
        mark_done(deadline)
        row = Payment.create(
            firm=deadline.firm_id, record_kind=deadline.matter_kind, record_id=deadline.matter_id,
            matter_no=deadline.matter, deadline_kind=kind, fee_year=deadline.year, office=deadline.office or "",
            due_date=due, paid_on=paid_on, amount_cents=_cents(amount), surcharge_cents=_cents(surcharge),
            currency=offer.currency, receipt_no=receipt, recorded_by=current_user())
        info = _info(row)
        log_change(deadline.matter_kind, deadline.matter_id, "update", deadline.firm_id,
                   {"payment": [None, history_text(info)]})
    return op.changed


# ---- reading -----------------------------------------------------------------------------------

def _info(row: Payment) -> PaymentInfo:
    return PaymentInfo(
        id=row.id, firm_id=row.firm_id, record_kind=row.record_kind, record_id=row.record_id,
        matter_no=row.matter_no, deadline_kind=row.deadline_kind, fee_year=row.fee_year, office=row.office,
        due_date=row.due_date, paid_on=row.paid_on, amount=_decimal(row.amount_cents),
        surcharge=_decimal(row.surcharge_cents), currency=row.currency, receipt_no=row.receipt_no,
        recorded_at=row.recorded_at, recorded_by=row.recorded_by)


def payments_of(kind: str, record_id: int) -> list[PaymentInfo]:
    """The payments recorded on one record, newest payment first."""
    query = (Payment.select().where((Payment.record_kind == kind) & (Payment.record_id == record_id))
             .order_by(Payment.paid_on.desc(), Payment.id.desc()))
    return [_info(row) for row in query]


def all_payments(firm_id: int | None = None) -> Iterator[tuple[str, PaymentInfo]]:
    """(firm credit code, payment) for every payment, or one firm's, by firm, matter and day paid."""
    query = (Payment.select(Payment, Firm.credit_code.alias("firm_code")).join(Firm)
             .order_by(Firm.name, Firm.credit_code, Payment.record_kind, Payment.matter_no, Payment.paid_on,
                       Payment.id))
    if firm_id is not None:
        query = query.where(Payment.firm == firm_id)
    for row in query.objects().iterator():
        yield row.firm_code, _info(row)


def count_payments(firm_id: int | None = None) -> int:
    query = Payment.select()
    return (query.where(Payment.firm == firm_id) if firm_id is not None else query).count()
