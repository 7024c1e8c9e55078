"""Schema 4: a row version on every record, so that two people saving the same record cannot
overwrite each other unknowingly (optimistic locking: a save names the version it read, and the
database refuses it when the record has moved on). Existing records start at version 1.

``ALTER TABLE ... ADD COLUMN`` with a constant default is the same statement on SQLite and PostgreSQL
and rewrites nothing on either."""

import importlib

VERSION = 4
NAME = "row_versions"

TABLES = ("firm", "patent", "pct_application", "overseas_filing", "trademark", "subsidy_claim")


def upgrade(db):
    for table in TABLES:
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "row_version" INTEGER NOT NULL DEFAULT 1')


def seed(db):
    """The columns of schema 1 plus the versions, which take their default: schema 1's rows serve."""
    importlib.import_module("zgc_desk.migrations.0001_initial").seed(db)
