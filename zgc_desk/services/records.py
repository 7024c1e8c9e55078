"""Create, read, update, delete and list every kind of record (firm, patent, pct, overseas,
trademark, pledge loan, notice) through one data-driven path: ``zgc_desk.schema`` validates, this
module resolves firm codes and links between records, writes each change as one operation
(``zgc_desk.operations``: one transaction, undoable) and logs it."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from peewee import fn

from zgc_desk import numbers
from zgc_desk.changes import Changed
from zgc_desk.columns import display_number
from zgc_desk.db import retrying
from zgc_desk.errors import EditConflict, NotFound, ValidationError
from zgc_desk.i18n import N_, _
from zgc_desk.models import (
    MODEL_BY_KIND,
    ChangeLog,
    Firm,
    Patent,
    utcnow,
)
from zgc_desk.operations import Label, operation
from zgc_desk.schema import (
    DEFAULTS,
    FIELD_BY_KEY,
    KEY_FIELDS,
    LINKS,
    NUMBER_FIELD,
    NUMBERS_OF_ONE_RIGHT,
    clean_record,
    held_elsewhere_message,
    trademark_expiry,
)
from zgc_desk.services.changes import log_change
from zgc_desk.vocab import RECORD_KINDS

# Kinds whose number may repeat within a firm (many notices on one application).
_REPEATING_NUMBERS = {"notice"}
# Contract keys that are not model fields of the same name.
_COMPUTED_KEYS = {"firm_credit_code", "revenue_10k_cny"}


def _labels(kind: str) -> dict[str, str]:
    return {key: _(f.label) for key, f in FIELD_BY_KEY[kind].items()}


def _model(kind: str):
    try:
        return MODEL_BY_KIND[kind]
    except KeyError:
        raise NotFound(_("Unknown kind of record: {kind}").format(kind=kind)) from None


def find_firm(code_or_id) -> Firm:
    """A firm by id or by credit code (in any written form)."""
    if isinstance(code_or_id, int):
        firm = Firm.get_or_none(Firm.id == code_or_id)
    else:
        try:
            code = numbers.normalise_credit_code(code_or_id)
        except numbers.NumberError as exc:
            raise NotFound(_("{code} is not a valid credit code: {problem}").format(
                code=code_or_id, problem=exc.message)) from None
        firm = Firm.get_or_none(Firm.credit_code == code)
    if firm is None:
        raise NotFound(_("No firm with credit code {code} in this database").format(code=code_or_id))
    return firm


def get_record(kind: str, record_id: int):
    record = _model(kind).get_or_none(id=record_id)
    if record is None:
        raise NotFound(_("{kind} {id} no longer exists").format(kind=kind, id=record_id))
    return record


def record_values(kind: str, record) -> dict:
    """A record as a dict of contract keys (plus ``id`` and ``firm_id``)."""
    values = {"id": record.id}
    for key in FIELD_BY_KEY[kind]:
        if key == "firm_credit_code":
            values[key] = record.firm.credit_code
        elif key == "revenue_10k_cny":
            values[key] = None if record.revenue_cny is None else record.revenue_cny / 10000
        else:
            values[key] = getattr(record, key)
    if kind != "firm":
        values["firm_id"] = record.firm_id
    return values


def to_model_values(kind: str, values: dict, firm: Firm | None) -> dict:
    empty = _empty_values(kind)  # run once per row of an import: the model's fields looked up once
    out = {}
    for key, value in values.items():
        if key == "firm_credit_code":
            continue
        if key == "revenue_10k_cny":
            out["revenue_cny"] = value
            continue
        if value is None:
            value = empty[key]
        out[key] = value
    if firm is not None:
        out["firm"] = firm
    return out


@functools.cache
def _empty_values(kind: str) -> dict:
    """What an empty value is stored as, by field: None where the column may be null, else its
    default or ""."""
    return {name: None if field.null else field.default if field.default is not None else ""
            for name, field in _model(kind)._meta.fields.items()}


def _resolve_links(kind: str, data: dict, firm_id: int) -> None:
    """Link a PCT to its Chinese priority and an overseas filing to its PCT / CN application (LINKS)."""
    for link, (number_field, target) in LINKS.get(kind, {}).items():
        if number_field in data:
            number = data[number_field]
            data[link] = (_model(target).get_or_none(firm=firm_id, **{NUMBER_FIELD[target]: number})
                          if number else None)
    if kind == "trademark" and not data.get("expiry_date") and data.get("registration_date"):
        data["expiry_date"] = trademark_expiry(data["registration_date"])
    if kind == "notice":
        from zgc_desk.services.notices import link_matter

        link_matter(data, firm_id)
    if kind == "pledge_loan" and data.get("pledged"):
        _check_pledged(data["pledged"], firm_id)


def _check_pledged(pledged: str, firm_id: int) -> None:
    """Every pledged number is one of the firm's patents or trademarks (the loan links to them)."""
    from zgc_desk.models import Trademark, split_list

    numbers_given = split_list(pledged)
    known = {n for (n,) in Patent.select(Patent.application_no).where(
        (Patent.firm == firm_id) & Patent.application_no.in_(numbers_given)).tuples()}
    known |= {n for (n,) in Trademark.select(Trademark.registration_no).where(
        (Trademark.firm == firm_id) & Trademark.registration_no.in_(numbers_given)).tuples()}
    unknown = [n for n in numbers_given if n not in known]
    if unknown:
        raise ValidationError({"pledged": _("not a patent or trademark of this firm: {numbers}").format(
            numbers="; ".join(unknown))}, _labels("pledge_loan"))


