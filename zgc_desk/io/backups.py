"""Backups through SQLite's online backup API (consistent even while the database is in use).

Copies go to ``backups/`` beside the database, named ``<stem>-YYYYmmdd-HHMMSS-<reason>.db``; a copy
counts only once ``PRAGMA quick_check`` passed on the copy itself. A damaged source therefore never
produces a "backup" and never rotates a sound copy out: :class:`DamagedDatabase` is raised instead,
naming the newest sound backup so that the user can restore it.

Which copies belong to which database is recorded in ``backups/manifest.json`` — the resolved path of
the source, when (with microseconds and a sequence number, so copies made in the same second keep
their order), why, and the check's result — never guessed from a file-name prefix (``client.db`` and
``client-2024.db`` share a folder; ``公司[2024].db`` has glob characters in its name). Copies made
before the manifest existed are taken into it once when their name matches exactly
``<stem>-<date>-<time>-<reason>.db`` and the copy passes the check.

Each copy is a self-contained single file (rollback journal mode, no ``-wal`` beside it), plus the
files of its attachments: those a SQLite database keeps in ``attachments/`` beside it are copied into
``backups/attachments/`` (content-addressed, so each file once for every backup naming it; a server
database's backup carries them in its own ``attachment_blob`` table). An attachment whose file was
already missing or altered does not stop the backup; the manifest records how many (``files_missing``).
A restore also puts back the files the restored attachments name (``zgc_desk.io.attachment_store``). A restore
first checks the copy, takes a backup of the current file, then copies the backup into the live
database through the same API — one write transaction, so an interruption leaves the current data as
it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from peewee import SqliteDatabase

from zgc_desk.errors import UserError
from zgc_desk.io.atomic import forget_temporary, new_temporary
from zgc_desk.paths import backups_dir_for

DEFAULT_KEEP = 10
DAILY_REASON = "daily"
MANIFEST = "manifest.json"
MANIFEST_MAX_BYTES = 4_000_000  # thousands of entries; a bigger file is not ours to parse
PART_SUFFIX = ".db.part"
# Tables counted in the list of backups, by record kind.
COUNTED_TABLES = {"firm": "firm", "patent": "patent", "pct": "pct_application", "overseas": "overseas_filing",
                  "trademark": "trademark"}


class BackupError(Exception):
    """A backup that cannot be restored (message in plain words)."""


class DamagedDatabase(UserError):
    """The database failed the check of its copy: no backup was counted, nothing was pruned.

    ``newest_sound`` is the newest backup of it that passes the check now (None when there is none)."""

    def __init__(self, path: Path, problem: str, newest_sound: BackupInfo | None):
        from zgc_desk.i18n import _

        self.path, self.problem, self.newest_sound = path, problem, newest_sound
        text = _("The database {path} is damaged ({problem}). No backup was made over the sound ones and "
                 "nothing was changed.").format(path=path, problem=problem)
        if newest_sound is not None:
            text += " " + _("The newest sound backup is {file} ({when}): restore it with File → Restore "
                            "backup….").format(file=newest_sound.path.name, when=_when(newest_sound))
        else:
            text += " " + _("No sound backup of it was found.")
        super().__init__(text)


def _when(info: BackupInfo) -> str:
    return info.taken_at.strftime("%Y-%m-%d %H:%M:%S") if info.taken_at else info.path.name


def _raw_connection(db) -> sqlite3.Connection:
    return db.connection()


def source_key(db_path: str | Path) -> str:
    """The exact record of a database a backup was taken of: its resolved path (case folded where
    the system ignores case)."""
    return os.path.normcase(str(Path(db_path).expanduser().resolve()))


def quick_check(path: Path) -> str:
    """``ok`` for a sound SQLite file, else what is wrong (one line)."""
    try:
        conn = _open_read_only(path)
        try:
            rows = conn.execute("PRAGMA quick_check(5)").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)
    result = "; ".join(str(row[0]) for row in rows)
    return "ok" if result == "ok" else result[:300]


# ---- the manifest --------------------------------------------------------------------------------

@dataclass
class _Entry:
    file: str
    source: str
    taken_at: dt.datetime
    seq: int
    reason: str
    check: str  # "ok", or what the check found
    files_missing: int = 0  # attachments whose file could not be copied into the backup

    def as_json(self) -> dict:
        data = {"file": self.file, "source": self.source, "taken_at": self.taken_at.isoformat(),
                "seq": self.seq, "reason": self.reason, "check": self.check}
        if self.files_missing:
            data["files_missing"] = self.files_missing
        return data


def _read_manifest(folder: Path) -> list[_Entry]:
    path = folder / MANIFEST
    try:
        if not path.is_file() or path.stat().st_size > MANIFEST_MAX_BYTES:
            return []
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = []
        for item in data.get("backups", []):
            entries.append(_Entry(str(item["file"]), str(item["source"]),
                                  dt.datetime.fromisoformat(item["taken_at"]), int(item["seq"]),
                                  str(item.get("reason", "")), str(item.get("check", "")),
                                  int(item.get("files_missing", 0))))
        return entries
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []  # unreadable: the copies matching the strict name pattern are taken in again


def _write_manifest(folder: Path, entries: list[_Entry]) -> None:
    path = folder / MANIFEST
    partial = folder / f".{MANIFEST}.{os.getpid()}.part"
    try:
        partial.write_text(json.dumps({"version": 1, "backups": [e.as_json() for e in entries]},
                                      ensure_ascii=False, indent=0), encoding="utf-8")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _legacy_pattern(stem: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(stem)}-(\d{{8}}-\d{{6}})-([a-z0-9-]+?)(?:-(\d+))?\.db$")


def _entries_for(db_path: Path, *, adopt: bool = True) -> tuple[Path, list[_Entry], list[_Entry]]:
    """(folder, every entry of the manifest, this database's entries newest first). Entries whose file
    is gone are dropped; copies from before the manifest are taken in (see the module's text)."""
    folder = backups_dir_for(db_path)
    entries = _read_manifest(folder) if folder.is_dir() else []
    present = [e for e in entries if (folder / e.file).is_file()]
    changed = len(present) != len(entries)
    key = source_key(db_path)
    if adopt and folder.is_dir():
        known = {e.file for e in present}
        pattern = _legacy_pattern(Path(db_path).stem)
        seq = max((e.seq for e in present), default=0)
        for candidate in sorted(folder.iterdir(), key=lambda p: p.name):
            match = pattern.match(candidate.name)
            if not match or candidate.name in known or not candidate.is_file():
                continue
            try:
                taken = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            except ValueError:
                continue
            seq += 1
            present.append(_Entry(candidate.name, key, taken, seq, match.group(2), quick_check(candidate)))
            changed = True
    if changed and folder.is_dir():
        with contextlib.suppress(OSError):  # a read-only folder: the list is still right for this run
            _write_manifest(folder, present)
    mine = sorted((e for e in present if e.source == key), key=lambda e: (e.taken_at, e.seq), reverse=True)
    return folder, present, mine


# ---- taking a copy -------------------------------------------------------------------------------

def backup_database(db, db_path: str | Path, reason: str = "manual", keep: int = DEFAULT_KEEP,
                    now: dt.datetime | None = None) -> Path:
    """Write a consistent copy of the open database ``db``, check it, record it, prune old copies.

    Raises :class:`DamagedDatabase` when the copy fails the check (nothing recorded or pruned), and
    :class:`UserError` when the backups folder cannot be written."""
    from zgc_desk.i18n import _

    db_path = Path(db_path)
    now = now or dt.datetime.now()
    folder = backups_dir_for(db_path)
    safe_reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "backup"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = _free_name(folder, db_path.stem, now, safe_reason)
        partial = new_temporary(folder, target.name)  # recorded: removed at the next start after a kill
        try:
            _copy(db, partial)
            check = quick_check(partial)
            if check != "ok":
                raise DamagedDatabase(db_path, check, newest_sound_backup(db_path))
            files_missing = _carry_attachment_files(db, partial)
            os.replace(partial, target)  # atomic: a half-written copy never looks like a backup
        finally:
            partial.with_name(partial.name + "-journal").unlink(missing_ok=True)
            forget_temporary(partial)
        folder_, entries, mine = _entries_for(db_path)
        entries = [e for e in entries if e.file != target.name]
        seq = max((e.seq for e in entries), default=0) + 1
        entries.append(_Entry(target.name, source_key(db_path), now, seq, safe_reason, "ok", files_missing))
        _write_manifest(folder, entries)
    except DamagedDatabase:
        raise
    except (OSError, sqlite3.Error) as exc:
        raise UserError(_("No backup could be written to {folder} ({problem}); nothing was changed. Check that "
                          "the folder can be written and that the disk has room.")
                        .format(folder=folder, problem=_os_problem(exc))) from None
    prune_backups(db_path, keep)
    return target


def _carry_attachment_files(db, copy: Path) -> int:
    """Copy into the backups folder the attachments' files the copy names; how many could not be."""
    from zgc_desk.io.attachment_store import carry_files

    copied = SqliteDatabase(str(copy))
    try:
        return len(carry_files(db, copied))
    finally:
        copied.close()


def _os_problem(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _free_name(folder: Path, stem: str, now: dt.datetime, reason: str) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = folder / f"{stem}-{stamp}-{reason}.db"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{stem}-{stamp}-{reason}-{counter}.db"
    return target


def _copy(db, partial: Path) -> None:
    if not isinstance(getattr(db, "obj", db), SqliteDatabase):
        _copy_server_to_file(db, partial)
        return
    dest = sqlite3.connect(str(partial))
    try:
        _raw_connection(db).backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, whatever the source used
    finally:
        dest.close()


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
    """Backups of this database (by the manifest's record of their source), newest first."""
    folder, _entries, mine = _entries_for(Path(db_path))
    return [folder / e.file for e in mine]


def prune_backups(db_path: str | Path, keep: int) -> list[Path]:
    """Keep the ``keep`` newest sound copies; remove older ones. A copy that failed its check does
    not count towards ``keep`` and is removed only when older than every copy kept."""
    folder, entries, mine = _entries_for(Path(db_path))
    sound = [e for e in mine if e.check == "ok"]
    kept = sound[:max(keep, 1)]
    if not kept:
        return []
    oldest_kept = (kept[-1].taken_at, kept[-1].seq)
    doomed = [e for e in mine if e not in kept and (e.taken_at, e.seq) < oldest_kept]
    removed = []
    for entry in doomed:
        path = folder / entry.file
        try:
            path.unlink(missing_ok=True)
        except OSError:
            continue
        removed.append(path)
    if removed:
        names = {p.name for p in removed}
        with contextlib.suppress(OSError):
            _write_manifest(folder, [e for e in entries if e.file not in names])
    return removed


def newest_sound_backup(db_path: str | Path) -> BackupInfo | None:
    """The newest backup of this database that passes the check now."""
    folder, _entries, mine = _entries_for(Path(db_path))
    for entry in mine:
        path = folder / entry.file
        if quick_check(path) == "ok":
            return backup_info(path, Path(db_path).stem, entry)
    return None


def clean_partial_copies(db_path: str | Path, *, older_than_s: float = 3600) -> list[Path]:
    """Half-written copies named the way earlier versions named them (``*.db.part`` and journals),
    left by a killed program; today's are recorded temporaries (``zgc_desk.io.atomic``)."""
    folder = backups_dir_for(Path(db_path))
    removed = []
    if folder.is_dir():
        limit = time.time() - older_than_s
        for path in folder.iterdir():
            if not path.name.endswith((PART_SUFFIX, PART_SUFFIX + "-journal")):
                continue
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
                    removed.append(path)
            except OSError:
                continue
    return removed


# ---- what a backup holds ------------------------------------------------------------------------

@dataclass
class BackupInfo:
    path: Path
    taken_at: dt.datetime | None  # local time
    reason: str
    size: int  # bytes
    counts: dict[str, int] = field(default_factory=dict)  # records per kind
    problem: str = ""  # why it cannot be read; empty when it can
    checked: str = ""  # the check's result when the copy was taken ("ok")

    @property
    def readable(self) -> bool:
        return not self.problem


def _name_parts(path: Path, stem: str) -> tuple[dt.datetime | None, str]:
    match = _legacy_pattern(stem).match(path.name)
    if not match:
        return None, ""
    try:
        return dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"), match.group(2)
    except ValueError:
        return None, match.group(2)


def _open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def backup_info(path: Path, stem: str, entry: _Entry | None = None) -> BackupInfo:
    taken_at, reason = (entry.taken_at, entry.reason) if entry else _name_parts(path, stem)
    info = BackupInfo(path, taken_at, reason, path.stat().st_size, checked=entry.check if entry else "")
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
    if not info.problem and entry is not None and entry.check != "ok":
        info.problem = entry.check
    return info


def list_backups_with_counts(db_path: str | Path) -> list[BackupInfo]:
    """Backups of this database, newest first, with when, why and how many records of each kind."""
    folder, _entries, mine = _entries_for(Path(db_path))
    stem = Path(db_path).stem
    return [backup_info(folder / e.file, stem, e) for e in mine]


def has_daily_backup(db_path: str | Path, day: dt.date) -> bool:
    _folder, _entries, mine = _entries_for(Path(db_path))
    return any(e.reason == DAILY_REASON and e.check == "ok" and e.taken_at.date() == day for e in mine)


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
    from zgc_desk.db import DatabaseError, check_is_ours

    try:
        check_is_ours(path)  # a firm table alone does not make another program's file ours
    except DatabaseError as exc:
        raise BackupError(str(exc)) from None


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
    restore_attachment_files(db, backup_path)


def restore_attachment_files(db, backup_path: Path) -> list[str]:
    """Put back beside the database the attachments' files the restored rows name, from the backup's
    folder; returns the SHA-256 of those the backup did not hold either (the integrity check names them)."""
    from zgc_desk.io.attachment_store import carry_files

    source = SqliteDatabase(str(backup_path))
    try:
        return carry_files(source, db)
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
