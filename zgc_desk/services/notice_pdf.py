"""A notice from its PDF: read it, propose the record, and record it with the file attached.

:func:`propose_notice` reads the PDF (``zgc_desk.io.notice_pdf``), takes what the user gave over what
the PDF says, finds the matter (and so the firm) in the database, and lists what is still missing,
each with why. :func:`record_notice` creates the notice and attaches the PDF as ONE operation (one
Undo takes back both), through the record services' validation. Nothing is guessed: a field the
PDF does not give unambiguously stays empty until the user supplies it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from zgc_desk.changes import Changed
from zgc_desk.errors import UserError
from zgc_desk.i18n import _
from zgc_desk.io.notice_pdf import NoticeReading, read_notice_pdf
from zgc_desk.models import Firm, OverseasFiling, Patent, PCTApplication, Trademark

# (kind, model, number column) searched for a matter number, across firms (one right, one firm)
_MATTERS = (("patent", Patent, Patent.application_no), ("pct", PCTApplication, PCTApplication.pct_no),
            ("trademark", Trademark, Trademark.registration_no),
            ("overseas", OverseasFiling, OverseasFiling.application_no))
FIELDS = ("matter_no", "notice_type", "dispatch_date")


@dataclass
class NoticeProposal:
    """The record a notice's PDF proposes. ``values`` are record values (contract keys) for
    ``create_record("notice", …)``; ``sources`` says for each whether it came from the PDF, from the
    user or is the default; ``missing`` names each required field still unknown, with why."""

    file_name: str
    reading: NoticeReading
    values: dict = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # key -> "pdf" / "given" / "default"
    missing: dict[str, str] = field(default_factory=dict)
    firm_id: int | None = None
    firm_code: str = ""
    firm_name: str = ""
    matter_kind: str = ""
    matter_title: str = ""

    @property
    def complete(self) -> bool:
        return not self.missing and self.firm_id is not None


def _normalised_matter(text: str) -> str:
    from zgc_desk.schema import FieldError, matter_number

    try:
        return matter_number(text)
    except FieldError as exc:
        raise UserError(_("The matter number {number} cannot be used: {problem}").format(
            number=text, problem=exc.message)) from None


def _type_key(text: str) -> str:
    """A notice type's key from its key or any of its names; an unknown word is kept as given (the
    record's validation refuses it, naming the field)."""
    from zgc_desk.deadlines.notice_types import default_notice_rules, normalise_word

    return default_notice_rules().aliases().get(normalise_word(text), text)


def find_matter_anywhere(number: str, firm_code: str | None = None) -> list[tuple[str, int, int, str]]:
    """(kind, id, firm id, title) of every matter numbered ``number`` (of one firm, when given)."""
    found = []
    firm_id = None
    if firm_code:
        from zgc_desk.services.records import find_firm

        firm_id = find_firm(firm_code).id
    for kind, model, column in _MATTERS:
        query = model.select().where(column == number)
        if firm_id is not None:
            query = query.where(model.firm == firm_id)
        for row in query:
            title = getattr(row, "title", "") or getattr(row, "mark", "") or ""
            found.append((kind, row.id, row.firm_id, title))
    return found


def propose_notice(path: str | Path, *, matter: str | None = None, notice_type: str | None = None,
                   dispatch_date: dt.date | None = None, delivery: str | None = None,
                   firm_code: str | None = None) -> tuple[NoticeProposal, bytes]:
    """Read the PDF at ``path`` and propose its record; the keyword values override the PDF's.
    Raises :class:`~zgc_desk.io.notice_pdf.NoticePdfError` for a file that cannot be read."""
    path = Path(path)
    reading, content = read_notice_pdf(path)
    proposal = NoticeProposal(file_name=path.name, reading=reading)
    given = {"matter_no": _normalised_matter(matter) if matter else None,
             "notice_type": _type_key(notice_type) if notice_type else None, "dispatch_date": dispatch_date}
    found = {"matter_no": reading.matter_no, "notice_type": reading.notice_type, "dispatch_date": reading.dispatch_date}
    for key in FIELDS:
        if given[key] is not None:
            proposal.values[key], proposal.sources[key] = given[key], "given"
        elif found[key] is not None:
            proposal.values[key], proposal.sources[key] = found[key], "pdf"
        elif not reading.has_text:
            proposal.missing[key] = _("the PDF has no text layer (a scan?)")
        else:
            proposal.missing[key] = reading.problems.get(key) or _("not found on the notice")
    # A PDF is what CNIPA's electronic system serves; a notice that came by post says so with --delivery.
    proposal.values["delivery"] = delivery or "electronic"
    proposal.sources["delivery"] = "given" if delivery else "default"
    number = proposal.values.get("matter_no")
    if number:
        _place(proposal, number, firm_code)
    return proposal, content


def _place(proposal: NoticeProposal, number: str, firm_code: str | None) -> None:
    """The matter (and so the firm) the notice concerns, or why it cannot be told."""
    matches = find_matter_anywhere(number, firm_code)
    firms = {m[2] for m in matches}
    if not matches:
        proposal.missing["matter_no"] = _("no patent, PCT application, overseas filing or trademark numbered "
                                          "{number} is in the database").format(number=number)
        return
    if len(firms) > 1:
        proposal.missing["matter_no"] = _("{number} is recorded under several firms; say which firm").format(
            number=number)
        return
    kind, _id, firm_id, title = matches[0]
    firm = Firm.get_by_id(firm_id)
    proposal.firm_id, proposal.firm_code, proposal.firm_name = firm_id, firm.credit_code, firm.name
    proposal.matter_kind, proposal.matter_title = kind, title


def record_notice(proposal: NoticeProposal, content: bytes) -> tuple[int, int, Changed]:
    """Create the proposed notice and attach its PDF, as one operation; returns (notice id,
    attachment id, what changed). The record services validate as for any notice (a date in the
    future, a type that cannot concern the matter: ValidationError naming the field, nothing written)."""
    if not proposal.complete:
        raise UserError(_("The notice is not complete: {fields}").format(fields=", ".join(proposal.missing)))
    from zgc_desk.services.attachments import record_with_file

    return record_with_file("notice", {k: v for k, v in proposal.values.items()}, proposal.firm_id,
                            proposal.file_name, content)
