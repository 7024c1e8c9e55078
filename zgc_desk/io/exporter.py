"""Export the portfolio in the import layout, so that export → import into an empty database →
export gives the same cells: the contract's Chinese words for enumerations, 是/否 for yes/no, real
Excel dates, revenue in 万元, lists joined with "; ", and text that looks like a formula kept as text.
Rows are ordered by firm and number (never by database id) for the same reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from openpyxl.cell import WriteOnlyCell

from zgc_desk.io.atomic import streams_beside
from zgc_desk.io.importer import Progress
from zgc_desk.io.payment_sheet import write_payment_sheet
from zgc_desk.io.template import DATE_FORMAT, add_data_sheet, close_quietly, new_workbook, save_workbook
from zgc_desk.io.workbook_layout import BOOL, CHOICE, DATE, NO, SHEETS, YES, Column, Sheet
from zgc_desk.io.xlsx_text import keep_as_text, safe_text
from zgc_desk.models import MODEL_BY_KIND, Firm
from zgc_desk.schema import NUMBER_FIELD


@streams_beside("out")
def export_workbook(out: str | Path, firm_id: int | None = None,
                    progress: Progress | None = None) -> dict[str, int]:
    """Write every record (or one firm's) to ``out``; returns the number of rows per kind."""
    out = Path(out)
    workbook = new_workbook()
    counts = {}
    try:
        total = sum(_query(sheet.kind, firm_id).count() for sheet in SHEETS)
        done = 0
        for sheet in SHEETS:
            ws = add_data_sheet(workbook, sheet)
            counts[sheet.kind] = 0
            for row in _rows(sheet, firm_id):
                ws.append([_cell(ws, column, row.get(column.key)) for column in sheet.columns])
                counts[sheet.kind] += 1
                done += 1
                if progress and done % 2000 == 0:
                    progress("write", done, total)
        write_payment_sheet(workbook, firm_id)  # after the layout's sheets, export only (not a record count)
    except BaseException:
        close_quietly(workbook)  # its streaming sheets would complain on stderr when collected
        raise
    workbook.active = 1  # the firms sheet, after the instructions
    save_workbook(workbook, out)
    return counts


def _query(kind: str, firm_id: int | None):
    model = MODEL_BY_KIND[kind]
    if kind == "firm":
        query = Firm.select().order_by(Firm.name, Firm.credit_code)
        return query.where(Firm.id == firm_id) if firm_id is not None else query
    number = getattr(model, NUMBER_FIELD[kind])
    order = [Firm.name, Firm.credit_code, number] if kind != "overseas" else \
        [Firm.name, Firm.credit_code, model.office, number]
    if kind == "notice":  # many notices per matter: by matter, then as they came
        order += [model.dispatch_date, model.notice_type, model.id]
    query = model.select(model, Firm.credit_code.alias("firm_credit_code")).join(Firm).order_by(*order)
    return query.where(model.firm == firm_id) if firm_id is not None else query


def _rows(sheet: Sheet, firm_id: int | None) -> Iterator[dict]:
    for row in _query(sheet.kind, firm_id).dicts().iterator():
        if sheet.kind == "firm":
            row["revenue_10k_cny"] = _ten_thousand(row["revenue_cny"])
        yield row


def _ten_thousand(yuan: int | None):
    if yuan is None:
        return None
    value = Decimal(yuan) / 10000
    return int(value) if value == value.to_integral_value() else float(value)


def cell_value(column: Column, value):
    """The value written to a cell for a stored value (``None`` leaves the cell empty)."""
    if value is None or value == "":
        return None
    if column.style == BOOL:
        return YES if value else NO
    if column.style == CHOICE and not isinstance(value, int):  # fee reduction rates stay numbers
        return column.words.get(value, value)
    return value


def _cell(ws, column: Column, value):
    value = cell_value(column, value)
    if column.style == DATE and isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=safe_text(value))
        keep_as_text(cell)
        return cell
    return value