def _firm_for(kind: str, raw: dict, firm_id: int | None) -> Firm | None:
    if kind == "firm":
        return None
    if firm_id is not None:
        firm = find_firm(int(firm_id))
        raw.setdefault("firm_credit_code", firm.credit_code)
        return firm
    code = raw.get("firm_credit_code")
    if not code:
        raise ValidationError({"firm_credit_code": _("required")}, _labels(kind))
    try:
        return find_firm(str(code))
    except NotFound as exc:
        raise ValidationError({"firm_credit_code": exc.message}, _labels(kind)) from None


def _check_unique(kind: str, model_values: dict, firm: Firm | None, exclude_id: int | None) -> None:
    model = _model(kind)
    key = NUMBER_FIELD[kind]
    if key not in model_values or kind in _REPEATING_NUMBERS:
        return
    query = model.select().where(getattr(model, key) == model_values[key])
    if firm is not None:
        query = query.where(model.firm == firm)
    for name in KEY_FIELDS.get(kind, ()):
        if name not in ("firm", key) and name in model_values:
            query = query.where(getattr(model, name) == model_values[name])
    if exclude_id is not None:
        query = query.where(model.id != exclude_id)
    if query.exists():
        raise ValidationError({key: _("{number} is already recorded").format(number=model_values[key])},
                              _labels(kind))
    if firm is not None and kind in NUMBERS_OF_ONE_RIGHT:
        other = _held_by_another_firm(kind, model_values[key], firm, exclude_id)
        if other is not None:
            raise ValidationError({key: held_elsewhere_message(model_values[key], *other)}, _labels(kind))


def _held_by_another_firm(kind: str, number, firm, exclude_id: int | None) -> tuple[str, str] | None:
    model = _model(kind)
    query = (model.select(Firm.name, Firm.credit_code).join(Firm)
             .where((getattr(model, NUMBER_FIELD[kind]) == number) & (model.firm != firm)))
    if exclude_id is not None:
        query = query.where(model.id != exclude_id)
    return query.tuples().first()


def _summary(kind: str, values: dict) -> str:
    return str(values.get(NUMBER_FIELD[kind]) or values.get("name") or values.get("mark") or "")


def record_label(kind: str, row: dict) -> Label:
    """How undo names a record: its kind and number (a firm: its name)."""
    name = row.get("name", "") if kind == "firm" else (display_number(kind, row) or row.get(NUMBER_FIELD[kind], ""))
    return Label(N_("{kind} {name}"), kind=Label(RECORD_KINDS.get(kind, kind)), name=name)


@retrying
def create_record(kind: str, raw: dict, firm_id: int | None = None) -> tuple[int, Changed]:
    """Validate and store a new record (one operation); returns its id and what changed."""
    raw = dict(raw)
    with operation() as op:
        firm = _firm_for(kind, raw, firm_id)
        merged = {**DEFAULTS.get(kind, {}), **raw}
        cleaned = clean_record(kind, merged)
        if not cleaned.ok:
            raise ValidationError({k: e.message for k, e in cleaned.errors.items()}, _labels(kind))
        values = to_model_values(kind, cleaned.values, firm)
        _check_unique(kind, values, firm, None)
        if firm is not None:
            _resolve_links(kind, values, firm.id)
        record = _model(kind).create(**values)
        firm_ref = record.id if kind == "firm" else firm.id
        log_change(kind, record.id, "create", firm_ref, summary=_summary(kind, values))
        op.label = Label(N_("Add {what}"), what=record_label(kind, record.__data__))
    return record.id, op.changed


