"""An application (申报表) as an Excel workbook: the form sheet and the attachments sheet, generic over
the field map. Typed cells, A4 print setup, protected sheets with only the blanks left open.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from zgc_desk.forms import excel_style as xs
from zgc_desk.forms.application import Application
from zgc_desk.forms.atomic import atomic_output

_TYPE_FORMATS = {"money": xs.MONEY_FORMAT, "date": xs.DATE_FORMAT, "int": xs.INT_FORMAT}
SIGNATURE_ROWS = 4


def write_workbook(app: Application, path: Path) -> Path:
    """Write the application workbook to ``path`` (crash-safe)."""
    wb = Workbook()
    _form_sheet(wb.active, app)
    _attachments_sheet(wb.create_sheet(), app)
    wb.properties.title = app.form.title
    wb.properties.subject = app.firm_name
    wb.properties.creator = "ZGC Desk"
    with atomic_output(path) as tmp:
        wb.save(tmp)
    return Path(path)


# ---- the form sheet --------------------------------------------------------------------------

def _form_sheet(ws: Worksheet, app: Application) -> None:
    form = app.form
    ws.title = form.text("sheet_main")
    widths = [column.width for column in form.columns]
    xs.set_widths(ws, widths)
    last = len(widths)
    row = _title_rows(ws, app, last)
    row = _firm_block(ws, app, row + 2, widths)
    _heading(ws, row + 2, last, form.text("heading_items"))
    header_row = row + 3
    for col, column in enumerate(form.columns, start=1):
        xs.put(ws, header_row, col, column.header, font="bold", align=xs.CENTRE, border=True, fill=xs.HEAD_FILL)
    xs.fit_row(ws, header_row, [(c.header, c.width) for c in form.columns])
    row = _item_rows(ws, app, header_row + 1, widths)
    row = _totals(ws, app, row, last)
    _declaration(ws, app, row + 1, widths)
    xs.page_setup(ws, landscape=form.landscape, title_rows=(header_row, header_row), header_left=app.firm_name,
                  header_right=form.title, page_label=form.text("page_label"))
    xs.protect(ws)


def _heading(ws: Worksheet, row: int, last: int, text: str) -> None:
    xs.block(ws, row, 1, last, text, font="heading", align=xs.BOTTOM)
    ws.row_dimensions[row].height = 24


def _title_rows(ws: Worksheet, app: Application, last: int) -> int:
    xs.block(ws, 1, 1, last, app.form.title, font="title", align=xs.CENTRE)
    ws.row_dimensions[1].height = 30
    xs.block(ws, 2, 1, last, app.subtitle, font="small", align=xs.CENTRE)
    xs.block(ws, 3, 1, last, app.form.text("basis", basis=app.basis), font="small", align=xs.CENTRE)
    return 3


def _firm_block(ws: Worksheet, app: Application, row: int, widths: list[float]) -> int:
    last = len(widths)
    _heading(ws, row, last, app.form.text("heading_firm"))
    label_last = 2 if last > 3 else 1
    value_width = sum(widths[label_last:])
    for line in app.firm_lines:
        row += 1
        xs.block(ws, row, 1, label_last, line.label, font="bold", border=True, fill=xs.HEAD_FILL)
        xs.block(ws, row, label_last + 1, last, line.value, border=True,
                 fill=xs.INPUT_FILL if line.input else None, unlocked=line.input)
        xs.fit_row(ws, row, [(line.value, value_width)])
    return row


def _item_rows(ws: Worksheet, app: Application, row: int, widths: list[float]) -> int:
    form = app.form
    amount_cols = {i for i, column in enumerate(form.columns) if column.type == "money"}
    if app.statement:
        xs.block(ws, row, 1, len(widths), app.statement, border=True, font="bold", align=xs.CENTRE)
        ws.row_dimensions[row].height = 30
        row += 1
    for item in app.rows:
        for i, (column, value) in enumerate(zip(form.columns, item.cells, strict=True)):
            unverified = not item.verified and (i in amount_cols or column.source == "row.note")
            xs.put(ws, row, i + 1, value, number_format=_TYPE_FORMATS.get(column.type), border=True,
                   align=xs.RIGHT if column.type in ("money", "int") else xs.WRAP,
                   font="warning" if unverified and column.source == "row.note" else "body",
                   fill=xs.UNVERIFIED_FILL if unverified else None)
        xs.fit_row(ws, row, [(str(v), c.width) for v, c in zip(item.cells, form.columns, strict=True)
                             if isinstance(v, str)])
        row += 1
    return row


def _totals(ws: Worksheet, app: Application, row: int, last: int) -> int:
    form = app.form
    first_total = min(app.column_totals, default=app.amount_column)
    if first_total > 0:
        xs.block(ws, row, 1, first_total, form.text("total_nominal"), font="bold", align=xs.CENTRE, border=True)
    for i in range(first_total, last):
        value = app.column_totals.get(i)
        xs.put(ws, row, i + 1, value if value is not None else "", font="bold", border=True, align=xs.RIGHT,
               number_format=xs.MONEY_FORMAT if value is not None else None)
    row += 1
    amount_col = app.amount_column
    xs.block(ws, row, 1, amount_col, form.text("total_claimed"), font="bold", align=xs.CENTRE, border=True)
    xs.put(ws, row, amount_col + 1, app.total_claimed, font="bold", border=True, align=xs.RIGHT,
           number_format=xs.MONEY_FORMAT, fill=None if app.verified else xs.UNVERIFIED_FILL)
    if amount_col + 2 <= last:
        xs.block(ws, row, amount_col + 2, last, "" if app.verified else form.text("unverified_mark"),
                 font="warning", border=True)
    ws.row_dimensions[row].height = 22
    row += 1
    if not app.verified:
        note = form.text("unverified_note")
        xs.block(ws, row, 1, last, note, font="warning", align=xs.WRAP_TOP)
        xs.fit_row(ws, row, [(note, _total_width(ws, last))])
        row += 1
    return row


def _total_width(ws: Worksheet, last: int) -> float:
    return sum(ws.column_dimensions[get_column_letter(c)].width or 10 for c in range(1, last + 1))


def _declaration(ws: Worksheet, app: Application, row: int, widths: list[float]) -> None:
    form = app.form
    last = len(widths)
    _heading(ws, row, last, form.text("heading_declaration"))
    row += 1
    xs.block(ws, row, 1, last, form.declaration, align=xs.WRAP_TOP, border=True)
    xs.fit_row(ws, row, [(form.declaration, sum(widths))], line_height=16)
    row += 1
    # Signature, stamp and date boxes side by side, each a few rows high for pen and seal.
    bounds = _split(last, len(form.signatures))
    for index, (label, (first, end)) in enumerate(zip(form.signatures, bounds, strict=True)):
        is_date = index == len(form.signatures) - 1
        xs.block(ws, row, first, end, label, rows=SIGNATURE_ROWS, align=xs.WRAP_TOP, border=True,
                 unlocked=is_date, fill=xs.INPUT_FILL if is_date else None)
    for r in range(row, row + SIGNATURE_ROWS):
        ws.row_dimensions[r].height = 22


def _split(columns: int, parts: int) -> list[tuple[int, int]]:
    """``parts`` consecutive column ranges (1-based, inclusive) covering ``columns`` columns."""
    parts = max(1, min(parts, columns))
    edges = [round(i * columns / parts) for i in range(parts + 1)]
    return [(edges[i] + 1, edges[i + 1]) for i in range(parts)]


# ---- the attachments sheet -------------------------------------------------------------------

_ATTACHMENT_WIDTHS = (6, 30, 52, 16)


def _attachments_sheet(ws: Worksheet, app: Application) -> None:
    form = app.form
    ws.title = form.text("sheet_attachments")
    xs.set_widths(ws, _ATTACHMENT_WIDTHS)
    last = len(_ATTACHMENT_WIDTHS)
    xs.block(ws, 1, 1, last, f"{form.title}　{form.text('sheet_attachments')}", font="title", align=xs.CENTRE)
    ws.row_dimensions[1].height = 30
    xs.block(ws, 2, 1, last, f"{app.firm_name}（{app.firm_code}）", font="small", align=xs.CENTRE)
    header_row = 4
    for col, header in enumerate(form.texts["attachment_headers"], start=1):
        xs.put(ws, header_row, col, header, font="bold", align=xs.CENTRE, border=True, fill=xs.HEAD_FILL)
    ticks = DataValidation(type="list", formula1='"☐,☑"', allow_blank=True)
    ws.add_data_validation(ticks)
    row = header_row
    for number, (item, document) in enumerate(app.attachments, start=1):
        row += 1
        xs.put(ws, row, 1, number, border=True, align=xs.CENTRE, number_format=xs.INT_FORMAT)
        xs.put(ws, row, 2, item, border=True)
        xs.put(ws, row, 3, document, border=True)
        xs.put(ws, row, 4, form.text("checkbox_empty"), border=True, align=xs.CENTRE, unlocked=True,
               fill=xs.INPUT_FILL)
        ticks.add(ws.cell(row=row, column=4))
        xs.fit_row(ws, row, [(item, _ATTACHMENT_WIDTHS[1]), (document, _ATTACHMENT_WIDTHS[2])])
    xs.page_setup(ws, landscape=False, title_rows=(header_row, header_row), header_left=app.firm_name,
                  header_right=form.title, page_label=form.text("page_label"))
    xs.protect(ws)
