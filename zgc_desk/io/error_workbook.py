"""The error workbook a user fixes their file from: a first sheet listing every error and warning
(with a link to the cell), then a copy of their workbook's values with the rows that have errors
shaded and each bad cell red, the problem in a comment.

It is written as a stream (openpyxl's write-only mode, the original read row by row through
``workbook_reader``), so a million-row workbook costs time, not memory: the issues are already in
workbook order (``ImportPlan.sort_issues``), and each sheet's are walked beside its rows. Every cell
goes through the same text guard as every workbook the program writes (``xlsx_text``): a rejected
``=HYPERLINK(…)`` is shown as text, never becomes a live formula — and the copy holds values, not
the original's formulas. Comments and links stop after a generous number (each costs memory until
the file is saved); the shading and the listing cover every issue.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink

from zgc_desk.errors import UserError
from zgc_desk.i18n import _
from zgc_desk.io.atomic import streams_beside
from zgc_desk.io.import_issues import ImportPlan, Issue, shown_value
from zgc_desk.io.template import DATE_FORMAT, close_quietly, save_workbook
from zgc_desk.io.workbook_reader import CellProblem, WorkbookFile
from zgc_desk.io.xlsx_text import keep_as_text

ROW_FILL = PatternFill("solid", fgColor="FDE9E7")
CELL_FILL = PatternFill("solid", fgColor="F4B6B0")
_MARK_COLUMNS_MAX = 60  # shade a bad row up to this many columns
COMMENTS_MAX = 20_000  # cell comments in the copy (each is kept in memory until the save)
LINKS_MAX = 20_000  # links from the listing to the cells
_LINK_FONT = Font(color="0563C1", underline="single")
_BOLD = Font(bold=True)


@streams_beside("out")
def save_error_workbook(plan: ImportPlan, out: Path) -> Path:
    workbook = Workbook(write_only=True)
    try:
        titles = _sheet_titles(plan.path)
        _write_listing(workbook.create_sheet(_("Errors")), plan, set(titles))
        if titles:
            _copy_sheets(workbook, plan, titles)
    except BaseException:
        close_quietly(workbook)
        raise
    save_workbook(workbook, out)
    return out


def _sheet_titles(path: Path) -> list[str]:
    """The original's sheets, or none when it cannot be read (it is what the errors are about)."""
    try:
        with WorkbookFile(path) as source:
            return [stream.title for stream in source.sheets()]
    except UserError:
        return []


# ---- the listing -----------------------------------------------------------------------------------

def _text(ws, value, font=None) -> Cell | None:
    if value is None or value == "":
        return None
    cell = WriteOnlyCell(ws, value=value)
    keep_as_text(cell)
    if font is not None:
        cell.font = font
    return cell


def _write_listing(ws, plan: ImportPlan, titles: set[str]) -> None:
    for width, letter in zip((8, 12, 7, 20, 30, 60, 90), "ABCDEFG", strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    headers = [_("Type"), _("Sheet"), _("Row"), _("Column"), _("Value"), _("Problem"), _("Message")]
    ws.append([_text(ws, text, _BOLD) for text in headers])
    links = 0
    for label, issues in ((_("Error"), plan.errors), (_("Warning"), plan.warnings)):
        for issue in issues:
            column = issue.sheet.column(issue.key).shown() if issue.key and issue.sheet else ""
            sheet_cell = _text(ws, issue.sheet_title)
            if sheet_cell is not None and issue.row is not None and issue.sheet_title in titles and links < LINKS_MAX:
                letter = get_column_letter(issue.column or 1)
                sheet_cell.hyperlink = Hyperlink(ref="", location=f"{quote_sheetname(issue.sheet_title)}!"
                                                                  f"{letter}{issue.row}")
                sheet_cell.font = _LINK_FONT
                links += 1
            ws.append([_text(ws, label), sheet_cell, issue.row, _text(ws, column),
                       _text(ws, shown_value(issue.value)), _text(ws, issue.message), _text(ws, issue.line())])


# ---- the copy of the user's sheets -----------------------------------------------------------------

def _copy_sheets(workbook: Workbook, plan: ImportPlan, titles: list[str]) -> None:
    by_sheet = {title: [] for title in titles}
    for issue in plan.errors:  # already in workbook order: sheet, row, column
        if issue.row is not None and issue.sheet_title in by_sheet:
            by_sheet[issue.sheet_title].append(issue)
    comments = [0]
    with WorkbookFile(plan.path) as source:
        for stream in source.sheets():
            ws = workbook.create_sheet(stream.title)
            issues = sorted(by_sheet.get(stream.title, []), key=lambda i: (i.row, i.column or 0))
            _copy_rows(ws, stream.rows(), issues, comments)


def _copy_rows(ws, rows: Iterator[tuple[int, list]], issues: list[Issue], comments: list[int]) -> None:
    pending = iter(itertools.groupby(issues, key=lambda i: i.row))
    marks = next(pending, None)
    written = 0
    for index, values in rows:
        while marks is not None and marks[0] < index:  # an issue on a row without cells
            written = _fill_to(ws, written, marks[0] - 1)
            ws.append(_marked_row(ws, [], list(marks[1]), comments))
            written = marks[0]
            marks = next(pending, None)
        written = _fill_to(ws, written, index - 1)
        if marks is not None and marks[0] == index:
            ws.append(_marked_row(ws, values, list(marks[1]), comments))
            marks = next(pending, None)
        else:
            ws.append([_value_cell(ws, value) for value in values])
        written = index
    while marks is not None:
        written = _fill_to(ws, written, marks[0] - 1)
        ws.append(_marked_row(ws, [], list(marks[1]), comments))
        written = marks[0]
        marks = next(pending, None)


def _fill_to(ws, written: int, last: int) -> int:
    """Empty rows up to ``last``, so that every row keeps its Excel row number."""
    for _row in range(written, last):
        ws.append([])
    return max(written, last)


def _value_cell(ws, value):
    if isinstance(value, CellProblem):
        value = value.shown
    if isinstance(value, str):
        return _text(ws, value)
    if isinstance(value, dt.datetime | dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, int | float | bool) or value is None:
        return value
    return _text(ws, str(value))


def _marked_row(ws, values: list, issues: list[Issue], comments: list[int]) -> list:
    bad = {}
    for issue in issues:
        if issue.column:
            bad.setdefault(issue.column, []).append(issue.message)
    width = min(max(len(values), max(bad, default=1)), max(_MARK_COLUMNS_MAX, max(bad, default=1)))
    cells = []
    for number in range(1, width + 1):
        value = values[number - 1] if number <= len(values) else None
        cell = _value_cell(ws, value)
        if not isinstance(cell, Cell):
            cell = WriteOnlyCell(ws, value=cell)
        if number in bad:
            cell.fill = CELL_FILL
            if comments[0] < COMMENTS_MAX:
                cell.comment = Comment("\n".join(bad[number]), "ZGC Desk", width=300, height=120)
                comments[0] += 1
        elif number <= _MARK_COLUMNS_MAX:
            cell.fill = ROW_FILL
        cells.append(cell)
    cells += [_value_cell(ws, value) for value in values[width:]]
    return cells
