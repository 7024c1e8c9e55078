"""The operations the window and the command line call — the one door to the data.

Every mutating service runs as one operation (``zgc_desk.operations``: one transaction, undoable)
and returns a :class:`~zgc_desk.changes.Changed` naming the kinds and ids it touched; invalid input
raises :class:`ValidationError` with one plain-words message per field. Undo and redo are
:func:`undo` and :func:`redo`.
"""

from zgc_desk.changes import Changed, Kind, View
from zgc_desk.errors import NotFound, UserError, ValidationError
from zgc_desk.operations import NothingToRedo, NothingToUndo, next_redo, next_undo, redo, undo
from zgc_desk.services.changes import history
from zgc_desk.services.records import (
    count_firms,
    create_record,
    delete_record,
    delete_records,
    fetch_rows,
    find_firm,
    get_record,
    list_firms,
    list_ids,
    read_record,
    record_values,
    update_record,
)
from zgc_desk.services.settings import get_setting, set_setting

__all__ = [
    "Changed", "Kind", "View", "history", "NotFound", "UserError", "ValidationError", "NothingToUndo",
    "NothingToRedo", "undo", "redo", "next_undo", "next_redo", "create_record", "delete_record", "delete_records",
    "count_firms", "find_firm", "get_record", "read_record", "list_firms", "list_ids", "fetch_rows", "record_values", "update_record",
    "get_setting", "set_setting",
]
