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

done_action = service.done_action


def done_text(action: str | None) -> str:
    return {"paid": _("Mark &paid"), "entered": _("Record &entry…"), "renewed": _("Mark &renewed")}.get(
        action, _("&Mark done"))


def mark_done(edits, d: Deadline) -> Changed:
    """Paid or renewed at once (raises UserError when refused; nothing is changed then)."""
    return edits.done(service.mark_done(d))


def record_entry(edits, d: Deadline, application_no: str, entry_date: dt.date) -> Changed:
    """Raises ValidationError (field problems) or UserError; nothing is changed then."""
    return edits.done(service.mark_done(d, application_no=application_no, entry_date=entry_date))
