"""The import's write path: turn a checked :class:`ImportPlan` into rows — compare each record with
the database (matched by its key fields), then insert the new ones and update the changed ones in bulk.

Bulk, because 100,000 rows through ``create_record`` would query several times per row; but the
record rules are the editor's: the key fields (``KEY_FIELDS``) and the links with the number beside
each (``LINKS``) are defined once in :mod:`zgc_desk.schema`, model values and defaults come from
``services.records.to_model_values``; ``schema.clean_record`` already cleaned every value, a trademark's expiry is
derived with ``schema.trademark_expiry``, and every created or changed record gets its change-log
entry. The caller holds the transaction (an operation that is not undone step by step).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from peewee import BooleanField, DateField, DateTimeField

from zgc_desk import data_version
from zgc_desk.db import is_sqlite
from zgc_desk.errors import UserError
from zgc_desk.i18n import _
from zgc_desk.io.import_issues import Counts, ImportPlan
from zgc_desk.io.importer import Progress
from zgc_desk.models import MODEL_BY_KIND, ChangeLog, Firm, database, utcnow
from zgc_desk.schema import KEY_FIELDS, LINKS, NUMBER_FIELD, trademark_expiry
from zgc_desk.services.changes import Changed, current_user
from zgc_desk.services.records import to_model_values

KIND_ORDER = ("firm", "patent", "pct", "overseas", "trademark", "pledge_loan", "notice")  # targets of links come first
NEW = object()  # stands for the id of a record this import will create (comparing only)
_BATCH = 2_000


@dataclass
class WriteResult:
    counts: dict[str, Counts] = field(default_factory=dict)
    changed: Changed = field(default_factory=Changed)


class _Writer:
    def __init__(self, plan: ImportPlan, write: bool, progress: Progress | None):
        self.plan, self.write, self.progress = plan, write, progress
        self.now = utcnow()
        self.now_sql = _sql(self.now) if is_sqlite() else self.now
        self.user = current_user()
        self.summary = _("{number} (imported from {file})").replace("{file}", plan.path.name.replace("{", "{{")
                                                                     .replace("}", "}}"))
        self.firm_ids = dict(Firm.select(Firm.credit_code, Firm.id).tuples())
        self.ids: dict[str, dict[tuple, object]] = {}  # kind -> key -> id (NEW when comparing)
        self.result = WriteResult()
        self.total = sum(len(r.rows) for r in plan.records.values())
        self.done = 0  # rows of the kinds already handled
        self._layouts: dict[str, tuple[str, list[tuple]]] = {}

    def run(self) -> WriteResult:
        for kind in KIND_ORDER:
            records = self.plan.records.get(kind)
            if records is not None:
                rows = [values for _row, values in records.rows]
                self._kind(kind, rows)
                self.done += len(rows)
        return self.result

    def _kind(self, kind: str, rows: list[dict]) -> None:
        if kind == "notice":
            self.matters = matters_of_firms({self.firm_ids[v["firm_credit_code"]] for v in rows
                                             if v["firm_credit_code"] in self.firm_ids})
        for _number_field, target in LINKS.get(kind, {}).values():
            if target not in self.ids:  # a target kind absent from the workbook: link to the database's
                self.ids[target] = {key: row["id"] for key, row in self._existing(target, rows, True).items()}
        existing = self._existing(kind, rows)
        self.ids[kind] = {key: row["id"] for key, row in existing.items()}
        counts = self.result.counts.setdefault(kind, Counts())
        # New rows are inserted a batch at a time as they are met, so that a large import never holds
        # a second, complete copy of every row (the plan already holds one); what the change log
        # needs of them afterwards is only their key and number.
        pending, created, updates = [], [], []
        for values in rows:
            data = self._model_values(kind, values)
            key = tuple(data[name] for name in KEY_FIELDS[kind])
            current = existing.get(key)
            if current is None:
                counts.added += 1
                self.ids[kind][key] = NEW
                if self.write:
                    pending.append(self._complete(kind, data))
                    created.append((key, data.get("firm"), data.get(NUMBER_FIELD[kind])))
                    if len(pending) == _BATCH:
                        self._insert(kind, pending)
                        pending = []
                        self._report(counts.added)
                continue
            diff = {name: (current[name], value) for name, value in data.items() if current[name] != value}
            if diff:
                counts.count_changes(diff)
                updates.append((current["id"], current["id"] if kind == "firm" else current["firm"], diff,
                                data.get(NUMBER_FIELD[kind])))
            else:
                counts.unchanged += 1
        counts.updated = len(updates)
        if self.write:
            self._insert(kind, pending)
            self._report(counts.added)
            self.ids[kind] = {key: row["id"] for key, row in self._existing(kind, rows, keys_only=True).items()}
            if kind == "firm":
                self.firm_ids = dict(Firm.select(Firm.credit_code, Firm.id).tuples())
            self._log_created(kind, created)
            self._update(kind, updates, counts.added)

    def _existing(self, kind: str, rows: list[dict], keys_only: bool = False) -> dict[tuple, dict]:
        """Records of the firms concerned, by key (whole rows, or only ids and keys)."""
        model = MODEL_BY_KIND[kind]
        names = KEY_FIELDS[kind]
        query = model.select(model.id, *(getattr(model, n) for n in names)) if keys_only else model.select()
        if kind != "firm":
            firm_ids = sorted({self.firm_ids[v["firm_credit_code"]] for v in rows
                               if v["firm_credit_code"] in self.firm_ids})
            if not firm_ids:
                return {}
            query = query.where(model.firm.in_(firm_ids))
        if keys_only:  # plain tuples: this runs over every record of the firms after inserting
            return {tuple(row[1:]): {"id": row[0]} for row in query.tuples().iterator()}
        return {tuple(row[name] for name in names): row for row in query.dicts().iterator()}

    def _model_values(self, kind: str, values: dict) -> dict:
        data = to_model_values(kind, values, None)
        if kind != "firm":
            code = values["firm_credit_code"]
            if code in self.firm_ids:
                data["firm"] = self.firm_ids[code]
            elif (code,) in self.ids.get("firm", {}) and not self.write:
                data["firm"] = ("new", code)  # a firm this import adds: nothing of it exists yet
            else:  # the database changed since the workbook was checked
                raise UserError(_("No firm with credit code {code} in this database").format(code=code))
        for link, (number_field, target) in LINKS.get(kind, {}).items():
            if number_field in data:
                number = data[number_field]
                data[link] = self.ids.get(target, {}).get((data["firm"], number)) if number else None
        if kind == "notice":  # the matter: in the database (written before), else one this import adds
            found = self.matters.get((data["firm"], data["matter_no"]))
            data["matter_kind"], data["matter_id"] = found if found else (self._new_matter_kind(data), None)
        if kind == "trademark" and "expiry_date" in values and data["expiry_date"] is None:
            data["expiry_date"] = trademark_expiry(data.get("registration_date"))
        return data

    def _new_matter_kind(self, data: dict) -> str:
        """Comparing only: the kind of a matter that this import will add (checked by the importer)."""
        for kind in MATTER_KINDS:
            numbers = {key[-1] for key in self.ids.get(kind, {})}
            if data["matter_no"] in numbers:
                return kind
        return "patent"

    def _complete(self, kind: str, data: dict) -> list:
        """A new record's row as inserted (``_columns`` order, stored form): model defaults for the
        columns the sheet did not have."""
        if kind == "trademark" and data.get("expiry_date") is None:
            data["expiry_date"] = trademark_expiry(data.get("registration_date"))
        row = []
        for name, constant, make, convert in self._columns(kind)[1]:  # once per new row: kept lean
            value = data[name] if name in data else constant if make is None else make()
            row.append(value if convert is None else convert(value))
        return row

    def _columns(self, kind: str) -> tuple[str, list[tuple]]:
        """The INSERT of a new record and, per column, (name, default, default maker, converter)."""
        found = self._layouts.get(kind)
        if found is None:
            model = MODEL_BY_KIND[kind]
            converters = _CONVERTERS if is_sqlite() else {}  # psycopg adapts dates and booleans itself
            columns = []
            for name, model_field in model._meta.fields.items():
                if name == "id":
                    continue
                default, make = model_field.default, None
                if name in ("created_at", "updated_at"):
                    default = self.now_sql
                elif callable(default):
                    make = _not_null(default) if not model_field.null else default
                elif default is None and not model_field.null:
                    default = ""
                columns.append((name, default, make, converters.get(type(model_field))))
            names = ", ".join(f'"{model._meta.fields[c[0]].column_name}"' for c in columns)
            sql = f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({_placeholders(len(columns))})'
            found = self._layouts[kind] = (sql, columns)
        return found

    # -- writing ----------------------------------------------------------------------------------

    def _report(self, done_in_kind: int) -> None:
        if self.progress:
            self.progress("write", self.done + done_in_kind, self.total)

    def _insert(self, kind: str, rows: list[list]) -> None:
        if rows:
            database.cursor().executemany(self._columns(kind)[0], rows)

    def _log_created(self, kind: str, created: list[tuple]) -> None:
        """The change-log entries of the new records: (key, firm id, number) of each."""
        log = []
        ids = self.ids[kind]
        for start in range(0, len(created), _BATCH):
            for key, firm, number in created[start:start + _BATCH]:
                record_id = ids[key]
                firm_id = record_id if kind == "firm" else firm
                self.result.changed.add(kind, record_id, firm_id)
                log.append(self._log_row(kind, record_id, firm_id, "create", {}, number))
            _write_log(log)
            log = []

    def _update(self, kind: str, updates: list, inserted: int) -> None:
        if not updates:
            return
        model = MODEL_BY_KIND[kind]
        groups: dict[tuple, list] = {}
        for item in updates:
            groups.setdefault(tuple(sorted(item[2])), []).append(item)
        cursor = database.cursor()
        log = []
        store = _sql if is_sqlite() else _native
        param = database.param
        for names, items in groups.items():
            assignments = ", ".join(f'"{model._meta.fields[n].column_name}" = {param}' for n in (*names, "updated_at"))
            assignments += ', "row_version" = "row_version" + 1'  # an editor open on it will not overwrite this
            sql = f'UPDATE "{model._meta.table_name}" SET {assignments} WHERE "id" = {param}'
            cursor.executemany(sql, [[*(store(diff[n][1]) for n in names), self.now_sql, record_id]
                                     for record_id, _firm, diff, _number in items])
            for record_id, firm_id, diff, number in items:
                self.result.changed.add(kind, record_id, firm_id)
                log.append(self._log_row(kind, record_id, firm_id, "update", diff, number))
        _write_log(log)
        self._report(inserted + len(updates))

    def _log_row(self, kind, record_id, firm_id, action, diff, number) -> tuple:
        summary = self.summary.format(number=number or "")
        changes = json.dumps({k: [_json(a), _json(b)] for k, (a, b) in diff.items()}, ensure_ascii=False) \
            if diff else "{}"
        return (self.now_sql, self.user, firm_id, kind, record_id, action, changes, summary[:250])


_LOG_COLUMNS = ("at", "user", "firm_id", "kind", "record_id", "action", "changes", "summary")


def _write_log(rows: list[tuple]) -> None:
    if rows:
        columns = ", ".join(f'"{ChangeLog._meta.fields[n].column_name}"' for n in _LOG_COLUMNS)
        database.cursor().executemany(
            f'INSERT INTO "{ChangeLog._meta.table_name}" ({columns}) VALUES ({_placeholders(len(_LOG_COLUMNS))})',
            rows)


def _placeholders(count: int) -> str:
    return ", ".join([database.param] * count)


def _not_null(make):
    def made():
        value = make()
        return "" if value is None else value
    return made


def _native(value):
    return value


def _sql(value):
    """What peewee would store: ISO dates, 'YYYY-MM-DD HH:MM:SS.ffffff' datetimes, 0/1 booleans."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