@retrying
def update_record(kind: str, record_id: int, raw: dict, expected_version: int | None = None) -> Changed:
    """Change some fields of a record (only the keys given).

    ``expected_version`` is the row version the caller read (an editor, when it opened): a record saved
    by someone else since is refused with :class:`EditConflict`, and nothing is written. Without it the
    version read here guards the read-modify-write itself, so two saves at the same moment never merge
    silently: the database lets exactly one of them through."""
    raw = {k: v for k, v in raw.items() if k in FIELD_BY_KEY[kind]}
    with operation() as op:
        record = get_record(kind, record_id)
        op.label = Label(N_("Edit {what}"), what=record_label(kind, record.__data__))
        if expected_version is not None and record.row_version != expected_version:
            raise _conflict(kind, record_id, record.row_version)
        if kind != "firm":
            raw.setdefault("firm_credit_code", record.firm.credit_code)
        current = record_values(kind, record)
        cleaned = clean_record(kind, {**current, **raw})
        if not cleaned.ok:
            raise ValidationError({k: e.message for k, e in cleaned.errors.items()}, _labels(kind))
        firm = None if kind == "firm" else find_firm(cleaned.values["firm_credit_code"])
        values = to_model_values(kind, cleaned.values, firm)
        _check_unique(kind, values, firm, record_id)
        if firm is not None:
            _resolve_links(kind, values, firm.id)
        if kind == "trademark" and "registration_date" in raw and "expiry_date" not in raw:
            values["expiry_date"] = trademark_expiry(values.get("registration_date"))
        diff = {}
        for key, value in values.items():
            old = getattr(record, key)
            old_cmp = old.id if hasattr(old, "id") else old
            new_cmp = value.id if hasattr(value, "id") else value
            if old_cmp != new_cmp:
                diff[key] = (old_cmp, new_cmp)
                setattr(record, key, value)
        firm_ref = record.id if kind == "firm" else record.firm_id
        if diff:
            _save_if_unchanged(kind, record, list(diff))
            log_change(kind, record.id, "update", firm_ref, diff, summary=_summary(kind, values))
    return op.changed


def _save_if_unchanged(kind: str, record, names: list[str]) -> None:
    """Write the changed fields and the next version, only where the version is still the one read."""
    model = _model(kind)
    read_version = record.row_version
    record.updated_at = utcnow()
    values = {model._meta.fields[name]: getattr(record, name) for name in (*names, "updated_at")}
    values[model.row_version] = model.row_version + 1
    written = model.update(values).where((model.id == record.id) & (model.row_version == read_version)).execute()
    if written != 1:
        current = model.get_or_none(model.id == record.id)
        raise _conflict(kind, record.id, current.row_version if current else read_version)
    record.row_version = read_version + 1


def record_version(kind: str, record_id: int) -> int:
    """The record's row version now (an editor keeps it to save against)."""
    return get_record(kind, record_id).row_version


def last_change(kind: str, record_id: int) -> tuple[str, dt.datetime | None]:
    """Who changed the record last, and when (UTC), from the change log."""
    row = (ChangeLog.select(ChangeLog.user, ChangeLog.at)
           .where((ChangeLog.kind == kind) & (ChangeLog.record_id == record_id))
           .order_by(ChangeLog.id.desc()).first())
    return (row.user, row.at) if row else ("", None)


def _conflict(kind: str, record_id: int, current_version: int) -> EditConflict:
    from zgc_desk.i18n import format_datetime

    who, when = last_change(kind, record_id)
    shown_when = format_datetime(when.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)) if when else "?"
    message = _("{user} changed this record at {time}, after you opened it; nothing was saved. Reload it to "
                "see their change, or overwrite it knowingly.").format(user=who or _("someone"), time=shown_when)
    return EditConflict(message, kind=kind, record_id=record_id, who=who, when=when,
                        current_version=current_version)


