"""A portfolio cost forecast written to an Excel workbook, for the budget holder.

Three sheets: the totals per year (one column per currency, with how many fees are unknown or
unverified), the fees per record and year, and every fee with its due date; then the assumptions
the forecast rests on. Cells are typed (years and amounts are numbers, due dates Excel dates) and
text from the database stays text. An unknown amount is an empty cell marked "unknown", never 0.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from zgc_desk.deadlines.forecast import Forecast, by_matter
from zgc_desk.deadlines.kinds import kind_label
from zgc_desk.errors import UserError
from zgc_desk.i18n import _, format_date, pgettext
from zgc_desk.io.atomic import streams_beside
from zgc_desk.io.template import save_workbook
from zgc_desk.io.xlsx_text import keep_as_text

MONEY_FORMAT = "#,##0"  # the currency is the column's own, named in its header
DATE_FORMAT = "yyyy-mm-dd"
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_UNKNOWN_FILL = PatternFill("solid", fgColor="FFF2CC")


def _text(ws, value: str, *, bold: bool = False):
    cell = WriteOnlyCell(ws, value=value)
    keep_as_text(cell)
    if bold:
        cell.font = Font(bold=True)
    return cell


def _header(ws, labels: list[str]) -> list:
    cells = []
    for label in labels:
        cell = _text(ws, label, bold=True)
        cell.fill = _HEADER_FILL
        cells.append(cell)
    return cells


def _number(ws, value: int | None, fmt: str = MONEY_FORMAT):
    if value is None:
        cell = WriteOnlyCell(ws, value=_("unknown"))
        cell.fill = _UNKNOWN_FILL
        return cell
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = fmt
    return cell


def _totals_sheet(wb: Workbook, result: Forecast, title: str) -> None:
    ws = wb.create_sheet(_("Totals per year")[:31])
    ws.column_dimensions["A"].width = 10
    ws.append([_text(ws, title, bold=True)])
    currencies = result.currencies or ["CNY"]
    ws.append(_header(ws, [_("Year"), *[_("Fees ({currency})").format(currency=c) for c in currencies],
                           _("Fees counted"), _("Amount unknown"), _("Amount unverified")]))
    grand = result.grand_total()
    for total in [*result.totals, grand]:
        year = _text(ws, _("Total"), bold=True) if total is grand else WriteOnlyCell(ws, value=total.year)
        ws.append([year, *[_number(ws, total.amounts.get(c, 0)) for c in currencies],
                   total.count, total.unknown, total.unverified])
    ws.append([])
    ws.append([_text(ws, _("Assumptions"), bold=True)])
    for text in result.assumptions():
        ws.append([_text(ws, "• " + text)])


def _matters_sheet(wb: Workbook, result: Forecast) -> None:
    ws = wb.create_sheet(_("Per record")[:31])
    years = list(range(result.first_year, result.last_year + 1))
    for letter, width in (("A", 22), ("B", 20), ("C", 36), ("D", 8), ("E", 8)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "F2"
    ws.append(_header(ws, [_("Firm"), _("Matter"), _("Title"), pgettext("country or region", "Office"), _("Currency"), *map(str, years)]))
    for row in by_matter(result):
        cells = [_text(ws, row["firm"]), _text(ws, row["matter"]), _text(ws, row["title"]),
                 _text(ws, row["office"]), _text(ws, row["currency"])]
        for year in years:
            if year in row["unknown"]:
                cells.append(_number(ws, None))
            elif year in row["years"]:
                cells.append(_number(ws, row["years"][year]))
            else:
                cells.append(None)
        ws.append(cells)


def _lines_sheet(wb: Workbook, result: Forecast) -> None:
    ws = wb.create_sheet(_("Fees")[:31])
    for letter, width in (("A", 12), ("B", 22), ("C", 20), ("D", 22), ("E", 8), ("F", 12), ("G", 8), ("H", 36)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.append(_header(ws, [_("Due"), _("Firm"), _("Matter"), _("Fee"), pgettext("country or region", "Office"), _("Amount"), _("Currency"),
                           _("Title")]))
    for line in result.lines:
        due = WriteOnlyCell(ws, value=line.due)
        due.number_format = DATE_FORMAT
        what = kind_label(line.kind)
        if line.patent_year is not None:
            what = _("{kind} (year {year})").format(kind=what, year=line.patent_year)
        ws.append([due, _text(ws, line.firm), _text(ws, line.matter), _text(ws, what), _text(ws, line.office),
                   _number(ws, line.amount), _text(ws, line.currency), _text(ws, line.title)])


@streams_beside("path")
def export_forecast(path: str | Path, result: Forecast, *, title: str) -> Path:
    """Write the forecast to ``path`` (.xlsx) through a temporary file; returns the path."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(_("{path}: an Excel workbook name must end in .xlsx").format(path=path))
    workbook = Workbook(write_only=True)
    heading = _("{title} — {first}–{last}, as of {date}").format(
        title=title, first=result.first_year, last=result.last_year, date=format_date(result.as_of, "iso"))
    _totals_sheet(workbook, result, heading)
    _matters_sheet(workbook, result)
    _lines_sheet(workbook, result)
    save_workbook(workbook, path)
    return path
