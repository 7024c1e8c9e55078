"""The data model (peewee on SQLite or PostgreSQL). The database object is a proxy, bound late by
``zgc_desk.db`` to the SQLite file or the PostgreSQL server chosen at start-up.

Conventions:
- numbers are stored normalised (see ``zgc_desk.numbers``), so equality and uniqueness work;
- lists inside a field (applicants in order, inventors, Nice classes, designations, offices) are
  stored as text joined with ``"; "`` — order matters for applicants (the first one is the primary
  patentee for subsidies) — and read with :func:`split_list`;
- money is an integer number of yuan (CNY) — SQLite decimals come back as floats;
- timestamps are UTC.

A schema change needs a new migration in ``zgc_desk/migrations/`` with its own frozen copy of the
models; never edit an applied migration.
"""

from __future__ import annotations

import datetime as dt

from peewee import (
    SQL,
    AutoField,
    BlobField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    DoubleField,
    ForeignKeyField,
    IntegerField,
    Model,
    NodeList,
    SqliteDatabase,
    TextField,
)

database = DatabaseProxy()

LIST_SEPARATOR = "; "


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def split_list(text: str | None) -> list[str]:
    """Split a stored or typed list on ``;`` or ``；`` (also full-width), dropping blanks."""
    if not text:
        return []
    return [part.strip() for part in str(text).replace("；", ";").split(";") if part.strip()]


def join_list(items) -> str:
    return LIST_SEPARATOR.join(str(item).strip() for item in items if str(item).strip())


class NeverReusedId(AutoField):
    """An id that is never handed out again: SQLite needs AUTOINCREMENT for that, PostgreSQL's
    sequences (SERIAL) never go back anyway."""

    def ddl(self, ctx):
        nodes = super().ddl(ctx)
        db = getattr(self.model._meta.database, "obj", self.model._meta.database)
        return NodeList((nodes, SQL("AUTOINCREMENT"))) if isinstance(db, SqliteDatabase) else nodes


class BaseModel(Model):
    id = NeverReusedId()  # ids are never reused: undo and the change log rely on it
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    row_version = IntegerField(default=1)  # raised by every save; a save naming an older one is refused

    class Meta:
        database = database
        legacy_table_names = False


class KeptRecord(BaseModel):
    """What a docketing clerk keeps on every record beside the office's data: our own reference,
    who handles it, free notes and tags (the workbook's 我方案号, 代理机构, 代理人, 备注, 标签)."""

    docket_no = CharField(default="")
    agency = CharField(default="")
    attorney = CharField(default="")
    notes = TextField(default="")
    tags = CharField(default="")  # "; "-separated, as other lists


class DroppableRecord(KeptRecord):
    """A right the firm pays to keep, and may decide to drop: from ``drop_from`` on it pays no more fees
    (it lets the right lapse, or abandons it), for ``drop_reason`` (zgc_desk.services.decisions)."""

    drop_from = DateField(null=True)
    drop_reason = CharField(default="")


class Firm(KeptRecord):
    name = CharField()
    credit_code = CharField(unique=True)
    district = CharField(default="")
    zgc_park = CharField(default="")  # empty: outside the Zhongguancun zone
    is_sme = BooleanField(default=False)
    is_hnte = BooleanField(default=False)
    hnte_valid_until = DateField(null=True)
    blacklisted = BooleanField(default=False)
    founded_on = DateField(null=True)
    employees = IntegerField(null=True)
    revenue_cny = IntegerField(null=True)  # previous year's revenue in yuan (the workbook shows 万元)
    legal_rep = CharField(default="")
    contact_name = CharField(default="")
    contact_phone = CharField(default="")
    address = CharField(default="")
    planned_offices = CharField(default="")  # default PCT national-phase plan, e.g. "US; EP; JP"

    class Meta:
        table_name = "firm"


class Patent(DroppableRecord):
    firm = ForeignKeyField(Firm, backref="patents", on_delete="CASCADE")
    kind = CharField()  # invention / utility_model / design
    application_no = CharField()  # normalised, e.g. 202110344405.7
    title = CharField()
    filing_date = DateField()
    priority_date = DateField(null=True)
    priority_restoration = BooleanField(default=False)  # restoration of a late priority claim requested
    applicants = TextField(default="")  # in order, "; "-joined
    inventors = TextField(default="")
    publication_no = CharField(default="")
    grant_no = CharField(default="")
    grant_date = DateField(null=True)
    status = CharField(default="pending")
    annuity_paid_through = IntegerField(null=True)  # patent year number
    fee_reduction_pct = IntegerField(default=0)  # 0, 70 or 85
    abnormal = BooleanField(default=False)
    ipc = CharField(default="")
    official_fees_cny = IntegerField(null=True)  # fees actually paid to obtain it, if known
    exam_requested_on = DateField(null=True)  # the examination request was filed on (Patent Law Art. 35)

    class Meta:
        table_name = "patent"
        indexes = ((("firm", "application_no"), True),)


