"""The captured rows of an operation: reading them, what they changed, putting them back."""

from __future__ import annotations

from dataclasses import dataclass

from zgc_desk.changes import Changed, Kind, kind_of_table
from zgc_desk.errors import UserError
from zgc_desk.i18n import _
from zgc_desk.operations import capture
from zgc_desk.operations.log import UndoRow


@dataclass(frozen=True)
class Row:
    id: int
    table: str
    action: str  # insert / update / delete
    old: dict | None
    new: dict | None

    def row_keys(self) -> list[tuple]:
        """The primary key(s) of the row before and after (two when an update changed the key)."""
        table = capture.tables().get(self.table)
        if table is None:
            return []
        found = []
        for image in (self.old, self.new):
            if image is not None and table.key_of(image) not in found:
                found.append(table.key_of(image))
        return found


def load_rows(op_id: int, after: int = 0) -> list[Row]:
    query = (UndoRow.select(UndoRow.id, UndoRow.tbl, UndoRow.action, UndoRow.old, UndoRow.new)
             .where((UndoRow.op_id == op_id) & (UndoRow.id > after)).order_by(UndoRow.id).tuples())
    return [Row(rid, table, action, capture.load_image(old), capture.load_image(new))
            for rid, table, action, old, new in query]


def is_noop(row: Row) -> bool:
    return row.action == "update" and row.old == row.new


def changed_of(rows: list[Row]) -> Changed:
    """The kinds and ids the rows touched, with the firms they belong to (before and after)."""
    changed = Changed()
    for row in rows:
        kind = kind_of_table(row.table)
        if kind is None or is_noop(row):
            continue
        for image in (row.old, row.new):
            if image is None:
                continue
            table = capture.tables().get(row.table)
            key = table.key_of(image) if table else ()
            record_id = key[0] if len(key) == 1 else key
            # a row without a firm (a setting) concerns every firm
            changed.add(kind, record_id, record_id if kind is Kind.FIRM else image.get("firm_id"))
    return changed


def touched_records(rows: list[Row]) -> list[tuple[str, int, int | None]]:
    """(kind, record id, firm id) of every record the rows touched, once each, in order. A setting or
    rule parameter (keyed by name) is reported as id 0 with no firm: it concerns every firm."""
    seen: dict[tuple[str, int], int | None] = {}
    for row in rows:
        kind = kind_of_table(row.table)
        if kind is None or is_noop(row):
            continue
        table = capture.tables().get(row.table)
        for image in (row.old, row.new):
            if image is None:
                continue
            key = table.key_of(image) if table else ()
            record_id = key[0] if len(key) == 1 and isinstance(key[0], int) else 0
            firm_id = record_id if kind is Kind.FIRM else image.get("firm_id")
            seen.setdefault((kind.value, record_id), firm_id if record_id else None)
    return [(kind, record_id, firm_id) for (kind, record_id), firm_id in seen.items()]


def _moved_on(label: str) -> UserError:
    return UserError(_("Cannot undo or redo “{label}”: what it changed has been changed since.").format(label=label))


def apply(rows: list[Row], backwards: bool, label: str) -> set[tuple[str, tuple]]:
    """Put the rows back (before-images when ``backwards``, else after-images); returns the (table,
    key) pairs written.

    First every row is checked to be as the operation left it (the first image of each row in this
    order is what the database must hold now); nothing is written unless all are. Then each row is
    written unless it already is as wanted: a cascade of an earlier row of the same replay may have
    done it (redoing a firm's deletion deletes its patents before their own rows come).
    """
    checked: set[tuple[str, tuple]] = set()
    steps = []
    for row in rows:
        table = capture.tables().get(row.table)
        if table is None:  # the table is gone (history ends at an upgrade; be safe anyway)
            raise _moved_on(label)
        expected, wanted = (row.new, row.old) if backwards else (row.old, row.new)
        key = table.key_of(expected if expected is not None else wanted)
        if (row.table, key) not in checked:
            checked.add((row.table, key))
            if capture.current_image(table, key) != expected:
                raise _moved_on(label)
        steps.append((table, key, wanted))
    for table, key, wanted in steps:
        current = capture.current_image(table, key)
        if current == wanted:
            continue
        if wanted is None:
            capture.delete_key(table, key)
        elif current is None:
            capture.insert_image(table, wanted)
        else:
            capture.update_to(table, key, wanted)
    return {(row.table, key) for row in rows for key in row.row_keys()}
