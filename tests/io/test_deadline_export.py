"""The Due list exported to Excel and read back: typed cells (dates, numbers with a ¥ format), text
that looks like a formula kept as text, the provisional mark, the title line, a CJK file name."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from zgc_desk.deadlines import Basis, Deadline
from zgc_desk.io.deadline_export import MONEY_FORMAT, export_deadlines
from zgc_desk.services.due_columns import due_columns
from zgc_desk.services.errors import UserError

AS_OF = dt.date(2026, 11, 25)


def deadline(due: dt.date, title: str, *, provisional=False, surcharge=None) -> Deadline:
    basis = Basis("Annual fee for patent year {year}", "Guidelines Part V Ch. 9", "filing date",
                  dt.date(2021, 9, 25), (5, "years"), due, provisional=provisional, rule_params=(("year", 6),))
    return Deadline("91110108MA01R8KX3B", 1, "202110310118.4", "patent", 7, title, "annuity", "CN", due,
                    "open", 1200, basis, year=6, surcharge_cny=surcharge)


def test_cells_are_typed_and_read_back(tmp_path, english):
    items = [deadline(dt.date(2026, 9, 28), "=HYPERLINK(\"x\")", surcharge=60),
             deadline(dt.date(2027, 1, 4), "芯片", provisional=True)]
    columns = due_columns(AS_OF, {1: "北京智源芯创科技有限公司"})
    target = tmp_path / "期限 清单.xlsx"
    assert export_deadlines(target, items, columns, title="Due list", as_of=AS_OF) == 2
    sheet = openpyxl.load_workbook(target).active
    assert sheet["A1"].value == "Due list — as of 2026-11-25"
    header = [c.value for c in sheet[2]]
    assert header == [c.label for c in columns]
    first, second = (dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=3))
    assert first["Due"].value == dt.datetime(2026, 9, 28) and first["Due"].number_format == "yyyy-mm-dd"
    assert first["Days left"].value == -58 and first["Days left"].data_type == "n"
    assert first["Official fee"].value == 1200 and first["Official fee"].number_format == MONEY_FORMAT
    assert first["Late surcharge"].value == 60
    assert first["Title"].value == "=HYPERLINK(\"x\")" and first["Title"].data_type == "s"
    assert first["Firm"].value == "北京智源芯创科技有限公司"
    assert first["Group"].value == "Fees"  # the kind's colour group, from the kinds table
    assert first["Fee verified"].value == "Yes"
    assert first["Provisional date"].value is None and second["Provisional date"].value == "Yes"
    assert second["Due"].fill.fgColor.rgb.endswith("FFF2CC")  # shaded like the window's mark
    assert "source: Guidelines Part V Ch. 9" in second["Basis"].value
    from openpyxl.utils import get_column_letter

    assert first["Pledged for loan"].value is None  # not pledged: an empty cell
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref == f"A2:{get_column_letter(len(columns))}4"
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$2:$2"


def test_an_empty_list_still_gives_headers(tmp_path):
    target = tmp_path / "empty.xlsx"
    assert export_deadlines(target, [], due_columns(AS_OF), title="x", as_of=AS_OF) == 0
    assert openpyxl.load_workbook(target).active.max_row == 2


def test_the_name_must_be_a_workbook(tmp_path):
    with pytest.raises(UserError, match="xlsx"):
        export_deadlines(tmp_path / "due.csv", [], due_columns(AS_OF), title="x", as_of=AS_OF)
