"""Row capture on PostgreSQL: one trigger function, one row trigger per table, the current operation
in a transaction-local setting.

PostgreSQL has no temporary triggers, so the triggers are ordinary schema objects, installed by the
migration runner as the schema's owner (``zgc_desk.migrations.undo_triggers_pg``) — a clerk's role
usually may not create them. They copy a row only while the setting ``zgc.undo_op`` names an
operation, which only this program's operations set (and only for their own transaction): other
sessions and tools are not captured.

Images are ``row_to_json`` of the row; a value goes back through a cast to its column's type, so
dates, timestamps and ``bytea`` return as they were. Foreign keys are made ``DEFERRABLE`` (still
checked at once unless a replay defers them) so that undo can put rows back in any order.
"""

from __future__ import annotations

import json

from zgc_desk.migrations.undo_triggers_pg import (  # noqa: F401
    FUNCTION,
    SETTING,
    TRIGGER,
    install,
    is_insufficient_privilege,
)
from zgc_desk.models import database
from zgc_desk.operations.tables import NOT_CAPTURED, Table, quote

_cache: dict[tuple, dict[str, Table]] = {}


def _rows(sql: str, params=()) -> list[tuple]:
    return database.execute_sql(sql, params).fetchall()


def _read_tables() -> dict[str, Table]:
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, column, sql_type in _rows(
            "SELECT cl.relname, a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
            "JOIN pg_class cl ON cl.oid = a.attrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
            "WHERE n.nspname = current_schema() AND cl.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped "
            "ORDER BY cl.relname, a.attnum"):
        if table not in NOT_CAPTURED:
            columns.setdefault(table, []).append((column, sql_type))
    keys: dict[str, list[str]] = {}
    for table, column in _rows(
            "SELECT cl.relname, a.attname FROM pg_index i JOIN pg_class cl ON cl.oid = i.indrelid "
            "JOIN pg_namespace n ON n.oid = cl.relnamespace JOIN pg_attribute a ON a.attrelid = cl.oid "
            "AND a.attnum = ANY (i.indkey) WHERE i.indisprimary AND n.nspname = current_schema() "
            "ORDER BY cl.relname, array_position(i.indkey::int2[], a.attnum)"):
        keys.setdefault(table, []).append(column)
    return {name: Table(name, tuple(c for c, _t in cols), tuple(keys.get(name, ())), tuple(t for _c, t in cols))
            for name, cols in columns.items() if keys.get(name)}  # a table without a key cannot be replayed


def tables() -> dict[str, Table]:
    key = (database.database, id(database.connection()))
    if key not in _cache:
        _cache[key] = _read_tables()
    return _cache[key]


def ensure_triggers() -> None:
    """Check that the function and every table's trigger are in place (two catalogue queries); create
    what is missing when this role may (``migrations.undo_triggers_pg``: normally the migration runner
    has, as the schema's owner). A role that may not gets a plain message instead of a half-captured
    operation."""
    from zgc_desk.errors import UserError
    from zgc_desk.i18n import _

    try:
        created = install(database)
    except Exception as exc:
        if not is_insufficient_privilege(exc):
            raise
        raise UserError(_("This shared database is not fully set up for undo, and your database login may not set it "
                          "up: ask whoever owns the database to open it once with ZGC Desk, then try again. "
                          "Nothing was changed.")) from None
    if created:
        _cache.clear()


def reset() -> None:
    _cache.clear()


def defer_foreign_keys() -> None:
    database.execute_sql("SET CONSTRAINTS ALL DEFERRED")


def capture_into(op_id: int | None) -> None:
    database.execute_sql("SELECT set_config(%s, %s, true)", (SETTING, "" if op_id is None else str(op_id)))


def _cast(table: Table, column: str) -> str:
    return f"CAST(%s AS {table.types[table.columns.index(column)]})"


def _where(table: Table) -> str:
    return " AND ".join(f"{quote(c)} = {_cast(table, c)}" for c in table.key)


def current_image(table: Table, key: tuple) -> dict | None:
    row = database.execute_sql(f"SELECT row_to_json(t)::text FROM {quote(table.name)} t WHERE {_where(table)}",
                               key).fetchone()
    return None if row is None else json.loads(row[0])


def insert_image(table: Table, image: dict) -> None:
    names = [n for n in image if n in table.columns]
    database.execute_sql(
        f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, names))}) "
        f"VALUES ({', '.join(_cast(table, n) for n in names)})", [image[n] for n in names])


def delete_key(table: Table, key: tuple) -> None:
    database.execute_sql(f"DELETE FROM {quote(table.name)} WHERE {_where(table)}", key)


def update_to(table: Table, key: tuple, image: dict) -> None:
    names = [n for n in image if n in table.columns]
    database.execute_sql(
        f"UPDATE {quote(table.name)} SET {', '.join(f'{quote(n)} = {_cast(table, n)}' for n in names)} "
        f"WHERE {_where(table)}", [*(image[n] for n in names), *key])
