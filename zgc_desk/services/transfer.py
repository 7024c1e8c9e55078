"""Workbook import / export and backups: the operations the window and the command line call.

Import is two steps so that the window can show a preview: :func:`preview_import` reads and checks
the whole workbook and counts what would be added / updated / unchanged, writing nothing;
:func:`apply_import` backs the database up and writes the plan in one transaction (all or nothing).
Long operations take a ``progress(stage, done, total)`` callable for the progress dialog.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from peewee import OperationalError

from zgc_desk.changes import Changed
from zgc_desk.db import backup_anchor, database_path, is_sqlite
from zgc_desk.errors import UserError
from zgc_desk.i18n import N_, _
from zgc_desk.io import backups
from zgc_desk.io.error_workbook import save_error_workbook as _save_error_workbook
from zgc_desk.io.exporter import export_workbook as _export_workbook
from zgc_desk.io.import_issues import Counts, ImportPlan
from zgc_desk.io.importer import MAX_FILLED_ROWS, Progress, read_plan
from zgc_desk.io.output_paths import check_output_path
from zgc_desk.io.template import write_template as _write_template
from zgc_desk.models import Firm, database
from zgc_desk.operations import Label, clear_history, operation
from zgc_desk.services import import_writer
from zgc_desk.services.records import find_firm
from zgc_desk.services.settings import get_setting

BackupInfo = backups.BackupInfo


class ImportRefused(UserError):
    """The workbook has errors; ``plan`` lists every one. Nothing was written."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        count = len(plan.errors)
        super().__init__("\n".join([*plan.listed_error_lines(), _("{count} error(s); nothing was imported.")
                                    .format(count=count)]))


@dataclass
class ImportResult:
    counts: dict[str, Counts]
    changed: Changed
    backup: Path | None  # the copy taken before writing (None when the database was empty)
    plan: ImportPlan = field(repr=False, default=None)
    history_cleared: bool = True  # an import is not undone step by step: its backup is its undo

    def summary_lines(self) -> list[str]:
        return self.plan.summary_lines(self.counts)


# ---- import ------------------------------------------------------------------------------------

def preview_import(path: str | Path, *, progress: Progress | None = None, compare: bool = True,
                   max_rows: int = MAX_FILLED_ROWS) -> ImportPlan:
    """Read and check the whole workbook; with ``compare``, count what would change. Writes nothing."""
    plan = read_plan(path, progress=progress, max_rows=max_rows)
    if compare and plan.ok:
        if progress:
            progress("compare", 0, 0)  # total 0: a busy bar while the database is compared (seconds at 100k rows)
        plan.counts = import_writer.compare(plan)
    return plan


def apply_import(plan: ImportPlan, *, progress: Progress | None = None, backup: bool = True,
                 now: dt.datetime | None = None) -> ImportResult:
    """Write a checked plan: a backup first, then every row in one transaction (all or nothing)."""
    if not plan.ok:
        raise ImportRefused(plan)
    copy = None
    if backup and _has_records():
        copy = backups.backup_database(database, _current_path(), "before-import", backups_kept(), now)
    try:
        with operation(Label(N_("Import {file}"), file=plan.path.name), undoable=False):
            result = import_writer.write(plan, progress)
    except (OperationalError, sqlite3.OperationalError) as exc:  # locked, disk full...: rolled back; say so
        raise UserError(_("The database could not be written ({problem}); nothing was imported")
                        .format(problem=exc)) from None
    return ImportResult(result.counts, result.changed, copy, plan)


def import_workbook(path: str | Path, *, progress: Progress | None = None,
                    now: dt.datetime | None = None) -> ImportResult:
    """Check and import in one go (the command line); raises :class:`ImportRefused` on any error."""
    plan = preview_import(path, progress=progress, compare=False)
    if not plan.ok:
        raise ImportRefused(plan)
    return apply_import(plan, progress=progress, now=now)


def save_error_workbook(plan: ImportPlan, out: str | Path) -> Path:
    """The workbook with the bad rows and cells highlighted and a first sheet listing every problem."""
    _check_output(out, inputs=(plan.path,))
    return _save_error_workbook(plan, Path(out))


# ---- export and template -----------------------------------------------------------------------

def export_workbook(out: str | Path, firm_code: str | None = None, *,
                    progress: Progress | None = None) -> dict[str, int]:
    """Every record, or one firm's, in the import layout; returns rows written per kind."""
    _check_output(out)
    firm_id = find_firm(firm_code).id if firm_code else None
    return _export_workbook(out, firm_id, progress)


def write_template(out: str | Path) -> Path:
    _check_output(out)
    return _write_template(out)


def _check_output(out: str | Path, inputs=()) -> None:
    """Never write over the open database, its files or backups, or the file being read."""
    check_output_path(out, database=database_path() or backup_anchor(), inputs=inputs)


# ---- backups -----------------------------------------------------------------------------------

def backups_kept() -> int:
    try:
        return max(1, int(get_setting("backups_kept") or backups.DEFAULT_KEEP))
    except (TypeError, ValueError):
        return backups.DEFAULT_KEEP


def _current_path() -> Path:
    path = backup_anchor()
    if path is None:
        raise UserError(_("No database is open"))
    return path


def _has_records() -> bool:
    return Firm.select().exists()


def startup_backup(now: dt.datetime) -> Path | None:
    """At start-up: a copy of the database at most once a day (none while it holds no records)."""
    if not _has_records():
        return None
    return backups.daily_backup(database, _current_path(), backups_kept(), now)


def list_backups_with_counts() -> list[BackupInfo]:
    return backups.list_backups_with_counts(_current_path())


def restore_backup(backup_path: str | Path, *, now: dt.datetime | None = None) -> Path:
    """Replace the database by a backup, after checking it and backing up the current file.

    Returns the backup of the current file, so the user can go back. The undo history is cleared. Raises UserError for a backup
    that cannot be restored (damaged, not ours, from a newer program).
    """
    from zgc_desk.migrations import latest_version, upgrade

    path = _current_path()
    backup_path = Path(backup_path)
    try:
        backups.check_backup(backup_path, latest_version())
    except backups.BackupError as exc:
        raise UserError(str(exc)) from None
    existing = len(backups.list_backups(path))
    # Prune only after restoring: the copy being restored may be the oldest one.
    safety = backups.backup_database(database, path, "before-restore", existing + 2, now)
    try:
        backups.restore_into(database, backup_path)
    except backups.BackupError as exc:
        raise UserError(str(exc)) from None
    if is_sqlite():
        database.execute_sql("PRAGMA journal_mode=wal")
        problem = restored_problem()
        if problem:  # the copy went wrong on its way in: the data before the restore comes back
            backups.restore_into(database, safety)
            database.execute_sql("PRAGMA journal_mode=wal")
            raise UserError(_("The restored data failed its check ({problem}); the data as it was before the restore "
                              "was put back.").format(problem=problem))
    upgrade(database.obj, path if is_sqlite() else None)
    clear_history()  # the steps recorded were steps on other data
    backups.prune_backups(path, max(backups_kept(), 2))
    return safety


def restored_problem() -> str:
    """What is wrong with the open SQLite database just restored ("" when it passes ``quick_check``)."""
    try:
        rows = database.execute_sql("PRAGMA quick_check(5)").fetchall()
    except (OperationalError, sqlite3.DatabaseError) as exc:
        return str(exc)
    found = "; ".join(str(row[0]) for row in rows)
    return "" if found == "ok" else found
