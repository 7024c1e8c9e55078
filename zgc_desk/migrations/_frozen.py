"""Pieces every migration's frozen models share. They are frozen here, not imported from
``zgc_desk.models``: a migration must keep building the schema of its own version when the models
move on, so these never change once a migration uses them (add a new name instead)."""

from __future__ import annotations

import datetime as dt

from peewee import SQL, AutoField, NodeList, SqliteDatabase


def now():
    """The current time in UTC without a zone, as the models' default timestamps are kept."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class NeverReusedId(AutoField):
    """Frozen copy of models.NeverReusedId: AUTOINCREMENT on SQLite, a sequence on PostgreSQL."""

    def ddl(self, ctx):
        nodes = super().ddl(ctx)
        db = getattr(self.model._meta.database, "obj", self.model._meta.database)
        return NodeList((nodes, SQL("AUTOINCREMENT"))) if isinstance(db, SqliteDatabase) else nodes
