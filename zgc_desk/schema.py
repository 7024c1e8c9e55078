"""What each kind of record holds and how a raw value (typed, or read from Excel) becomes a valid
stored value. One definition serves the services, the editors (validation as you type) and the
workbook importer, so a value is accepted or refused the same way everywhere.

Field keys are the English keys of the import workbook (docs/workbook.md).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from zgc_desk import numbers, vocab
from zgc_desk.dates import DateError, add_months, parse_date, term_end
from zgc_desk.i18n import N_, _
from zgc_desk.models import join_list, split_list


class FieldError(ValueError):
    """A value refused by a field; the message says what is expected, in plain words."""

    def __init__(self, message: str, expected: str | None = None):
        super().__init__(message)
        self.message = message
        self.expected = expected

    def __str__(self) -> str:
        return self.message


# ---- value cleaners: raw value -> stored value (None when empty) -------------------------------

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _as_text(value) -> str:
    """Text of a cell or a field; control characters (pasted from other programs, and which an
    .xlsx cannot hold) are dropped."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return _CONTROL_CHARACTERS.sub("", unicodedata.normalize("NFC", str(value))).strip()


def text(max_length: int = 300) -> Callable:
    def clean(value):
        value = _as_text(value)
        if len(value) > max_length:
            raise FieldError(_("too long: {count} characters, at most {max} allowed").format(
                count=len(value), max=max_length))
        return value
    return clean


def _number(parser) -> Callable:
    def clean(value):
        try:
            return parser(_as_text(value))
        except numbers.NumberError as exc:
            raise FieldError(exc.message, exc.expected) from None
    return clean


def date_value(value):
    try:
        return parse_date(value)
    except DateError as exc:
        raise FieldError(str(exc)) from None


_TRUE = {"是", "y", "yes", "true", "1", "t", "√", "✓", "对"}
_FALSE = {"否", "n", "no", "false", "0", "f", "×", "不是"}


