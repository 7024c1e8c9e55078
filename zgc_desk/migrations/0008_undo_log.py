"""Schema 8: the undo log of operations (see ``zgc_desk.operations``).

``undo_op`` is one row per operation a user ran (its label, user, time, whether it is done or
undone, and the schema version it ran on: before-images in an older shape of a table are not put
back, so an upgrade ends the undo of what came before it); ``undo_row`` holds, in order, every row the operation inserted, updated or deleted in any
table, as JSON before- and after-images. No foreign key to ``undo_op``: the rows of an operation are
removed with it by the core, and a foreign key would be one more thing to capture.
"""

import datetime as dt
import importlib

from peewee import AutoField, CharField, DateTimeField, IntegerField, Model, TextField

VERSION = 8
NAME = "undo_log"


class UndoOp(Model):
    id = AutoField()
    user = CharField(default="")
    label = TextField()  # a stored label: message id and arguments as JSON
    at = DateTimeField()
    state = CharField()  # open / done / undone
    schema = IntegerField()  # the schema version it ran on: after an upgrade it is not undone

    class Meta:
        table_name = "undo_op"
        indexes = ((("user", "state", "id"), False),)


class UndoRow(Model):
    id = AutoField()
    op_id = IntegerField(index=True)
    tbl = CharField()
    action = CharField()  # insert / update / delete
    old = TextField(null=True)  # JSON of the row before (None for an insert)
    new = TextField(null=True)  # JSON of the row after (None for a delete)

    class Meta:
        table_name = "undo_row"


MODELS = [UndoOp, UndoRow]


def upgrade(db):
    with db.bind_ctx(MODELS):
        db.create_tables(MODELS)


def seed(db):
    """Schema 7's representative rows, and one undoable operation (a setting changed)."""
    importlib.import_module("zgc_desk.migrations.0007_notices").seed(db)
    with db.bind_ctx(MODELS):
        op = UndoOp.create(user="clerk", label="Settings", at=dt.datetime(2026, 1, 5, 9, 0), state="done",
                           schema=VERSION)
        UndoRow.create(op_id=op.id, tbl="app_setting", action="update", old='{"key":"backups_kept","value":"10"}',
                       new='{"key":"backups_kept","value":"12"}')
