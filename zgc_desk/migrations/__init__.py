"""Numbered schema migrations and the runner that applies them.

Each migration is a module ``NNNN_name.py`` defining ``VERSION``, ``NAME``, its own frozen copies
of the models it touches (never import ``zgc_desk.models`` there: the live models move on) and
``upgrade(db)``. Optionally ``seed(db)`` inserts representative rows at that version, used by the
test that upgrades a database from every earlier version.

The same migrations serve SQLite and PostgreSQL (peewee writes each one's DDL); a migration whose
work only one of them needs asks :func:`zgc_desk.db.is_sqlite`. The version is recorded in the
``schema_migration`` table on both (one row per migration applied) and, on SQLite, also in
``PRAGMA user_version``, which older copies and backups are checked by. Before an upgrade of a
SQLite database that already holds data, a backup copy is taken; each migration runs in one
transaction (DDL included: PostgreSQL's is transactional). On a server, an advisory lock keeps two
programs connecting at once to a new database from creating the schema twice.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import peewee

from zgc_desk.models import utcnow

_NAME_RE = re.compile(r"^(\d{4})_[a-z0-9_]+$")


def migration_modules() -> list[ModuleType]:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if _NAME_RE.match(m.name))
    modules = [importlib.import_module(f"{__name__}.{name}") for name in names]
    for expected, module in enumerate(modules, start=1):
        if expected != module.VERSION:
            raise RuntimeError(f"migration {module.__name__} has VERSION {module.VERSION}, expected {expected}")
    return modules


def latest_version() -> int:
    return len(migration_modules())


_LOCK_KEY = 0x5A4743  # "ZGC": the advisory lock held while a server database is migrated


def current_version(db: peewee.Database) -> int:
    from zgc_desk.db import is_sqlite

    if is_sqlite(db):
        return db.execute_sql("PRAGMA user_version").fetchone()[0]
    if "schema_migration" not in db.get_tables():
        return 0
    return db.execute_sql("SELECT COALESCE(MAX(version), 0) FROM schema_migration").fetchone()[0]


def _has_user_data(db: peewee.Database) -> bool:
    return bool(db.get_tables())


def _backups_kept(db: peewee.Database) -> int:
    """The user's "backups kept" setting, read raw: the models may not match this schema yet."""
    import json

    from zgc_desk.io.backups import DEFAULT_KEEP

    try:
        row = db.execute_sql("SELECT value FROM app_setting WHERE key = 'backups_kept'").fetchone()
        return max(1, int(json.loads(row[0]))) if row else DEFAULT_KEEP
    except (peewee.DatabaseError, ValueError, TypeError):
        return DEFAULT_KEEP


def upgrade(db: peewee.Database, path: Path | None = None, target: int | None = None) -> list[int]:
    """Apply every pending migration up to ``target`` (default: the latest); return those applied."""
    from zgc_desk.db import is_sqlite

    if is_sqlite(db):
        applied = _upgrade(db, path, target)
        if target is None:  # the deadline cache's data version, for every watched table now in place
            from zgc_desk.data_version import install

            install(db)
        return applied
    db.execute_sql("SELECT pg_advisory_lock(%s)", (_LOCK_KEY,))
    try:
        applied = _upgrade(db, None, target)
        if target is None:  # the undo log's capture and the data version, for every table now in place
            from zgc_desk import data_version
            from zgc_desk.migrations.undo_triggers_pg import install_if_allowed

            install_if_allowed(db)
            data_version.install_if_allowed(db)
        return applied
    finally:
        db.execute_sql("SELECT pg_advisory_unlock(%s)", (_LOCK_KEY,))


def _upgrade(db: peewee.Database, path: Path | None, target: int | None) -> list[int]:
    modules = migration_modules()
    target = len(modules) if target is None else target
    version = current_version(db)
    if version > len(modules):
        from zgc_desk.db import DatabaseError
        from zgc_desk.pgsql import schema_too_new_message

        raise DatabaseError(schema_too_new_message(version, len(modules)))
    pending = [m for m in modules if version < m.VERSION <= target]
    if not pending:
        return []
    if path is not None and version > 0 and _has_user_data(db):
        _backup_before_upgrade(db, path, f"before-migration-{version}-to-{target}")
    applied = []
    for module in pending:
        _apply(db, module)
        applied.append(module.VERSION)
    return applied


_NOTES: list[str] = []  # what the last upgrade wants the user told (where its backup went)


def add_note(text: str) -> None:
    """Something the front end must tell the user once, at start (an upgrade of their data)."""
    _NOTES.append(text)


def take_notes() -> list[str]:
    """The notes of the upgrades since the last call (the front end shows them once)."""
    notes = list(_NOTES)
    _NOTES.clear()
    return notes


def _backup_before_upgrade(db: peewee.Database, path: Path, reason: str) -> Path:
    """The copy taken before an upgrade: in ``backups/`` beside the database, or — where that folder
    cannot be written (a read-only share, a file of that name) — in the per-user data folder, and the
    user is told where. Only when neither can be written is the upgrade refused, saying so."""
    from zgc_desk.db import DatabaseError
    from zgc_desk.errors import UserError
    from zgc_desk.i18n import _
    from zgc_desk.io.backups import DamagedDatabase, backup_database
    from zgc_desk.paths import backups_dir_for, user_data_dir

    keep = _backups_kept(db)
    try:
        return backup_database(db, path, reason=reason, keep=keep)
    except DamagedDatabase:
        raise
    except UserError as beside:
        problem = str(beside)
    elsewhere = user_data_dir() / "upgrade-backups" / _anchor_name(path)
    try:
        copy = backup_database(db, elsewhere, reason=reason, keep=keep)
    except UserError:
        raise DatabaseError(_("This database must be upgraded to the program's version, and a backup is taken first; "
                              "neither {beside} nor {elsewhere} could be written, so nothing was changed ({problem}).")
                            .format(beside=backups_dir_for(path), elsewhere=backups_dir_for(elsewhere),
                                    problem=problem)) from None
    _NOTES.append(_("The backups folder {beside} cannot be written: the copy taken before upgrading the database "
                    "is {copy}.").format(beside=backups_dir_for(path), copy=copy))
    return copy


def _anchor_name(path: Path) -> Path:
    """``<folder key>/<name>.db``: one series of upgrade backups per database file."""
    import hashlib

    key = hashlib.sha256(str(Path(path).resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return Path(key) / Path(path).name


def _apply(db: peewee.Database, module: ModuleType) -> None:
    """One migration in one transaction. A migration that rebuilds tables sets
    ``DISABLE_FOREIGN_KEYS``: SQLite cannot switch them inside a transaction, and dropping a parent
    table with them on would cascade; they are checked before the transaction commits."""
    from zgc_desk.db import is_sqlite

    sqlite = is_sqlite(db)
    fk_off = sqlite and getattr(module, "DISABLE_FOREIGN_KEYS", False)
    if fk_off:
        db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            db.execute_sql(
                "CREATE TABLE IF NOT EXISTS schema_migration "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            module.upgrade(db)
            if fk_off and db.execute_sql("PRAGMA foreign_key_check").fetchall():
                raise RuntimeError(f"migration {module.NAME} left rows pointing at missing records")
            db.execute_sql(
                f"INSERT INTO schema_migration (version, name, applied_at) VALUES ({', '.join([db.param] * 3)})",
                (module.VERSION, module.NAME, utcnow().isoformat(sep=" ")),
            )
            if sqlite:
                db.execute_sql(f"PRAGMA user_version = {int(module.VERSION)}")
    finally:
        if fk_off:
            db.execute_sql("PRAGMA foreign_keys = ON")
