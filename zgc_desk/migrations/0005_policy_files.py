"""Schema 5: the policies' rule texts kept with the database (``policy_file``).

An advisor's edited or imported policy lives in the database, so a shared database shares it and
a backup restores it; the files shipped with the program stay the defaults. One row per policy id:
the whole YAML text, checked by the rule loader before it is stored.
"""

import importlib

from peewee import (
    CharField,
    DateTimeField,
    IntegerField,
    Model,
    TextField,
)

from zgc_desk.migrations._frozen import NeverReusedId, now

VERSION = 5
NAME = "policy_files"


class PolicyFile(Model):
    id = NeverReusedId()
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    policy_id = CharField(unique=True)
    text = TextField()
    origin = CharField(default="")  # the file it was imported from, or "" for an edit on the Policies page
    row_version = IntegerField(default=1)  # as every record since schema 4

    class Meta:
        table_name = "policy_file"


MODELS = [PolicyFile]

_SEED_TEXT = """format: 1
id: seeded_policy
"""


def upgrade(db):
    with db.bind_ctx(MODELS):
        db.create_tables(MODELS)


def seed(db):
    importlib.import_module("zgc_desk.migrations.0004_row_versions").seed(db)
    with db.bind_ctx(MODELS):
        PolicyFile.create(policy_id="seeded_policy", text=_SEED_TEXT, origin="seed.yaml")
