"""Attachments on a shared server: the bytes live in the database (every advisor sees them), the
server's backup file carries them in its own table, a restore puts them back, and copy-db moves them
between a SQLite file's folder and the server's table in both directions."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3

from zgc_desk.copy_db import copy_database
from zgc_desk.db import close_database, open_database
from zgc_desk.io.backups import backup_database
from zgc_desk.models import Attachment, AttachmentBlob, database
from zgc_desk.paths import attachments_dir_for
from zgc_desk.services import attachments as att
from zgc_desk.services.records import create_record
from zgc_desk.services.transfer import restore_backup

CODE = "91110108551385082Q"
CONTENT = b"%PDF receipt " * 100
SHA = hashlib.sha256(CONTENT).hexdigest()


def _attach(tmp_path) -> int:
    firm_id, _ = create_record("firm", {"name": "甲", "credit_code": CODE})
    source = tmp_path / "收据.pdf"
    source.write_bytes(CONTENT)
    return att.add_attachment("firm", firm_id, source)[0]


def test_the_server_backup_carries_the_bytes_and_restore_brings_them_back(db_path_pg, tmp_path):
    attachment_id = _attach(tmp_path)
    from zgc_desk.db import backup_anchor

    copy = backup_database(database, backup_anchor(), "manual", now=dt.datetime(2026, 11, 25, 9, 0))
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT sha256, length(content) FROM attachment_blob").fetchall() == [(SHA, len(CONTENT))]
    conn.close()
    AttachmentBlob.delete().execute()  # lost on the server
    assert [p.problem for p in att.check_attachments()] == ["missing"]
    restore_backup(copy, now=dt.datetime(2026, 11, 25, 9, 5))
    assert att.check_attachments() == [] and att.read_attachment(attachment_id) == CONTENT


def test_copy_db_moves_files_into_the_server_and_back_into_a_file(pg_url, tmp_path):
    local = tmp_path / "local.db"
    open_database(local)
    _attach(tmp_path)
    close_database()
    assert copy_database(str(local), pg_url).files_missing == []
    open_database(pg_url)
    assert AttachmentBlob.get().content == CONTENT and Attachment.select().count() == 1
    close_database()
    back = tmp_path / "back" / "back.db"
    assert copy_database(pg_url, str(back)).files_missing == []
    open_database(back)
    assert att.check_attachments() == [] and att.read_attachment(Attachment.get().id) == CONTENT
    assert not attachments_dir_for(back).exists()  # a server's copy keeps them in its own table
    close_database()
