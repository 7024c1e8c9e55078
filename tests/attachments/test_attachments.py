"""Attachments through the services on a real database (SQLite file and PostgreSQL): stored once per
content, listed, removed and brought back by undo, taken with the record they belong to, and checked
(a missing or altered file is named)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from zgc_desk.db import is_sqlite
from zgc_desk.errors import NotFound, UserError
from zgc_desk.io.attachment_store import Store
from zgc_desk.models import Attachment, AttachmentBlob, ChangeLog, database
from zgc_desk.operations import redo, undo
from zgc_desk.paths import attachments_dir_for
from zgc_desk.services import attachments as att
from zgc_desk.services.records import create_record, delete_record

pytestmark = pytest.mark.both_databases

CODE = "91110108551385082Q"
PDF = b"%PDF-1.4\n% a notice\n" + bytes(range(256)) * 40


@pytest.fixture
def records(db_path):
    firm_id, _ = create_record("firm", {"name": "示例科技有限公司", "credit_code": CODE})
    patent_id, _ = create_record("patent", {"application_no": "202110344405.7", "kind": "invention",
                                            "title": "示例发明", "filing_date": dt.date(2021, 3, 5)}, firm_id=firm_id)
    return {"firm": firm_id, "patent": patent_id}


def write(tmp_path, name="通知书.pdf", content=PDF):
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    return path


def stored_file(sha: str):
    return attachments_dir_for(database.obj.database) / sha[:2] / sha


def test_a_file_is_stored_once_by_content_and_listed_with_name_size_and_who(records, tmp_path):
    first, changed = att.add_attachment("patent", records["patent"], write(tmp_path))
    second, _ = att.add_attachment("firm", records["firm"], write(tmp_path, "copy.pdf"))
    sha = hashlib.sha256(PDF).hexdigest()
    listed = att.attachments_of("patent", records["patent"])
    assert [(a.id, a.file_name, a.size, a.sha256) for a in listed] == [(first, "通知书.pdf", len(PDF), sha)]
    assert listed[0].added_by and abs(listed[0].added_at - dt.datetime.now(dt.UTC).replace(tzinfo=None)).seconds < 60
    assert changed.kinds == {"attachment"} and changed.firm_ids == {records["firm"]}
    if is_sqlite():  # a file beside the database, named by its content; nothing in the table
        assert stored_file(sha).read_bytes() == PDF and AttachmentBlob.select().count() == 0
    else:  # on the server, every advisor sees it: the bytes are in the database
        assert AttachmentBlob.select().count() == 1 and stored_file(sha).exists() is False
    assert att.read_attachment(second) == PDF
    assert ChangeLog.select().where(ChangeLog.kind == "patent").order_by(ChangeLog.id.desc()).first().changes \
        == '{"attachment": [null, "通知书.pdf"]}'


def test_removing_is_one_step_undo_brings_it_back_and_the_bytes_stay(records, tmp_path):
    attachment_id, _ = att.add_attachment("patent", records["patent"], write(tmp_path))
    changed = att.remove_attachment(attachment_id)
    assert changed.of("attachment") == {attachment_id}
    assert att.attachments_of("patent", records["patent"]) == []
    step = undo()
    assert "通知书.pdf" in step.label and step.changed.of("attachment") == {attachment_id}
    assert [a.id for a in att.attachments_of("patent", records["patent"])] == [attachment_id]
    assert att.read_attachment(attachment_id) == PDF
    redo()
    assert att.attachments_of("patent", records["patent"]) == []
    undo()
    assert att.check_attachments() == []


def test_undoing_the_addition_leaves_no_row(records, tmp_path):
    att.add_attachment("patent", records["patent"], write(tmp_path))
    undo()
    assert Attachment.select().count() == 0


def test_a_deleted_record_takes_its_attachments_and_undo_returns_both(records, tmp_path):
    att.add_attachment("patent", records["patent"], write(tmp_path))
    att.add_attachment("firm", records["firm"], write(tmp_path, "营业执照.pdf", b"licence"))
    delete_record("patent", records["patent"])
    assert [a.file_name for a in Attachment.select()] == ["营业执照.pdf"]
    undo()
    assert Attachment.select().count() == 2
    delete_record("firm", records["firm"])  # the foreign key takes the firm's and its records' files
    assert Attachment.select().count() == 0
    undo()
    assert Attachment.select().count() == 2


def test_bad_requests_say_what_is_wrong_and_write_nothing(records, tmp_path):
    with pytest.raises(NotFound):
        att.add_attachment("patent", 999, write(tmp_path))
    with pytest.raises(NotFound):
        att.add_attachment("invoice", records["firm"], write(tmp_path))
    with pytest.raises(UserError, match="missing.pdf"):
        att.add_attachment("patent", records["patent"], tmp_path / "missing.pdf")
    with pytest.raises(UserError):
        att.add_attachment("patent", records["patent"], tmp_path)  # a folder
    assert Attachment.select().count() == 0


def test_a_file_over_the_limit_is_refused(records, tmp_path, monkeypatch, english):
    monkeypatch.setattr(att, "MAX_BYTES", 100)
    with pytest.raises(UserError, match="too large"):
        att.add_attachment("patent", records["patent"], write(tmp_path))
    assert Attachment.select().count() == 0


def test_names_lose_folders_and_control_characters():
    assert att.clean_file_name("..\\..\\etc/passwd") == "passwd"
    assert att.clean_file_name("a\x00b\n.pdf") == "ab.pdf"
    assert att.clean_file_name("...") == "file"


def test_the_viewing_copy_has_the_original_name(records, tmp_path):
    attachment_id, _ = att.add_attachment("patent", records["patent"], write(tmp_path))
    copy = att.viewing_copy(attachment_id, tmp_path / "view")
    assert copy.name == "通知书.pdf" and copy.read_bytes() == PDF


def _damage(sha: str, content: bytes | None) -> None:
    """Make the stored bytes missing (None) or different, as a disk fault or a careless hand would."""
    if is_sqlite():
        path = stored_file(sha)
        if content is None:
            path.unlink()
        else:
            path.write_bytes(content)
    elif content is None:
        AttachmentBlob.delete().where(AttachmentBlob.sha256 == sha).execute()
    else:
        AttachmentBlob.update(content=content).where(AttachmentBlob.sha256 == sha).execute()


def test_the_integrity_check_names_a_missing_and_an_altered_file(records, tmp_path, english):
    first, _ = att.add_attachment("patent", records["patent"], write(tmp_path))
    second, _ = att.add_attachment("firm", records["firm"], write(tmp_path, "licence.pdf", b"licence"))
    assert att.check_attachments() == []
    _damage(hashlib.sha256(PDF).hexdigest(), None)
    _damage(hashlib.sha256(b"licence").hexdigest(), b"licence, edited")
    problems = att.check_attachments()
    assert [(p.attachment_id, p.problem) for p in problems] == [(first, "missing"), (second, "altered")]
    assert att.problem_lines(problems) == [
        f"the file 通知书.pdf of Patent {records['patent']} is missing",
        f"the file licence.pdf of Firm {records['firm']} was altered since it was added"]
    with pytest.raises(UserError, match="licence.pdf"):
        att.read_attachment(second)  # never handed out altered
    att.add_attachment("patent", records["patent"], write(tmp_path))  # the same content again repairs it
    assert [p.attachment_id for p in att.check_attachments()] == [second]


def test_an_existing_sound_file_is_never_rewritten(records, tmp_path):
    if not is_sqlite():
        pytest.skip("files on disk are SQLite's store")
    att.add_attachment("patent", records["patent"], write(tmp_path))
    path = stored_file(hashlib.sha256(PDF).hexdigest())
    before = path.stat().st_mtime_ns, path.stat().st_ino
    Store(database).put(PDF)
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == before


def test_a_viewing_copy_edited_in_the_viewer_is_replaced_by_the_stored_file(records, tmp_path):
    attachment_id, _ = att.add_attachment("patent", records["patent"], write(tmp_path))
    copy = att.viewing_copy(attachment_id, tmp_path / "view")
    copy.write_bytes(bytes(len(PDF)))  # same size, other content
    assert att.viewing_copy(attachment_id, tmp_path / "view").read_bytes() == PDF
