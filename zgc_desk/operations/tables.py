"""What the capture dialects share: a captured table's shape, and the tables never captured."""

from __future__ import annotations

from dataclasses import dataclass

from zgc_desk.migrations.undo_triggers_pg import NOT_CAPTURED  # noqa: F401 - one list for both databases


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
