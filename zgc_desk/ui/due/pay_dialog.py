"""The Due list's "Mark paid" dialog: the day paid, the amount and the receipt number.

Defaults: today, and the fee the rules compute for the day paid — with the late-payment surcharge
when that day is after the due date (``services.payments.proposal``). Changing the day updates the
amount until the user types one of their own. Each field's problem shows under it as typed, with the
services' own check (``payments.check_entry``); OK stays disabled meanwhile. Saving is one undoable
operation (the paid-through year and the payment together).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from zgc_desk.dates import DateError, parse_date
from zgc_desk.deadlines import Deadline
from zgc_desk.errors import UserError, ValidationError
from zgc_desk.i18n import _, format_date, format_money
from zgc_desk.services import payments
from zgc_desk.services.due_list import what_label
from zgc_desk.ui.widgets.fields import DateInput, TextInput, error_label

FIELDS = ("paid_on", "amount", "receipt_no")


def amount_text(amount: Decimal | None) -> str:
    """An amount as the field shows it: ``4400`` or ``1076.50`` (no grouping, so it reads back)."""
    if amount is None:
        return ""
    return f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount:.2f}"


class PaymentDialog(QDialog):
    saved = Signal()

    def __init__(self, ctx, deadline: Deadline, parent=None):
        super().__init__(parent or ctx.window)
        self.ctx, self.deadline = ctx, deadline
        self._amount_typed = False
        self.offer: payments.Proposal | None = None
        self._facts = payments.facts_for(deadline)  # read once: recomputed for each day tried
        self.setWindowTitle(_("Mark fee paid"))
        intro = QLabel(_("{matter}: {what}, due {due}.").format(
            matter=deadline.matter, what=what_label(deadline), due=format_date(deadline.main_due or deadline.due, "iso")),
            self)
        intro.setWordWrap(True)
        self.paid_on = DateInput("", self)
        self.paid_on.set_value(ctx.today())
        self.amount = TextInput(_("e.g. 900 or 1234.50"), self)
        self.currency = QLabel(deadline.currency or "CNY", self)
        amount_row = QWidget(self)
        row = QHBoxLayout(amount_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.amount, 1)
        row.addWidget(self.currency)
        self.receipt = TextInput(_("the number on the official receipt (票据号)"), self)
        self.fee_note = QLabel(self)
        self.fee_note.setWordWrap(True)
        self.errors = {key: error_label(self) for key in FIELDS}
        self.general_error = error_label(self)
        form = QFormLayout()
        form.addRow(_("Date paid *"), self.paid_on)
        form.addRow("", self.errors["paid_on"])
        form.addRow(_("Amount paid *"), amount_row)
        form.addRow("", self.errors["amount"])
        form.addRow(_("Receipt number"), self.receipt)
        form.addRow("", self.errors["receipt_no"])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.fee_note)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.paid_on.edited.connect(self._date_edited)
        self.amount.edited.connect(self._amount_edited)
        self.receipt.edited.connect(self.validate)
        self._date_edited()
        self.resize(520, 0)

    # ---- defaults --------------------------------------------------------------------------

    def _date_edited(self) -> None:
        try:
            day = parse_date(self.paid_on.value())
        except DateError:
            day = None
        self.offer = payments.proposal(self.deadline, day, self._facts) if day is not None else None
        if self.offer is not None:
            self.currency.setText(self.offer.currency)
            if not self._amount_typed:
                self.amount.set_value(amount_text(self.offer.amount))
        self.fee_note.setText(self._note())
        self.validate()

    def _amount_edited(self) -> None:
        self._amount_typed = bool(self.amount.value().strip())  # emptied: the default comes back on a date change
        self.validate()

    def _note(self) -> str:
        offer = self.offer
        if offer is None:
            return ""
        if offer.fee is None:
            return _("The rule data holds no amount for this fee: type the amount paid.")
        fee = format_money(offer.fee, offer.currency)
        if not offer.late:
            return _("Paid by the due date: the fee is {fee}, no surcharge.").format(fee=fee)
        if offer.surcharge:
            text = _("Paid after the due date {due}: the fee {fee} plus a late-payment surcharge of {surcharge}, "
                     "{total} in all.").format(due=format_date(offer.due, "iso"), fee=fee,
                                               surcharge=format_money(offer.surcharge, offer.currency),
                                               total=format_money(offer.amount, offer.currency))
        elif offer.surcharge is None:
            text = _("Paid after the due date {due}: the rule data holds no surcharge for this fee; the "
                     "amount shown is the fee {fee}.").format(due=format_date(offer.due, "iso"), fee=fee)
        else:
            text = _("Paid after the due date {due}, within the first month: no surcharge yet, the fee is "
                     "{fee}.").format(due=format_date(offer.due, "iso"), fee=fee)
        if offer.grace_end is not None:
            text += " " + _("It can be paid late until {date}.").format(date=format_date(offer.grace_end, "iso"))
        return text

    # ---- checking and saving ---------------------------------------------------------------

    def entry(self) -> payments.PaymentEntry:
        return payments.PaymentEntry(self.paid_on.value(), self.amount.value(), self.receipt.value())

    def validate(self) -> bool:
        try:
            payments.check_entry(self.deadline, self.entry(), as_of=self.ctx.today())
            problems = {}
        except ValidationError as exc:
            problems = exc.errors
        for key, label in self.errors.items():
            label.setText(problems.get(key, ""))
            label.setVisible(key in problems)
        self.general_error.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        return not problems

    def accept(self) -> None:
        if not self.validate():
            return
        from zgc_desk.ui.due.commands import record_payment

        try:
            record_payment(self.ctx.edits, self.deadline, self.entry(), as_of=self.ctx.today())
        except ValidationError as exc:
            for key, message in exc.errors.items():
                if key in self.errors:
                    self.errors[key].setText(message)
                    self.errors[key].show()
            return
        except UserError as exc:
            self.general_error.setText(str(exc))
            self.general_error.show()
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        self.saved.emit()
        super().accept()