_CONVERTERS = {  # how peewee would store these field types (what it reads back)
    DateField: lambda v: v.isoformat() if isinstance(v, dt.date) else v,
    DateTimeField: lambda v: v.isoformat(sep=" ") if isinstance(v, dt.datetime) else v,
    BooleanField: lambda v: int(v) if isinstance(v, bool) else v,
}


def _json(value):
    return value.isoformat() if isinstance(value, dt.date) else value


MATTER_KINDS = ("patent", "pct", "trademark", "overseas")  # the order services.notices.find_matter uses
_MATTER_NUMBER = {"patent": "application_no", "pct": "pct_no", "trademark": "registration_no",
                  "overseas": "application_no"}


def matters_of_firms(firm_ids: set[int]) -> dict[tuple[int, str], tuple[str, int]]:
    """(firm id, number) -> (kind, id) of every matter of these firms; the first kind wins."""
    found: dict[tuple[int, str], tuple[str, int]] = {}
    ids = sorted(firm_ids)
    for kind in MATTER_KINDS:
        model = MODEL_BY_KIND[kind]
        column = getattr(model, _MATTER_NUMBER[kind])
        for start in range(0, len(ids), 500):
            query = model.select(model.id, model.firm, column).where(model.firm.in_(ids[start:start + 500]))
            for record_id, firm_id, number in query.tuples().iterator():
                found.setdefault((firm_id, number), (kind, record_id))
    return found


def compare(plan: ImportPlan) -> dict[str, Counts]:
    """What the import would add, update and leave unchanged, per kind (reads only)."""
    return _Writer(plan, write=False, progress=None).run().counts


def write(plan: ImportPlan, progress: Progress | None = None) -> WriteResult:
    """Write the plan; the caller holds the transaction (``database.atomic()``)."""
    if not plan.ok:
        raise UserError(_("The workbook has errors; nothing was imported."))
    tables = [MODEL_BY_KIND[kind]._meta.table_name for kind in plan.records]
    with data_version.changed_once(database, tables):
        return _Writer(plan, write=True, progress=progress).run()
