"""Schema 9: ZGC Desk's mark in the file header (``PRAGMA application_id``).

``zgc_desk.db`` opens for writing only a file that is empty, carries this mark, or is an older ZGC Desk
database (recognised by its ``schema_migration`` rows): another program's SQLite file is never
migrated or switched to WAL. New databases get the mark here too, as every migration runs on them.
No table changes, so schema 8's representative rows serve. Nothing to do on PostgreSQL.
"""

import importlib

VERSION = 9
NAME = "application_id"
APPLICATION_ID = 0x5A474344  # "ZGCD"; zgc_desk.db.APPLICATION_ID must stay the same number


def upgrade(db):
    from zgc_desk.db import is_sqlite

    if is_sqlite(db):  # a file header field; a server database is named by its address instead
        db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def seed(db):
    importlib.import_module("zgc_desk.migrations.0008_undo_log").seed(db)
