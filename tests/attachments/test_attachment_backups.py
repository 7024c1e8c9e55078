"""Attachments survive backups, restores and copies: a backup holds the files its rows name (beside it
in ``backups/attachments/``), a restore puts them back, ``copy-db`` carries them, and a file already
lost when the backup is taken is counted in the backups' manifest rather than stopping the backup."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil

import pytest

from zgc_desk.copy_db import copy_database
from zgc_desk.db import close_database, open_database
from zgc_desk.io import backups
from zgc_desk.models import Attachment, database
from zgc_desk.paths import attachments_dir_for, backups_dir_for
from zgc_desk.services import attachments as att
from zgc_desk.services.records import create_record
from zgc_desk.services.transfer import restore_backup

MORNING = dt.datetime(2026, 11, 25, 9, 0, 0)
CODE = "91110108551385082Q"


@pytest.fixture
def attached(db_path, tmp_path):
    firm_id, _ = create_record("firm", {"name": "甲", "credit_code": CODE})
    source = tmp_path / "证书.pdf"
    source.write_bytes(b"%PDF certificate")
    attachment_id, _ = att.add_attachment("firm", firm_id, source)
    return {"firm": firm_id, "attachment": attachment_id, "sha": hashlib.sha256(b"%PDF certificate").hexdigest()}


def test_a_backup_holds_the_files_and_a_restore_puts_them_back(attached, db_path, tmp_path):
    copy = backups.backup_database(database, db_path, "manual", now=MORNING)
    in_backup = attachments_dir_for(copy) / attached["sha"][:2] / attached["sha"]
    assert in_backup.parent.parent == backups_dir_for(db_path) / "attachments"
    assert in_backup.read_bytes() == b"%PDF certificate"
    shutil.rmtree(attachments_dir_for(db_path))  # the live folder lost (a careless clean-up)
    assert [p.problem for p in att.check_attachments()] == ["missing"]
    restore_backup(copy, now=MORNING + dt.timedelta(minutes=5))
    assert att.check_attachments() == []
    assert att.read_attachment(attached["attachment"]) == b"%PDF certificate"


def test_a_file_lost_before_the_backup_is_counted_in_the_manifest(attached, db_path):
    (attachments_dir_for(db_path) / attached["sha"][:2] / attached["sha"]).unlink()
    copy = backups.backup_database(database, db_path, "manual", now=MORNING)
    assert copy.is_file()  # the records are still saved
    manifest = json.loads((backups_dir_for(db_path) / "manifest.json").read_text(encoding="utf-8"))
    assert [(e["file"], e.get("files_missing")) for e in manifest["backups"]] == [(copy.name, 1)]


def test_copy_db_to_another_file_carries_the_files(attached, db_path, tmp_path):
    close_database()
    target = tmp_path / "elsewhere" / "copy.db"
    report = copy_database(str(db_path), str(target))
    assert report.files_missing == []
    stored = attachments_dir_for(target) / attached["sha"][:2] / attached["sha"]
    assert stored.read_bytes() == b"%PDF certificate"
    open_database(target)
    assert att.check_attachments() == [] and Attachment.select().count() == 1


def test_a_second_backup_finds_the_files_there_and_copies_nothing(attached, db_path):
    backups.backup_database(database, db_path, "manual", now=MORNING)
    stored = backups_dir_for(db_path) / "attachments" / attached["sha"][:2] / attached["sha"]
    before = stored.stat().st_mtime_ns, stored.stat().st_ino
    backups.backup_database(database, db_path, "manual", now=MORNING + dt.timedelta(hours=1))
    assert (stored.stat().st_mtime_ns, stored.stat().st_ino) == before
