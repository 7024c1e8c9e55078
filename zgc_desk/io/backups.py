"""Backups through SQLite's online backup API (consistent even while the database is in use).

Copies go to ``backups/`` beside the database, named ``<stem>-YYYYmmdd-HHMMSS-<reason>.db``;
the oldest beyond the number kept are removed. Each copy is a self-contained single file (rollback
journal mode, no ``-wal`` beside it). A restore first checks the copy, takes a backup of the current
file, then copies the backup into the live database through the same API — one write transaction,
so an interruption leaves the current data as it was.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from peewee import SqliteDatabase

from zgc_desk.paths import backups_dir_for

DEFAULT_KEEP = 10
DAILY_REASON = "daily"
# Tables counted in the list of backups, by record kind.
COUNTED_TABLES = {"firm": "firm", "patent": "patent", "pct": "pct_application", "overseas": "overseas_filing",
                  "trademark": "trademark"}


class BackupError(Exception):
    """A backup that cannot be restored (message in plain words)."""


def _raw_connection(db) -> sqlite3.Connection:
    return db.connection()


def backup_database(db, db_path: str | Path, reason: str = "manual", keep: int = DEFAULT_KEEP,
                    now: dt.datetime | None = None) -> Path:
    """Write a consistent copy of the open database ``db`` and prune old copies."""
    db_path = Path(db_path)
    folder = backups_dir_for(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    safe_reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "backup"
    target = folder / f"{db_path.stem}-{stamp}-{safe_reason}.db"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{db_path.stem}-{stamp}-{safe_reason}-{counter}.db"
    partial = target.with_suffix(".db.part")
    if isinstance(getattr(db, "obj", db), SqliteDatabase):
        dest = sqlite3.connect(str(partial))
        try:
            _raw_connection(db).backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, whatever the source used
        finally:
            dest.close()
    else:
        _copy_server_to_file(db, partial)
    partial.replace(target)  # atomic: a half-written copy never looks like a backup
    prune_backups(db_path, keep)
    return target


def _copy_server_to_file(db, partial: Path) -> None:
    """A server database's backup: the program's own portable copy, a SQLite file like every other
    backup (readable, listable and restorable into either kind of database; no pg_dump needed)."""
    from zgc_desk.copy_db import copy_between
    from zgc_desk.db import connect_standalone

    partial.unlink(missing_ok=True)
    dest = connect_standalone(partial)
    try:
        copy_between(getattr(db, "obj", db), dest)
        dest.execute_sql("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()


def list_backups(db_path: str | Path) -> list[Path]:
    """Backups of this database, newest first."""
    db_path = Path(db_path)
    folder = backups_dir_for(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.db"), key=lambda p: p.name, reverse=True)


def prune_backups(db_path: str | Path, keep: int) -> list[Path]:
    removed = []
    for old in list_backups(db_path)[max(keep, 1):]:
        old.unlink(missing_ok=True)
        removed.append(old)
    return removed


# ---- what a backup holds ------------------------------------------------------------------------

@dataclass
class BackupInfo:
    path: Path
    taken_at: dt.datetime | None  # from the file name (local time)
    reason: str
    size: int  # bytes
    counts: dict[str, int] = field(default_factory=dict)  # records per kind
    problem: str = ""  # why it cannot be read; empty when it can

    @property
    def readable(self) -> bool:
        return not self.problem


def _name_parts(path: Path, stem: str) -> tuple[dt.datetime | None, str]:
    match = re.match(rf"^{re.escape(stem)}-(\d{{8}}-\d{{6}})-(.+?)(?:-\d+)?\.db$", path.name)
    if not match:
        return None, ""
    try:
        return dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"), match.group(2)
    except ValueError:
        return None, match.group(2)


def _open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def backup_info(path: Path, stem: str) -> BackupInfo:
    taken_at, reason = _name_parts(path, stem)
    info = BackupInfo(path, taken_at, reason, path.stat().st_size)
    try:
        conn = _open_read_only(path)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            for kind, table in COUNTED_TABLES.items():
                if table in tables:
                    info.counts[kind] = conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        info.problem = str(exc)
    return info


def list_backups_with_counts(db_path: str | Path) -> list[BackupInfo]:
    """Backups of this database, newest first, with when, why and how many records of each kind."""
    stem = Path(db_path).stem
    return [backup_info(path, stem) for path in list_backups(db_path)]


def has_daily_backup(db_path: str | Path, day: dt.date) -> bool:
    stem = Path(db_path).stem
    for path in list_backups(db_path):
        taken_at, reason = _name_parts(path, stem)
        if reason == DAILY_REASON and taken_at is not None and taken_at.date() == day:
            return True
    return False


def daily_backup(db, db_path: str | Path, keep: int = DEFAULT_KEEP, now: dt.datetime | None = None) -> Path | None:
    """The start-up backup: at most one a day; returns the new copy, or None when today's exists."""
    now = now or dt.datetime.now()
    if has_daily_backup(db_path, now.date()):
        return None
    return backup_database(db, db_path, DAILY_REASON, keep, now)


# ---- restoring ---------------------------------------------------------------------------------

def check_backup(path: Path, latest_version: int) -> None:
    """Refuse a file that is not a sound ZGC Desk database this program can open."""
    from zgc_desk.i18n import _

    if not path.is_file():
        raise BackupError(_("The backup {path} no longer exists").format(path=path))
    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise BackupError(_("{path} is not a ZGC Desk database (not an SQLite file)").format(path=path))
    try:
        conn = _open_read_only(path)
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupError(_("The backup {path} cannot be read: {problem}").format(path=path, problem=exc)) from None
    if integrity != "ok":
        raise BackupError(_("The backup {path} is damaged ({problem})").format(path=path, problem=integrity))
    if "firm" not in tables or version < 1:
        raise BackupError(_("{path} is not a ZGC Desk database").format(path=path))
    if version > latest_version:
        raise BackupError(_("The backup {path} was written by a newer ZGC Desk; please update the program")
                          .format(path=path))


def restore_into(db, backup_path: Path) -> None:
    """Replace the contents of the open database ``db`` by the backup's, in one write transaction."""
    from zgc_desk.i18n import _

    if not isinstance(getattr(db, "obj", db), SqliteDatabase):
        _restore_file_to_server(db, backup_path)
        return
    source = _open_read_only(backup_path)
    try:
        source.backup(_raw_connection(db))
    except sqlite3.Error as exc:  # e.g. busy: the destination is untouched (one write transaction)
        raise BackupError(_("The backup could not be restored ({problem}); the database was not changed")
                          .format(problem=exc)) from None
    finally:
        source.close()


def _restore_file_to_server(db, backup_path: Path) -> None:
    """Replace a server database's records by a backup file's, in one transaction on the server."""
    from zgc_desk.copy_db import CopyError, copy_between
    from zgc_desk.db import DatabaseError, connect_standalone
    from zgc_desk.i18n import _

    scratch = backup_path.with_name(backup_path.stem + ".restoring.db")  # the backup itself stays untouched
    try:
        scratch.write_bytes(backup_path.read_bytes())
        source = connect_standalone(scratch, create=False)  # brought up to this program's schema
        try:
            copy_between(source, getattr(db, "obj", db), replace=True)
        finally:
            source.close()
    except (CopyError, DatabaseError) as exc:
        raise BackupError(_("The backup could not be restored ({problem}); the database was not changed")
                          .format(problem=exc)) from None
    finally:
        for leftover in (scratch, scratch.with_name(scratch.name + "-wal"), scratch.with_name(scratch.name + "-shm")):
            leftover.unlink(missing_ok=True)
