"""Backups: consistent single-file copies, at most one start-up copy a day, the number kept from the
settings, the list with dates and record counts, and a restore that backs up the current file first."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from zgc_io_helpers import CODE_A, CODE_B, dump_tables

from zgc_desk.io import backups
from zgc_desk.models import Firm, Patent, database
from zgc_desk.services.errors import UserError
from zgc_desk.services.records import create_record
from zgc_desk.services.settings import set_setting
from zgc_desk.services.transfer import (
    backups_kept,
    list_backups_with_counts,
    restore_backup,
    startup_backup,
)

MORNING = dt.datetime(2026, 11, 25, 9, 0, 0)


@pytest.fixture
def firm_db(db_path):
    firm_id, _ = create_record("firm", {"name": "甲", "credit_code": CODE_A})
    create_record("patent", {"application_no": "202110344405.7", "kind": "invention", "title": "芯片",
                             "filing_date": dt.date(2021, 3, 31)}, firm_id=firm_id)
    return db_path


def test_backup_is_a_single_sound_file(firm_db):
    copy = backups.backup_database(database, firm_db, "manual", now=MORNING)
    assert copy.name == "test-20261125-090000-manual.db"
    assert not copy.with_name(copy.name + "-wal").exists()
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT COUNT(*) FROM patent").fetchone()[0] == 1
    conn.close()


def test_startup_backup_at_most_once_a_day(firm_db):
    first = startup_backup(MORNING)
    assert first is not None and first.exists()
    assert startup_backup(MORNING + dt.timedelta(hours=5)) is None
    backups.backup_database(database, firm_db, "before-import", now=MORNING + dt.timedelta(hours=1))
    assert startup_backup(MORNING + dt.timedelta(hours=6)) is None  # other backups do not count
    assert startup_backup(MORNING + dt.timedelta(days=1)) is not None


def test_no_startup_backup_of_an_empty_database(db_path):
    assert startup_backup(MORNING) is None


def test_number_kept_comes_from_the_settings(firm_db):
    assert backups_kept() == 10
    set_setting("backups_kept", 3)
    for day in range(6):
        startup_backup(MORNING + dt.timedelta(days=day))
    names = [info.path.name for info in list_backups_with_counts()]
    assert names == [f"test-202611{25 + day}-090000-daily.db" for day in (5, 4, 3)]
    set_setting("backups_kept", "nonsense")
    assert backups_kept() == 10


def test_list_with_dates_reasons_and_counts(firm_db):
    backups.backup_database(database, firm_db, "before-import", now=MORNING)
    create_record("firm", {"name": "乙", "credit_code": CODE_B})
    backups.backup_database(database, firm_db, "manual", now=MORNING + dt.timedelta(minutes=1))
    newest, oldest = list_backups_with_counts()
    assert (newest.taken_at, newest.reason, newest.counts["firm"]) == (MORNING + dt.timedelta(minutes=1), "manual", 2)
    assert (oldest.taken_at, oldest.reason) == (MORNING, "before-import")
    assert oldest.counts == {"firm": 1, "patent": 1, "pct": 0, "overseas": 0, "trademark": 0}
    assert oldest.readable and oldest.size > 0


def test_a_damaged_backup_is_listed_as_unreadable(firm_db):
    copy = backups.backup_database(database, firm_db, "manual", now=MORNING)
    copy.write_bytes(b"garbage" * 100)
    (info,) = list_backups_with_counts()
    assert not info.readable and info.counts == {}


def _data(tables: dict) -> dict:
    """The tables without the undo history (which a restore clears: its steps were on other data)."""
    return {table: rows for table, rows in tables.items() if table not in ("undo_op", "undo_row")}


def test_restore_replaces_the_data_after_backing_up_the_current_file(firm_db):
    copy = backups.backup_database(database, firm_db, "manual", now=MORNING)
    old_state = dump_tables(firm_db)
    create_record("firm", {"name": "乙", "credit_code": CODE_B})
    Patent.delete().execute()
    changed_state = dump_tables(firm_db)
    safety = restore_backup(copy, now=MORNING + dt.timedelta(hours=1))
    restored = dump_tables(firm_db)
    assert restored["undo_op"] == [] and restored["undo_row"] == []  # a restore ends undo
    assert _data(restored) == _data(old_state)
    assert Firm.select().count() == 1 and Patent.select().count() == 1  # the open connection sees it
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert "before-restore" in safety.name
    conn = sqlite3.connect(safety)
    assert conn.execute("SELECT COUNT(*) FROM firm").fetchone()[0] == 2
    conn.close()
    # ... and the safety copy restores what was there before the restore.
    restore_backup(safety)
    assert _data(dump_tables(firm_db)) == _data(changed_state)


def test_restoring_the_oldest_backup_when_the_list_is_full(firm_db):
    set_setting("backups_kept", 2)
    oldest = backups.backup_database(database, firm_db, "manual", keep=2, now=MORNING)
    backups.backup_database(database, firm_db, "manual", keep=2, now=MORNING + dt.timedelta(minutes=1))
    Patent.delete().execute()
    restore_backup(oldest, now=MORNING + dt.timedelta(minutes=2))
    assert Patent.select().count() == 1


@pytest.mark.parametrize("content", [b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 200])
def test_restore_refuses_what_is_not_a_sound_backup(firm_db, tmp_path, content):
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    before = dump_tables(firm_db)
    with pytest.raises(UserError):
        restore_backup(bad)
    assert dump_tables(firm_db) == before
    assert not list(backups.list_backups(firm_db))  # nothing done, not even the safety copy


def test_restore_refuses_a_database_of_another_program(firm_db, tmp_path, english):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="not a ZGC Desk database"):
        restore_backup(other)


def test_restore_refuses_a_newer_schema(firm_db, tmp_path, english):
    copy = backups.backup_database(database, firm_db, "manual", now=MORNING)
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="newer"):
        restore_backup(copy)
