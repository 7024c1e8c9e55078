"""The undo log's two tables (created by migration 0008), as models: the core's own queries go
through peewee so that they read alike on SQLite and PostgreSQL (where ``user`` must be quoted)."""

from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, IntegerField, Model, TextField

from zgc_desk.models import database


class UndoOp(Model):
    id = AutoField()
    user = CharField(default="")
    label = TextField()  # a stored Label (see labels.py) or plain text
    at = DateTimeField()
    state = CharField()  # open / done / undone
    schema = IntegerField()  # the schema version it ran on

    class Meta:
        database = database
        table_name = "undo_op"


class UndoRow(Model):
    id = AutoField()
    op_id = IntegerField(index=True)
    tbl = CharField()
    action = CharField()  # insert / update / delete
    old = TextField(null=True)
    new = TextField(null=True)

    class Meta:
        database = database
        table_name = "undo_row"
