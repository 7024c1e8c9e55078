"""Opening the database: late binding of the target, pragmas, automatic migrations with a backup.

``open_database(target)`` is called once at start-up by a front end (CLI or window) — never at
import. The target is a SQLite file path (the default, one clerk) or a PostgreSQL server address
``postgresql://USER@HOST[:PORT]/DBNAME`` (a portfolio shared by several people); the same models,
services and migrations serve both.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import peewee
from peewee import OperationalError, SqliteDatabase

from zgc_desk.db_url import is_server_address
from zgc_desk.models import database

# WAL lets the window read while a background task writes; synchronous=FULL makes a committed
# transaction survive a power cut, which matters more here than write speed.
PRAGMAS = {
    "foreign_keys": 1,
    "journal_mode": "wal",
    "synchronous": "full",
    "busy_timeout": 5000,
    "cache_size": -32000,
}


IDS_PER_QUERY = 500  # bound parameters of one IN (...): within SQLite's oldest limit (999) and PostgreSQL's


def id_chunks(ids) -> list[list]:
    """``ids`` sorted, in lists of at most ``IDS_PER_QUERY``: one ``IN (...)`` query each."""
    ordered = sorted(ids)
    return [ordered[at:at + IDS_PER_QUERY] for at in range(0, len(ordered), IDS_PER_QUERY)]


SQLITE_MAX_PATH = 512  # bytes of a file's full path SQLite opens (SQLITE_MAX_PATHNAME), the journal's included


class DatabaseError(Exception):
    """The file or server cannot be used as a ZGC Desk database (message in plain words)."""


def open_database(target: str | Path, *, migrate: bool = True) -> Path | str:
    """Open (creating if needed) the database named by ``target`` and bring its schema up to date.

    Returns the resolved file path for SQLite, the address (without password) for a server."""
    close_database()
    if is_server_address(target):
        from zgc_desk.pgsql import open_server

        return open_server(target, migrate=migrate)
    return _open_sqlite(Path(target), migrate=migrate)


def _open_sqlite(path: Path, *, migrate: bool) -> Path:
    path = path.expanduser().resolve()
    db = _sqlite_database(path)
    database.initialize(db)
    _connect_sqlite(db, path, migrate)
    return path


def _sqlite_database(path: Path) -> SqliteDatabase:
    from zgc_desk.i18n import _

    too_long = len(os.fsencode(str(path))) + len("-journal")  # SQLite also opens the journal beside it
    if too_long > SQLITE_MAX_PATH:
        raise DatabaseError(_("{path}: the path is too long for SQLite ({length} bytes; at most {limit}). Move the "
                              "database to a folder with a shorter path.").format(
            path=path, length=len(os.fsencode(str(path))), limit=SQLITE_MAX_PATH - len("-journal")))
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not path.is_file():  # a folder, or a FIFO that would block the open for ever
        raise DatabaseError(_("{path} is not a regular file; a database is a file").format(path=path))
    if path.exists() and path.stat().st_size > 0:
        _check_is_sqlite(path)
        check_is_ours(path)
    return SqliteDatabase(str(path), pragmas=PRAGMAS)


def _connect_sqlite(db: SqliteDatabase, path: Path, migrate: bool) -> None:
    from zgc_desk.i18n import _
    from zgc_desk.migrations import upgrade

    try:
        db.connect()
        if migrate:
            upgrade(db, path)
    except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:
        db.close()
        raise DatabaseError(_("{path} is not a usable database: {problem}").format(path=path, problem=exc)) from exc
    except OSError as exc:  # e.g. a folder that cannot be written (the -wal and -shm files go beside it)
        db.close()
        raise DatabaseError(_("{path} cannot be opened ({problem}); check that its folder can be written")
                            .format(path=path, problem=exc.strerror or exc)) from exc


def connect_standalone(target: str | Path, *, create: bool = True):
    """A connection of its own to ``target`` (schema brought up to date), not bound to the models:
    for copying between two databases. ``create=False`` refuses a file that does not exist."""
    from zgc_desk.i18n import _

    if is_server_address(target):
        from zgc_desk.pgsql import connect_server

        return connect_server(str(target))
    path = Path(target).expanduser().resolve()
    if not create and not path.is_file():
        raise DatabaseError(_("The database file {path} does not exist").format(path=path))
    db = _sqlite_database(path)
    _connect_sqlite(db, path, migrate=True)
    return db


def same_target(first: str | Path, second: str | Path) -> bool:
    if is_server_address(first) or is_server_address(second):
        return str(first).rstrip("/") == str(second).rstrip("/")
    return Path(first).expanduser().resolve() == Path(second).expanduser().resolve()


def _check_is_sqlite(path: Path) -> None:
    from zgc_desk.i18n import _

    with open(path, "rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise DatabaseError(_("{path} is not a ZGC Desk database (not an SQLite file)").format(path=path))


APPLICATION_ID = 0x5A474344  # "ZGCD" in PRAGMA application_id: set by migration 0009


def check_is_ours(path: Path) -> None:
    """Refuse a SQLite file of another program before anything writes to it (no WAL switch, no
    tables added): only an empty database, one with our application id, or an older ZGC Desk
    database (its ``schema_migration`` rows name our migrations) is opened."""
    from zgc_desk.i18n import _

    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            ours = app_id == APPLICATION_ID or (app_id == 0 and _older_zgc_database(conn, tables))
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise DatabaseError(_("{path} is not a usable database: {problem}").format(path=path, problem=exc)) from None
    if version < 0:
        raise DatabaseError(_("{path} has an impossible schema version ({version}); it is damaged or was changed "
                              "by another program. Restore a backup.").format(path=path, version=version))
    if ours or (app_id == 0 and not tables):
        return
    raise DatabaseError(_("{path} is the database of another program, not of ZGC Desk; it was left unchanged. "
                          "Choose a ZGC Desk database or a new file name.").format(path=path))


def _older_zgc_database(conn: sqlite3.Connection, tables: set[str]) -> bool:
    if "schema_migration" not in tables or "firm" not in tables:
        return False
    from zgc_desk.migrations import migration_modules

    names = {module.VERSION: module.NAME for module in migration_modules()}
    rows = conn.execute("SELECT version, name FROM schema_migration ORDER BY version").fetchall()
    return bool(rows) and rows[0][0] == 1 and all(names.get(version, name) == name for version, name in rows)


# SQLSTATEs a server uses to say "the same work may succeed if simply tried again".
_RETRYABLE_STATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected
RETRY_ATTEMPTS = 3


def write_transaction():
    """A transaction that will write. On SQLite it takes the write lock up front (BEGIN IMMEDIATE): a
    transaction that read first and then wants to write while another process writes would otherwise
    fail at once with "database is locked" instead of waiting its turn. Nested: a savepoint.
    A connection that may only read is refused here, in plain words, before anything is tried."""
    reason = read_only_reason()
    if reason:
        from zgc_desk.errors import UserError

        raise UserError(reason)
    db = bound_database()
    if isinstance(db, SqliteDatabase):
        return database.atomic(lock_type="IMMEDIATE")
    return database.atomic()


def is_retryable(exc: BaseException) -> bool:
    """A failure caused only by another connection's work at the same moment (retrying may succeed)."""
    for candidate in (exc, exc.__cause__, exc.__context__, *getattr(exc, "args", ())):
        if getattr(candidate, "sqlstate", None) in _RETRYABLE_STATES:
            return True
    return isinstance(exc, sqlite3.OperationalError | OperationalError) and "locked" in str(exc).lower()