class PCTApplication(KeptRecord):
    firm = ForeignKeyField(Firm, backref="pct_applications", on_delete="CASCADE")
    pct_no = CharField()  # normalised, e.g. PCT/CN2021/075891
    intl_filing_date = DateField()
    priority_date = DateField(null=True)  # the earliest
    priority_restoration = BooleanField(default=False)  # restoration requested (PCT Rule 26bis.3)
    cn_priority = ForeignKeyField(Patent, null=True, backref="pct_applications", on_delete="SET NULL")
    cn_priority_no = CharField(default="")  # kept even when the patent is not in the database
    title = CharField(default="")
    applicants = TextField(default="")
    receiving_office = CharField(default="")
    isa = CharField(default="")
    isr_date = DateField(null=True)
    wo_no = CharField(default="")
    wo_date = DateField(null=True)
    chapter2 = BooleanField(default=False)
    planned_offices = CharField(default="")  # national phases planned; empty: the firm's plan

    class Meta:
        table_name = "pct_application"
        indexes = ((("firm", "pct_no"), True),)


class OverseasFiling(DroppableRecord):
    firm = ForeignKeyField(Firm, backref="overseas_filings", on_delete="CASCADE")
    office = CharField()  # ISO 3166 alpha-2 or EP/EA/OA/AP/GC/EM/WO
    application_no = CharField()
    route = CharField(default="")  # pct / paris / direct
    pct = ForeignKeyField(PCTApplication, null=True, backref="national_phases", on_delete="SET NULL")
    pct_no = CharField(default="")
    cn_patent = ForeignKeyField(Patent, null=True, backref="overseas_filings", on_delete="SET NULL")
    cn_application_no = CharField(default="")
    filing_date = DateField()  # filing, or national-phase entry date
    grant_date = DateField(null=True)
    grant_no = CharField(default="")
    kind = CharField(default="invention")
    applicants = TextField(default="")
    status = CharField(default="pending")
    official_fees_cny = IntegerField(null=True)
    entity_size = CharField(default="")  # large / small / micro (the USPTO's fees); empty: not recorded
    validation_states = TextField(default="")  # a granted European patent's validation states, "DE; FR"
    annuity_paid_through = IntegerField(null=True)  # the office's annual-fee year (US: 4, 8, 12) paid through
    next_due_date = DateField(null=True)  # entered by the user: an office whose fee rule is not in the data

    class Meta:
        table_name = "overseas_filing"
        indexes = ((("firm", "office", "application_no"), True),)


class Trademark(DroppableRecord):
    firm = ForeignKeyField(Firm, backref="trademarks", on_delete="CASCADE")
    mark = CharField()
    registration_no = CharField()
    nice_classes = CharField(default="")  # "9; 42"
    filing_date = DateField(null=True)
    registration_date = DateField(null=True)
    expiry_date = DateField(null=True)  # derived from registration_date unless given
    madrid_no = CharField(default="")
    madrid_date = DateField(null=True)  # the international registration date
    madrid_expiry = DateField(null=True)  # end of the international registration's term; derived unless given
    designations = TextField(default="")  # Madrid designated parties, "US; EM; JP"
    status = CharField(default="registered")

    class Meta:
        table_name = "trademark"
        indexes = ((("firm", "registration_no"), True),)


class PledgeLoan(KeptRecord):
    """A loan secured by the firm's IP (知识产权质押融资): what the pledge-financing supports look at."""

    firm = ForeignKeyField(Firm, backref="pledge_loans", on_delete="CASCADE")
    loan_no = CharField()  # the loan contract number
    lender = CharField()  # the pledgee
    lender_type = CharField(default="bank")  # bank / guarantor / other
    principal_cny = IntegerField()
    ip_share_pct = IntegerField(default=100)  # the share secured by IP (a combined loan: less than 100)
    annual_rate_pct = DoubleField()  # e.g. 4.2
    start_date = DateField()
    maturity_date = DateField(null=True)
    settled_on = DateField(null=True)  # principal and interest settled (还本付息结清)
    interest_paid_cny = IntegerField(null=True)
    valuation_fee_cny = IntegerField(null=True)
    guarantee_fee_cny = IntegerField(null=True)
    insurance_fee_cny = IntegerField(null=True)
    other_cost_cny = IntegerField(null=True)
    pledge_registered_on = DateField(null=True)
    pledge_registration_no = CharField(default="")
    pledged = TextField(default="")  # numbers of the pledged patents and trademarks, "; "-joined

    class Meta:
        table_name = "pledge_loan"
        indexes = ((("firm", "loan_no"), True),)


class ChangeLog(Model):
    """Who changed what and when, for every record; the History tab reads it."""

    id = NeverReusedId()
    at = DateTimeField(default=utcnow, index=True)
    user = CharField(default="")
    firm_id = IntegerField(null=True, index=True)
    kind = CharField()  # firm / patent / pct / overseas / trademark / subsidy_claim
    record_id = IntegerField()
    action = CharField()  # create / update / delete
    changes = TextField(default="{}")  # JSON {field: [old, new]}
    summary = CharField(default="")

    class Meta:
        database = database
        table_name = "change_log"
        indexes = ((("kind", "record_id"), False),)