def boolean(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    word = _as_text(value).lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise FieldError(_("expected yes or no (是/否, Y/N, yes/no, true/false, 1/0)"))


def integer(minimum: int | None = None, maximum: int | None = None) -> Callable:
    def clean(value):
        if isinstance(value, bool):
            raise FieldError(_("expected a whole number"))
        try:
            number = Decimal(_as_text(value).replace(",", "").replace("，", ""))
        except InvalidOperation:
            raise FieldError(_("expected a whole number")) from None
        if number != number.to_integral_value():
            raise FieldError(_("expected a whole number"))
        number = int(number)
        if minimum is not None and number < minimum or maximum is not None and number > maximum:
            raise FieldError(_("expected a whole number from {min} to {max}").format(min=minimum, max=maximum))
        return number
    return clean


def rate_percent(value):
    """An annual rate in per cent, e.g. 4.2 or "4.35%" (more than 0, at most 36: the legal ceiling
    for lending is far below it, so a larger figure is a typing error)."""
    word = _as_text(value).rstrip("%％").strip()
    try:
        number = Decimal(word)
    except InvalidOperation:
        raise FieldError(_("expected an annual rate in per cent, e.g. 4.2")) from None
    if not Decimal(0) < number <= Decimal(36):
        raise FieldError(_("expected an annual rate in per cent above 0 and at most 36, e.g. 4.2"))
    return float(number)


def ten_thousand_yuan(value):
    """Revenue given in 万元 (may have decimals), stored as whole yuan."""
    try:
        number = Decimal(_as_text(value).replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise FieldError(_("expected an amount in 10,000 yuan, e.g. 1234.5")) from None
    if number < 0 or number > Decimal("1e9"):
        raise FieldError(_("expected an amount in 10,000 yuan, e.g. 1234.5"))
    return int((number * 10000).to_integral_value())


def fee_reduction(value):
    word = _as_text(value).rstrip("%％")
    try:
        rate = int(Decimal(word))
    except InvalidOperation:
        rate = -1
    if rate not in vocab.FEE_REDUCTION_RATES:
        raise FieldError(_("expected 0, 70 or 85 (per cent)"))
    return rate


def choice(options: dict[str, str], aliases: dict[str, str]) -> Callable:
    """One of ``options``' keys; accepts the key, its English label or a listed (Chinese) alias."""
    lookup = {key.lower(): key for key in options}
    lookup.update({label.lower(): key for key, label in options.items()})
    lookup.update({alias.lower(): key for alias, key in aliases.items()})

    def clean(value):
        word = re.sub(r"\s+", "", _as_text(value)).lower()
        word = unicodedata.normalize("NFKC", word)
        if word in lookup:
            return lookup[word]
        shown = [alias for alias in aliases if not alias.isascii()] or list(options)
        raise FieldError(_("expected one of: {choices}").format(choices=", ".join(shown)))
    return clean


def listing(item: Callable | None = None, max_length: int = 2000) -> Callable:
    """A ``;``-separated list; each item cleaned by ``item``; stored joined with ``; ``."""
    def clean(value):
        if len(_as_text(value)) > max_length:
            raise FieldError(_("too long: {count} characters, at most {max} allowed").format(
                count=len(_as_text(value)), max=max_length))
        parts = split_list(_as_text(value).replace(",", ";").replace("，", ";").replace("、", ";")) \
            if item is not None else split_list(_as_text(value))
        if item is None:
            return join_list(parts)
        cleaned = []
        for part in parts:
            cleaned_part = item(part)
            if cleaned_part not in cleaned:
                cleaned.append(cleaned_part)
        return join_list(cleaned)
    return clean


def nice_classes(value):
    parts = split_list(_as_text(value).replace(",", ";").replace("，", ";").replace("、", ";"))
    try:
        return join_list(str(c) for c in numbers.parse_nice_classes(parts))
    except numbers.NumberError as exc:
        raise FieldError(exc.message) from None


# ---- field specs ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    key: str
    label: str  # English, marked N_; translate with _() where shown
    clean: Callable
    required: bool = False
    help: str = ""


PATENT_KIND_ALIASES = {"发明": "invention", "发明专利": "invention", "实用新型": "utility_model",
                       "外观设计": "design", "外观": "design"}
PATENT_STATUS_ALIASES = {"审查中": "pending", "在审": "pending", "有效": "granted", "授权": "granted",
                         "驳回": "rejected", "撤回": "withdrawn", "视为撤回": "withdrawn", "失效": "lapsed"}
ROUTE_ALIASES = {"PCT": "pct", "巴黎公约": "paris", "巴黎": "paris", "直接": "direct", "直接申请": "direct"}
LENDER_TYPE_ALIASES = {"银行": "bank", "担保机构": "guarantor", "担保公司": "guarantor", "担保": "guarantor",
                       "其他": "other"}
ENTITY_SIZE_ALIASES = {"大实体": "large", "大型实体": "large", "小实体": "small", "小型实体": "small",
                       "微实体": "micro", "微型实体": "micro"}
TRADEMARK_STATUS_ALIASES = {"申请中": "pending", "已注册": "registered", "注册": "registered",
                            "已续展": "renewed", "续展": "renewed", "无效": "invalid"}

# The Chinese names of notice types (the workbook's words); the rule data's names match them (tested).
NOTICE_TYPE_ALIASES = {
    "第一次审查意见通知书": "cn_oa_first", "审查意见通知书": "cn_oa_first",
    "第N次审查意见通知书": "cn_oa_further", "第二次审查意见通知书": "cn_oa_further",
    "第三次审查意见通知书": "cn_oa_further", "第四次审查意见通知书": "cn_oa_further",
    "再次审查意见通知书": "cn_oa_further",
    "补正通知书": "cn_correction", "专利申请补正通知书": "cn_correction",
    "授予专利权通知书/办理登记手续通知书": "cn_grant", "授予专利权通知书": "cn_grant", "办理登记手续通知书": "cn_grant",
    "授予发明专利权通知书": "cn_grant", "授予实用新型专利权通知书": "cn_grant", "授予外观设计专利权通知书": "cn_grant",
    "驳回决定": "cn_rejection", "驳回决定书": "cn_rejection",
    "复审通知书": "cn_reexam", "复审意见通知书": "cn_reexam",
    "视为撤回/视为放弃取得专利权/专利权终止通知书": "cn_loss_of_rights", "视为撤回通知书": "cn_loss_of_rights",
    "视为放弃取得专利权通知书": "cn_loss_of_rights", "专利权终止通知书": "cn_loss_of_rights",
    "视为未要求优先权通知书": "cn_loss_of_rights", "权利丧失通知书": "cn_loss_of_rights",
    "审查意见书": "tm_opinion", "商标审查意见书": "tm_opinion", "商标注册申请审查意见书": "tm_opinion",
    "补正通知书(商标)": "tm_correction", "商标补正通知书": "tm_correction", "商标注册申请补正通知书": "tm_correction",
    "驳回通知书": "tm_refusal", "商标驳回通知书": "tm_refusal", "商标注册申请驳回通知书": "tm_refusal",
    "部分驳回通知书": "tm_refusal",
    "异议答辩通知书": "tm_opposition", "商标异议答辩通知书": "tm_opposition",
    "国外审查意见": "foreign_oa", "国外审查意见通知书": "foreign_oa", "外国审查意见": "foreign_oa",
    "其他通知书": "other", "其他": "other",
}
DELIVERY_ALIASES = {"电子": "electronic", "电子送达": "electronic", "电子发文": "electronic",
                    "纸件": "paper", "纸质": "paper", "邮寄": "paper", "纸件送达": "paper"}

_cn_app = _number(numbers.normalise_cn_application)
_office = _number(numbers.normalise_office)
_trademark_no = _number(numbers.normalise_trademark_registration)


def pledged_number(value):
    """A pledged right: a Chinese patent application number or a trademark registration number."""
    try:
        return _cn_app(value)
    except FieldError:
        pass
    try:
        return _trademark_no(value)
    except FieldError:
        raise FieldError(_("expected a Chinese patent application number or a trademark registration "
                           "number, not {value}").format(value=_as_text(value))) from None

FIELDS: dict[str, list[Field]] = {
    "firm": [
        Field("name", N_("Firm name"), text(200), required=True),
        Field("credit_code", N_("Unified social credit code"), _number(numbers.normalise_credit_code), required=True),
        Field("district", N_("District"), text(50)),
        Field("zgc_park", N_("Zhongguancun sub-park"), text(50)),
        Field("is_sme", N_("SME"), boolean),
        Field("is_hnte", N_("High-tech enterprise"), boolean),
        Field("hnte_valid_until", N_("High-tech certificate valid until"), date_value),
        Field("blacklisted", N_("On a credit blacklist"), boolean),
        Field("founded_on", N_("Founded on"), date_value),
        Field("employees", N_("Employees"), integer(0, 10_000_000)),
        Field("revenue_10k_cny", N_("Last year's revenue (10,000 yuan)"), ten_thousand_yuan),
        Field("legal_rep", N_("Legal representative"), text(50)),
        Field("contact_name", N_("Contact"), text(50)),
        Field("contact_phone", N_("Contact phone"), text(50)),
        Field("address", N_("Address"), text(300)),
        Field("planned_offices", N_("Planned national phases"), listing(_office)),
    ],
    "patent": [
        Field("firm_credit_code", N_("Firm credit code"), _number(numbers.normalise_credit_code), required=True),
        Field("application_no", N_("Application number"), _cn_app, required=True),
        Field("kind", N_("Patent type"), choice(vocab.PATENT_KINDS, PATENT_KIND_ALIASES), required=True),
        Field("title", N_("Title"), text(500), required=True),
        Field("filing_date", N_("Filing date"), date_value, required=True),
        Field("priority_date", N_("Priority date"), date_value),
        Field("priority_restoration", N_("Priority restoration requested"), boolean),
        Field("applicants", N_("Applicants"), listing()),
        Field("inventors", N_("Inventors"), listing()),
        Field("publication_no", N_("Publication number"), _number(numbers.normalise_cn_publication)),
        Field("grant_no", N_("Grant publication number"), _number(numbers.normalise_cn_publication)),
        Field("grant_date", N_("Grant date"), date_value),
        Field("exam_requested_on", N_("Examination request filed on"), date_value),
        Field("status", N_("Legal status"), choice(vocab.PATENT_STATUSES, PATENT_STATUS_ALIASES)),
        Field("annuity_paid_through", N_("Annual fees paid through year"), integer(0, 20)),
        Field("fee_reduction_pct", N_("Fee reduction (%)"), fee_reduction),
        Field("abnormal", N_("Abnormal application"), boolean),
        Field("ipc", N_("IPC"), text(200)),
        Field("official_fees_cny", N_("Official fees paid (yuan)"), integer(0, 100_000_000)),
    ],
    "pct": [
        Field("firm_credit_code", N_("Firm credit code"), _number(numbers.normalise_credit_code), required=True),
        Field("pct_no", N_("PCT application number"), _number(numbers.normalise_pct), required=True),
        Field("intl_filing_date", N_("International filing date"), date_value, required=True),
        Field("priority_date", N_("Priority date"), date_value),
        Field("priority_restoration", N_("Priority restoration requested"), boolean),
        Field("cn_priority_no", N_("Chinese priority application"), _cn_app),
        Field("title", N_("Title"), text(500)),
        Field("applicants", N_("Applicants"), listing()),
        Field("receiving_office", N_("Receiving office"), text(50)),
        Field("isa", N_("International searching authority"), text(50)),
        Field("isr_date", N_("Search report date"), date_value),
        Field("wo_no", N_("WO publication number"), _number(numbers.normalise_wo)),
        Field("wo_date", N_("Publication date"), date_value),
        Field("chapter2", N_("Chapter II demand"), boolean),
        Field("planned_offices", N_("Planned national phases"), listing(_office)),
    ],
    "overseas": [
        Field("firm_credit_code", N_("Firm credit code"), _number(numbers.normalise_credit_code), required=True),
        Field("office", N_("Country or region"), _office, required=True),
        Field("application_no", N_("Application number"), text(60), required=True),
        Field("route", N_("Route"), choice(vocab.FILING_ROUTES, ROUTE_ALIASES)),
        Field("pct_no", N_("PCT application number"), _number(numbers.normalise_pct)),
        Field("cn_application_no", N_("Chinese application number"), _cn_app),
        Field("filing_date", N_("Filing date"), date_value, required=True),
        Field("grant_date", N_("Grant date"), date_value),
        Field("grant_no", N_("Grant number"), text(60)),
        Field("kind", N_("Patent type"), choice(vocab.PATENT_KINDS, PATENT_KIND_ALIASES)),
        Field("applicants", N_("Applicants"), listing()),
        Field("status", N_("Status"), choice(vocab.PATENT_STATUSES, PATENT_STATUS_ALIASES)),
        Field("official_fees_cny", N_("Official fees paid (yuan)"), integer(0, 100_000_000)),
        Field("entity_size", N_("Entity size (US fees)"), choice(vocab.ENTITY_SIZES, ENTITY_SIZE_ALIASES)),
        Field("validation_states", N_("Validation states"), listing(_office)),
        Field("annuity_paid_through", N_("Annual fees paid through year"), integer(0, 25)),
        Field("next_due_date", N_("Next annual fee due (entered)"), date_value),
    ],
    "trademark": [
        Field("firm_credit_code", N_("Firm credit code"), _number(numbers.normalise_credit_code), required=True),
        Field("mark", N_("Mark"), text(200), required=True),
        Field("registration_no", N_("Registration number"), _number(numbers.normalise_trademark_registration),
              required=True),
        Field("nice_classes", N_("Nice classes"), nice_classes),
        Field("filing_date", N_("Filing date"), date_value),
        Field("registration_date", N_("Registration date"), date_value),
        Field("expiry_date", N_("Valid until"), date_value),
        Field("madrid_no", N_("International registration number"), _number(numbers.normalise_madrid)),
        Field("madrid_date", N_("International registration date"), date_value),
        Field("madrid_expiry", N_("International registration valid until"), date_value),
        Field("designations", N_("Designated parties"), listing(_office)),
        Field("status", N_("Status"), choice(vocab.TRADEMARK_STATUSES, TRADEMARK_STATUS_ALIASES)),
    ],
    "notice": [
        Field("firm_credit_code", N_("Firm credit code"), _number(numbers.normalise_credit_code), required=True),
        Field("matter_no", N_("Matter number"), lambda value: matter_number(value), required=True,
              help=N_("the application, PCT, overseas application or trademark registration number")),
        Field("notice_type", N_("Notice type"), choice(vocab.NOTICE_TYPES, NOTICE_TYPE_ALIASES), required=True),
        Field("dispatch_date", N_("Dispatch date"), date_value, required=True),
        Field("delivery", N_("Delivery"), choice(vocab.NOTICE_DELIVERIES, DELIVERY_ALIASES)),
        Field("stated_due", N_("Due date stated on the notice"), date_value),
        Field("extension_months", N_("Extension (months)"), integer(0, 2)),
        Field("answered_on", N_("Answered on"), date_value),
        Field("outcome", N_("Outcome"), text(1000)),
        Field("notes", N_("Notes"), text(2000)),
    ],
    "pledge_loan": [
        Field("firm_credit_code", N_("Firm credit code"), _number(numbers.normalise_credit_code), required=True),
        Field("loan_no", N_("Loan contract number"), text(80), required=True),
        Field("lender", N_("Pledgee (lender)"), text(200), required=True),
        Field("lender_type", N_("Pledgee type"), choice(vocab.LENDER_TYPES, LENDER_TYPE_ALIASES)),
        Field("principal_cny", N_("Principal (yuan)"), integer(1, 100_000_000_000), required=True),
        Field("ip_share_pct", N_("Share secured by IP (%)"), integer(1, 100)),
        Field("annual_rate_pct", N_("Annual rate (%)"), rate_percent, required=True),
        Field("start_date", N_("Loan start date"), date_value, required=True),
        Field("maturity_date", N_("Maturity date"), date_value),
        Field("settled_on", N_("Settled on"), date_value),
        Field("interest_paid_cny", N_("Interest paid (yuan)"), integer(0, 10_000_000_000)),
        Field("valuation_fee_cny", N_("Valuation fee (yuan)"), integer(0, 1_000_000_000)),
        Field("guarantee_fee_cny", N_("Guarantee fee (yuan)"), integer(0, 1_000_000_000)),
        Field("insurance_fee_cny", N_("Insurance premium (yuan)"), integer(0, 1_000_000_000)),
        Field("other_cost_cny", N_("Other costs (yuan)"), integer(0, 1_000_000_000)),
        Field("pledge_registered_on", N_("Pledge registration date"), date_value),
        Field("pledge_registration_no", N_("Pledge registration number"), text(80)),
        Field("pledged", N_("Pledged patents and trademarks"), listing(pledged_number)),
    ],
}

# Kept on every record whose model has them (models.KeptRecord): the clerk's own reference and notes.
KEEPING_FIELDS = [
    Field("docket_no", N_("Our reference"), text(60)),
    Field("agency", N_("Agency"), text(100)),
    Field("attorney", N_("Attorney"), text(60)),
    Field("notes", N_("Notes"), text(4000)),
    Field("tags", N_("Tags"), listing(text(40))),
]


# On the rights a firm pays to keep (models.DroppableRecord): a keep-or-drop decision.
DECISION_FIELDS = [
    Field("drop_from", N_("Fees stop from"), date_value),
    Field("drop_reason", N_("Reason for dropping"), text(200)),
]


def _add_keeping_fields() -> None:
    from zgc_desk.models import MODEL_BY_KIND, DroppableRecord, KeptRecord

    for kind, fields in FIELDS.items():
        model = MODEL_BY_KIND.get(kind)
        if model is not None and issubclass(model, KeptRecord):
            present = {f.key for f in fields}  # a kind may define one itself (a notice's own 备注)
            if issubclass(model, DroppableRecord):
                fields.extend(f for f in DECISION_FIELDS if f.key not in present)
            fields.extend(f for f in KEEPING_FIELDS if f.key not in present)


_add_keeping_fields()

FIELD_BY_KEY = {kind: {f.key: f for f in fields} for kind, fields in FIELDS.items()}

DEFAULTS = {
    "patent": {"status": "pending", "fee_reduction_pct": 0, "abnormal": False, "priority_restoration": False},
    "overseas": {"kind": "invention", "status": "pending"},
    "trademark": {"status": "registered"},
    "pct": {"chapter2": False, "priority_restoration": False},
    "firm": {"is_sme": False, "is_hnte": False, "blacklisted": False},
    "pledge_loan": {"lender_type": "bank", "ip_share_pct": 100},
    "notice": {"delivery": "electronic", "extension_months": 0},
}


@dataclass
class Cleaned:
    values: dict = field(default_factory=dict)
    errors: dict[str, FieldError] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)  # accepted, but worth the user's attention

    @property
    def ok(self) -> bool:
        return not self.errors


# ---- identity and links of each kind of record --------------------------------------------------
# The record rules both write paths follow (the editor's, ``services.records``, and the workbook
# import's, ``services.import_writer``), defined once per kind:
# the field that identifies a record within its firm (what a user calls "the number"),
NUMBER_FIELD = {
    "firm": "credit_code",
    "patent": "application_no",
    "pct": "pct_no",
    "overseas": "application_no",
    "trademark": "registration_no",
    "pledge_loan": "loan_no",
    "notice": "matter_no",
}
# the fields no two records may share (a record is matched by them on import),
KEY_FIELDS = {"firm": ("credit_code",), "patent": ("firm", "application_no"), "pct": ("firm", "pct_no"),
              "overseas": ("firm", "office", "application_no"), "trademark": ("firm", "registration_no"),
              "pledge_loan": ("firm", "loan_no"), "notice": ("firm", "matter_no", "notice_type", "dispatch_date")}
# and the links to other records of the firm: link field -> (the number field beside it, the kind it
# points to). The number is kept even when the record it names is not in the database.
LINKS = {"pct": {"cn_priority": ("cn_priority_no", "patent")},
         "overseas": {"pct": ("pct_no", "pct"), "cn_patent": ("cn_application_no", "patent")}}

_MISS = object()


class _Refused:
    """A raw value a field refused, remembered (a new FieldError is raised each time: an exception
    raised again would carry every earlier row's traceback with it)."""

    __slots__ = ("message", "expected")

    def __init__(self, error: FieldError):
        self.message, self.expected = error.message, error.expected


class CleanMemo:
    """Each field's cleaned value by raw value, over one workbook read.

    A portfolio's columns repeat: 50 firms' credit codes over 100,000 rows, a few thousand dates, a
    handful of kinds and states. Every cleaner is a function of the value alone, so the second time a
    value is met its result is the first one's. A column whose values hardly repeat (titles,
    application numbers) is watched for ``TRIAL`` values and then cleaned directly, so that
    remembering costs neither memory nor time there; no column remembers more than ``KEPT`` values.
    Keys carry the type: 1, 1.0 and True are equal in a dict but not to a cleaner."""

    def __init__(self):
        self._by_kind: dict[str, dict[str, _MemoColumn]] = {}

    def columns(self, kind: str) -> dict[str, _MemoColumn]:
        return self._by_kind.setdefault(kind, {})


class _MemoColumn:
    TRIAL = 5_000
    KEPT = 100_000
    __slots__ = ("seen", "looked")

    def __init__(self):
        self.seen: dict | None = {}
        self.looked = 0

    def clean(self, spec: Field, value):
        seen = self.seen
        if seen is None:
            return spec.clean(value)
        self.looked += 1
        if self.looked == self.TRIAL and len(seen) > self.TRIAL * 0.9:
            self.seen = None  # under one value in ten met again: not worth remembering
        memo_key = (value.__class__, value)
        try:
            found = seen.get(memo_key, _MISS)
        except TypeError:  # an unhashable value (none comes from a cell): cleaned as it is
            return spec.clean(value)
        if found is _MISS:
            try:
                found = spec.clean(value)
            except FieldError as exc:
                found = _Refused(exc)
            if len(seen) < self.KEPT:
                seen[memo_key] = found
        if found.__class__ is _Refused:
            raise FieldError(found.message, found.expected)
        return found


def clean_record(kind: str, raw: dict, *, partial: bool = False, memo: CleanMemo | None = None) -> Cleaned:
    """Clean every known field of ``raw``; with ``partial`` missing required fields are not errors.

    Empty values become ``None`` (or ``""`` for text-like fields, which the services store as such).
    Cross-field checks (dates in order, number type matching the kind...) run when the fields they
    need are valid. ``memo`` remembers results over many records of one read (the importer's).
    """
    result = Cleaned()
    values, errors = result.values, result.errors
    columns = memo.columns(kind) if memo is not None else None
    for spec in FIELDS[kind]:  # run for every row of an import: kept lean
        key = spec.key
        if key not in raw:
            if spec.required and not partial:
                errors[key] = FieldError(_("required"))
            continue
        value = raw[key]
        if value is None or isinstance(value, str) and not value.strip():
            if spec.required:
                errors[key] = FieldError(_("required"))
            else:
                values[key] = None
            continue
        try:
            if columns is None:
                values[key] = spec.clean(value)
            else:
                column = columns.get(key)
                if column is None:
                    column = columns[key] = _MemoColumn()
                values[key] = column.clean(spec, value)
        except FieldError as exc:
            errors[key] = exc
    for key, error in cross_checks(kind, values, result.warnings).items():
        errors.setdefault(key, error)
    return result


# A priority claim made up to 2 months after the priority period, with a request to restore it:
# Implementing Regulations (2023) Art. 36 (inventions and utility models), PCT Rule 26bis.3.
PRIORITY_RESTORATION_MONTHS = 2


def _late_priority(v: dict, filed_key: str, months: int, restorable: bool, warnings: dict | None):
    """A FieldError for a priority date more than ``months`` before the filing, unless it is within
    the restoration period, where the restoration is recorded as claimed (``priority_restoration``)
    and a warning says so; None when the dates are in order."""
    priority, filed = v.get("priority_date"), v.get(filed_key)
    if not (priority and filed) or add_months(priority, months) >= filed:
        return None
    if restorable and add_months(priority, months + PRIORITY_RESTORATION_MONTHS) >= filed:
        if v.get("priority_restoration") is False:
            return FieldError(_("priority date {date} is more than {months} months before filing: the claim needs a "
                                "request to restore the priority (within 2 more months) — tick it").format(
                date=priority.isoformat(), months=months))
        v["priority_restoration"] = True
        if warnings is not None:
            warnings["priority_date"] = _(
                "priority date {date} is more than {months} months before filing: restoration of the priority "
                "is recorded as requested; dates are counted from the priority date").format(
                date=priority.isoformat(), months=months)
        return None
    limit = months + PRIORITY_RESTORATION_MONTHS if restorable else months
    return FieldError(_("priority date {date} is more than {months} months before the filing date").format(
        date=priority.isoformat(), months=limit))


def cross_checks(kind: str, v: dict, warnings: dict | None = None) -> dict[str, FieldError]:
    """Checks between fields of one record (values already cleaned; absent keys are skipped); a value
    accepted with a caveat adds its message to ``warnings``."""
    errors: dict[str, FieldError] = {}

    def before(early_key, late_key, message):  # the message translated only when it is needed
        early, late = v.get(early_key), v.get(late_key)
        if early and late and late < early:
            errors[late_key] = FieldError(_(message).format(early=early.isoformat(), late=late.isoformat()))

    if kind == "patent":
        number, kind_value = v.get("application_no"), v.get("kind")
        if number and kind_value:
            number_kind = numbers.parse_cn_application(number).kind
            if number_kind != kind_value:
                errors["kind"] = FieldError(
                    _("the application number's type digit says {number_kind}, not {kind}").format(
                        number_kind=_(vocab.PATENT_KINDS[number_kind]), kind=_(vocab.PATENT_KINDS[kind_value])))
        before("filing_date", "grant_date", N_("grant date {late} is before the filing date {early}"))
        before("priority_date", "filing_date", N_("filing date {late} is before the priority date {early}"))
        late = _late_priority(v, "filing_date", 6 if kind_value == "design" else 12, kind_value != "design", warnings)
        if late is not None:
            errors["priority_date"] = late
    elif kind == "pct":
        before("priority_date", "intl_filing_date",
               N_("international filing date {late} is before the priority date {early}"))
        late = _late_priority(v, "intl_filing_date", 12, True, warnings)
        if late is not None:
            errors["priority_date"] = late
        before("intl_filing_date", "isr_date", N_("search report date {late} is before the filing date {early}"))
        before("intl_filing_date", "wo_date", N_("publication date {late} is before the filing date {early}"))
    elif kind == "overseas":
        before("filing_date", "grant_date", N_("grant date {late} is before the filing date {early}"))
    elif kind == "notice":
        before("dispatch_date", "answered_on", N_("answered on {late}, before the dispatch date {early}"))
        before("dispatch_date", "stated_due", N_("stated due date {late} is before the dispatch date {early}"))
        if v.get("notice_type") == "other" and not v.get("stated_due"):
            errors["stated_due"] = FieldError(_("a notice of type other needs the due date it states"))
    elif kind == "trademark":
        before("filing_date", "registration_date",
               N_("registration date {late} is before the filing date {early}"))
        before("registration_date", "expiry_date", N_("expiry date {late} is before the registration date {early}"))
        before("madrid_date", "madrid_expiry",
               N_("international registration valid until {late}, before its registration date {early}"))
    elif kind == "pledge_loan":
        before("start_date", "maturity_date", N_("maturity date {late} is before the loan's start {early}"))
        before("start_date", "settled_on", N_("settlement date {late} is before the loan's start {early}"))
    return errors


def matter_number(value) -> str:
    """A matter's number as stored: a CN application, PCT or trademark number normalised when it
    reads as one, else the text as given (an overseas application number)."""
    word = _as_text(value)
    if not word:
        raise FieldError(_("required"))
    if len(word) > 60:
        raise FieldError(_("too long: {count} characters, at most {max} allowed").format(count=len(word), max=60))
    for normalise in (numbers.normalise_cn_application, numbers.normalise_pct):
        try:
            return normalise(word)
        except numbers.NumberError:
            continue
    return word


def trademark_expiry(registration_date: dt.date | None) -> dt.date | None:
    """10 years from registration, ending the day before (Trademark Law 2019 Art. 39; Trademark
    Implementing Regulations Art. 12 ¶2 for 29 February, see ``dates.term_end``)."""
    if registration_date is None:
        return None
    return term_end(registration_date, 10)


# A CN application, PCT or trademark registration number names one right, whoever files it: the same
# number under a second firm is a typing or copying mistake (or a transfer not recorded), and a
# docketing clerk expects it refused, with the firm that holds it. Overseas numbers are per office.
NUMBERS_OF_ONE_RIGHT = ("patent", "pct", "trademark")


def held_elsewhere_message(number: str, firm_name: str, firm_code: str) -> str:
    return _("{number} is already recorded under the firm {firm} ({code}); one right belongs to one firm: move "
             "the record there or correct the number").format(number=number, firm=firm_name, code=firm_code)
