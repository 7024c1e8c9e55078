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
record as before.

On PostgreSQL the change must become visible with the writer's data and not before: a list that
read the new version before the writer committed would trust facts it read without the write. So
each watched table has a deferred constraint trigger, run at commit, which changes the version once
per transaction (also keeping the version row locked only for the moment of the commit, so that
writers do not queue behind a long import). The functions are ``SECURITY DEFINER``: a clerk's role
granted its rights before the version table existed may still write and read it. They are installed
by whoever brings the schema up to date, as the undo log's triggers are (a role that may not create
in the schema leaves them to the owner, and its lists check every record meanwhile).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from contextlib import contextmanager, suppress

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
    """Create the version's table and triggers where missing, changing the version when anything
    was created; True when something was. PostgreSQL: raises the database's error for a role that
    may not create in the schema (see ``install_if_allowed``)."""
    if not _is_sqlite(db):
        return _install_pg(db)
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
            _create_trigger(db, name)
        # whatever was written while a trigger was missing is not known to have been seen
        db.execute_sql(f"UPDATE {TABLE} SET version = random() WHERE id = 1")
    log.info("data version triggers installed: %s", ", ".join(missing))
    return True


def _create_trigger(db, name: str) -> None:
    table, event = name.removeprefix(TRIGGER_PREFIX).rsplit("_", 1)
    db.execute_sql(f'CREATE TRIGGER IF NOT EXISTS "{name}" AFTER {event.upper()} ON "{table}" '
                   f"BEGIN UPDATE {TABLE} SET version = random() WHERE id = 1; END")


@contextmanager
def changed_once(db, tables: Iterable[str]):
    """A bulk write to ``tables`` inside the caller's transaction changes the version once, at its
    end, instead of once per row (SQLite).

    The row triggers cost two thirds of inserting 100,000 patents (3.0 s against 1.1 s without), so
    for an import they are dropped and created again within the same transaction: SQLite's schema
    changes are transactional, so no other connection ever sees them missing — it sees the data and
    triggers before the import or after — and a rollback (an error, a crash) brings them back with
    the data. PostgreSQL's deferred trigger already changes it once per transaction."""
    if not _is_sqlite(db) or not db.in_transaction():
        yield
        return
    tables = set(tables)
    dropped = sorted(name for name in _triggers(db) & _NAMES
                     if name.removeprefix(TRIGGER_PREFIX).rsplit("_", 1)[0] in tables)
    for name in dropped:
        db.execute_sql(f'DROP TRIGGER "{name}"')
    written_before = db.connection().total_changes  # rows written: a write that changed nothing keeps the version
    try:
        yield
    except BaseException:
        with suppress(Exception):  # the rollback brings them back; this is for a caller that commits anyway
            _put_back(db, dropped, written_before)
        raise
    _put_back(db, dropped, written_before)


def _put_back(db, dropped: list[str], written_before: int) -> None:
    for name in dropped:
        _create_trigger(db, name)
    if dropped and db.connection().total_changes != written_before:
        db.execute_sql(f"UPDATE {TABLE} SET version = random() WHERE id = 1")


def current(db=None) -> int | None:
    """The data version now, or None when it cannot be trusted (a trigger missing)."""
    if db is None:
        from zgc_desk.models import database as db
    if not _is_sqlite(db):
        return _current_pg(db)
    try:
        if _triggers(db) != _NAMES:
            return None
        row = db.execute_sql(f"SELECT version FROM {TABLE} WHERE id = 1").fetchone()
    except Exception:  # noqa: BLE001 - no such table (an old file opened without migrating): not trusted
        return None
    return None if row is None else row[0]


# ---- PostgreSQL --------------------------------------------------------------------------------

PG_TRIGGER = "zgc_version"  # the deferred row trigger on each watched table
PG_TRUNCATE_TRIGGER = "zgc_version_truncate"  # TRUNCATE has no row trigger: a statement one
PG_BUMP = "zgc_data_version_bump"
PG_READ = "zgc_data_version_now"
_PG_SETTING = "zgc.version_bumped"  # the transaction that changed the version already

