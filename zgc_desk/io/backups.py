"""Backups through SQLite's online backup API (consistent even while the database is in use).

Copies go to ``backups/`` beside the database, named ``<stem>-YYYYmmdd-HHMMSS-<reason>.db``;
the oldest beyond the number kept are removed.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from zgc_desk.paths import backups_dir_for

DEFAULT_KEEP = 10


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
    dest = sqlite3.connect(str(partial))
    try:
        _raw_connection(db).backup(dest)
    finally:
        dest.close()
    partial.replace(target)  # atomic: a half-written copy never looks like a backup
    prune_backups(db_path, keep)
    return target


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
