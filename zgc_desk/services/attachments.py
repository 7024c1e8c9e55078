"""Attachments: files held by any record (a notice's PDF, a grant certificate, a receipt).

Adding copies the file into the database's store (``zgc_desk.io.attachment_store``: content-addressed,
written atomically, never overwritten) and records it on the record, as one operation; removing
takes the record's row away as one operation, so undo brings it back — the bytes stay in the store.
The integrity check (:func:`check_attachments`) names every attachment whose file is missing or
altered. Everything here returns plain values; the window opens a file through :func:`viewing_copy`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from zgc_desk.changes import Changed
from zgc_desk.errors import NotFound, UserError
from zgc_desk.i18n import N_, _
from zgc_desk.io.attachment_store import MAX_BYTES, FileProblem, Store, check_files
from zgc_desk.models import MODEL_BY_KIND, Attachment, Firm, database
from zgc_desk.operations import Label, current_user, operation
from zgc_desk.services.changes import log_change

# Record kinds that can hold files (every kind of record the portfolio keeps).
ATTACHABLE = tuple(MODEL_BY_KIND)


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    record_kind: str
    record_id: int
    file_name: str
    size: int
    sha256: str
    added_at: dt.datetime  # UTC
    added_by: str


def _info(row: Attachment) -> AttachmentInfo:
    return AttachmentInfo(row.id, row.record_kind, row.record_id, row.file_name, row.size, row.sha256,
                          row.added_at, row.added_by)


def _firm_of(kind: str, record_id: int) -> int:
    if kind not in ATTACHABLE:
        raise NotFound(_("Unknown kind of record: {kind}").format(kind=kind))
    model = MODEL_BY_KIND[kind]
    if kind == "firm":
        if not Firm.select().where(Firm.id == record_id).exists():
            raise NotFound(_("{kind} {id} no longer exists").format(kind=kind, id=record_id))
        return record_id
    firm_id = model.select(model.firm).where(model.id == record_id).scalar()
    if firm_id is None:
        raise NotFound(_("{kind} {id} no longer exists").format(kind=kind, id=record_id))
    return firm_id


def clean_file_name(name: str) -> str:
    """The name shown and used when the file is opened: no folders, no control characters."""
    base = re.split(r"[\\/]", str(name))[-1]
    base = "".join(ch for ch in base if ch >= " " and ch != "\x7f").strip().strip(".")
    return base[:200] or "file"


def read_file(path: str | Path) -> bytes:
    """A file's bytes for attaching, refusing a missing, unreadable or oversized file plainly."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise UserError(_("{path} is not a file").format(path=path))
        if size > MAX_BYTES:
            raise UserError(_("{path} is too large to attach ({size}; at most {limit})").format(
                path=path, size=_size(size), limit=_size(MAX_BYTES)))
        return path.read_bytes()
    except OSError as exc:
        raise UserError(_("Cannot read the file {path}: {problem}").format(
            path=path, problem=exc.strerror or exc)) from None


def _size(size: int) -> str:
    from zgc_desk.i18n import format_file_size

    return format_file_size(size)


def add_attachment(kind: str, record_id: int, path: str | Path, *, name: str | None = None) -> tuple[int, Changed]:
    """Attach the file at ``path`` to a record (one operation); returns the attachment's id."""
    content = read_file(path)
    return add_attachment_bytes(kind, record_id, content, name or Path(path).name)


def add_attachment_bytes(kind: str, record_id: int, content: bytes, name: str) -> tuple[int, Changed]:
    if len(content) > MAX_BYTES:
        raise UserError(_("{path} is too large to attach ({size}; at most {limit})").format(
            path=name, size=_size(len(content)), limit=_size(MAX_BYTES)))
    file_name = clean_file_name(name)
    with operation(Label(N_("Attach {file}"), file=file_name)) as op:
        firm_id = _firm_of(kind, record_id)
        sha = Store(database).put(content)  # on a server, inside this transaction; a file: before the row
        row = Attachment.create(firm=firm_id, record_kind=kind, record_id=record_id, file_name=file_name,
                                size=len(content), sha256=sha, added_by=current_user())
        log_change(kind, record_id, "update", firm_id, {"attachment": [None, file_name]})
    return row.id, op.changed


