"""Schema 1: firms, patents, PCT applications, overseas filings, trademarks, change log, subsidy
claims and settings. Frozen copy of the models as they were at version 1."""

import datetime as dt

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

VERSION = 1
NAME = "initial"


def _now():
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class _Base(Model):
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)

    class Meta:
        legacy_table_names = False


class Firm(_Base):
    name = CharField()
    credit_code = CharField(unique=True)
    district = CharField(default="")
    zgc_park = CharField(default="")
    is_sme = BooleanField(default=False)
    is_hnte = BooleanField(default=False)
    hnte_valid_until = DateField(null=True)
    blacklisted = BooleanField(default=False)
    founded_on = DateField(null=True)
    employees = IntegerField(null=True)
    revenue_cny = IntegerField(null=True)
    legal_rep = CharField(default="")
    contact_name = CharField(default="")
    contact_phone = CharField(default="")
    address = CharField(default="")
    planned_offices = CharField(default="")

    class Meta:
        table_name = "firm"


class Patent(_Base):
    firm = ForeignKeyField(Firm, on_delete="CASCADE")
    kind = CharField()
    application_no = CharField()
    title = CharField()
    filing_date = DateField()
    priority_date = DateField(null=True)
    applicants = TextField(default="")
    inventors = TextField(default="")
    publication_no = CharField(default="")
    grant_no = CharField(default="")
    grant_date = DateField(null=True)
    status = CharField(default="pending")
    annuity_paid_through = IntegerField(null=True)
    fee_reduction_pct = IntegerField(default=0)
    abnormal = BooleanField(default=False)
    ipc = CharField(default="")
    official_fees_cny = IntegerField(null=True)

    class Meta:
        table_name = "patent"
        indexes = ((("firm", "application_no"), True),)


class PCTApplication(_Base):
    firm = ForeignKeyField(Firm, on_delete="CASCADE")
    pct_no = CharField()
    intl_filing_date = DateField()
    priority_date = DateField(null=True)
    cn_priority = ForeignKeyField(Patent, null=True, on_delete="SET NULL")
    cn_priority_no = CharField(default="")
    title = CharField(default="")
    applicants = TextField(default="")
    receiving_office = CharField(default="")
    isa = CharField(default="")
    isr_date = DateField(null=True)
    wo_no = CharField(default="")
    wo_date = DateField(null=True)
    chapter2 = BooleanField(default=False)
    planned_offices = CharField(default="")

    class Meta:
        table_name = "pct_application"
        indexes = ((("firm", "pct_no"), True),)


class OverseasFiling(_Base):
    firm = ForeignKeyField(Firm, on_delete="CASCADE")
    office = CharField()
    application_no = CharField()
    route = CharField(default="")
    pct = ForeignKeyField(PCTApplication, null=True, on_delete="SET NULL")
    pct_no = CharField(default="")
    cn_patent = ForeignKeyField(Patent, null=True, on_delete="SET NULL")
    cn_application_no = CharField(default="")
    filing_date = DateField()
    grant_date = DateField(null=True)
    grant_no = CharField(default="")
    kind = CharField(default="invention")
    applicants = TextField(default="")
    status = CharField(default="pending")
    official_fees_cny = IntegerField(null=True)

    class Meta:
        table_name = "overseas_filing"
        indexes = ((("firm", "office", "application_no"), True),)


class Trademark(_Base):
    firm = ForeignKeyField(Firm, on_delete="CASCADE")
    mark = CharField()
    registration_no = CharField()
    nice_classes = CharField(default="")
    filing_date = DateField(null=True)
    registration_date = DateField(null=True)
    expiry_date = DateField(null=True)
    madrid_no = CharField(default="")
    designations = TextField(default="")
    status = CharField(default="registered")

    class Meta:
        table_name = "trademark"
        indexes = ((("firm", "registration_no"), True),)


class ChangeLog(Model):
    at = DateTimeField(default=_now, index=True)
    user = CharField(default="")
    firm_id = IntegerField(null=True, index=True)
    kind = CharField()
    record_id = IntegerField()
    action = CharField()
    changes = TextField(default="{}")
    summary = CharField(default="")

    class Meta:
        table_name = "change_log"
        indexes = ((("kind", "record_id"), False),)


class SubsidyClaim(_Base):
    firm = ForeignKeyField(Firm, on_delete="CASCADE")
    policy = CharField()
    round_year = IntegerField()
    matter_kind = CharField()
    matter_no = CharField()
    office = CharField(default="")
    amount_cny = IntegerField(default=0)
    status = CharField(default="claimed")
    claimed_on = DateField(null=True)
    note = TextField(default="")

    class Meta:
        table_name = "subsidy_claim"
        indexes = ((("firm", "policy", "round_year", "matter_no", "office"), True),)


class AppSetting(Model):
    key = CharField(primary_key=True)
    value = TextField()

    class Meta:
        table_name = "app_setting"


MODELS = [Firm, Patent, PCTApplication, OverseasFiling, Trademark, ChangeLog, SubsidyClaim, AppSetting]


def upgrade(db):
    with db.bind_ctx(MODELS):
        db.create_tables(MODELS)
        # Searching by number and listing by date are the hot paths of the window.
        db.execute_sql("CREATE INDEX IF NOT EXISTS patent_application_no ON patent (application_no)")
        db.execute_sql("CREATE INDEX IF NOT EXISTS patent_filing_date ON patent (filing_date)")


def seed(db):
    """Representative rows at version 1 (for the upgrade-from-every-version test)."""
    with db.bind_ctx(MODELS):
        firm = Firm.create(name="示例科技有限公司", credit_code="91110108551385082Q", zgc_park="海淀园")
        patent = Patent.create(firm=firm, kind="invention", application_no="202110344405.7", title="示例发明",
                               filing_date=dt.date(2021, 3, 5), applicants="示例科技有限公司", status="granted",
                               grant_date=dt.date(2023, 6, 2), annuity_paid_through=3)
        pct = PCTApplication.create(firm=firm, pct_no="PCT/CN2021/075891", intl_filing_date=dt.date(2022, 3, 4),
                                    priority_date=dt.date(2021, 3, 5), cn_priority=patent,
                                    cn_priority_no="202110344405.7")
        OverseasFiling.create(firm=firm, office="US", application_no="17/123,456", route="pct", pct=pct,
                              pct_no=pct.pct_no, filing_date=dt.date(2023, 9, 1))
        Trademark.create(firm=firm, mark="示例", registration_no="12345678", nice_classes="9; 42",
                         registration_date=dt.date(2017, 7, 21), expiry_date=dt.date(2027, 7, 20))
        ChangeLog.create(firm_id=firm.id, kind="patent", record_id=patent.id, action="create")
        SubsidyClaim.create(firm=firm, policy="invention_grant", round_year=2023, matter_kind="patent",
                            matter_no="202110344405.7", amount_cny=1000)
        AppSetting.create(key="backups_kept", value="10")
