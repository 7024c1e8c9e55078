"""Marking a deadline done from the Due list — annual fee paid, national phase entered, mark
renewed. What that means for each kind of deadline, and doing it, is the deadline services'
(``done_action`` / ``mark_done``, one undoable operation each); this only names the button and
publishes what changed.
"""

from __future__ import annotations

import datetime as dt

from zgc_desk.changes import Changed
from zgc_desk.deadlines import Deadline
from zgc_desk.i18n import _
from zgc_desk.services import deadlines as service
from zgc_desk.services import notices as notice_service

done_action = service.done_action


def done_text(action: str | None) -> str:
    return {"paid": _("Mark &paid…"), "entered": _("Record &entry…"), "renewed": _("Mark &renewed…"),
            "answered": _("Mark &answered")}.get(
        action, _("&Mark done"))


def mark_done(edits, d: Deadline) -> Changed:
    """Paid or renewed at once (raises UserError when refused; nothing is changed then)."""
    return edits.done(service.mark_done(d))


def record_payment(edits, d: Deadline, entry, *, as_of: dt.date) -> Changed:
    """A fee marked paid with its payment (day, amount, receipt: ``services.payments.PaymentEntry``),
    one undoable operation; raises ValidationError or UserError with nothing changed."""
    return edits.done(service.mark_done(d, payment=entry, as_of=as_of))


def record_entry(edits, d: Deadline, application_no: str, entry_date: dt.date) -> Changed:
    """Raises ValidationError (field problems) or UserError; nothing is changed then."""
    return edits.done(service.mark_done(d, application_no=application_no, entry_date=entry_date))


def mark_answered(edits, d: Deadline, answered_on: dt.date) -> Changed:
    """A notice answered on ``answered_on`` (one undoable operation)."""
    return edits.done(service.mark_done(d, answered_on=answered_on))


def can_extend(d: Deadline | None) -> bool:
    return d is not None and d.kind == "notice_response" and d.state == "open" and d.notice_id is not None


def request_extension(edits, d: Deadline, offer) -> Changed:
    """Record the extension ``offer`` (from ``notices.extension_offer``), one undoable operation."""
    _offer, changed = notice_service.request_extension(d.notice_id, offer.months, as_of=offer.as_of)
    return edits.done(changed)
