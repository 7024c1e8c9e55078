"""Marking a deadline done — annual fee paid, national phase entered, mark renewed — as undoable
steps on the window's undo stack (Ctrl+Z / Ctrl+Y).

The first run calls the deadline services before anything is pushed (a refusal reaches the user
and nothing is pushed); undo reverses through the record services — the previous paid-through
year, the created overseas filing deleted, the previous expiry and status — so every step is
validated and written to the change log, and each publishes what changed through the hub.
"""

from __future__ import annotations

import datetime as dt

from zgc_desk.deadlines import Deadline
from zgc_desk.deadlines.kinds import ANSWERED, ENTERED, KINDS, PAID, RENEWED, done_by
from zgc_desk.i18n import _
from zgc_desk.services import deadlines as service
from zgc_desk.services import notices as notice_service
from zgc_desk.services import records
from zgc_desk.services.changes import Changed
from zgc_desk.services.due_list import what_label
from zgc_desk.services.errors import UserError
from zgc_desk.ui.undo import ServiceCommand

# what marks a kind done, from the kinds table
PAID_KINDS = tuple(k for k in KINDS if done_by(k) == PAID)
ENTRY_KINDS = tuple(k for k in KINDS if done_by(k) == ENTERED)
RENEWAL_KINDS = tuple(k for k in KINDS if done_by(k) == RENEWED)
NOTICE_KINDS = tuple(k for k in KINDS if done_by(k) == ANSWERED)


def done_action(d: Deadline | None) -> str | None:
    """What marking this deadline done means here: "paid", "entered", "renewed", or None."""
    if d is None or d.state in ("done", "lapsed"):
        return None
    if d.kind in PAID_KINDS and d.year is not None:
        return "paid"
    if d.kind in ENTRY_KINDS and d.office:
        return "entered"
    if d.kind in RENEWAL_KINDS:
        return "renewed"
    if d.kind in NOTICE_KINDS and d.notice_id is not None:
        return "answered"
    return None


def done_text(action: str | None) -> str:
    return {"paid": _("Mark &paid"), "entered": _("Record &entry…"), "renewed": _("Mark &renewed"),
            "answered": _("Mark &answered")}.get(
        action, _("&Mark done"))


class _MarkPaid(ServiceCommand):
    def __init__(self, edits, d: Deadline, before: int | None):
        super().__init__(edits, _("Annual fee paid: {matter} {what}").format(matter=d.matter, what=what_label(d)))
        self.patent_id, self.year, self.before = d.matter_id, d.year, before

    def _do(self) -> Changed:
        return service.mark_annuity_paid(self.patent_id, self.year)

    def _undo(self) -> Changed:
        return records.update_record("patent", self.patent_id, {"annuity_paid_through": self.before})


class _Entered(ServiceCommand):
    def __init__(self, edits, d: Deadline, filing_id: int):
        super().__init__(edits, _("National phase entered: {matter} {office}").format(matter=d.matter,
                                                                                     office=d.office))
        self.filing_id, self.snapshot = filing_id, None

    def _undo(self) -> Changed:
        self.snapshot, changed = records.delete_record("overseas", self.filing_id)
        return changed

    def _do(self) -> Changed:
        return records.restore_record(self.snapshot)


class _Renewed(ServiceCommand):
    def __init__(self, edits, d: Deadline, before: dict):
        super().__init__(edits, _("Trademark renewed: {matter}").format(matter=d.matter))
        self.trademark_id, self.before = d.matter_id, before

    def _do(self) -> Changed:
        return service.renew_trademark(self.trademark_id)

    def _undo(self) -> Changed:
        return records.update_record("trademark", self.trademark_id, self.before)


class _Answered(ServiceCommand):
    def __init__(self, edits, d: Deadline, answered_on: dt.date):
        super().__init__(edits, _("Notice answered: {matter}").format(matter=d.matter))
        self.notice_id, self.answered_on = d.notice_id, answered_on

    def _do(self) -> Changed:
        return notice_service.mark_answered(self.notice_id, self.answered_on)

    def _undo(self) -> Changed:
        return notice_service.clear_answered(self.notice_id)


class _Extended(ServiceCommand):
    def __init__(self, edits, d: Deadline, before: int, after: int):
        super().__init__(edits, _("Period extended: {matter}").format(matter=d.matter))
        self.notice_id, self.before, self.after = d.notice_id, before, after

    def _do(self) -> Changed:
        return records.update_record("notice", self.notice_id, {"extension_months": self.after})

    def _undo(self) -> Changed:
        return records.update_record("notice", self.notice_id, {"extension_months": self.before})


def mark_answered(edits, d: Deadline, answered_on: dt.date) -> Changed:
    changed = notice_service.mark_answered(d.notice_id, answered_on)
    return edits.push(_Answered(edits, d, answered_on), changed)


def can_extend(d: Deadline | None) -> bool:
    return d is not None and d.kind == "notice_response" and d.state == "open" and d.notice_id is not None


def request_extension(edits, d: Deadline, offer) -> Changed:
    """Record the extension ``offer`` (from ``notices.extension_offer``) as an undoable step."""
    before = offer.total_months - offer.months
    _offer, changed = notice_service.request_extension(d.notice_id, offer.months, as_of=offer.as_of)
    return edits.push(_Extended(edits, d, before, offer.total_months), changed)


def mark_paid(edits, d: Deadline) -> Changed:
    before = records.get_record("patent", d.matter_id).annuity_paid_through
    changed = service.mark_annuity_paid(d.matter_id, d.year)
    return edits.push(_MarkPaid(edits, d, before), changed)


def mark_renewed(edits, d: Deadline) -> Changed:
    mark = records.get_record("trademark", d.matter_id)
    before = {"expiry_date": mark.expiry_date, "status": mark.status}
    changed = service.renew_trademark(d.matter_id)
    return edits.push(_Renewed(edits, d, before), changed)


def record_entry(edits, d: Deadline, application_no: str, entry_date: dt.date) -> Changed:
    """Raises ValidationError (field problems) or UserError; nothing is pushed then."""
    if d.kind not in ENTRY_KINDS:
        raise UserError(_("Only a national phase deadline is done by recording an entry"))
    filing_id, changed = service.record_national_phase_entry(d.matter_id, d.office, application_no, entry_date)
    return edits.push(_Entered(edits, d, filing_id), changed)
