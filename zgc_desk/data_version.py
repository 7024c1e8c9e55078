"""The portfolio's data version (SQLite): a value that changes with every write to the tables the
deadlines are computed from, so that a list can tell in one query that nothing changed since the
deadline cache was last checked against the facts (``services.deadline_store``), without reading
and fingerprinting 100,000 records first.

Database triggers change it — on every insert, update and delete of a firm, patent, PCT application,
trademark, overseas filing or notice, whoever writes (this program's operations, an import, an undo,
another tool) — to a random 64-bit value, not a count: a restored backup, or a copy edited apart,
can never come back to a value the cache saw with other data.

The triggers are installed (and the version changed) when the database is opened, after the
migrations, whenever any is missing — a later migration that rebuilds a table drops its triggers
on SQLite. ``current`` answers None unless all of them are in place, and the lists then check every
record as before. A PostgreSQL database has none yet: its lists always check every record.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

TABLE = "zgc_data_version"
TRIGGER_PREFIX = "zgc_version_"
# The tables the deadline facts are read from (services.deadlines.load_*_facts, and the notices')
WATCHED = ("firm", "patent", "pct_application", "trademark", "overseas_filing", "notice")
EVENTS = ("INSERT", "UPDATE", "DELETE")
_NAMES = frozenset(f"{TRIGGER_PREFIX}{table}_{event.lower()}" for table in WATCHED for event in EVENTS)


def _is_sqlite(db) -> bool:
    from zgc_desk.db import is_sqlite

    return is_sqlite(db)


def _triggers(db) -> set[str]:
    return {name for (name,) in db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?", (f"{TRIGGER_PREFIX}%",)).fetchall()}


def install(db) -> bool:
    """Create the version's table and triggers where missing (SQLite), changing the version when
    anything was created; True when something was."""
    if not _is_sqlite(db):
        return False
    tables = {name for (name,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
    if not set(WATCHED) <= tables:
        return False  # a schema older than these tables (a migration test's intermediate step)
    missing = sorted(_NAMES - _triggers(db)) if TABLE in tables else sorted(_NAMES)
    if not missing:
        return False
    with db.atomic():
        db.execute_sql(f"CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), "
                       "version INTEGER NOT NULL)")
        db.execute_sql(f"INSERT OR IGNORE INTO {TABLE} (id, version) VALUES (1, random())")
        for name in missing:
            table, event = name.removeprefix(TRIGGER_PREFIX).rsplit("_", 1)
            db.execute_sql(f'CREATE TRIGGER IF NOT EXISTS "{name}" AFTER {event.upper()} ON "{table}" '
                           f"BEGIN UPDATE {TABLE} SET version = random() WHERE id = 1; END")
        # whatever was written while a trigger was missing is not known to have been seen
        db.execute_sql(f"UPDATE {TABLE} SET version = random() WHERE id = 1")
    log.info("data version triggers installed: %s", ", ".join(missing))
    return True


def current(db=None) -> int | None:
    """The data version now, or None when it cannot be trusted (not SQLite, a trigger missing)."""
    if db is None:
        from zgc_desk.models import database as db
    if not _is_sqlite(db):
        return None
    try:
        if _triggers(db) != _NAMES:
            return None
        row = db.execute_sql(f"SELECT version FROM {TABLE} WHERE id = 1").fetchone()
    except Exception:  # noqa: BLE001 - no such table (an old file opened without migrating): not trusted
        return None
    return None if row is None else row[0]
