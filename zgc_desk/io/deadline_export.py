"""The Due list (or the advisor view) as the user sees it, written to an Excel workbook.

One sheet, a title line naming what was listed and as of when, then a header row and one row per
deadline in the window's order, with the columns of ``zgc_desk.services.due_columns``. Cells are
typed: due dates are Excel dates, days left and fees are numbers (fees with a ¥ format), and text
that looks like a formula stays text. Core module: no Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from zgc_desk.columns import DATE, INT, MONEY, DueColumn
from zgc_desk.deadlines import Deadline
from zgc_desk.errors import UserError
from zgc_desk.i18n import _, format_date
from zgc_desk.io.atomic import streams_beside
from zgc_desk.io.template import save_workbook
from zgc_desk.io.xlsx_text import keep_as_text, safe_text

DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = '"¥"#,##0'  # fees are whole yuan
INT_FORMAT = "0"
_WIDTHS = {"due": 12, "days": 9, "what": 26, "matter": 20, "office": 8, "title": 40, "fee": 12,
           "surcharge": 12, "state": 10, "group": 14, "fee_verified": 10, "firm": 30, "credit_code": 22, "provisional": 10, "basis": 90}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_PROVISIONAL_FILL = PatternFill("solid", fgColor="FFF2CC")


def _money_format(currency: str) -> str:
    """Yuan as ¥; a foreign fee with its ISO code, so that no cell passes dollars off as yuan."""
    return MONEY_FORMAT if currency == "CNY" else f'#,##0" {currency}"'


def _cell(ws, column: DueColumn, value, currency: str = "CNY"):
    if value is None or value == "":
        return None
    cell = WriteOnlyCell(ws, value=safe_text(value) if isinstance(value, str) else value)
    if column.style == DATE and isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    elif column.style == MONEY:
        cell.number_format = _money_format(currency)
    elif column.style == INT:
        cell.number_format = INT_FORMAT
    else:
        keep_as_text(cell)
    return cell


def _header(ws, text: str):
    cell = WriteOnlyCell(ws, value=text)
    cell.font = Font(bold=True)
    cell.fill = _HEADER_FILL
    cell.alignment = Alignment(vertical="center")
    return cell


@streams_beside("path")
def export_deadlines(path: str | Path, deadlines: Iterable[Deadline], columns: list[DueColumn], *,
                     title: str, as_of: dt.date) -> int:
    """Write ``deadlines`` (in the given order) to ``path``; returns the number of rows written.

    A provisional due date (no official holiday calendar for its year yet) is shaded and its
    "Provisional date" cell says so, as the window flags it."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(_("{path}: an Excel workbook name must end in .xlsx").format(path=path))
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(_("Due list")[:31])
    for number, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(number)].width = _WIDTHS.get(column.key, 14)
    ws.freeze_panes = "A3"
    ws.page_setup.orientation = "landscape"  # printed: wide columns, the header row on every page
    ws.page_setup.paperSize = "9"  # A4
    ws.print_title_rows = "2:2"
    heading = WriteOnlyCell(ws, value=_("{title} — as of {date}").format(title=title, date=format_date(as_of, "iso")))
    heading.font = Font(bold=True, size=12)
    ws.append([heading])
    ws.append([_header(ws, _(column.label)) for column in columns])
    rows = 0
    due_index = next((i for i, c in enumerate(columns) if c.key == "due"), None)
    for deadline in deadlines:
        currency = deadline.currency or "CNY"
        cells = [_cell(ws, column, column.value(deadline), currency) for column in columns]
        if deadline.provisional and due_index is not None and cells[due_index] is not None:
            cells[due_index].fill = _PROVISIONAL_FILL
        ws.append(cells)
        rows += 1
    ws.auto_filter.ref = f"A2:{get_column_letter(len(columns))}{rows + 2}"
    save_workbook(workbook, path)
    return rows
