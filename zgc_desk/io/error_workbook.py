"""The error workbook a user fixes their file from: a copy of their workbook with the rows that have
errors shaded, each bad cell red with the problem in a comment, and a first sheet listing every
error and warning (with a link to the cell).
"""

from __future__ import annotations

import warnings
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink

from zgc_desk.i18n import _
from zgc_desk.io.import_issues import ImportPlan, Issue, shown_value
from zgc_desk.io.template import save_workbook

ROW_FILL = PatternFill("solid", fgColor="FDE9E7")
CELL_FILL = PatternFill("solid", fgColor="F4B6B0")
_MARK_COLUMNS_MAX = 60  # shade a bad row up to this many columns


def save_error_workbook(plan: ImportPlan, out: Path) -> Path:
    workbook = _original(plan.path)
    listing = workbook.create_sheet(_("Errors"), 0)
    _write_listing(listing, workbook, plan)
    sheet_names = set(workbook.sheetnames)
    for issue in plan.errors:
        if issue.row is not None and issue.sheet_title in sheet_names:
            _mark(workbook[issue.sheet_title], issue)
    workbook.active = 0
    save_workbook(workbook, out)
    return out


def _original(path: Path) -> Workbook:
    """The user's workbook as it is (formulas kept), or an empty one when it cannot be opened."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(path)
    except Exception:  # the file is what the errors are about (not a workbook, damaged...)
        workbook = Workbook()
        workbook.remove(workbook.active)
    return workbook


def _write_listing(ws, workbook: Workbook, plan: ImportPlan) -> None:
    headers = [_("Type"), _("Sheet"), _("Row"), _("Column"), _("Value"), _("Problem"), _("Message")]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for width, letter in zip((8, 12, 7, 20, 30, 60, 90), "ABCDEFG", strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    for label, issues in ((_("Error"), plan.errors), (_("Warning"), plan.warnings)):
        for issue in issues:
            column = issue.sheet.column(issue.key).shown() if issue.key and issue.sheet else ""
            ws.append([label, issue.sheet_title, issue.row, column, _as_text(shown_value(issue.value)),
                       issue.message, issue.line()])
            _link(ws.cell(ws.max_row, 2), workbook, issue)


def _as_text(text: str) -> str | None:
    return text or None


def _link(cell, workbook: Workbook, issue: Issue) -> None:
    if issue.row is None or issue.sheet_title not in workbook.sheetnames:
        return
    letter = get_column_letter(issue.column or 1)
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{quote_sheetname(issue.sheet_title)}!{letter}{issue.row}")
    cell.font = Font(color="0563C1", underline="single")


def _mark(ws, issue: Issue) -> None:
    width = min(max(ws.max_column, issue.column or 1), _MARK_COLUMNS_MAX)
    for number in range(1, width + 1):
        cell = ws.cell(issue.row, number)
        if cell.fill != CELL_FILL:
            cell.fill = ROW_FILL
    if issue.column:
        cell = ws.cell(issue.row, issue.column)
        cell.fill = CELL_FILL
        text = issue.message if cell.comment is None else f"{cell.comment.text}\n{issue.message}"
        cell.comment = Comment(text, "ZGC Desk", width=300, height=120)
