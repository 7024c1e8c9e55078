"""Which patents and trademarks stand pledged as security for a loan not yet settled.

A pledged right is the lender's security (Civil Code Art. 444: the pledgor may not transfer or
license it without the pledgee's consent): letting its annual fee or renewal lapse, abandoning it or
deleting it destroys that security and is usually a breach of the loan contract. The Due list marks
those fees "pledged" and the window warns before such a right is dropped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from zgc_desk.deadlines.kinds import is_fee
from zgc_desk.deadlines.model import Deadline
from zgc_desk.i18n import N_, _
from zgc_desk.models import Patent, PledgeLoan, Trademark, split_list

PLEDGED_NOTE = N_("pledged as security for loan {loans}: letting this lapse ends the lender's security "
                  "(Civil Code Art. 444; the loan contract)")
_NUMBER_OF = {"patent": Patent.application_no, "trademark": Trademark.registration_no}


def pledged_numbers(as_of: dt.date, firm_id: int | None = None) -> dict[tuple[int, str], list[str]]:
    """(firm id, number) -> the loan contract numbers it secures, for loans not settled on ``as_of``."""
    query = PledgeLoan.select(PledgeLoan.firm, PledgeLoan.loan_no, PledgeLoan.pledged).where(
        PledgeLoan.settled_on.is_null() | (PledgeLoan.settled_on > as_of))
    if firm_id is not None:
        query = query.where(PledgeLoan.firm == firm_id)
    out: dict[tuple[int, str], list[str]] = {}
    for firm, loan_no, pledged in query.tuples():
        for number in split_list(pledged):
            out.setdefault((firm, number), []).append(loan_no)
    return out


def pledges_of(kind: str, record_id: int, as_of: dt.date) -> list[str]:
    """The loans a patent or trademark secures on ``as_of`` (empty for any other record)."""
    column = _NUMBER_OF.get(kind)
    if column is None:
        return []
    model = column.model
    row = model.select(model.firm, column).where(model.id == record_id).tuples().first()
    if row is None:
        return []
    firm_id, number = row
    return sorted(pledged_numbers(as_of, firm_id).get((firm_id, number), []))


def pledged_warning(kind: str, record_id: int, as_of: dt.date) -> str | None:
    """What to say before a pledged right is deleted, abandoned or left to lapse; None if not pledged."""
    loans = pledges_of(kind, record_id, as_of)
    if not loans:
        return None
    return _("This right is pledged as security for loan {loans}, not yet settled. Deleting it, abandoning it or "
             "letting its fees lapse ends the lender's security and may breach the loan contract; ask the "
             "lender first.").format(loans=", ".join(loans))


def mark_pledged(deadlines: list[Deadline], as_of: dt.date, firm_id: int | None = None) -> list[Deadline]:
    """The deadlines, with each one that keeps a pledged right alive marked: ``pledged`` names the
    loans, and the basis says what lapsing would do."""
    # the fees that keep a right alive (annual fees, renewals, their grace ends, restoration): the kinds
    # table's fees; missing one ends the lender's security
    if not any(is_fee(d.kind) for d in deadlines):
        return deadlines
    pledged = pledged_numbers(as_of, firm_id)
    if not pledged:
        return deadlines
    out = []
    for d in deadlines:
        loans = pledged.get((d.firm_id, d.matter)) if is_fee(d.kind) else None
        if loans:
            text = ", ".join(sorted(loans))
            note = (PLEDGED_NOTE, (("loans", text),))
            d = dataclasses.replace(d, pledged=text, basis=dataclasses.replace(d.basis, notes=d.basis.notes + (note,)))
        out.append(d)
    return out
