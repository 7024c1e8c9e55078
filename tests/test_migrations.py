"""Upgrading from every earlier schema version loses nothing (docs/development.md, practice 9)."""

import sqlite3

import pytest
from peewee import SqliteDatabase

from zgc_desk.db import PRAGMAS, DatabaseError, close_database, open_database
from zgc_desk.io.backups import list_backups
from zgc_desk.migrations import current_version, latest_version, migration_modules, upgrade


def table_counts(path):
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                            "AND name NOT LIKE 'sqlite_%' AND name != 'schema_migration'")]
        return {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


@pytest.mark.parametrize("version", range(1, latest_version() + 1))
def test_upgrade_from_every_version_keeps_every_row(tmp_path, version):
    path = tmp_path / f"v{version}.db"
    old = SqliteDatabase(str(path), pragmas=PRAGMAS)
    upgrade(old, target=version)
    module = migration_modules()[version - 1]
    module.seed(old)
    old.close()
    before = table_counts(path)
    assert all(before[t] > 0 for t in before if t != "sqlite_sequence"), before

    open_database(path)
    close_database()
    after = table_counts(path)
    for table, count in before.items():
        assert after[table] == count, table
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    con.close()
    if version < latest_version():
        assert list_backups(path), "a backup is taken before migrating a database with data"


def test_a_fresh_database_is_at_the_latest_version_with_foreign_keys_and_wal(db_path):
    from zgc_desk.models import database

    assert current_version(database) == latest_version()
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_database_from_a_newer_program_is_refused(tmp_path):
    path = tmp_path / "future.db"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {latest_version() + 1}")
    con.execute("PRAGMA application_id = 1514619716")  # ZGC Desk's mark: a newer ZGC Desk wrote it
    con.execute("CREATE TABLE x (a)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match=str(latest_version() + 1)):
        open_database(path)


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not a database", encoding="utf-8")
    with pytest.raises(DatabaseError):
        open_database(path)
    assert path.read_text(encoding="utf-8") == "not a database"


def test_upgrade_keeps_links_between_records(tmp_path):
    path = tmp_path / "v1.db"
    old = SqliteDatabase(str(path), pragmas=PRAGMAS)
    upgrade(old, target=1)
    migration_modules()[0].seed(old)
    old.close()
    open_database(path)
    from zgc_desk.models import OverseasFiling, PCTApplication, database

    pct = PCTApplication.get()
    assert pct.cn_priority.application_no == "202110344405.7"
    assert OverseasFiling.get().pct_id == pct.id
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    close_database()


def test_ids_of_deleted_records_are_never_reused(db_path):
    from zgc_desk import services

    firm_id, _ = services.create_record("firm", {"name": "甲", "credit_code": "91110108551385082Q"})
    first, _ = services.create_record("patent", {"application_no": "202110344405.7", "kind": "invention",
                                                 "title": "x", "filing_date": "2021-03-05"}, firm_id=firm_id)
    services.delete_record("patent", first)
    second, _ = services.create_record("patent", {"application_no": "202110144836.9", "kind": "invention",
                                                  "title": "y", "filing_date": "2021-02-01"}, firm_id=firm_id)
    assert second != first
    services.undo()  # the creation of the second
    services.undo()  # the delete of the first: it comes back with its id
    assert services.get_record("patent", first).application_no == "202110344405.7"
    # undo takes back the change-log entries too (leaving its own), and the two histories never mix
    assert [h["action"] for h in services.history("patent", first)] == ["create", "undo"]
    assert [h["action"] for h in services.history("patent", second)] == ["undo"]
