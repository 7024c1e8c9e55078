"""Opening the database: late binding of the path, pragmas, automatic migrations with a backup.

``open_database(path)`` is called once at start-up by a front end (CLI or window) — never at import.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee

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


class DatabaseError(Exception):
    """The file cannot be used as a ZGC Desk database (message in plain words)."""


def open_database(path: str | Path, *, migrate: bool = True) -> Path:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date."""
    from zgc_desk.i18n import _
    from zgc_desk.migrations import upgrade

    path = Path(path).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not path.is_file():  # a folder, or a FIFO that would block the open for ever
        raise DatabaseError(_("{path} is not a regular file; a database is a file").format(path=path))
    if path.exists() and path.stat().st_size > 0:
        _check_is_sqlite(path)
        check_is_ours(path)
    if not database.is_closed():
        database.close()
    database.init(str(path), pragmas=PRAGMAS)
    _clean_leftovers(path)
    try:
        database.connect()
        if migrate:
            upgrade(database, path)
    except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:
        database.close()
        raise DatabaseError(_("{path} is not a usable database: {problem}").format(path=path, problem=exc)) from exc
    except OSError as exc:  # e.g. a folder that cannot be written (the -wal and -shm files go beside it)
        database.close()
        raise DatabaseError(_("{path} cannot be opened ({problem}); check that its folder can be written")
                            .format(path=path, problem=exc.strerror or exc)) from exc
    return path


def _check_is_sqlite(path: Path) -> None:
    from zgc_desk.i18n import _

    with open(path, "rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise DatabaseError(_("{path} is not a ZGC Desk database (not an SQLite file)").format(path=path))


def _clean_leftovers(path: Path) -> None:
    """Half-written backups and outputs a killed run left behind (never those being written now)."""
    from zgc_desk.io.atomic import clean_leftovers
    from zgc_desk.io.backups import clean_partial_copies

    clean_leftovers()
    clean_partial_copies(path)


APPLICATION_ID = 0x5A474344  # "ZGCD" in PRAGMA application_id: set by migration 0003


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


def close_database() -> None:
    if not database.is_closed():
        database.close()


def database_path() -> Path | None:
    return Path(database.database) if database.database else None
