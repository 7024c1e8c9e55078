"""Copying a whole portfolio between databases — SQLite to PostgreSQL when an incubator moves in,
PostgreSQL to SQLite for a portable backup — verified table by table.

The copy is one transaction on the target: either every row arrives, or the target is as it was.
Before it commits, each table's row count and a checksum of its rows (values in a canonical text
form, so a date read from SQLite's text and from PostgreSQL's date type agree) are compared with
the source's; any difference rolls the copy back. The source is read in one snapshot. Ids are kept,
so links between records and the change log stay right; PostgreSQL's id sequences are moved past
the copied ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

import peewee
from peewee import BooleanField, DateField, DateTimeField

from zgc_desk.errors import UserError
from zgc_desk.io.attachment_store import carry_files
from zgc_desk.models import ALL_MODELS

Progress = Callable[[str, int, int], None]
_BATCH = 2_000


class CopyError(UserError):
    """The copy cannot be made or did not verify (message in plain words); the target is unchanged."""


@dataclass
class TableCheck:
    rows: int
    checksum: str


@dataclass
class CopyReport:
    tables: dict[str, TableCheck] = field(default_factory=dict)
    files_missing: list[str] = field(default_factory=list)  # attachments' SHA-256 the source lacks too

    @property
    def total_rows(self) -> int:
        return sum(t.rows for t in self.tables.values())


def _is_sqlite(db: peewee.Database) -> bool:
    return isinstance(db, peewee.SqliteDatabase)


def _columns(model) -> list:
    return list(model._meta.sorted_fields)


def _canonical(value) -> object:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _stored(db: peewee.Database, model_field, value):
    """A value as the target stores it: SQLite keeps ISO text and 0/1 (as peewee writes them);
    psycopg adapts Python dates and booleans to PostgreSQL's types itself."""
    if value is None or not _is_sqlite(db):
        return value
    if isinstance(model_field, DateTimeField | DateField | BooleanField):
        return _canonical(value)
    return value


def _read(db: peewee.Database, model):
    """Rows of one table in primary-key order, as Python values whatever the backend stored."""
    columns = _columns(model)
    names = ", ".join(f'"{f.column_name}"' for f in columns)
    key = model._meta.primary_key.column_name
    cursor = db.execute_sql(f'SELECT {names} FROM "{model._meta.table_name}" ORDER BY "{key}"')
    converters = [f.python_value for f in columns]
    while True:
        batch = cursor.fetchmany(_BATCH)
        if not batch:
            return
        for row in batch:
            yield [convert(value) if value is not None else None for convert, value in zip(converters, row, strict=True)]


def table_check(db: peewee.Database, model) -> TableCheck:
    digest = hashlib.sha256()
    count = 0
    for row in _read(db, model):
        digest.update(json.dumps([_canonical(v) for v in row], ensure_ascii=False, default=str).encode())
        digest.update(b"\n")
        count += 1
    return TableCheck(count, digest.hexdigest())


def is_empty(db: peewee.Database) -> bool:
    tables = set(db.get_tables())
    return not any(db.execute_sql(f'SELECT 1 FROM "{m._meta.table_name}" LIMIT 1').fetchone()
                   for m in ALL_MODELS if m._meta.table_name in tables)


# The undo history (zgc_desk.operations) is not copied: its steps are undone on the source.
UNDO_TABLES = {"undo_op", "undo_row"}


def _unknown_tables(db: peewee.Database) -> list[str]:
    from zgc_desk.data_version import TABLE as DATA_VERSION  # each database keeps its own (not copied)

    known = {m._meta.table_name for m in ALL_MODELS} | {"schema_migration", "sqlite_sequence", DATA_VERSION} | UNDO_TABLES
    return sorted(t for t in db.get_tables() if t not in known)


def _write(db: peewee.Database, model, rows: list[list]) -> None:
    columns = _columns(model)
    names = ", ".join(f'"{f.column_name}"' for f in columns)
    sql = f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({", ".join([db.param] * len(columns))})'
    db.cursor().executemany(sql, [[_stored(db, f, v) for f, v in zip(columns, row, strict=True)] for row in rows])


def _move_sequence(db: peewee.Database, model) -> None:
    if _is_sqlite(db) or not isinstance(model._meta.primary_key, peewee.AutoField):
        return
    table = model._meta.table_name
    db.execute_sql(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                   f'COALESCE(MAX("id"), 1), MAX("id") IS NOT NULL) FROM "{table}"')


def _snapshot(db: peewee.Database):
    """One consistent read of the source: a read-only repeatable-read transaction on a server."""
    if _is_sqlite(db):
        return db.atomic()
    return db.atomic(isolation_level="REPEATABLE READ")


def copy_between(source: peewee.Database, target: peewee.Database, *, replace: bool = False,
                 progress: Progress | None = None) -> CopyReport:
    """Copy every table of ``source`` into ``target`` (both open, at the same schema version)."""
    from zgc_desk.i18n import _
    from zgc_desk.migrations import current_version

    unknown = _unknown_tables(source)
    if unknown:
        raise CopyError(_("The source has tables this program does not know ({tables}); nothing was copied")
                        .format(tables=", ".join(unknown)))
    if current_version(source) != current_version(target):
        raise CopyError(_("The two databases have different schema versions ({source} and {target}); "
                          "open both with this program first").format(source=current_version(source),
                                                                      target=current_version(target)))
    report = CopyReport()
    with _snapshot(source), target.atomic():
        if not is_empty(target):
            if not replace:
                raise CopyError(_("The target database already holds records; nothing was copied "
                                  "(use --replace to overwrite it)"))
            for model in reversed(ALL_MODELS):  # children first: foreign keys hold throughout
                target.execute_sql(f'DELETE FROM "{model._meta.table_name}"')
        for table in UNDO_TABLES & set(target.get_tables()):  # the copy starts a fresh undo history
            target.execute_sql(f'DELETE FROM "{table}"')
        total = len(ALL_MODELS)
        for done, model in enumerate(ALL_MODELS):
            if progress:
                progress(model._meta.table_name, done, total)
            batch: list[list] = []
            for row in _read(source, model):
                batch.append(row)
                if len(batch) >= _BATCH:
                    _write(target, model, batch)
                    batch = []
            if batch:
                _write(target, model, batch)
            _move_sequence(target, model)
        for model in ALL_MODELS:  # verify before committing: a difference rolls everything back
            expected, found = table_check(source, model), table_check(target, model)
            if expected != found:
                raise CopyError(_("The copy of table {table} did not verify ({expected} rows in the source, "
                                  "{found} in the target); nothing was copied").format(
                    table=model._meta.table_name, expected=expected.rows, found=found.rows))
            report.tables[model._meta.table_name] = found
        # Attachments' bytes the target keeps elsewhere than the source (a SQLite file's folder, a
        # server's table) go across after the rows verified, in the same transaction.
        report.files_missing = carry_files(source, target)
        if progress:
            progress("verify", total, total)
    return report


def copy_database(source_target: str, destination: str, *, replace: bool = False,
                  progress: Progress | None = None) -> CopyReport:
    """``zgc-desk copy-db``: open (and bring up to date) both databases, copy, verify, close."""
    from zgc_desk.db import connect_standalone, same_target
    from zgc_desk.i18n import _

    if same_target(source_target, destination):
        raise CopyError(_("The source and the target are the same database"))
    source = connect_standalone(source_target, create=False)
    try:
        target = connect_standalone(destination, create=True)
        try:
            return copy_between(source, target, replace=replace, progress=progress)
        finally:
            target.close()
    finally:
        source.close()
