"""Row capture on SQLite: temporary triggers that copy every row an operation touches into ``undo_row``.

Why *temporary* triggers: they live in this connection only. Nothing is added to the database file
(another program, an older ZGC Desk or the ``sqlite3`` shell writes it unhindered), and they are
rebuilt from the live schema whenever it changes, so a table added by a later migration is captured
without a line here. They copy a row only while ``temp.zgc_undo_current`` names an operation.

Images are JSON objects made by SQLite itself (``json_object``), column name → value; a BLOB is
kept as ``{"$blob": "<hex>"}``.
"""

from __future__ import annotations

import json

from zgc_desk.models import database
from zgc_desk.operations.tables import NOT_CAPTURED, Table, quote

_quote = quote
PREFIX = "zgc_undo_"
CURRENT = "zgc_undo_current"  # temp table: the operation whose rows are being captured (0 or 1 row)
_STATE = "zgc_undo_state"  # temp table: the main schema's version the triggers were built for
_ARGS_PER_CALL = 100  # json_object takes at most 127 arguments in a default SQLite build


def _value_sql(ref: str) -> str:
    return f"CASE WHEN typeof({ref}) = 'blob' THEN json_object('$blob', hex({ref})) ELSE {ref} END"


def image_sql(table: Table, prefix: str = "") -> str:
    """SQL making the JSON image of a row (``prefix`` "OLD."/"NEW." inside a trigger)."""
    pairs = [f"'{c}', {_value_sql(prefix + _quote(c))}" for c in table.columns]
    calls = [f"json_object({', '.join(pairs[i:i + _ARGS_PER_CALL // 2])})"
             for i in range(0, len(pairs), _ARGS_PER_CALL // 2)]
    sql = calls[0]
    for call in calls[1:]:
        sql = f"json_patch({sql}, {call})"
    return sql


def decode(value):
    """A value of a JSON image as SQLite takes it back."""
    if isinstance(value, dict) and "$blob" in value:
        return bytes.fromhex(value["$blob"])
    return value


_tables_cache: dict[tuple, dict[str, Table]] = {}  # (file, connection, schema version) -> tables


def tables() -> dict[str, Table]:
    """The captured tables of the main schema, by name."""
    version = (database.database, id(database.connection()),
               database.execute_sql("PRAGMA main.schema_version").fetchone()[0])
    cached = _tables_cache.get(version)
    if cached is not None:
        return cached
    found = {}
    for _schema, name, kind, *_rest in database.execute_sql("PRAGMA main.table_list").fetchall():
        if kind != "table" or name.startswith("sqlite_") or name in NOT_CAPTURED:
            continue
        info = database.execute_sql(f"PRAGMA main.table_info({_quote(name)})").fetchall()
        columns = tuple(row[1] for row in info)
        key = tuple(row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5]))
        if not key:  # no declared primary key: the rowid is the row's identity, kept in its image
            key, columns = ("rowid",), ("rowid", *columns)
        found[name] = Table(name, columns, key)
    _tables_cache.clear()
    _tables_cache[version] = found
    return found


def ensure_triggers() -> None:
    """Build this connection's triggers unless they match the current schema (two small queries)."""
    version = database.execute_sql("PRAGMA main.schema_version").fetchone()[0]
    database.execute_sql(f"CREATE TEMP TABLE IF NOT EXISTS {CURRENT} (op_id INTEGER NOT NULL)")
    database.execute_sql(f"CREATE TEMP TABLE IF NOT EXISTS {_STATE} (version INTEGER NOT NULL)")
    row = database.execute_sql(f"SELECT version FROM temp.{_STATE}").fetchone()
    if row is not None and row[0] == version:
        return
    for (name,) in database.execute_sql(
            "SELECT name FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE ?", (PREFIX + "%",)).fetchall():
        database.execute_sql(f"DROP TRIGGER temp.{_quote(name)}")
    for table in tables().values():
        _create_triggers(table)
    database.execute_sql(f"DELETE FROM temp.{_STATE}")
    database.execute_sql(f"INSERT INTO temp.{_STATE} (version) VALUES (?)", (version,))


def _create_triggers(table: Table) -> None:
    when = f"WHEN EXISTS (SELECT 1 FROM temp.{CURRENT})"
    op = f"(SELECT op_id FROM temp.{CURRENT})"
    target = f"main.{_quote(table.name)}"
    name = table.name.replace('"', "")
    literal = "'" + table.name.replace("'", "''") + "'"
    for event, old, new in (("INSERT", "NULL", image_sql(table, "NEW.")),
                            ("UPDATE", image_sql(table, "OLD."), image_sql(table, "NEW.")),
                            ("DELETE", image_sql(table, "OLD."), "NULL")):
        database.execute_sql(
            f'CREATE TEMP TRIGGER "{PREFIX}{name}_{event.lower()}" AFTER {event} ON {target} {when} BEGIN '
            f"INSERT INTO undo_row (op_id, tbl, action, old, new) "
            f"VALUES ({op}, {literal}, '{event.lower()}', {old}, {new}); END")


def reset() -> None:
    """Have the next operation rebuild this connection's triggers."""
    _tables_cache.clear()
    database.execute_sql(f"DROP TABLE IF EXISTS temp.{_STATE}")


def defer_foreign_keys() -> None:
    database.execute_sql("PRAGMA defer_foreign_keys = ON")


def capture_into(op_id: int | None) -> None:
    """Start copying rows into operation ``op_id`` (None: stop)."""
    database.execute_sql(f"DELETE FROM temp.{CURRENT}")
    if op_id is not None:
        database.execute_sql(f"INSERT INTO temp.{CURRENT} (op_id) VALUES (?)", (op_id,))


# ---- reading and writing rows by image ---------------------------------------------------------

def _where(table: Table) -> str:
    return " AND ".join(f"{_quote(c)} IS ?" for c in table.key)


def current_image(table: Table, key: tuple) -> dict | None:
    row = database.execute_sql(
        f"SELECT {image_sql(table)} FROM main.{_quote(table.name)} WHERE {_where(table)}", key).fetchone()
    return None if row is None else json.loads(row[0])


def insert_image(table: Table, image: dict) -> None:
    names = list(image)
    database.execute_sql(
        f"INSERT INTO main.{_quote(table.name)} ({', '.join(map(_quote, names))}) "
        f"VALUES ({', '.join('?' * len(names))})", [decode(image[n]) for n in names])


def delete_key(table: Table, key: tuple) -> None:
    database.execute_sql(f"DELETE FROM main.{_quote(table.name)} WHERE {_where(table)}", key)


def update_to(table: Table, key: tuple, image: dict) -> None:
    names = list(image)
    database.execute_sql(
        f"UPDATE main.{_quote(table.name)} SET {', '.join(f'{_quote(n)} = ?' for n in names)} "
        f"WHERE {_where(table)}", [*(decode(image[n]) for n in names), *key])
