"""Opening the database: late binding of the path, pragmas, automatic migrations with a backup.

``open_database(path)`` is called once at start-up by a front end (CLI or window) — never at import.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

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
    if not database.is_closed():
        database.close()
    database.init(str(path), pragmas=PRAGMAS)
    _clean_leftovers(path)
    try:
        database.connect()
        if migrate:
            upgrade(database, path)
    except sqlite3.DatabaseError as exc:
        database.close()
        raise DatabaseError(_("{path} is not a usable database: {problem}").format(path=path, problem=exc)) from exc
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


def close_database() -> None:
    if not database.is_closed():
        database.close()


def database_path() -> Path | None:
    return Path(database.database) if database.database else None
