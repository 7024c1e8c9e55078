"""Schema 7: official notices (one row per notice from CNIPA, the trademark office or a foreign
office, linked to the matter it concerns). Frozen copy of the table as it is at version 7."""

import datetime as dt

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from zgc_desk.migrations._frozen import NeverReusedId, now

VERSION = 7
NAME = "notices"


class _Firm(Model):
    class Meta:
        table_name = "firm"


class Notice(Model):
    id = NeverReusedId()
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    row_version = IntegerField(default=1)  # schema 4: every record carries one
    docket_no = CharField(default="")  # schema 3: the clerk's own keeping, as on every record
    agency = CharField(default="")
    attorney = CharField(default="")
    tags = CharField(default="")
    firm = ForeignKeyField(_Firm, backref="notices", on_delete="CASCADE")
    matter_kind = CharField()
    matter_id = IntegerField(null=True)
    matter_no = CharField()
    notice_type = CharField()
    dispatch_date = DateField()
    delivery = CharField(default="electronic")
    stated_due = DateField(null=True)
    extension_months = IntegerField(default=0)
    answered_on = DateField(null=True)
    outcome = TextField(default="")
    notes = TextField(default="")

    class Meta:
        table_name = "notice"
        indexes = ((("firm", "matter_no"), False),)


def upgrade(db):
    with db.bind_ctx([_Firm, Notice]):
        db.create_tables([Notice])


def seed(db):
    """Version 6's rows and one notice on its patent."""
    import importlib

    importlib.import_module("zgc_desk.migrations.0006_pledge_loans").seed(db)
    firm_id, = db.execute_sql("SELECT id FROM firm ORDER BY id LIMIT 1").fetchone()
    patent_id, number = db.execute_sql("SELECT id, application_no FROM patent ORDER BY id LIMIT 1").fetchone()
    with db.bind_ctx([_Firm, Notice]):
        Notice.create(firm=firm_id, matter_kind="patent", matter_id=patent_id, matter_no=number,
                      notice_type="cn_oa_first", dispatch_date=dt.date(2024, 3, 11))
