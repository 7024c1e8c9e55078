"""Schema 6: pledge loans (``pledge_loan``) — a firm's loans secured by its IP (知识产权质押融资).

One row per loan contract of a firm: the lender and its type, principal, the share secured by IP,
annual rate, dates (start, maturity, settlement), interest paid, the financing costs, the pledge
registration, and the pledged patents and trademarks (their numbers, "; "-joined).
"""

import datetime as dt
import importlib

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    DoubleField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from zgc_desk.migrations._frozen import NeverReusedId, now

VERSION = 6
NAME = "pledge_loans"


class _Base(Model):
    id = NeverReusedId()
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)

    class Meta:
        legacy_table_names = False


class Firm(_Base):
    name = CharField()
    credit_code = CharField(unique=True)

    class Meta:
        table_name = "firm"


class PledgeLoan(_Base):
    firm = ForeignKeyField(Firm, on_delete="CASCADE")
    loan_no = CharField()
    lender = CharField()
    lender_type = CharField(default="bank")
    principal_cny = IntegerField()
    ip_share_pct = IntegerField(default=100)
    annual_rate_pct = DoubleField()
    start_date = DateField()
    maturity_date = DateField(null=True)
    settled_on = DateField(null=True)
    interest_paid_cny = IntegerField(null=True)
    valuation_fee_cny = IntegerField(null=True)
    guarantee_fee_cny = IntegerField(null=True)
    insurance_fee_cny = IntegerField(null=True)
    other_cost_cny = IntegerField(null=True)
    pledge_registered_on = DateField(null=True)
    pledge_registration_no = CharField(default="")
    pledged = TextField(default="")
    docket_no = CharField(default="")  # what a clerk keeps on every record (schema 3)
    agency = CharField(default="")
    attorney = CharField(default="")
    notes = TextField(default="")
    tags = CharField(default="")
    row_version = IntegerField(default=1)  # as every record since schema 4

    class Meta:
        table_name = "pledge_loan"
        indexes = ((("firm", "loan_no"), True),)


def upgrade(db):
    with db.bind_ctx([PledgeLoan]):
        db.create_tables([PledgeLoan])


def seed(db):
    importlib.import_module("zgc_desk.migrations.0005_policy_files").seed(db)
    with db.bind_ctx([Firm, PledgeLoan]):
        firm = Firm.get()
        PledgeLoan.create(firm=firm, loan_no="JK2024-001", lender="北京银行中关村分行", principal_cny=1_000_000,
                          annual_rate_pct=3.5, start_date=dt.date(2023, 7, 3), settled_on=dt.date(2024, 6, 30),
                          interest_paid_cny=35_000, pledge_registered_on=dt.date(2023, 6, 28),
                          pledge_registration_no="Y2023110000123", pledged="202110344405.7")
