"""Schema 10: keep-or-drop decisions on patents, overseas filings and trademarks.

``drop_from`` is the day from which the firm stops paying the right's fees (it will let it lapse, or
abandon it), ``drop_reason`` why. Fees due from that day on are no longer reminded, and the forecast
shows the portfolio with and without the decisions (``zgc_desk.services.decisions``).
``ALTER TABLE ... ADD COLUMN`` is the same statement on SQLite and PostgreSQL and rewrites nothing.
"""

import importlib

VERSION = 10
NAME = "drop_decisions"

TABLES = ("patent", "overseas_filing", "trademark")


def upgrade(db):
    for table in TABLES:
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "drop_from" DATE')
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "drop_reason" VARCHAR(255) NOT NULL DEFAULT \'\'')


def seed(db):
    """Schema 9's rows serve: no decision taken yet."""
    importlib.import_module("zgc_desk.migrations.0009_application_id").seed(db)
