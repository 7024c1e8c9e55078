"""Schema 3: what a clerk keeps on every record — our reference (我方案号), agency, attorney, notes and
tags — on firms, patents, PCT applications, overseas filings and trademarks.

``ALTER TABLE ... ADD COLUMN`` with a constant default is the same statement on SQLite and
PostgreSQL and rewrites nothing on either; existing records get empty values."""

import importlib

VERSION = 3
NAME = "record_keeping"

TABLES = ("firm", "patent", "pct_application", "overseas_filing", "trademark")
COLUMNS = (("docket_no", "VARCHAR(255)"), ("agency", "VARCHAR(255)"), ("attorney", "VARCHAR(255)"),
           ("notes", "TEXT"), ("tags", "VARCHAR(255)"))


def upgrade(db):
    for table in TABLES:
        for column, kind in COLUMNS:
            db.execute_sql(f"ALTER TABLE \"{table}\" ADD COLUMN \"{column}\" {kind} NOT NULL DEFAULT ''")


def seed(db):
    """Schema 1's rows serve: the new columns take their defaults."""
    importlib.import_module("zgc_desk.migrations.0001_initial").seed(db)
