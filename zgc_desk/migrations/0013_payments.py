"""Schema 13: payment records — what was paid for a fee, when, how much, and the receipt.

``payment`` is one row per fee paid from the Due list: the record it keeps alive (kind and id, no
foreign key, as attachments: a record of any kind; the number is kept too, so the payment still
names its matter when the record has left the database), the deadline kind and fee year it paid
(``annuity`` year 5, ``trademark_renewal``), the office, the ordinary due date, the day paid, the
amount and its currency, the part of it that is a late-payment surcharge as computed when it was
recorded, the receipt number, and who recorded it when. The firm's foreign key takes a firm's
payments with it. Amounts are in hundredths of the currency's unit (fen for yuan, cents), so that a
foreign fee's cents are kept exactly (SQLite gives decimals back as floats). Frozen copy of the
table as it is at version 13.
"""

import datetime as dt
import importlib

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
)

from zgc_desk.migrations._frozen import NeverReusedId

VERSION = 13
NAME = "payments"



class _Firm(Model):
    class Meta:
        table_name = "firm"


class Payment(Model):
    id = NeverReusedId()
    firm = ForeignKeyField(_Firm, backref="payments", on_delete="CASCADE")
    record_kind = CharField()  # patent / overseas / trademark
    record_id = IntegerField()
    matter_no = CharField()  # the record's normalised number when the payment was recorded
    deadline_kind = CharField()  # annuity / trademark_renewal (the ordinary kind, not its grace row)
    fee_year = IntegerField(null=True)  # patent year / office fee year; none for a renewal
    office = CharField(default="")
    due_date = DateField(null=True)  # the ordinary due date of the fee
    paid_on = DateField()
    amount_cents = IntegerField()  # hundredths of the currency's unit
    surcharge_cents = IntegerField(null=True)  # the late-payment surcharge included, as computed
    currency = CharField(default="CNY")
    receipt_no = CharField(default="")
    recorded_at = DateTimeField()  # UTC
    recorded_by = CharField(default="")

    class Meta:
        table_name = "payment"
        indexes = ((("record_kind", "record_id"), False), (("firm", "paid_on"), False))


def upgrade(db):
    with db.bind_ctx([_Firm, Payment]):
        db.create_tables([Payment])


def seed(db):
    """Schema 12's rows and one annual fee paid on its patent."""
    importlib.import_module("zgc_desk.migrations.0012_foreign_fees").seed(db)
    firm_id, patent_id, number = db.execute_sql(
        "SELECT firm_id, id, application_no FROM patent ORDER BY id LIMIT 1").fetchone()
    with db.bind_ctx([_Firm, Payment]):
        Payment.create(firm=firm_id, record_kind="patent", record_id=patent_id, matter_no=number,
                       deadline_kind="annuity", fee_year=5, office="CN", due_date=dt.date(2025, 3, 12),
                       paid_on=dt.date(2025, 3, 1), amount_cents=90000, currency="CNY", receipt_no="2025030100001",
                       recorded_at=dt.datetime(2025, 3, 1, 9, 0), recorded_by="clerk")
