"""Read and check a portfolio workbook completely before anything is written.

Every cell goes through ``schema.clean_record`` (the same validation as the editors); then the checks
between rows and sheets: the same record twice, a firm code found neither in the 企业信息 sheet nor in
the database, links to a Chinese priority or PCT application that cannot be found (a warning: the
number is kept). The result is an :class:`ImportPlan`; ``services.import_writer`` turns it into rows.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path

from zgc_desk.i18n import _
from zgc_desk.io.import_issues import ImportPlan, Issue, SheetRecords
from zgc_desk.io.payment_sheet import is_payment_sheet
from zgc_desk.io.workbook_layout import (
    INSTRUCTIONS_SHEET,
    RECORD_KEY,
    SHEETS,
    Sheet,
    match_header,
    match_sheet,
    normalise_label,
)
from zgc_desk.io.workbook_reader import CellProblem, SheetStream, WorkbookFile
from zgc_desk.models import MODEL_BY_KIND, Firm, OverseasFiling, Patent, PCTApplication, Trademark
from zgc_desk.schema import (
    FIELD_BY_KEY,
    NUMBER_FIELD,
    NUMBERS_OF_ONE_RIGHT,
    CleanMemo,
    clean_record,
    held_elsewhere_message,
)

Progress = Callable[[str, int, int], None]  # (stage, done, total); stages: read, write

# What a clerk types to empty a field on an update (a blank cell means "unchanged"); compared after
# normalise_label (spaces dropped, full-width brackets made half-width) and lower-casing.
CLEAR_MARKERS = frozenset({"(清空)", "(clear)"})
EXCEL_CELL_MAX = 32_767  # characters an Excel cell can hold
MAX_FILLED_ROWS = 300_000  # per sheet: beyond this the workbook should be split (memory, time)
_PROGRESS_EVERY = 2_000


def read_plan(path: str | Path, *, progress: Progress | None = None,
              max_rows: int = MAX_FILLED_ROWS) -> ImportPlan:
    """Read every sheet and check every cell and every record; nothing is written."""
    plan = ImportPlan(Path(path))
    with WorkbookFile(path) as workbook:
        streams = workbook.sheets()
        plan.sheet_order = [stream.title for stream in streams]
        total = sum(stream.size_hint or 0 for stream in streams)
        done = 0
        for stream in streams:
            sheet = _sheet_for(stream, plan)
            if sheet is not None:
                done = _read_sheet(stream, sheet, plan, max_rows, progress, done, total)
    if not plan.records and not plan.errors:
        plan.errors.append(Issue(_("no sheet of the import layout was found; expected sheets named {names}")
                                 .format(names=", ".join(s.name for s in SHEETS))))
    _check_across_sheets(plan)
    plan.sort_issues()
    return plan


def _has_rows(stream: SheetStream) -> bool:
    """Whether a sheet holds anything below its header row (stops at the first such row)."""
    return any(index > 1 and any(v not in (None, "") for v in values) for index, values in stream.rows())


def _sheet_for(stream: SheetStream, plan: ImportPlan) -> Sheet | None:
    sheet = match_sheet(stream.title)
    if sheet is None:
        if is_payment_sheet(stream.title):  # the export's payment records: recorded by marking fees paid
            if _has_rows(stream):  # said once there are rows; an empty one is just the export's own
                plan.warnings.append(Issue(_("payment records are exported for reference and are not imported; "
                                             "ignored"), sheet_title=stream.title))
        elif normalise_label(stream.title) != INSTRUCTIONS_SHEET:
            plan.warnings.append(Issue(_("not a sheet of the import layout; ignored"), sheet_title=stream.title))
        return None
    if sheet.kind in plan.records:
        plan.errors.append(Issue(_("a second sheet for the same records as sheet {other}; put them in one sheet")
                                 .format(other=plan.records[sheet.kind].title), sheet_title=stream.title))
        return None
    return sheet


def _read_sheet(stream: SheetStream, sheet: Sheet, plan: ImportPlan, max_rows: int,
                progress: Progress | None, done: int, total: int) -> int:
    rows = stream.rows()
    first = next(rows, None)
    issue = _issue_maker(sheet, stream.title)
    if first is None:  # an entirely empty sheet: nothing to import, nothing wrong
        plan.records[sheet.kind] = SheetRecords(sheet, stream.title, {})
        return done
    if first[0] != 1:
        plan.errors.append(issue(_("row 1 must hold the column headers (e.g. {example})").format(
            example=", ".join(c.header for c in sheet.columns[:3]))))
        return done
    columns, headerless = _map_headers(first[1], sheet, plan, issue)
    records = SheetRecords(sheet, stream.title, columns)
    plan.records[sheet.kind] = records
    warned_headerless: set[int] = set()
    memo = CleanMemo()  # one per sheet: what it remembers goes with the sheet's rows
    for index, values in rows:
        done += 1
        if progress and done % _PROGRESS_EVERY == 0:
            progress("read", done, max(total, done))
        if not _check_row(index, values, records, plan, issue, memo):
            continue
        _warn_headerless(index, values, len(first[1]), headerless, warned_headerless, plan, issue)
        if records.filled_rows > max_rows:
            plan.errors.append(issue(_("more than {count} rows with data: split the workbook into smaller "
                                       "files").format(count=max_rows)))
            break
    _report_merged(stream, plan, issue)
    return done


def _issue_maker(sheet: Sheet, title: str):
    def make(message, row=None, key=None, column=None, value=None, quote=True):
        return Issue(message, sheet, title, row, key, column, value, quote)
    return make


def _map_headers(header: list, sheet: Sheet, plan: ImportPlan, issue) -> tuple[dict[str, int], set[int]]:
    columns: dict[str, int] = {}
    headerless: set[int] = set()
    for number, text in enumerate(header, start=1):
        if text is None or isinstance(text, CellProblem) or not str(text).strip():
            headerless.add(number)
            continue
        key = match_header(sheet, text)
        if key is None:
            plan.warnings.append(issue(_("unknown column {letter}; ignored").format(letter=_letter(number)),
                                       row=1, column=number, value=text))
        elif key in columns:
            plan.errors.append(issue(_("the same column appears twice (columns {first} and {second})").format(
                first=_letter(columns[key]), second=_letter(number)), row=1, key=key, column=number, value=text))
        else:
            columns[key] = number
    for column in sheet.columns:
        if column.required and column.key not in columns:
            plan.errors.append(issue(_("required column {header} is missing").format(
                header=column.title), row=1, quote=False))
    return columns, headerless


CLEAR_MARKER_MAX = 12  # characters: a longer text is never a marker


@functools.lru_cache(maxsize=4096)
def _is_marker_text(text: str) -> bool:
    """A cell asking to empty the field: ``(清空)`` or ``(clear)``, any brackets and case (the
    caller checks the length first). Short cells repeat (kinds, states, yes/no, office codes): NFKC
    once per distinct text, not per cell."""
    return normalise_label(text).lower() in CLEAR_MARKERS


def _check_row(index: int, values: list, records: SheetRecords, plan: ImportPlan, issue,
               memo: CleanMemo | None = None) -> bool:
    """Clean one row; returns False for a row that is entirely empty.

    A blank cell of an optional field is left out of the record, so that an update keeps what the
    database has (a new record gets the field's default); a clear marker (``CLEAR_MARKERS``) empties a field.
    A blank required cell stays an error. A trademark's blank expiry is derived again from a
    registration date in the same row, as the contract says."""
    raw, problems, cleared, long = {}, {}, [], []
    kind = records.sheet.kind
    required = _REQUIRED[kind]
    read, width = records.read_at, records.read_width
    if len(values) < width:  # a row's empty cells at its end are not given
        values = values + [None] * (width - len(values))
    filled = False
    blank_expiry = False
    for key, at in read:  # the inner loop of an import: cheapest test first
        value = values[at]
        if value is not None:
            if isinstance(value, str):
                if not value.strip():
                    value = None
                elif len(value) <= CLEAR_MARKER_MAX and _is_marker_text(value):
                    cleared.append(key)
                    continue
                elif len(value) > EXCEL_CELL_MAX:
                    long.append(key)
            elif isinstance(value, CellProblem):
                problems[key] = value
                continue
        if value is not None:
            filled = True
            raw[key] = value
        elif key in required:
            raw[key] = None  # an error: required
        elif key == "expiry_date":
            blank_expiry = True
    if not (filled or problems):  # blank, or clear markers alone: an empty row
        return False
    records.filled_rows += 1
    for key in cleared:
        if key in required:
            problems[key] = CellProblem(values[records.columns[key] - 1],
                                        _("a required field cannot be cleared"))
        else:
            raw[key] = None
    if blank_expiry and _derived_when_blank(kind, "expiry_date", raw):
        raw["expiry_date"] = None
    cleaned = clean_record(records.sheet.kind, raw, partial=True, memo=memo)
    for key in long:  # fields without a length limit of their own still have Excel's
        if key not in cleaned.errors:
            value = raw[key]
            problems[key] = CellProblem(value, _("{count} characters: more than an Excel cell can hold ({max})")
                                        .format(count=len(value), max=EXCEL_CELL_MAX))
    for key, problem in problems.items():
        plan.errors.append(issue(problem.message, index, key, records.columns[key], problem.shown))
    for key, error in cleaned.errors.items():
        plan.errors.append(issue(error.message, index, key, records.columns.get(key), raw.get(key)))
    for key, message in cleaned.warnings.items():
        plan.warnings.append(issue(message, index, key, records.columns.get(key), raw.get(key)))
    if cleaned.ok and not problems:
        records.rows.append((index, cleaned.values))
    else:
        records.rows.append((index, {**cleaned.values, "_invalid": True}))
    records.key_cells[index] = {key: raw.get(key) for key in RECORD_KEY[records.sheet.kind]}
    return True


_REQUIRED = {kind: frozenset(key for key, spec in fields.items() if spec.required)
             for kind, fields in FIELD_BY_KEY.items()}


def _derived_when_blank(kind: str, key: str, raw: dict) -> bool:
    return kind == "trademark" and key == "expiry_date" and raw.get("registration_date") is not None


def _warn_headerless(index: int, values: list, header_width: int, headerless: set[int], warned: set[int],
                     plan: ImportPlan, issue) -> None:
    """Values under no header (a merged header, or a column added without one) are ignored: say so once."""
    candidates = headerless | set(range(header_width + 1, len(values) + 1)) if len(values) > header_width \
        else headerless
    for number in candidates - warned:
        if number <= len(values) and values[number - 1] is not None and str(values[number - 1]).strip():
            warned.add(number)
            plan.warnings.append(issue(_("column {letter} has values but no header; ignored").format(
                letter=_letter(number)), row=index, column=number, value=values[number - 1]))


def _report_merged(stream: SheetStream, plan: ImportPlan, issue) -> None:
    for ref in stream.merged:
        if _first_row(ref) == 1:
            plan.errors.append(issue(_("merged header cells {cells}: unmerge them so that every column has "
                                       "its own header").format(cells=ref)))
        else:
            plan.warnings.append(issue(_("merged cells {cells}: only the first cell of a merged range holds a "
                                         "value; unmerge them and fill every cell").format(cells=ref)))


def _first_row(ref: str) -> int:
    first = ref.split(":")[0]
    digits = "".join(ch for ch in first if ch.isdigit())
    return int(digits) if digits else 0


def _letter(number: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(number)


# ---- checks between rows and sheets --------------------------------------------------------------

def _check_across_sheets(plan: ImportPlan) -> None:
    _check_duplicates(plan)
    _check_one_firm_per_number(plan)
    firm_records = plan.records.get("firm")
    known = {values["credit_code"] for _row, values in firm_records.rows if "credit_code" in values} \
        if firm_records else set()
    known |= set(_firm_codes_in_database(_codes_used(plan) - known))
    for kind, records in plan.records.items():
        if kind == "firm" or "firm_credit_code" not in records.columns:
            continue
        firm_sheet = _sheet_shown("firm")
        for index, values in records.rows:
            code = values.get("firm_credit_code")
            if code and code not in known:
                plan.errors.append(Issue(
                    _("this firm is neither in the {sheet} sheet nor in the database; add it to the {sheet} "
                      "sheet").format(sheet=firm_sheet), records.sheet, records.title, index,
                    "firm_credit_code", records.columns["firm_credit_code"],
                    records.key_cells[index]["firm_credit_code"]))
    _check_links(plan)
    _check_pledged(plan)
    _check_notices(plan)
    for records in plan.records.values():
        records.rows = [(index, values) for index, values in records.rows if "_invalid" not in values]
        records.key_cells.clear()  # only needed for the messages above


def _check_duplicates(plan: ImportPlan) -> None:
    for kind, records in plan.records.items():
        key_fields = RECORD_KEY[kind]
        seen: dict[tuple, int] = {}
        for index, values in records.rows:
            key = tuple(values.get(name) for name in key_fields)
            if not all(key):
                continue
            if key in seen:
                number_key = key_fields[-1]
                plan.errors.append(Issue(_("the same record as row {row}").format(row=seen[key]), records.sheet,
                                         records.title, index, number_key, records.columns.get(number_key),
                                         records.key_cells[index][number_key]))
            else:
                seen[key] = index


def _check_one_firm_per_number(plan: ImportPlan) -> None:
    """A CN application, PCT or trademark registration number under two firms is refused, naming the
    firm that holds it, in the workbook or in the database (``schema.NUMBERS_OF_ONE_RIGHT``)."""
    for kind in NUMBERS_OF_ONE_RIGHT:
        records = plan.records.get(kind)
        if records is None:
            continue
        number_key = NUMBER_FIELD[kind]
        first: dict[str, tuple[str, int]] = {}  # number -> (firm code, Excel row) of its first row
        for index, values in records.rows:
            number, code = values.get(number_key), values.get("firm_credit_code")
            if not number or not code:
                continue
            seen = first.setdefault(number, (code, index))
            if seen[0] != code:
                plan.errors.append(Issue(
                    _("the same number as row {row}, which is under the firm {code}; one right belongs to one "
                      "firm").format(row=seen[1], code=seen[0]), records.sheet, records.title, index, number_key,
                    records.columns.get(number_key), records.key_cells[index][number_key]))
        holders = _holders_in_database(kind, number_key, set(first))
        for index, values in records.rows:
            number, code = values.get(number_key), values.get("firm_credit_code")
            others = [(name, other) for name, other in holders.get(number, ()) if other != code] if code else []
            if others:
                plan.errors.append(Issue(held_elsewhere_message(number, *others[0]), records.sheet, records.title,
                                         index, number_key, records.columns.get(number_key),
                                         records.key_cells[index][number_key]))


_SCAN_ABOVE = 2_000  # numbers looked up: beyond this one pass over the table beats chunked IN queries


def _holders_in_database(kind: str, number_key: str, numbers: set[str]) -> dict[str, list[tuple[str, str]]]:
    """number -> [(firm name, firm code)] of the database's records holding it."""
    if not numbers:
        return {}
    model = MODEL_BY_KIND[kind]
    column = getattr(model, number_key)
    base = model.select(column, Firm.name, Firm.credit_code).join(Firm)
    queries = [base] if len(numbers) > _SCAN_ABOVE else \
        [base.where(column.in_(chunk)) for chunk in _chunks(sorted(numbers))]
    holders: dict[str, list[tuple[str, str]]] = {}
    for query in queries:
        for number, name, code in query.tuples().iterator():
            if number in numbers:
                holders.setdefault(number, []).append((name, code))
    return holders


def _codes_used(plan: ImportPlan) -> set[str]:
    codes = set()
    for kind, records in plan.records.items():
        if kind != "firm":
            codes.update(values["firm_credit_code"] for _row, values in records.rows
                         if values.get("firm_credit_code"))
    return codes


def _chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _firm_codes_in_database(codes: set[str]) -> list[str]:
    found = []
    for chunk in _chunks(sorted(codes)):
        found += [code for (code,) in Firm.select(Firm.credit_code).where(Firm.credit_code.in_(chunk)).tuples()]
    return found


def _numbers_in_database(model, number_field, pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which (firm code, number) pairs exist in the database."""
    found = set()
    numbers = sorted({number for _code, number in pairs})
    for chunk in _chunks(numbers):
        column = getattr(model, number_field)
        query = model.select(Firm.credit_code, column).join(Firm).where(column.in_(chunk)).tuples()
        found.update((code, number) for code, number in query if (code, number) in pairs)
    return found


_LINKS = (  # (kind, field with the number, kind it points to, number field there, model, model field)
    ("pct", "cn_priority_no", "patent", "application_no", Patent, "application_no"),
    ("overseas", "pct_no", "pct", "pct_no", PCTApplication, "pct_no"),
    ("overseas", "cn_application_no", "patent", "application_no", Patent, "application_no"),
)


def _check_links(plan: ImportPlan) -> None:
    """A link that resolves to nothing is kept as a number (the target may be added later): a warning."""
    for kind, field, target_kind, target_field, model, model_field in _LINKS:
        records = plan.records.get(kind)
        if records is None or field not in records.columns:
            continue
        wanted = {(values.get("firm_credit_code"), values[field]) for _row, values in records.rows
                  if values.get(field) and "_invalid" not in values}
        if not wanted:
            continue
        targets = plan.records.get(target_kind)
        in_sheet = {(values.get("firm_credit_code"), values.get(target_field)) for _row, values in targets.rows} \
            if targets else set()
        found = in_sheet | _numbers_in_database(model, model_field, wanted - in_sheet)
        target_name = targets.sheet.shown() if targets else _sheet_shown(target_kind)
        for index, values in records.rows:
            pair = (values.get("firm_credit_code"), values.get(field))
            if pair[1] and pair not in found and "_invalid" not in values:
                plan.warnings.append(Issue(
                    _("not found in the {sheet} sheet or the database for this firm; kept as a number, "
                      "not linked").format(sheet=target_name), records.sheet, records.title, index, field,
                    records.columns[field], pair[1]))


# Which matters a notice may concern is rule data; the importer checks the matter exists (in the
# workbook or the database) and that the dispatch date has come.
_MATTER_SHEETS = (("patent", "application_no", Patent), ("pct", "pct_no", PCTApplication),
                  ("trademark", "registration_no", Trademark), ("overseas", "application_no", OverseasFiling))


def today() -> dt.date:
    """The date a dispatch date may not pass; the only clock of the importer (tests set it)."""
    return dt.date.today()


def _check_notices(plan: ImportPlan) -> None:
    records = plan.records.get("notice")
    if records is None:
        return
    wanted = {(values.get("firm_credit_code"), values.get("matter_no")) for _row, values in records.rows
              if values.get("matter_no") and "_invalid" not in values}
    found: dict[tuple[str, str], str] = {}
    for kind, number_field, model in _MATTER_SHEETS:
        sheet = plan.records.get(kind)
        if sheet is not None:
            for _row, values in sheet.rows:
                found.setdefault((values.get("firm_credit_code"), values.get(number_field)), kind)
        for pair in _numbers_in_database(model, number_field, wanted - set(found)):
            found.setdefault(pair, kind)
    now = today()
    for index, values in records.rows:
        if "_invalid" in values:
            continue
        pair = (values.get("firm_credit_code"), values.get("matter_no"))
        if pair[1] and pair not in found:
            _notice_error(plan, records, index, values, "matter_no", _(
                "no patent, PCT application, overseas filing or trademark numbered {number} for this firm, "
                "in the workbook or the database").format(number=pair[1]))
        dispatched = values.get("dispatch_date")
        if dispatched is not None and dispatched > now:
            _notice_error(plan, records, index, values, "dispatch_date",
                          _("dispatch date {date} is in the future").format(date=dispatched.isoformat()))


def _notice_error(plan: ImportPlan, records, index: int, values: dict, key: str, message: str) -> None:
    value = values.get(key)
    plan.errors.append(Issue(message, records.sheet, records.title, index, key, records.columns.get(key),
                             value.isoformat() if isinstance(value, dt.date) else value))
    values["_invalid"] = True


def _check_pledged(plan: ImportPlan) -> None:
    """A pledge loan's pledged numbers are the firm's patents or trademarks, in the workbook or the
    database (the loan links to them): anything else is an error naming the row and the number."""
    from zgc_desk.models import Trademark, split_list

    records = plan.records.get("pledge_loan")
    if records is None or "pledged" not in records.columns:
        return
    wanted = {(values.get("firm_credit_code"), number) for _row, values in records.rows
              if "_invalid" not in values for number in split_list(values.get("pledged"))}
    if not wanted:
        return
    found: set = set()
    for kind, number_field, model in (("patent", "application_no", Patent), ("trademark", "registration_no", Trademark)):
        targets = plan.records.get(kind)
        if targets is not None:
            found |= {(v.get("firm_credit_code"), v.get(number_field)) for _row, v in targets.rows}
        found |= _numbers_in_database(model, number_field, wanted - found)
    for index, values in records.rows:
        missing = [n for n in split_list(values.get("pledged")) if (values.get("firm_credit_code"), n) not in found]
        if missing and "_invalid" not in values:
            plan.errors.append(Issue(
                _("not a patent or trademark of this firm in the {patents} or {marks} sheet or the database: "
                  "{numbers}").format(patents=_sheet_shown("patent"), marks=_sheet_shown("trademark"),
                                      numbers="; ".join(missing)),
                records.sheet, records.title, index, "pledged", records.columns["pledged"], values.get("pledged")))


def _sheet_shown(kind: str) -> str:
    return next(sheet for sheet in SHEETS if sheet.kind == kind).shown()