def retrying(work):
    """Decorate a service that runs one whole write transaction: a serialization failure or deadlock
    (or a SQLite lock still held after the busy timeout) is retried a bounded number of times, then
    reported in plain words. Inside an enclosing transaction it runs once: the caller owns the retry."""
    import functools

    @functools.wraps(work)
    def run(*args, **kwargs):
        from zgc_desk.errors import UserError
        from zgc_desk.i18n import _

        if database.obj is not None and database.obj.transaction_depth() > 0:
            return work(*args, **kwargs)
        for attempt in range(1, RETRY_ATTEMPTS + 1):
            try:
                return work(*args, **kwargs)
            except Exception as exc:
                if not is_retryable(exc):
                    raise
                if attempt == RETRY_ATTEMPTS:
                    raise UserError(_("Others were saving at the same moment and the change could not be "
                                      "made after {count} tries; nothing was saved. Please try again.")
                                    .format(count=RETRY_ATTEMPTS)) from None
        raise AssertionError("unreachable")

    return run


def read_only_reason() -> str | None:
    """Why the open database may only be read (a server role without the right to change records),
    or None. Browsing, checking and exporting work either way."""
    db = bound_database()
    if db is None or isinstance(db, SqliteDatabase):
        return None
    # kept on the database object itself: an id() can be reused by the next connection object once this
    # one is gone, which handed a read-only role the answer of the clerk connected before it
    if not hasattr(db, "zgc_read_only_reason"):
        from zgc_desk.pgsql import read_only_reason as server_reason

        db.zgc_read_only_reason = server_reason(db)
    return db.zgc_read_only_reason


def connection_user() -> str | None:
    """The server role the open database is used as (each person has their own), None for a file."""
    db = bound_database()
    if db is None or isinstance(db, SqliteDatabase):
        return None
    return (getattr(db, "connect_params", {}) or {}).get("user")


def bound_database():
    """The database the models are bound to now (SqliteDatabase or PostgresqlDatabase), or None."""
    return database.obj


def is_sqlite(db=None) -> bool:
    """Whether ``db`` (default: the open database) is SQLite, for the few places the SQL differs."""
    db = bound_database() if db is None else getattr(db, "obj", db)
    return isinstance(db, SqliteDatabase)


def is_open() -> bool:
    return database.obj is not None and not database.obj.is_closed()


def close_database() -> None:
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


def backup_anchor() -> Path | None:
    """The path the open database's backups are named after, with ``backups/`` beside it: the file
    itself for SQLite; for a server, a name in the user's data folder (``servers/HOST_PORT_DBNAME.db``,
    never a database itself), so each server database has its own series of portable copies."""
    import re

    from zgc_desk.paths import user_data_dir

    db = bound_database()
    if db is None or not db.database:
        return None
    if isinstance(db, SqliteDatabase):
        return Path(db.database)
    params = getattr(db, "connect_params", {}) or {}
    name = f"{params.get('host', 'server')}_{params.get('port', '')}_{db.database}"
    return user_data_dir() / "servers" / (re.sub(r"[^A-Za-z0-9._-]+", "-", name) + ".db")


def database_path() -> Path | None:
    """The SQLite file open now; None when none is open or the database is on a server."""
    db = bound_database()
    return Path(db.database) if isinstance(db, SqliteDatabase) and db.database else None
