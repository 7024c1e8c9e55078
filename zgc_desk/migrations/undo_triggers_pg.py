"""The undo log's row capture on PostgreSQL: one trigger function, one row trigger per table.

PostgreSQL has no temporary triggers, so they are ordinary schema objects, and creating them needs
the right to create in the schema — which the database's owner has and a clerk's role usually does
not. So they are installed by whoever brings the schema up to date (the migration runner calls
:func:`install` after every upgrade, and on every open it checks that nothing is missing), and
``zgc_desk.operations.capture_pg`` only finds them in place. A table added by a later migration gets
its trigger the same way. The triggers copy a row only while the setting ``zgc.undo_op`` names an
operation, which only this program's operations set (for their own transaction).
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

SETTING = "zgc.undo_op"
TRIGGER = "zgc_undo"
FUNCTION = "zgc_undo_capture"
# The undo log itself, the migrations' record, and attachments' bytes: those are stored once per
# content and never changed or removed by an operation (removing an attachment removes its
# ``attachment`` row, which is captured), so a file's megabytes never enter the undo log.
# The data version (``zgc_desk.data_version``) is not either: an undo's own writes change it anew,
# where restoring it would bring back a value the deadline cache may have seen with other data.
NOT_CAPTURED = frozenset({"undo_op", "undo_row", "schema_migration", "attachment_blob", "zgc_data_version"})
INSUFFICIENT_PRIVILEGE = "42501"

FUNCTION_SQL = f"""
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


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def install(db) -> bool:
    """Create the function and every missing trigger, and make foreign keys deferrable (so that undo
    can put rows back in any order); two catalogue queries when all is in place. True when anything
    was created. Raises the database's error (insufficient privilege for a role that may not create)."""
    def rows(sql: str, params=()) -> list[tuple]:
        return db.execute_sql(sql, params).fetchall()

    if not rows("SELECT 1 FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace "
                "WHERE n.nspname = current_schema() AND cl.relname = 'undo_row'"):
        return False  # a schema older than the undo log (migration 0008): nothing to capture into
    missing = [name for (name,) in rows(
        "SELECT cl.relname FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace "
        "WHERE n.nspname = current_schema() AND cl.relkind = 'r' AND NOT EXISTS "
        "(SELECT 1 FROM pg_trigger t WHERE t.tgrelid = cl.oid AND t.tgname = %s)", (TRIGGER,))
        if name not in NOT_CAPTURED]
    rigid = rows("SELECT cl.relname, c.conname FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid "
                 "JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND NOT c.condeferrable "
                 "AND n.nspname = current_schema()")
    if missing and not rows("SELECT 1 FROM pg_proc WHERE proname = %s", (FUNCTION,)):
        db.execute_sql(FUNCTION_SQL)
    for name in missing:
        db.execute_sql(f"CREATE OR REPLACE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON {_quote(name)} "
                       f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()")
    for table, constraint in rigid:
        db.execute_sql(f"ALTER TABLE {_quote(table)} ALTER CONSTRAINT {_quote(constraint)} "
                       "DEFERRABLE INITIALLY IMMEDIATE")
    return bool(missing or rigid)


def is_insufficient_privilege(exc: BaseException) -> bool:
    """Whether a database error (peewee's, wrapping psycopg's) is PostgreSQL's "permission denied"."""
    for candidate in (exc, exc.__cause__, exc.__context__, *getattr(exc, "args", ())):
        if getattr(candidate, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
            return True
    return False


def install_if_allowed(db) -> None:
    """After an upgrade or on opening: install what is missing, in its own transaction; a role that
    may not create in the schema leaves it to the owner (its operations then say so plainly)."""
    try:
        with db.atomic():
            install(db)
    except Exception as exc:
        if not is_insufficient_privilege(exc):
            raise
        log.info("undo triggers not installed: this role may not create in the schema (%s)", exc)
