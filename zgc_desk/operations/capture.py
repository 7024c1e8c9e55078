"""Row capture for undo: the database copies every row an operation touches into ``undo_row``.

Why triggers: they see every write the database makes — peewee queries, raw SQL, and the rows a
foreign key's ``ON DELETE CASCADE`` / ``SET NULL`` reaches (a firm's claims, the PCT that named a
deleted patent as its priority) — so no service and no model needs undo code of its own.

This module picks the dialect of the open database (:mod:`.capture_sqlite`,
:mod:`.capture_pg`); both offer the same functions.
"""

from __future__ import annotations

import json

from zgc_desk.operations import capture_pg, capture_sqlite
from zgc_desk.operations.tables import Table

__all__ = ["Table", "capture_into", "current_image", "defer_foreign_keys", "delete_key", "ensure_triggers",
           "insert_image", "load_image", "reset", "tables", "update_to"]


def _dialect():
    from zgc_desk.db import is_sqlite

    return capture_sqlite if is_sqlite() else capture_pg


def load_image(text: str | None) -> dict | None:
    return None if text is None else json.loads(text)


def tables() -> dict[str, Table]:
    return _dialect().tables()


def ensure_triggers() -> None:
    _dialect().ensure_triggers()


def reset() -> None:
    _dialect().reset()


def defer_foreign_keys() -> None:
    _dialect().defer_foreign_keys()


def capture_into(op_id: int | None) -> None:
    _dialect().capture_into(op_id)


def current_image(table: Table, key: tuple) -> dict | None:
    return _dialect().current_image(table, key)


def insert_image(table: Table, image: dict) -> None:
    _dialect().insert_image(table, image)


def delete_key(table: Table, key: tuple) -> None:
    _dialect().delete_key(table, key)


def update_to(table: Table, key: tuple, image: dict) -> None:
    _dialect().update_to(table, key, image)
