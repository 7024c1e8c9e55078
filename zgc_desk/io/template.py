"""The blank import workbook, and the sheet set-up the export shares with it: a 说明 (instructions)
sheet explaining every column with an example, then one sheet per kind with its headers (required
ones marked ``*``, help in a comment), drop-down lists for enumerations, date and text formats per
column, a frozen header row and sensible widths.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from zgc_desk.i18n import _
from zgc_desk.io.atomic import atomic_output, streams_beside
from zgc_desk.io.workbook_layout import (
    BOOL,
    CHOICE,
    CODE,
    DATE,
    INSTRUCTIONS_SHEET,
    NO,
    SHEETS,
    YES,
    Column,
    Sheet,
)

DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
LAST_ROW = 1_048_576
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
_BOLD = Font(bold=True)
_REQUIRED_FONT = Font(bold=True, color="C00000")


def new_workbook() -> Workbook:
    """A streaming workbook (constant memory for 100,000 rows) starting with the instructions sheet."""
    workbook = Workbook(write_only=True)
    _write_instructions(workbook.create_sheet(INSTRUCTIONS_SHEET))
    return workbook


def add_data_sheet(workbook: Workbook, sheet: Sheet):
    """A sheet ready for rows: widths, formats, drop-downs, frozen header row, the header row itself."""
    ws = workbook.create_sheet(sheet.name)
    for number, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(number)
        dimension = ws.column_dimensions[letter]
        dimension.width = column.width
        if column.style == DATE:
            dimension.number_format = DATE_FORMAT
        elif column.style == CODE:
            dimension.number_format = TEXT_FORMAT  # digits typed by hand stay text (credit codes, numbers)
        validation = _validation(column)
        if validation is not None:
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.data_validations.append(validation)
    ws.freeze_panes = "A2"
    ws.append([_header_cell(ws, column) for column in sheet.columns])
    return ws


def _header_cell(ws, column: Column) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=column.title)
    cell.font = _REQUIRED_FONT if column.required else _BOLD
    cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    note = _(column.help) if column.help else ""
    if column.example:
        note += "\n" + _("Example: {example}").format(example=column.example)
    if note.strip():
        cell.comment = Comment(note.strip(), "ZGC Desk", width=260, height=110)
    return cell


def _validation(column: Column) -> DataValidation | None:
    if column.style == BOOL:
        words = [YES, NO]
    elif column.style == CHOICE:
        words = list(column.words.values())
    elif column.suggestions:
        words = list(column.suggestions)
    else:
        return None
    # A warning rather than a refusal: the importer also accepts other spellings (Y/N, 发明专利...).
    validation = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=True,
                                showErrorMessage=not column.suggestions, errorStyle="warning")
    validation.error = _("Choose a value from the list: {choices}").format(choices=", ".join(words))
    validation.errorTitle = column.header
    return validation


def _write_instructions(ws) -> None:
    widths = (12, 26, 22, 8, 70, 30)
    for number, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(number)].width = width
    title = WriteOnlyCell(ws, value=_("ZGC Desk portfolio workbook: how to fill it in"))
    title.font = Font(bold=True, size=14)
    ws.append([title])
    for line in _general_rules():
        ws.append([None, line])
    ws.append([])
    heading = [_("Sheet"), _("Column header"), _("Key"), _("Required"), _("Explanation"), _("Example")]
    ws.append([_bold(ws, text) for text in heading])
    for sheet in SHEETS:
        for column in sheet.columns:
            ws.append([sheet.name, column.header, column.key, YES if column.required else "",
                       _(column.help), _text_cell(ws, column.example)])


def _general_rules() -> list[str]:
    return [
        _("One sheet per kind of record: 企业信息 (firms), 专利 (patents), PCT, 海外申请 (overseas filings), "
          "商标 (trademarks). Headers stay in row 1; columns may come in any order; * marks required columns."),
        _("Dates: Excel dates, or 2021-03-05, 2021/3/5, 2021.3.5, 2021年3月5日."),
        _("Yes/no columns: 是/否, Y/N, yes/no, true/false or 1/0. Lists in a cell (applicants, classes, "
          "countries) are separated by ; or ；."),
        _("Importing again updates the records matched by firm and number; nothing is duplicated. If any cell "
          "is wrong nothing is imported, and every problem is listed with its sheet, row and column."),
        _("On an update a blank cell leaves the field as it is in the database; to empty a field, type (清空) "
          "or (clear) in its cell (a field that cannot be empty returns to its default). A blank 有效期至 "
          "beside a 注册日 is derived again."),
        _("This sheet is ignored by the import."),
    ]


def _bold(ws, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=text)
    cell.font = _BOLD
    cell.fill = _HEADER_FILL
    return cell


def _text_cell(ws, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=text)
    cell.number_format = TEXT_FORMAT
    return cell


@streams_beside("out")
def write_template(out: str | Path) -> Path:
    """The blank import workbook: instructions, then the five sheets with headers only."""
    out = Path(out)
    workbook = new_workbook()
    for sheet in SHEETS:
        add_data_sheet(workbook, sheet)
    save_workbook(workbook, out)
    return out


def save_workbook(workbook: Workbook, out: Path) -> None:
    """Save through a temporary file beside ``out`` (openpyxl's own temporaries there too), so a
    failure or a kill never leaves a half-written workbook behind; a failed save says nothing more
    than its error (no "Exception ignored" noise from the streaming sheets left open)."""
    if workbook.write_only and not workbook.worksheets:
        workbook.create_sheet()
    with atomic_output(out) as temp:
        archive = ZipFile(temp, "w", ZIP_DEFLATED, allowZip64=True)
        try:
            ExcelWriter(workbook, archive).save()  # what Workbook.save does, with the archive in hand
        except BaseException:
            handle, archive.fp = archive.fp, None  # the archive's own clean-up would fail again, noisily
            with contextlib.suppress(Exception):
                handle.close()
            close_quietly(workbook)
            raise


def close_quietly(workbook: Workbook) -> None:
    """Close the streaming sheets of a workbook whose save failed: their row generators and writers,
    left to the garbage collector, print "Exception ignored in WriteOnlyWorksheet" blocks on stderr."""
    for ws in getattr(workbook, "_sheets", []):
        rows, writer = getattr(ws, "_rows", None), getattr(ws, "_writer", None)
        steps = [getattr(rows, "close", None)]
        if writer is not None:
            steps += [getattr(getattr(writer, "xf", None), "close", None), writer.cleanup]
        for step in steps:
            if step is not None:
                with contextlib.suppress(Exception):
                    step()
        with contextlib.suppress(Exception):
            ws._rows = ws._writer = None
