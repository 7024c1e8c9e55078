"""The 通知书 sheet: import with Chinese names and words, export round-trip, and bad rows refused
with sheet, row, column and value named and nothing written (real .xlsx files via openpyxl)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "io"))
from zgc_io_helpers import APP_1, CODE_A, basic_book, dump_tables, firm_rows, patent_row, patent_sheet, sheet_values, write_book  # noqa: E402,I001

from zgc_desk.io import importer  # noqa: E402
from zgc_desk.models import Notice  # noqa: E402
from zgc_desk.services.transfer import ImportRefused, export_workbook, import_workbook, preview_import  # noqa: E402

D = dt.date
HEADERS = ["企业统一社会信用代码", "案件号", "通知书类型", "发文日", "送达方式", "指定答复期限", "延长月数", "答复日", "备注"]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(importer, "today", lambda: D(2024, 6, 1))


def notice_book(path, *rows, matter_sheet=True):
    sheets = {"企业信息": firm_rows((CODE_A, "北京甲科技有限公司"))}
    if matter_sheet:
        sheets["专利"] = patent_sheet(patent_row())
    sheets["通知书"] = [HEADERS, *rows]
    return write_book(path, sheets)


def test_import_reads_chinese_names_and_words_and_links_the_patent(db_path, tmp_path):
    book = notice_book(tmp_path / "n.xlsx",
                       [CODE_A, "2021103444057", "第一次审查意见通知书", "2024/3/11", "纸件", None, 1, None, "首次"],
                       [CODE_A, APP_1, "cn_grant", dt.date(2024, 5, 6), None, None, None, "2024年5月20日", None])
    import_workbook(book)
    rows = {n.notice_type: n for n in Notice.select()}
    first, grant = rows["cn_oa_first"], rows["cn_grant"]
    assert (first.matter_kind, first.matter_no, first.delivery, first.extension_months, first.notes) == \
        ("patent", APP_1, "paper", 1, "首次")
    assert first.matter_id is not None and first.matter_id == grant.matter_id
    assert (grant.delivery, grant.answered_on) == ("electronic", D(2024, 5, 20))


def test_export_writes_the_sheet_and_reimport_changes_nothing(db_path, tmp_path):
    book = notice_book(tmp_path / "n.xlsx",
                       [CODE_A, APP_1, "第一次审查意见通知书", D(2024, 3, 11), "纸件", None, 1, None, "首次"])
    import_workbook(book)
    out = tmp_path / "out.xlsx"
    export_workbook(out)
    sheet = sheet_values(out)["通知书"]
    assert sheet[0][:4] == ("企业统一社会信用代码*(firm_credit_code)", "案件号*(matter_no)",
                            "通知书类型*(notice_type)", "发文日*(dispatch_date)")
    assert sheet[1][:7] == (CODE_A, APP_1, "第一次审查意见通知书", dt.datetime(2024, 3, 11), "纸件", None, 1)
    before = dump_tables(db_path)
    plan = preview_import(out)
    assert plan.ok, plan.error_lines()
    assert plan.counts["notice"].unchanged == 1 and plan.counts["notice"].added == 0
    export_again = tmp_path / "again.xlsx"
    import_workbook(out)
    export_workbook(export_again)
    assert sheet_values(export_again)["通知书"] == sheet
    assert dump_tables(db_path)["notice"] == before["notice"]


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("row, expected", [
    ([CODE_A, APP_1, "不存在的通知书", D(2024, 3, 11)], 'Notices row 2 Notice type "不存在的通知书": expected one of:'),
    ([CODE_A, APP_1, "驳回决定", D(2024, 6, 2)], 'Notices row 2 Dispatch date "2024-06-02": dispatch date 2024-06-02 '
                                                'is in the future'),
    ([CODE_A, "202210000001.3", "驳回决定", D(2024, 3, 11)], 'Notices row 2 Matter number "202210000001.3": no patent'),
])
def test_bad_rows_are_refused_naming_row_and_field_and_nothing_is_written(db_path, tmp_path, row, expected):
    book = notice_book(tmp_path / "bad.xlsx", row)
    before = dump_tables(db_path)
    with pytest.raises(ImportRefused) as refused:
        import_workbook(book)
    lines = refused.value.plan.error_lines()
    assert len(lines) == 1 and lines[0].startswith(expected), lines
    assert dump_tables(db_path) == before


def test_a_notice_on_a_patent_already_in_the_database_imports_alone(db_path, tmp_path):
    import_workbook(basic_book(tmp_path / "p.xlsx", patent_row()))
    book = notice_book(tmp_path / "n.xlsx", [CODE_A, APP_1, "补正通知书", D(2024, 3, 11)], matter_sheet=False)
    import_workbook(book)
    assert Notice.get().matter_kind == "patent"


def test_the_template_has_the_notices_sheet(tmp_path):
    from zgc_desk.io.template import write_template

    out = tmp_path / "t.xlsx"
    write_template(out)
    assert sheet_values(out)["通知书"][0][:2] == ("企业统一社会信用代码*(firm_credit_code)", "案件号*(matter_no)")