# A random 64-bit value (random() alone gives 53 bits), at most once per transaction.
_PG_RANDOM = "('x' || substr(md5(random()::text || clock_timestamp()::text), 1, 16))::bit(64)::bigint"
_PG_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION {PG_BUMP}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $body$
BEGIN
    IF current_setting('{_PG_SETTING}', true) IS DISTINCT FROM txid_current()::text THEN
        -- an upsert: a version row someone deleted comes back with the next write
        INSERT INTO {TABLE} (id, version) VALUES (1, {_PG_RANDOM}) ON CONFLICT (id) DO UPDATE
            SET version = EXCLUDED.version;
        PERFORM set_config('{_PG_SETTING}', txid_current()::text, true);
    END IF;
    RETURN NULL;
END
$body$;
CREATE OR REPLACE FUNCTION {PG_READ}() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER
SET search_path FROM CURRENT AS $body$ SELECT version FROM {TABLE} WHERE id = 1 $body$;
"""


def _pg_rows(db, sql: str, params=()) -> list[tuple]:
    return db.execute_sql(sql, params).fetchall()


def _pg_triggered(db) -> dict[str, set[str]]:
    """The version triggers in place: table -> trigger names (the schema's catalogue, readable by any role)."""
    found: dict[str, set[str]] = {}
    for table, trigger in _pg_rows(
            db, "SELECT cl.relname, t.tgname FROM pg_trigger t JOIN pg_class cl ON cl.oid = t.tgrelid "
                "JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = current_schema() "
                "AND t.tgname IN (%s, %s)", (PG_TRIGGER, PG_TRUNCATE_TRIGGER)):
        found.setdefault(table, set()).add(trigger)
    return found


_PG_BOTH = {PG_TRIGGER, PG_TRUNCATE_TRIGGER}


def _pg_functions_in_place(db) -> bool:
    return len(_pg_rows(db, "SELECT DISTINCT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                            "WHERE n.nspname = current_schema() AND p.proname IN (%s, %s)", (PG_BUMP, PG_READ))) == 2


def _install_pg(db) -> bool:
    tables = {name for (name,) in _pg_rows(
        db, "SELECT cl.relname FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace "
            "WHERE n.nspname = current_schema() AND cl.relkind = 'r'")}
    if not set(WATCHED) <= tables:
        return False  # a schema older than these tables
    triggered = _pg_triggered(db)
    missing = [table for table in WATCHED if triggered.get(table, set()) != _PG_BOTH]
    if TABLE in tables and not missing and _pg_functions_in_place(db):
        return False
    with db.atomic():
        db.execute_sql(f"CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), "
                       "version BIGINT NOT NULL)")
        db.execute_sql(f"INSERT INTO {TABLE} (id, version) VALUES (1, {_PG_RANDOM}) ON CONFLICT (id) DO NOTHING")
        db.execute_sql(_PG_FUNCTIONS)
        for table in missing:
            quoted = '"' + table.replace('"', '""') + '"'
            db.execute_sql(f"DROP TRIGGER IF EXISTS {PG_TRIGGER} ON {quoted}")
            db.execute_sql(f"DROP TRIGGER IF EXISTS {PG_TRUNCATE_TRIGGER} ON {quoted}")
            db.execute_sql(f"CREATE CONSTRAINT TRIGGER {PG_TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON {quoted} "
                           f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {PG_BUMP}()")
            db.execute_sql(f"CREATE TRIGGER {PG_TRUNCATE_TRIGGER} AFTER TRUNCATE ON {quoted} "
                           f"FOR EACH STATEMENT EXECUTE FUNCTION {PG_BUMP}()")
        # whatever was written while a trigger was missing is not known to have been seen
        db.execute_sql(f"UPDATE {TABLE} SET version = {_PG_RANDOM} WHERE id = 1")
    log.info("data version triggers installed on %s", ", ".join(missing) or "(functions only)")
    return True


def install_if_allowed(db) -> None:
    """``install``, leaving it to the schema's owner when this role may not create in the schema."""
    from zgc_desk.migrations.undo_triggers_pg import is_insufficient_privilege

    try:
        install(db)
    except Exception as exc:
        if not is_insufficient_privilege(exc):
            raise
        log.info("data version not installed: this role may not create in the schema (%s)", exc)


def _current_pg(db) -> int | None:
    triggered = _pg_triggered(db)
    if any(triggered.get(table, set()) != _PG_BOTH for table in WATCHED) or not _pg_functions_in_place(db):
        return None
    row = db.execute_sql(f"SELECT {PG_READ}()").fetchone()
    return None if row is None else row[0]
