"""Excel building blocks for printable forms: safe cell writing, styles, merged blocks, row heights,
A4 page setup and sheet protection. Nothing here knows about subsidies.

Safety: a value from the database is never a formula. openpyxl stores any string that starts with
``=`` as a formula, so text cells are forced to the string type; text starting with ``=``, ``+``,
``-`` or ``@`` also gets Excel's quote prefix, so that editing the cell in Excel keeps it text.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from zgc_desk.io.xlsx_text import keep_as_text, safe_text

FONT_NAME = "宋体"  # SimSun: present on every Chinese Windows; forms are printed there
MONEY_FORMAT = '"¥"#,##0.00'
DATE_FORMAT = "yyyy-mm-dd"
INT_FORMAT = "0"
LINE_HEIGHT = 14.0  # points per line of 10.5-point text

_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
UNLOCKED = Protection(locked=False)
INPUT_FILL = PatternFill("solid", fgColor="FFF6D5")  # cells the applicant completes
HEAD_FILL = PatternFill("solid", fgColor="E4E9F0")
UNVERIFIED_FILL = PatternFill("solid", fgColor="FCE4D6")

FONTS = {
    "body": Font(name=FONT_NAME, size=10.5),
    "bold": Font(name=FONT_NAME, size=10.5, bold=True),
    "title": Font(name=FONT_NAME, size=16, bold=True),
    "small": Font(name=FONT_NAME, size=9),
    "heading": Font(name=FONT_NAME, size=11.5, bold=True),
    "warning": Font(name=FONT_NAME, size=9.5, color="9C2F00"),
}
WRAP = Alignment(wrap_text=True, vertical="center", indent=1)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center", indent=1)
BOTTOM = Alignment(vertical="bottom")


def put(ws: Worksheet, row: int, column: int, value, *, font: str = "body", align: Alignment = WRAP,
        number_format: str | None = None, border: bool = False, fill: PatternFill | None = None,
        unlocked: bool = False):
    """Write one typed, styled cell; strings are always text (never formulas)."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    keep_as_text(cell)
    cell.font = FONTS[font]
    cell.alignment = align
    if number_format:
        cell.number_format = number_format
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    if border:
        cell.border = BORDER
    if fill is not None:
        cell.fill = fill
    if unlocked:
        cell.protection = UNLOCKED
    return cell


def block(ws: Worksheet, row: int, first: int, last: int, value, *, rows: int = 1, **style):
    """A value in a merged range (``rows`` high, columns ``first``..``last``), bordered if asked."""
    cell = put(ws, row, first, value, **style)
    if last > first or rows > 1:
        ws.merge_cells(start_row=row, start_column=first, end_row=row + rows - 1, end_column=last)
    if style.get("border"):  # a merged range shows the borders of its edge cells
        for r in range(row, row + rows):
            for c in range(first, last + 1):
                ws.cell(row=r, column=c).border = BORDER
    if style.get("unlocked"):
        for r in range(row, row + rows):
            for c in range(first, last + 1):
                ws.cell(row=r, column=c).protection = UNLOCKED
    return cell


def display_width(text: str) -> int:
    """Width in Excel character units: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def lines_needed(text: str, width_chars: float) -> int:
    usable = max(width_chars - 1.5, 1)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in str(text).split("\n"))


def fit_row(ws: Worksheet, row: int, texts_and_widths, minimum: float = LINE_HEIGHT + 4,
            line_height: float = LINE_HEIGHT) -> None:
    """Set a row's height so that its wrapped texts show in full (Excel does not on its own)."""
    lines = max((lines_needed(text, width) for text, width in texts_and_widths if text), default=1)
    ws.row_dimensions[row].height = max(minimum, lines * line_height + 4)


def set_widths(ws: Worksheet, widths) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def page_setup(ws: Worksheet, *, landscape: bool, title_rows: tuple[int, int] | None, header_left: str,
               header_right: str, page_label: str) -> None:
    """A4, fit to the page width, header rows repeated, firm name in the header, page numbers."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"
    ws.oddHeader.left.text = _header_text(header_left)
    ws.oddHeader.right.text = _header_text(header_right)
    ws.oddFooter.center.text = page_label.replace("{page}", "&P").replace("{pages}", "&N")
    ws.print_area = f"A1:{get_column_letter(ws.max_column)}{ws.max_row}"


def _header_text(text: str) -> str:
    return safe_text(text).replace("&", "&&")  # a lone & starts a header code in Excel


def protect(ws: Worksheet) -> None:
    """Lock every cell except those marked unlocked; no password (this prevents slips, not fraud)."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # allowed: widening a column to print
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False