class SubsidyClaim(BaseModel):
    """A subsidy the firm has claimed or received, so the same item is never funded twice."""

    firm = ForeignKeyField(Firm, backref="subsidy_claims", on_delete="CASCADE")
    policy = CharField()  # policy id, e.g. invention_grant
    round_year = IntegerField()
    matter_kind = CharField()  # patent / pct / overseas / trademark / firm
    matter_no = CharField()  # normalised number of the item
    office = CharField(default="")
    amount_cny = IntegerField(default=0)
    status = CharField(default="claimed")  # claimed / paid / refused
    claimed_on = DateField(null=True)
    note = TextField(default="")

    class Meta:
        table_name = "subsidy_claim"
        indexes = ((("firm", "policy", "round_year", "matter_no", "office"), True),)


class PolicyFile(BaseModel):
    """A policy's rule text kept with the database: an advisor's edit of a shipped policy, or a policy
    imported from a file. It replaces the shipped file of the same id, or adds a policy."""

    policy_id = CharField(unique=True)
    text = TextField()
    origin = CharField(default="")  # the file it was imported from; "" for an edit on the Policies page

    class Meta:
        table_name = "policy_file"


class Notice(KeptRecord):
    """An official notice (CNIPA, the trademark office or a foreign office) about one matter.

    The matter is named by its number (kept even when the matter leaves the database) and linked
    by kind and id; the answer's deadline is computed from the type's rule data."""

    firm = ForeignKeyField(Firm, backref="notices", on_delete="CASCADE")
    matter_kind = CharField()  # patent / pct / overseas / trademark
    matter_id = IntegerField(null=True)
    matter_no = CharField()  # normalised number of the matter
    notice_type = CharField()  # a key of deadlines/data/notice_types.yaml
    dispatch_date = DateField()  # 发文日
    delivery = CharField(default="electronic")  # electronic / paper
    stated_due = DateField(null=True)  # the last day the notice itself states
    extension_months = IntegerField(default=0)
    answered_on = DateField(null=True)
    outcome = TextField(default="")
    notes = TextField(default="")

    class Meta:
        table_name = "notice"
        indexes = ((("firm", "matter_no"), False),)


class Attachment(Model):
    """A file held by a record of any kind (a notice's PDF, a certificate, a receipt). The bytes are
    stored once per content (``zgc_desk.io.attachment_store``), named by ``sha256``; removing an
    attachment removes this row only, so undo and older backups find the file again."""

    id = NeverReusedId()
    firm = ForeignKeyField(Firm, backref="attachments", on_delete="CASCADE")
    record_kind = CharField()  # a key of MODEL_BY_KIND
    record_id = IntegerField()
    file_name = CharField()
    size = IntegerField()
    sha256 = CharField(index=True)
    added_at = DateTimeField(default=utcnow)
    added_by = CharField(default="")

    class Meta:
        database = database
        table_name = "attachment"
        indexes = ((("record_kind", "record_id"), False),)


class AttachmentBlob(Model):
    """An attachment's bytes inside the database: on PostgreSQL always (every advisor sees them), in a
    SQLite file only when it is a copy of a server database."""

    sha256 = CharField(primary_key=True)
    size = IntegerField()
    content = BlobField()

    class Meta:
        database = database
        table_name = "attachment_blob"


class Payment(Model):
    """A fee paid (an annual fee, a renewal): the day, the amount, the receipt. Written in the same
    operation as the paid-through year or expiry it moves on (``zgc_desk.services.payments``), so
    undo takes both away. Amounts are in hundredths of the currency's unit (fen, cents)."""

    id = NeverReusedId()
    firm = ForeignKeyField(Firm, backref="payments", on_delete="CASCADE")
    record_kind = CharField()  # patent / overseas / trademark
    record_id = IntegerField()
    matter_no = CharField()  # the record's normalised number when the payment was recorded
    deadline_kind = CharField()  # annuity / trademark_renewal: the ordinary kind, never its grace row
    fee_year = IntegerField(null=True)
    office = CharField(default="")
    due_date = DateField(null=True)
    paid_on = DateField()
    amount_cents = IntegerField()
    surcharge_cents = IntegerField(null=True)  # the late-payment surcharge included, as computed
    currency = CharField(default="CNY")
    receipt_no = CharField(default="")
    recorded_at = DateTimeField(default=utcnow)
    recorded_by = CharField(default="")

    class Meta:
        database = database
        table_name = "payment"
        indexes = ((("record_kind", "record_id"), False), (("firm", "paid_on"), False))


class AppSetting(Model):
    """Per-database settings (reminder lead times, backups kept...); values are JSON."""

    key = CharField(primary_key=True)
    value = TextField()

    class Meta:
        database = database
        table_name = "app_setting"


ALL_MODELS = [Firm, Patent, PCTApplication, OverseasFiling, Trademark, PledgeLoan, ChangeLog, SubsidyClaim,
              PolicyFile, AppSetting, Notice, Attachment, AttachmentBlob, Payment]

MODEL_BY_KIND = {
    "firm": Firm,
    "patent": Patent,
    "pct": PCTApplication,
    "overseas": OverseasFiling,
    "trademark": Trademark,
    "pledge_loan": PledgeLoan,
    "notice": Notice,
}
