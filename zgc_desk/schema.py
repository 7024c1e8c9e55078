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
from zgc_desk.dates import DateError, add_months, add_years, parse_date
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

def _is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


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
TRADEMARK_STATUS_ALIASES = {"申请中": "pending", "已注册": "registered", "注册": "registered",
                            "已续展": "renewed", "续展": "renewed", "无效": "invalid"}

_cn_app = _number(numbers.normalise_cn_application)
_office = _number(numbers.normalise_office)

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
        Field("applicants", N_("Applicants"), listing()),
        Field("inventors", N_("Inventors"), listing()),
        Field("publication_no", N_("Publication number"), _number(numbers.normalise_cn_publication)),
        Field("grant_no", N_("Grant publication number"), _number(numbers.normalise_cn_publication)),
        Field("grant_date", N_("Grant date"), date_value),
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
        Field("designations", N_("Designated parties"), listing(_office)),
        Field("status", N_("Status"), choice(vocab.TRADEMARK_STATUSES, TRADEMARK_STATUS_ALIASES)),
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


def _add_keeping_fields() -> None:
    from zgc_desk.models import MODEL_BY_KIND, KeptRecord

    for kind, fields in FIELDS.items():
        model = MODEL_BY_KIND.get(kind)
        if model is not None and issubclass(model, KeptRecord) and not any(f.key == "docket_no" for f in fields):
            fields.extend(KEEPING_FIELDS)


_add_keeping_fields()

FIELD_BY_KEY = {kind: {f.key: f for f in fields} for kind, fields in FIELDS.items()}

DEFAULTS = {
    "patent": {"status": "pending", "fee_reduction_pct": 0, "abnormal": False},
    "overseas": {"kind": "invention", "status": "pending"},
    "trademark": {"status": "registered"},
    "pct": {"chapter2": False},
    "firm": {"is_sme": False, "is_hnte": False, "blacklisted": False},
}


@dataclass
class Cleaned:
    values: dict = field(default_factory=dict)
    errors: dict[str, FieldError] = field(default_factory=dict)

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
}
# the fields no two records may share (a record is matched by them on import),
KEY_FIELDS = {"firm": ("credit_code",), "patent": ("firm", "application_no"), "pct": ("firm", "pct_no"),
              "overseas": ("firm", "office", "application_no"), "trademark": ("firm", "registration_no")}
# and the links to other records of the firm: link field -> (the number field beside it, the kind it
# points to). The number is kept even when the record it names is not in the database.
LINKS = {"pct": {"cn_priority": ("cn_priority_no", "patent")},
         "overseas": {"pct": ("pct_no", "pct"), "cn_patent": ("cn_application_no", "patent")}}

def clean_record(kind: str, raw: dict, *, partial: bool = False) -> Cleaned:
    """Clean every known field of ``raw``; with ``partial`` missing required fields are not errors.

    Empty values become ``None`` (or ``""`` for text-like fields, which the services store as such).
    Cross-field checks (dates in order, number type matching the kind...) run when the fields they
    need are valid.
    """
    result = Cleaned()
    for spec in FIELDS[kind]:
        if spec.key not in raw:
            if spec.required and not partial:
                result.errors[spec.key] = FieldError(_("required"))
            continue
        value = raw[spec.key]
        if _is_empty(value):
            if spec.required:
                result.errors[spec.key] = FieldError(_("required"))
            else:
                result.values[spec.key] = None
            continue
        try:
            result.values[spec.key] = spec.clean(value)
        except FieldError as exc:
            result.errors[spec.key] = exc
    for key, error in cross_checks(kind, result.values).items():
        result.errors.setdefault(key, error)
    return result


def cross_checks(kind: str, v: dict) -> dict[str, FieldError]:
    """Checks between fields of one record (values already cleaned; absent keys are skipped)."""
    errors: dict[str, FieldError] = {}

    def before(early_key, late_key, message):
        early, late = v.get(early_key), v.get(late_key)
        if early and late and late < early:
            errors[late_key] = FieldError(message.format(early=early.isoformat(), late=late.isoformat()))

    if kind == "patent":
        number, kind_value = v.get("application_no"), v.get("kind")
        if number and kind_value:
            number_kind = numbers.parse_cn_application(number).kind
            if number_kind != kind_value:
                errors["kind"] = FieldError(
                    _("the application number's type digit says {number_kind}, not {kind}").format(
                        number_kind=_(vocab.PATENT_KINDS[number_kind]), kind=_(vocab.PATENT_KINDS[kind_value])))
        before("filing_date", "grant_date", _("grant date {late} is before the filing date {early}"))
        before("priority_date", "filing_date", _("filing date {late} is before the priority date {early}"))
        if v.get("filing_date") and v.get("priority_date"):
            months = 6 if kind_value == "design" else 12
            if add_months(v["priority_date"], months) < v["filing_date"]:
                errors["priority_date"] = FieldError(
                    _("priority date {date} is more than {months} months before the filing date").format(
                        date=v["priority_date"].isoformat(), months=months))
    elif kind == "pct":
        before("priority_date", "intl_filing_date",
               _("international filing date {late} is before the priority date {early}"))
        if v.get("intl_filing_date") and v.get("priority_date") and \
                add_months(v["priority_date"], 12) < v["intl_filing_date"]:
            errors["priority_date"] = FieldError(
                _("priority date {date} is more than 12 months before the international filing date {filed}")
                .format(date=v["priority_date"].isoformat(), filed=v["intl_filing_date"].isoformat()))
        before("intl_filing_date", "isr_date", _("search report date {late} is before the filing date {early}"))
        before("intl_filing_date", "wo_date", _("publication date {late} is before the filing date {early}"))
    elif kind == "overseas":
        before("filing_date", "grant_date", _("grant date {late} is before the filing date {early}"))
    elif kind == "trademark":
        before("filing_date", "registration_date",
               _("registration date {late} is before the filing date {early}"))
        before("registration_date", "expiry_date", _("expiry date {late} is before the registration date {early}"))
    return errors


def trademark_expiry(registration_date: dt.date | None) -> dt.date | None:
    """10 years from registration, ending the day before (Trademark Law 2019 Art. 39)."""
    if registration_date is None:
        return None
    return add_years(registration_date, 10) - dt.timedelta(days=1)
