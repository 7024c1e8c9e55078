"""What the importer found: one :class:`Issue` per problem (an error blocks the import, a warning does
not), and the :class:`ImportPlan` the window's preview and the command line show before writing.

An issue keeps its parts (sheet, Excel row, column, value, message) rather than a finished sentence,
so the line is worded in the language shown when it is read, and the error workbook can mark the cell.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from zgc_desk.i18n import _
from zgc_desk.io.workbook_layout import Sheet
from zgc_desk.io.workbook_reader import CellProblem

SHOWN_VALUE_MAX = 60
LISTED_ERRORS_MAX = 200  # error lines printed or shown; the rest are counted by sheet and column


def shown_value(value) -> str:
    """A cell value as quoted in a message: dates as ISO, 3.0 as 3, long text cut short."""
    if value is None:
        return ""
    if isinstance(value, CellProblem):
        text = value.shown
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = " ".join(text.split())
    if len(text) > SHOWN_VALUE_MAX:
        text = text[:SHOWN_VALUE_MAX] + "…"
    return text


@dataclass
class Issue:
    message: str  # already translated: what is wrong and what is expected
    sheet: Sheet | None = None
    sheet_title: str = ""  # the sheet's name in the workbook
    row: int | None = None  # Excel row number
    key: str | None = None  # column key
    column: int | None = None  # 1-based column number in the workbook
    value: object = None
    quote: bool = True  # whether the line quotes the value

    def where(self) -> str:
        if self.sheet is not None:
            return self.sheet.shown()
        return self.sheet_title

    def line(self) -> str:
        """One line, e.g. ``专利 第3行 申请号 "202110344405.3": 校验位应为 7``."""
        if self.row is None:
            if self.where():
                return _("{sheet}: {message}").format(sheet=self.where(), message=self.message)
            return self.message
        if self.key is not None and self.sheet is not None:
            return _('{sheet} row {row} {column} "{value}": {message}').format(
                sheet=self.where(), row=self.row, column=self.sheet.column(self.key).shown(),
                value=shown_value(self.value), message=self.message)
        if self.quote:
            return _('{sheet} row {row} "{value}": {message}').format(
                sheet=self.where(), row=self.row, value=shown_value(self.value), message=self.message)
        return _("{sheet} row {row}: {message}").format(sheet=self.where(), row=self.row, message=self.message)


def _listed(issues: list[Issue], limit: int, more: str) -> list[str]:
    lines = [issue.line() for issue in issues[:limit]]
    if len(issues) > limit:
        counts: dict[str, int] = {}
        for issue in issues[limit:]:
            column = issue.sheet.column(issue.key).shown() if issue.key and issue.sheet else ""
            where = f"{issue.where()} {column}".strip() or _("the workbook")
            counts[where] = counts.get(where, 0) + 1
        by_field = ", ".join(f"{where} {count}" for where, count in
                             sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        lines.append(more.format(count=len(issues) - limit, by_field=by_field))
    return lines


@dataclass
class SheetRecords:
    """The valid rows of one sheet, cleaned by ``schema.clean_record`` (only the columns present)."""

    sheet: Sheet
    title: str
    columns: dict[str, int]  # key -> 1-based column number
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (Excel row, cleaned values)
    key_cells: dict[int, dict] = field(default_factory=dict)  # Excel row -> raw cells of the record's key
    filled_rows: int = 0  # rows that are not entirely empty

    @functools.cached_property
    def read_at(self) -> list[tuple[str, int]]:
        """(key, 0-based index in a row's values) of each column read."""
        return [(key, number - 1) for key, number in self.columns.items()]

    @functools.cached_property
    def read_width(self) -> int:
        """The values a row must have for every column read to be there."""
        return max(self.columns.values(), default=0)


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    changed_fields: dict[str, int] = field(default_factory=dict)  # model field -> records updated in it

    def count_changes(self, diff: dict) -> None:
        for name in diff:
            self.changed_fields[name] = self.changed_fields.get(name, 0) + 1

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


@dataclass
class ImportPlan:
    """Everything an import would do, computed without writing anything."""

    path: Path
    records: dict[str, SheetRecords] = field(default_factory=dict)  # by kind
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    counts: dict[str, Counts] | None = None  # by kind; None until compared with the database
    sheet_order: list[str] = field(default_factory=list)  # sheet titles as in the workbook

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_lines(self, limit: int | None = None) -> list[str]:
        issues = self.errors if limit is None else self.errors[:limit]
        return [issue.line() for issue in issues]

    def listed_error_lines(self, limit: int = LISTED_ERRORS_MAX) -> list[str]:
        """The first ``limit`` error lines, then one line counting the rest by sheet and column (a
        workbook with a million bad rows must not print a million lines)."""
        return _listed(self.errors, limit, _("… and {count} more errors ({by_field}); --errors-out FILE.xlsx "
                                             "marks every one"))

    def listed_warning_lines(self, limit: int = LISTED_ERRORS_MAX) -> list[str]:
        return _listed(self.warnings, limit, _("… and {count} more warnings ({by_field})"))

    def warning_lines(self) -> list[str]:
        return [issue.line() for issue in self.warnings]

    def sort_issues(self) -> None:
        """Workbook order: sheet by sheet, row by row, column by column."""
        position = {title: i for i, title in enumerate(self.sheet_order)}

        def order(issue: Issue):
            return (position.get(issue.sheet_title, -1), issue.row or 0, issue.column or 0)

        self.errors.sort(key=order)
        self.warnings.sort(key=order)

    def summary_lines(self, counts: dict[str, Counts] | None = None) -> list[str]:
        counts = counts if counts is not None else (self.counts or {})
        lines = []
        for kind, records in self.records.items():
            count = counts.get(kind, Counts())
            lines.append(_("{sheet}: {added} added, {updated} updated, {unchanged} unchanged").format(
                sheet=records.sheet.shown(), added=count.added, updated=count.updated, unchanged=count.unchanged))
            if count.changed_fields:
                lines.append("  " + _("changed: {fields}").format(fields=changed_fields_text(records.sheet,
                                                                                              count)))
        return lines


# model fields set from another column (a link from its number; revenue from 万元)
_SHOWN_AS = {"revenue_cny": "revenue_10k_cny", "cn_priority": "cn_priority_no", "pct": "pct_no",
             "cn_patent": "cn_application_no"}


def changed_fields_text(sheet: Sheet, count: Counts) -> str:
    """``法律状态 2, 申请人 1``: how many records each column changes, most first."""
    names = {column.key: column.shown() for column in sheet.columns}
    totals: dict[str, int] = {}
    for name, number in count.changed_fields.items():
        shown = names.get(_SHOWN_AS.get(name, name), name)
        totals[shown] = max(totals.get(shown, 0), number)  # a link and its number count once
    items = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{shown} {number}" for shown, number in items)