@retrying
def delete_record(kind: str, record_id: int) -> Changed:
    """Delete a record, and what hangs on it (a firm's records and claims), as one operation:
    undo (:func:`zgc_desk.operations.undo`) puts every row back, links included."""
    with operation() as op:
        record = get_record(kind, record_id)
        op.label = Label(N_("Delete {what}"), what=record_label(kind, record.__data__))
        firm_ref = record.id if kind == "firm" else record.firm_id
        summary = _summary(kind, record.__data__)
        if kind != "firm":  # a firm's attachments (its records' too) go by the foreign key
            from zgc_desk.services.attachments import remove_attachments_of

            remove_attachments_of(kind, record_id)
        record.delete_instance()
        log_change(kind, record_id, "delete", firm_ref, summary=summary)
    return op.changed


@retrying
def delete_records(kind: str, record_ids: list[int]) -> Changed:
    """Several records deleted as one operation (one undo step)."""
    with operation(Label(N_("Delete {count} records"), count=len(record_ids))) as op:
        for record_id in record_ids:
            delete_record(kind, record_id)
    return op.changed


class RecordValues(dict):
    """A record's values as a plain dict of contract keys (plus ``id``, ``firm_id``, ``row_version`` and,
    for records of a firm, ``firm_name``), also readable as attributes (``firm.name``). A snapshot:
    reading it never touches the database, unlike an ORM row handed to a widget."""

    def __getattr__(self, key: str):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None


def read_record(kind: str, record_id: int) -> RecordValues:
    """A record as plain values: what the window and the command line get, never the ORM row.
    Raises NotFound."""
    record = get_record(kind, record_id)
    values = RecordValues(record_values(kind, record), row_version=record.row_version)
    if kind != "firm":
        values["firm_name"] = record.firm.name
        values["firm_credit_code"] = record.firm.credit_code
    return values


def count_firms() -> int:
    return Firm.select().count()


def list_firms(search: str = "") -> list[Firm]:
    query = Firm.select().order_by(Firm.name)
    if search.strip():
        query = query.where(Firm.name.contains(search.strip()) | Firm.credit_code.contains(numbers.search_key(search)))
    return list(query)


_SEARCH_COLUMNS = {
    "patent": ("application_no", "title", "applicants", "publication_no", "grant_no"),
    "pct": ("pct_no", "title", "applicants", "wo_no", "cn_priority_no"),
    "overseas": ("application_no", "grant_no", "pct_no", "cn_application_no", "applicants", "office"),
    "trademark": ("mark", "registration_no", "madrid_no", "nice_classes"),
    "pledge_loan": ("loan_no", "lender", "pledge_registration_no", "pledged"),
    "notice": ("matter_no", "notice_type", "outcome", "notes"),
}


def _number_like(column, key: str):
    """Match a typed number however it was written: ignore dots, slashes and spaces in the stored one."""
    stripped = fn.REPLACE(fn.REPLACE(fn.REPLACE(column, ".", ""), "/", ""), " ", "")
    return stripped.contains(key)


def list_ids(kind: str, firm_id: int | None = None, search: str = "", filters: dict | None = None,
             order_by: str | None = None, descending: bool = False) -> list[int]:
    """Ids of matching records, in order. ``filters`` maps a field to a value or a list of values."""
    model = _model(kind)
    query = model.select(model.id)
    if firm_id is not None and kind != "firm":
        query = query.where(model.firm == firm_id)
    for key, value in (filters or {}).items():
        column = getattr(model, key)
        if isinstance(value, list | tuple | set):
            query = query.where(column.in_(list(value)))
        else:
            query = query.where(column == value)
    search = (search or "").strip()
    if search and kind in _SEARCH_COLUMNS:
        key = numbers.search_key(search)
        condition = None
        for name in _SEARCH_COLUMNS[kind]:
            column = getattr(model, name)
            term = column.contains(search)
            if name.endswith("_no") and key:
                term = term | _number_like(column, key)
            condition = term if condition is None else condition | term
        query = query.where(condition)
    order_column = getattr(model, order_by) if order_by else model.id
    query = query.order_by(order_column.desc() if descending else order_column, model.id)
    return [row[0] for row in query.tuples()]


def fetch_rows(kind: str, ids: Iterable[int]) -> dict[int, dict]:
    """Rows by id as plain dicts of model fields (for table models' lazy fetch)."""
    model = _model(kind)
    ids = list(ids)
    rows: dict[int, dict] = {}
    for start in range(0, len(ids), 500):  # SQLite limits the number of bound parameters
        chunk = ids[start:start + 500]
        for row in model.select().where(model.id.in_(chunk)).dicts():
            rows[row["id"]] = row
    return rows


def today() -> dt.date:
    """Only front ends call this; logic takes an explicit date."""
    return dt.date.today()
