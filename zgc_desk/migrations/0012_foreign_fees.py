"""Schema 12: what the fees that keep foreign rights alive are computed from.

Overseas filings get the entity size the USPTO's fees depend on (``entity_size``: large / small /
micro, empty when not recorded), the validation states of a granted European patent
(``validation_states``, "DE; FR; GB"), the annual-fee year paid through (``annuity_paid_through``)
and a user-entered next due date (``next_due_date``) for offices whose rule is not in the data.
Trademarks get the Madrid international registration date (``madrid_date``, the contract's 国际注册日)
and the end of the international registration's current term (``madrid_expiry``, derived when empty).
Patents and PCT applications record that restoration of a late priority claim was requested
(``priority_restoration``: Implementing Regulations 2023 Art. 36, PCT Rule 26bis.3).

``ALTER TABLE ... ADD COLUMN`` with a constant default (or none) is the same statement on SQLite and
PostgreSQL and rewrites nothing; existing records get empty values.
"""

import importlib

VERSION = 12
NAME = "foreign_fees"

COLUMNS = (
    ("overseas_filing", "entity_size", "VARCHAR(255) NOT NULL DEFAULT ''"),
    ("overseas_filing", "validation_states", "TEXT NOT NULL DEFAULT ''"),
    ("overseas_filing", "annuity_paid_through", "INTEGER"),
    ("overseas_filing", "next_due_date", "DATE"),
    ("trademark", "madrid_date", "DATE"),
    ("trademark", "madrid_expiry", "DATE"),
    ("patent", "priority_restoration", "BOOLEAN NOT NULL DEFAULT FALSE"),
    ("pct_application", "priority_restoration", "BOOLEAN NOT NULL DEFAULT FALSE"),
)


def upgrade(db):
    for table, column, kind in COLUMNS:
        db.execute_sql(f"ALTER TABLE \"{table}\" ADD COLUMN \"{column}\" {kind}")


def seed(db):
    """Schema 11's rows serve: the new columns take their defaults."""
    importlib.import_module("zgc_desk.migrations.0011_attachments").seed(db)
