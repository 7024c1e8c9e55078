"""Schema 2: record ids are never reused (AUTOINCREMENT).

Without it SQLite hands the id of a deleted last record to the next new one; undoing that delete
then collides, and the two records' change-log histories merge. Each table is rebuilt the way the
SQLite manual prescribes (create new, copy, drop, rename) with foreign keys off, then checked.
The columns do not change, so the frozen models of schema 1 still describe the data.
On PostgreSQL there is nothing to do: ids come from sequences, which never hand one out twice.
"""

import importlib
import re

VERSION = 2
NAME = "autoincrement_ids"
DISABLE_FOREIGN_KEYS = True  # the runner turns them off around this migration and checks them after

TABLES = ("firm", "patent", "pct_application", "overseas_filing", "trademark", "change_log", "subsidy_claim")
_PK = re.compile(r'"id" INTEGER NOT NULL PRIMARY KEY(?! AUTOINCREMENT)')


def _rebuild(db, table: str) -> None:
    create_sql = db.execute_sql("SELECT sql FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone()[0]
    if "AUTOINCREMENT" in create_sql:
        return
    new_sql, count = _PK.subn('"id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT', create_sql)
    if count != 1:
        raise RuntimeError(f"unexpected definition of {table}: {create_sql}")
    indexes = [row[0] for row in db.execute_sql(
        "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name=? AND sql IS NOT NULL", (table,))]
    temp = f"{table}__v2"
    db.execute_sql(new_sql.replace(f'CREATE TABLE "{table}"', f'CREATE TABLE "{temp}"', 1))
    db.execute_sql(f'INSERT INTO "{temp}" SELECT * FROM "{table}"')
    db.execute_sql(f'DROP TABLE "{table}"')
    db.execute_sql(f'ALTER TABLE "{temp}" RENAME TO "{table}"')
    for index_sql in indexes:
        db.execute_sql(index_sql)


def upgrade(db):
    from zgc_desk.db import is_sqlite

    if not is_sqlite(db):
        return
    for table in TABLES:
        _rebuild(db, table)


def seed(db):
    """Same columns as schema 1, so schema 1's representative rows serve."""
    importlib.import_module("zgc_desk.migrations.0001_initial").seed(db)
