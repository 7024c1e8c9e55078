"""python-calamine reads the import's sheets only where it gives exactly openpyxl's cells: every
workbook here is read both ways (``use_calamine`` on and off) and must give the same rows, the same
merged ranges and the same refusals."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from hostile_corpus import hostile_workbooks
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from zgc_desk.errors import UserError
from zgc_desk.io.workbook_reader import CellProblem, WorkbookFile


def _plain(value):
    return ("problem", value.shown, value.message) if isinstance(value, CellProblem) else value


def _read(path: Path, use_calamine: bool):
    """Every sheet's rows and merged ranges, or the refusal's message; and who read each sheet."""
    try:
        with WorkbookFile(path) as book:
            book.use_calamine = use_calamine
            out, readers = [], {}
            for stream in book.sheets():
                rows = [(index, [_plain(v) for v in values]) for index, values in stream.rows()]
                out.append((stream.title, rows, stream.merged))
                readers[stream.title] = stream.read_by
            return out, readers
    except UserError as exc:
        return str(exc), {}


def _same(path: Path) -> dict[str, str]:
    fast, readers = _read(path, True)
    slow, _readers = _read(path, False)
    assert fast == slow, path
    return readers


def test_a_plain_sheet_of_every_value_kind_is_read_by_calamine_with_openpyxls_cells(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "专利"
    ws.append(["申请号", "名称", "申请日", "数", "真", "时间", "小数"])
    ws.append(["202110344406.1", "一种芯片\n第二行", dt.date(2024, 2, 29), 1, True, dt.datetime(2024, 1, 2, 3, 4, 5),
               1234.5678])
    ws.append(["  空格 ", CellRichText(["ab", TextBlock(InlineFont(b=True), "粗体")]), dt.date(1900, 3, 1), 2.5,
               False, None, 2_958_465])
    ws.append([None, "x\r\ny", dt.datetime(2021, 6, 1), -3, None, None, 0.1 + 0.2])
    ws["C9"] = "只有第九行"
    ws.cell(11, 2).value = 45000
    ws.cell(11, 2).number_format = "yyyy-mm-dd"
    ws.merge_cells("D12:E12")
    ws["D12"] = "合并"
    second = wb.create_sheet("企业信息")
    second["C3"] = "从C3开始"  # no header row: openpyxl's reading gives the message
    path = tmp_path / "kinds.xlsx"
    wb.save(path)
    readers = _same(path)
    assert readers == {"专利": "calamine", "企业信息": "openpyxl"}


@pytest.mark.parametrize("late_value", [99_999_999, 12345678901234567890, 3_000_000.5, -5])
def test_a_date_number_out_of_range_hands_over_to_openpyxl_from_that_row(tmp_path, late_value):
    wb = Workbook()
    ws = wb.active
    ws.append(["申请日"])
    for day in range(1, 30):
        ws.append([dt.date(2024, 1, day)])
    ws.cell(40, 1).value = late_value
    ws.cell(40, 1).number_format = "yyyy-mm-dd"
    ws.cell(41, 1).value = "后面一行"
    path = tmp_path / "late.xlsx"
    wb.save(path)
    fast, readers = _read(path, True)
    assert fast == _read(path, False)[0]
    assert readers == {"Sheet": "openpyxl"}  # calamine began, openpyxl finished
    rows = fast[0][1]
    assert [index for index, _values in rows] == [*range(1, 31), 40, 41]
    if late_value > 0:
        assert rows[-2][1][0][:2] == ("problem", "#VALUE!")


def test_formulas_and_error_cells_are_read_by_openpyxl(tmp_path):
    for name, value in (("formula", "=1+1"), ("error", "#N/A")):
        wb = Workbook()
        wb.active.append(["申请号"])
        wb.active.append([value])
        if name == "error":
            wb.active["A2"].data_type = "e"
        path = tmp_path / f"{name}.xlsx"
        wb.save(path)
        fast, readers = _read(path, True)
        assert readers == {"Sheet": "openpyxl"}
        assert fast[0][1][1][1][0][0] == "problem"


def test_a_far_cell_is_not_given_to_calamine(tmp_path):
    """A cell at XFD1048576 would make calamine allocate a 17-billion-cell rectangle."""
    wb = Workbook()
    wb.active.append(["申请号"])
    wb.active.append(["202110344406.1"])
    path = tmp_path / "far.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    for far in (b'<row r="400000"><c r="A400000" t="inlineStr"><is><t>far</t></is></c></row>',
                b'<row r="3"><c r="BA3" t="inlineStr"><is><t>wide</t></is></c></row>'):
        members[sheet] = members[sheet].replace(b"</sheetData>", far + b"</sheetData>")
        out = tmp_path / "far-edited.xlsx"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        assert _same(out) == {"Sheet": "openpyxl"}


def test_every_hostile_workbook_gives_the_same_cells_or_the_same_refusal_both_ways(tmp_path):
    count = 0
    for _name, path in hostile_workbooks(tmp_path / "corpus", bombs=False):
        _same(path)
        count += 1
    assert count > 50


def test_an_exported_portfolio_is_read_by_calamine_with_the_same_cells(tmp_path, demo_db):
    from zgc_desk.services.transfer import export_workbook

    path = tmp_path / "export.xlsx"
    export_workbook(path)
    readers = _same(path)
    assert readers["专利"] == "calamine"