def remove_attachment(attachment_id: int) -> Changed:
    """Take an attachment off its record (one operation, undone like any other). The file's bytes
    stay in the store: undo and older backups find them."""
    row = Attachment.get_or_none(Attachment.id == attachment_id)
    if row is None:
        raise NotFound(_("The attachment {id} no longer exists").format(id=attachment_id))
    with operation(Label(N_("Remove attachment {file}"), file=row.file_name)) as op:
        Attachment.delete().where(Attachment.id == attachment_id).execute()
        log_change(row.record_kind, row.record_id, "update", row.firm_id, {"attachment": [row.file_name, None]})
    return op.changed


def remove_attachments_of(kind: str, record_id: int) -> None:
    """Inside the operation deleting a record: its attachments go with it (undo brings both back)."""
    Attachment.delete().where((Attachment.record_kind == kind) & (Attachment.record_id == record_id)).execute()


def attachments_of(kind: str, record_id: int) -> list[AttachmentInfo]:
    """A record's attachments, oldest first."""
    query = (Attachment.select()
             .where((Attachment.record_kind == kind) & (Attachment.record_id == record_id))
             .order_by(Attachment.added_at, Attachment.id))
    return [_info(row) for row in query]


def attachment(attachment_id: int) -> AttachmentInfo:
    row = Attachment.get_or_none(Attachment.id == attachment_id)
    if row is None:
        raise NotFound(_("The attachment {id} no longer exists").format(id=attachment_id))
    return _info(row)


def read_attachment(attachment_id: int) -> bytes:
    info = attachment(attachment_id)
    content = Store(database).read(info.sha256)
    if content is None:
        raise UserError(_("The file of the attachment {name} is missing or altered in the store; restore a "
                          "backup to get it back").format(name=info.file_name))
    return content


def viewing_copy(attachment_id: int, folder: Path) -> Path:
    """A copy of the attachment under its own name in ``folder`` (one subfolder per content), for the
    system's viewer: the stored file has no extension and must never be edited in place."""
    from zgc_desk.io.atomic import write_bytes_atomically

    info = attachment(attachment_id)
    content = read_attachment(attachment_id)
    target = Path(folder) / info.sha256[:16] / info.file_name
    try:
        same = target.read_bytes() == content  # a copy edited in the viewer is never shown as the stored file
    except OSError:
        same = False
    if not same:
        write_bytes_atomically(target, content)
    return target


def check_attachments() -> list[FileProblem]:
    """Every attachment whose stored file is missing or no longer has the content it was added with."""
    return check_files(database)


def check_attachments_of(kind: str, record_id: int) -> list[FileProblem]:
    """The integrity check of one record's attachments (the Files tab shows it)."""
    return check_files(database, (kind, record_id))


def problem_lines(problems: list[FileProblem]) -> list[str]:
    """The integrity check's findings in plain words, one line each."""
    from zgc_desk.vocab import RECORD_KINDS

    lines = []
    for p in problems:
        what = (_("the file {name} of {kind} {id} is missing") if p.problem == "missing"
                else _("the file {name} of {kind} {id} was altered since it was added"))
        lines.append(what.format(name=p.file_name, kind=_(RECORD_KINDS.get(p.record_kind, p.record_kind)),
                                 id=p.record_id))
    return lines


def record_with_file(kind: str, raw: dict, firm_id: int | None, file_name: str, content: bytes
                     ) -> tuple[int, int, Changed]:
    """A new record and its first file, as one operation (the window's form for a notice read from
    its PDF saves through this too)."""
    from zgc_desk.services.records import create_record

    with operation(Label(N_("Add {file} with its record"), file=file_name)) as op:
        record_id, _changed = create_record(kind, raw, firm_id=firm_id)
        attachment_id, _changed = add_attachment_bytes(kind, record_id, content, file_name)
    return record_id, attachment_id, op.changed
