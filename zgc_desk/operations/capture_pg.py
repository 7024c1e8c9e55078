"""Row capture on PostgreSQL: one trigger function, one row trigger per table, the current operation
in a transaction-local setting.

PostgreSQL has no temporary triggers, so the triggers are ordinary ones, created (once) by the first
operation that finds a table without its trigger — a table added by a later migration included. They
copy a row only while the setting ``zgc.undo_op`` names an operation, which only this program's
operations set (and only for their own transaction): other sessions and tools are not captured.

Images are ``row_to_json`` of the row; a value goes back through a cast to its column's type, so
dates, timestamps and ``bytea`` return as they were. Foreign keys are made ``DEFERRABLE`` (still
checked at once unless a replay defers them) so that undo can put rows back in any order.
"""

from __future__ import annotations

import json

from zgc_desk.models import database
from zgc_desk.operations.tables import NOT_CAPTURED, Table, quote

SETTING = "zgc.undo_op"
TRIGGER = "zgc_undo"
FUNCTION = "zgc_undo_capture"
_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    op text := current_setting('{SETTING}', true);
BEGIN
    IF op IS NULL OR op = '' THEN
        RETURN NULL;
    END IF;
    INSERT INTO undo_row (op_id, tbl, action, old, new) VALUES (
        op::integer, TG_TABLE_NAME, lower(TG_OP),
        CASE WHEN TG_OP <> 'INSERT' THEN row_to_json(OLD)::text END,
        CASE WHEN TG_OP <> 'DELETE' THEN row_to_json(NEW)::text END);
    RETURN NULL;
END
$body$"""

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
    """Create the function, the missing triggers and make foreign keys deferrable (two catalogue
    queries when everything is in place)."""
    missing = [name for (name,) in _rows(
        "SELECT cl.relname FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace "
        "WHERE n.nspname = current_schema() AND cl.relkind = 'r' AND NOT EXISTS "
        "(SELECT 1 FROM pg_trigger t WHERE t.tgrelid = cl.oid AND t.tgname = %s)", (TRIGGER,))
        if name not in NOT_CAPTURED]
    rigid = _rows("SELECT cl.relname, c.conname FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid "
                  "JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND NOT c.condeferrable "
                  "AND n.nspname = current_schema()")
    if missing and not _rows("SELECT 1 FROM pg_proc WHERE proname = %s", (FUNCTION,)):
        database.execute_sql(_FUNCTION_SQL)
    for name in missing:
        database.execute_sql(f"CREATE OR REPLACE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON {quote(name)} "
                             f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()")
    for table, constraint in rigid:
        database.execute_sql(f"ALTER TABLE {quote(table)} ALTER CONSTRAINT {quote(constraint)} "
                             "DEFERRABLE INITIALLY IMMEDIATE")
    if missing:
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
