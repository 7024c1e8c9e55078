"""Schema 11: files attached to records (a notice's PDF, a grant certificate, a receipt).

``attachment`` is one row per file on a record: the record's kind and id (any record kind, so no
foreign key to it; the firm's foreign key takes a firm's attachments with it), the file's original
name, size and SHA-256, when and by whom it was added. The file's bytes are stored once per content
(``zgc_desk.io.attachment_store``): in the ``attachments/`` folder beside a SQLite file, and in
``attachment_blob`` on PostgreSQL, so that every advisor sharing the server sees them (a SQLite copy of
a server database carries them there too). Frozen copies of the tables as they are at version 11.
"""

import datetime as dt
import importlib

from peewee import (
    BlobField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
)

from zgc_desk.migrations._frozen import NeverReusedId

VERSION = 11
NAME = "attachments"


class _Firm(Model):
    class Meta:
        table_name = "firm"


class Attachment(Model):
    id = NeverReusedId()
    firm = ForeignKeyField(_Firm, backref="attachments", on_delete="CASCADE")
    record_kind = CharField()  # firm / patent / pct / overseas / trademark / pledge_loan / notice
    record_id = IntegerField()
    file_name = CharField()  # the name the file had when it was added
    size = IntegerField()  # bytes
    sha256 = CharField(index=True)  # hex digest of the content: the stored file's name
    added_at = DateTimeField()  # UTC
    added_by = CharField(default="")

    class Meta:
        table_name = "attachment"
        indexes = ((("record_kind", "record_id"), False),)


class AttachmentBlob(Model):
    sha256 = CharField(primary_key=True)
    size = IntegerField()
    content = BlobField()

    class Meta:
        table_name = "attachment_blob"


MODELS = [Attachment, AttachmentBlob]


def upgrade(db):
    with db.bind_ctx([_Firm, *MODELS]):
        db.create_tables(MODELS)


def seed(db):
    """Schema 10's rows and one attachment on its notice (content kept in the table, as a copy of a
    server database keeps it)."""
    import hashlib

    importlib.import_module("zgc_desk.migrations.0010_drop_decisions").seed(db)
    firm_id, notice_id = db.execute_sql("SELECT firm_id, id FROM notice ORDER BY id LIMIT 1").fetchone()
    content = b"%PDF-1.4 seed\n"
    digest = hashlib.sha256(content).hexdigest()
    with db.bind_ctx([_Firm, *MODELS]):
        AttachmentBlob.create(sha256=digest, size=len(content), content=content)
        Attachment.create(firm=firm_id, record_kind="notice", record_id=notice_id, file_name="通知书.pdf",
                          size=len(content), sha256=digest, added_at=dt.datetime(2024, 3, 12, 8, 0),
                          added_by="clerk")
