"""The operations the window and the command line call — the one door to the data.

Mutating operations return a :class:`Changed` naming the kinds and ids they touched; invalid input
raises :class:`ValidationError` with one plain-words message per field.
"""

from zgc_desk.services.changes import Changed, history
from zgc_desk.services.errors import NotFound, UserError, ValidationError
from zgc_desk.services.records import (
    create_record,
    delete_record,
    fetch_rows,
    find_firm,
    get_record,
    list_firms,
    list_ids,
    record_values,
    restore_record,
    update_record,
)
from zgc_desk.services.settings import get_setting, set_setting

__all__ = [
    "Changed", "history", "NotFound", "UserError", "ValidationError", "create_record", "delete_record",
    "find_firm", "get_record", "list_firms", "list_ids", "fetch_rows", "record_values", "restore_record",
    "update_record", "get_setting", "set_setting",
]
