"""The examination request's filing date (实审请求日, ``exam_requested_on``) in the import workbook:
a column added at the end of the 专利 sheet (the contract is extended, nothing renamed), exported and
imported back; a bad date is refused with its row and header and nothing is written (issue 14 item 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from zgc_io_helpers import CODE_A, patent_row, patent_sheet, write_book

from zgc_desk.errors import UserError
from zgc_desk.models import Patent
from zgc_desk.services.records import create_record
from zgc_desk.services.transfer import export_workbook, import_workbook

PENDING = {"application_no": "202210000001.0", "kind": "invention", "title": "Chip",
           "filing_date": dt.date(2022, 3, 1), "status": "pending"}


@pytest.fixture
def firm(db_path):
    firm_id, _changed = create_record("firm", {"name": "北京甲科技有限公司", "credit_code": CODE_A})
    return firm_id


def test_the_workbook_carries_the_exam_request_date_at_the_end_of_the_patent_sheet(firm, tmp_path):
    create_record("patent", {**PENDING, "exam_requested_on": "2024-11-20"}, firm_id=firm)
    book = tmp_path / "out.xlsx"
    export_workbook(book)
    sheet = load_workbook(book)["专利"]
    headers = [c.value.split("(")[0].rstrip("*") for c in sheet[1]]  # 申请号(application_no)
    # appended after the sheet's last column (before the keeping columns every sheet carries): every
    # earlier column keeps its place and name
    assert headers.index("实审请求日") == headers.index("请求恢复优先权") + 1
    assert headers[:3] == ["企业统一社会信用代码", "申请号", "专利类型"]
    assert sheet.cell(2, headers.index("实审请求日") + 1).value.date() == dt.date(2024, 11, 20)
    Patent.update(exam_requested_on=None).execute()
    import_workbook(book)
    assert Patent.get(Patent.application_no == PENDING["application_no"]).exam_requested_on == dt.date(2024, 11, 20)


def test_a_bad_exam_request_date_names_row_and_field_and_changes_nothing(firm, tmp_path):
    book = write_book(tmp_path / "bad.xlsx", {"专利": patent_sheet(
        patent_row(code=CODE_A, number="202210000001.0", exam_requested_on="soon"))})
    with pytest.raises(UserError) as raised:
        import_workbook(book)
    assert "第2行" in str(raised.value) and "实审请求日" in str(raised.value)
    assert Patent.select().count() == 0
