"""Schema 14: the date an examination request was filed (实审请求日, ``exam_requested_on``).

Patent Law (2020) Art. 35 ¶1: an invention application whose applicant does not request substantive
examination within 3 years of filing (priority) is deemed withdrawn. The deadline is done only when
this date is recorded (issue 14 item 4); empty for every existing patent (nothing recorded it before).

``ALTER TABLE ... ADD COLUMN`` without a default is the same statement on SQLite and PostgreSQL and
rewrites nothing.
"""

import importlib

VERSION = 14
NAME = "exam_request"

COLUMNS = (
    ("patent", "exam_requested_on", "DATE"),
)


def upgrade(db):
    for table, column, kind in COLUMNS:
        db.execute_sql(f"ALTER TABLE \"{table}\" ADD COLUMN \"{column}\" {kind}")


def seed(db):
    """Schema 13's rows serve: the new column is empty."""
    importlib.import_module("zgc_desk.migrations.0013_payments").seed(db)
