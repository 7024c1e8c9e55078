"""Backups that survive a damaged database: a copy counts only once it passes ``quick_check``, a
damaged source never rotates a sound copy out, and the user is told which sound backup to restore.
Backups are identified by the manifest's record of their source, not by a file-name prefix."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from zgc_io_helpers import CODE_A, basic_book, patent_row

from zgc_desk.db import close_database, open_database
from zgc_desk.io import backups
from zgc_desk.models import database
from zgc_desk.numbers import make_cn_application
from zgc_desk.services.errors import UserError
from zgc_desk.services.records import create_record
from zgc_desk.services.transfer import import_workbook, list_backups_with_counts, startup_backup

MORNING = dt.datetime(2026, 11, 25, 9, 0, 0)


def _fill(count: int) -> None:
    firm_id, _ = create_record("firm", {"name": "甲", "credit_code": CODE_A})
    rows = [{"firm": firm_id, "application_no": make_cn_application(2015 + i % 10, 1, i), "kind": "invention",
             "title": f"一种芯片{i}" * 8, "filing_date": dt.date(2015, 1, 1), "status": "pending",
             "applicants": "[]", "inventors": "[]", "created_at": MORNING, "updated_at": MORNING}
            for i in range(count)]
    from zgc_desk.models import Patent

    with database.atomic():
        for start in range(0, len(rows), 500):
            Patent.insert_many(rows[start:start + 500]).execute()


def _damage(path, *, offset_pages: int = 6, size: int = 8192) -> None:
    """Overwrite one 8 KB region in the middle of the file (an index or table page)."""
    page = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as fh:
        fh.seek(page * offset_pages)
        fh.write(bytes((i * 37 + 11) % 256 for i in range(size)))


def _sound(path) -> bool:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


@pytest.fixture
def filled_db(tmp_path):
    path = open_database(tmp_path / "port.db")
    _fill(1500)
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    yield path
    close_database()


def test_a_damaged_database_keeps_every_sound_backup_through_ten_imports_and_ten_starts(filled_db, tmp_path,
                                                                                        english):
    good = [backups.backup_database(database, filled_db, "manual", keep=3, now=MORNING + dt.timedelta(days=d))
            for d in range(3)]
    close_database()
    _damage(filled_db)
    book = basic_book(tmp_path / "in.xlsx", patent_row(code=CODE_A, number=make_cn_application(2024, 1, 7)))
    told = []
    for attempt in range(10):
        open_database(filled_db, migrate=False)
        with pytest.raises(UserError) as refused:
            import_workbook(book, now=MORNING + dt.timedelta(days=5, minutes=attempt))
        told.append(str(refused.value))
        with pytest.raises(backups.DamagedDatabase) as start:
            startup_backup(MORNING + dt.timedelta(days=10 + attempt))
        told.append(str(start.value))
        close_database()
    assert all(path.exists() and _sound(path) for path in good)
    assert all("damaged" in line and good[-1].name in line for line in told)
    assert sorted(p.name for p in (filled_db.parent / "backups").glob("*.db")) == sorted(p.name for p in good)
    assert not [p for p in (filled_db.parent / "backups").iterdir() if "part" in p.name]
    open_database(filled_db, migrate=False)
    assert backups.newest_sound_backup(filled_db).path == good[-1]


def test_the_command_line_says_the_database_is_damaged_and_names_the_sound_backup(filled_db, tmp_path, cli):
    good = backups.backup_database(database, filled_db, "manual", now=MORNING)
    close_database()
    _damage(filled_db)
    book = basic_book(tmp_path / "in.xlsx", patent_row(code=CODE_A, number=make_cn_application(2024, 1, 7)))
    result = cli("--lang", "en", "import", book, "--db", filled_db)
    assert result.returncode == 1
    assert "damaged" in result.stderr and good.name in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert _sound(good)


def test_a_sound_copy_is_recorded_as_checked(filled_db):
    copy = backups.backup_database(database, filled_db, "manual", now=MORNING)
    manifest = json.loads((copy.parent / backups.MANIFEST).read_text(encoding="utf-8"))
    (entry,) = manifest["backups"]
    assert entry["file"] == copy.name and entry["check"] == "ok"
    assert entry["source"] == backups.source_key(filled_db)


# ---- which copies belong to which database ------------------------------------------------------

def _open_with_a_firm(path):
    open_database(path)
    create_record("firm", {"name": "甲", "credit_code": CODE_A})
    return path


def test_pruning_one_database_never_touches_another_whose_name_starts_alike(tmp_path):
    other = _open_with_a_firm(tmp_path / "client-2024.db")
    theirs = [backups.backup_database(database, other, "manual", keep=5, now=MORNING + dt.timedelta(days=d))
              for d in range(3)]
    close_database()
    mine = _open_with_a_firm(tmp_path / "client.db")
    for day in range(6):
        backups.backup_database(database, mine, "manual", keep=2, now=MORNING + dt.timedelta(days=day))
    assert len(backups.list_backups(mine)) == 2
    assert all(path.exists() for path in theirs)
    assert backups.list_backups(other) == theirs[::-1]
    close_database()


def test_brackets_in_the_name_are_listed_rotated_and_offered(tmp_path):
    path = _open_with_a_firm(tmp_path / "公司[2024].db")
    for day in range(4):
        backups.backup_database(database, path, "manual", keep=3, now=MORNING + dt.timedelta(days=day))
    listed = list_backups_with_counts()
    assert [info.taken_at.day for info in listed] == [28, 27, 26]
    assert all(info.readable and info.counts["firm"] == 1 for info in listed)
    close_database()


def test_copies_made_in_the_same_second_keep_their_order(filled_db):
    made = [backups.backup_database(database, filled_db, reason, now=MORNING)
            for reason in ("manual", "before-import", "manual", "daily")]
    assert backups.list_backups(filled_db) == made[::-1]
    assert len(set(made)) == 4


def test_copies_from_before_the_manifest_are_taken_in_once_by_their_exact_name(filled_db):
    folder = filled_db.parent / "backups"
    copy = backups.backup_database(database, filled_db, "manual", now=MORNING)
    (folder / backups.MANIFEST).unlink()
    stranger = folder / "port-2024-20261125-090000-manual.db"  # another database's, older program
    stranger.write_bytes(copy.read_bytes())
    assert backups.list_backups(filled_db) == [copy]
    assert [info.reason for info in list_backups_with_counts()] == ["manual"]


def test_a_copy_damaged_later_does_not_count_towards_the_number_kept(filled_db):
    first = backups.backup_database(database, filled_db, "manual", keep=2, now=MORNING)
    second = backups.backup_database(database, filled_db, "manual", keep=2, now=MORNING + dt.timedelta(days=1))
    manifest = first.parent / backups.MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    for entry in data["backups"]:
        if entry["file"] == second.name:
            entry["check"] = "*** in database main *** Page 7: btreeInitPage() returns error code 11"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    third = backups.backup_database(database, filled_db, "manual", keep=2, now=MORNING + dt.timedelta(days=2))
    assert first.exists() and third.exists()  # two sound copies kept


def test_leftover_partial_copies_are_removed(filled_db):
    folder = filled_db.parent / "backups"
    folder.mkdir(exist_ok=True)
    (folder / "port-20261125-090000-daily.db.part").write_bytes(b"half")
    (folder / "port-20261125-090000-daily.db.part-journal").write_bytes(b"half")
    assert backups.clean_partial_copies(filled_db) == []  # may be another program's copy under way
    removed = backups.clean_partial_copies(filled_db, older_than_s=-10)
    assert len(removed) == 2 and not list(folder.iterdir())


def test_an_unwritable_backups_folder_refuses_the_import_plainly(filled_db, tmp_path, english):
    folder = filled_db.parent / "backups"
    folder.write_text("a file where the folder should be")
    book = basic_book(tmp_path / "in.xlsx", patent_row(code=CODE_A, number=make_cn_application(2024, 1, 7)))
    with pytest.raises(UserError, match="No backup could be written"):
        import_workbook(book, now=MORNING)
