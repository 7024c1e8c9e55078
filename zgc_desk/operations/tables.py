"""What the capture dialects share: a captured table's shape, and the tables never captured."""

from __future__ import annotations

from dataclasses import dataclass

# The undo log itself, the migrations' record, and attachments' bytes: those are stored once per
# content and never changed or removed by an operation (removing an attachment removes its
# ``attachment`` row, which is captured), so a file's megabytes never enter the undo log.
NOT_CAPTURED = frozenset({"undo_op", "undo_row", "schema_migration", "attachment_blob"})


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]  # primary-key columns ("rowid" on SQLite when the table declares none)
    types: tuple[str, ...] = ()  # the columns' SQL types, where writing a value needs a cast (PostgreSQL)

    def key_of(self, image: dict) -> tuple:
        return tuple(image[c] for c in self.key)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
