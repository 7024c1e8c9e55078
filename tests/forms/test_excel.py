"""The application workbook, read back with openpyxl and with LibreOffice (independent reader)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from zgc_desk.demo import FIRM_A
from zgc_desk.forms.excel_style import DATE_FORMAT, MONEY_FORMAT
from zgc_desk.services.documents import fill_application

from .conftest import AS_OF, claim_round, eligible, libreoffice_csv


@pytest.fixture
def round_year(code_a):
    return claim_round(code_a, "invention_grant")


def _find(ws, value):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not on sheet {ws.title}")


@pytest.fixture
def workbook(code_a, tmp_path, round_year):
    path = fill_application(code_a, "invention_grant", round_year, tmp_path / "申报表.xlsx", AS_OF)
    return path, openpyxl.load_workbook(path)


def test_sheets_firm_block_and_blanks_left_for_the_user(workbook, code_a):
    _path, wb = workbook
    assert wb.sheetnames == ["申报表", "附件清单"]
    ws = wb["申报表"]
    assert ws["A1"].value == "中关村国内发明专利授权支持资金申报表"
    label = _find(ws, "申报单位名称")
    assert ws.cell(label.row, 3).value == FIRM_A
    assert ws.cell(_find(ws, "统一社会信用代码").row, 3).value == code_a
    assert ws.cell(_find(ws, "所在园区").row, 3).value == "海淀园"
    assert ws.cell(_find(ws, "法定代表人").row, 3).value == "李明远"
    for blank in ("开户银行", "银行账号"):
        cell = ws.cell(_find(ws, blank).row, 3)
        assert cell.value in (None, "")
        assert cell.protection.locked is False
    assert ws.cell(label.row, 3).protection.locked is True


def test_one_typed_row_per_claimed_item_with_totals_after_caps(workbook, code_a, round_year):
    _path, wb = workbook
    ws = wb["申报表"]
    claimed = eligible(code_a, "invention_grant", round_year)
    assert claimed
    header = _find(ws, "专利申请号")
    rows = list(ws.iter_rows(min_row=header.row + 1, max_row=header.row + len(claimed)))
    by_number = {row[1].value: row for row in rows}
    assert set(by_number) == {d.matter for d in claimed}
    for decision in claimed:
        row = by_number[decision.matter]
        assert row[0].value in range(1, len(claimed) + 1) and row[0].data_type == "n"
        assert row[2].value == decision.title
        filed, granted = row[3], row[4]
        assert isinstance(filed.value, dt.datetime) and filed.number_format == DATE_FORMAT
        assert granted.value.date() == decision.item.grant_date
        assert row[5].value == decision.item.grant_no
        assert row[6].value == FIRM_A
        nominal, amount = row[7], row[8]
        assert nominal.value == decision.amount_before_cap and nominal.number_format == MONEY_FORMAT
        assert amount.value == decision.amount_cny and isinstance(amount.value, int)
        assert amount.number_format == MONEY_FORMAT
        # the demo's amounts are illustrative: marked unverified on the sheet, and capped at 50% of fees
        assert not decision.verified
        assert "金额待核实" in row[9].value and "核减" in row[9].value
        assert amount.fill.fgColor.rgb.endswith("FCE4D6")
    total_cell = _find(ws, "申请支持资金总额（按封顶规定核定后）")
    amount = ws.cell(total_cell.row, 9)
    assert amount.value == sum(d.amount_cny for d in claimed) and amount.number_format == MONEY_FORMAT
    assert ws.cell(total_cell.row, 10).value == "金额待核实"
    assert any("尚未与当年申报通知原文核对" in str(c.value) for row in ws.iter_rows() for c in row)


def test_declaration_and_signature_boxes(workbook):
    _path, wb = workbook
    ws = wb["申报表"]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert any(t.startswith("本单位郑重承诺") for t in texts)
    for label in ("法定代表人（签字）：", "申报单位（盖章）："):
        assert label in texts
    date_box = next(c for row in ws.iter_rows() for c in row if str(c.value or "").startswith("日期"))
    assert date_box.protection.locked is False
    assert any(str(r).startswith(date_box.coordinate) for r in ws.merged_cells.ranges)


def test_print_setup_and_protection(workbook):
    _path, wb = workbook
    ws = wb["申报表"]
    assert ws.protection.sheet is True
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    header_row = _find(ws, "专利申请号").row
    assert ws.print_title_rows == f"${header_row}:${header_row}"
    assert FIRM_A in ws.oddHeader.left.text
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert ws.column_dimensions["C"].width == 30
    attachments = wb["附件清单"]
    assert attachments.protection.sheet is True
    assert attachments.page_setup.orientation == "portrait"


def test_attachments_listed_per_item_with_a_checkbox_column(workbook, code_a, round_year):
    _path, wb = workbook
    ws = wb["附件清单"]
    header = _find(ws, "附件名称")
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=header.row + 1) if row[0].value]
    documents = [row[2] for row in rows]
    assert documents.count("营业执照复印件") == 1  # the firm's own document, once
    for decision in eligible(code_a, "invention_grant", round_year):
        mine = [row[2] for row in rows if decision.matter in str(row[1])]
        assert mine == ["发明专利证书复印件", "获得专利权所缴官方费用的缴费收据"]
    ticks = [ws.cell(header.row + 1 + i, 4) for i in range(len(rows))]
    assert all(c.value == "☐" and c.protection.locked is False for c in ticks)
    assert ws.data_validations.dataValidation[0].formula1 == '"☐,☑"'


def test_libreoffice_reads_the_workbook(workbook, tmp_path, code_a, round_year):
    path, _wb = workbook
    csv = libreoffice_csv(path, tmp_path)
    assert FIRM_A in csv and code_a in csv
    for decision in eligible(code_a, "invention_grant", round_year):
        assert decision.matter in csv


def test_database_text_never_becomes_a_formula(code_a, tmp_path, round_year):
    """Titles that look like formulas are written as text, in openpyxl's and LibreOffice's eyes."""
    from zgc_desk.numbers import make_cn_application
    from zgc_desk.services.records import create_record, find_firm

    firm = find_firm(code_a)
    window_start = dt.date(round_year - 1, 1, 1)  # the demo rule data: a round counts the year before
    assert eligible(code_a, "invention_grant", round_year)[0].date.year == window_start.year
    titles = ['=HYPERLINK("http://example.com","x")', "+1+2", "-3", "@SUM(A1)"]
    for i, title in enumerate(titles):
        create_record("patent", {
            "application_no": make_cn_application(2019, 1, 700001 + i), "kind": "invention", "title": title,
            "filing_date": dt.date(2019, 5, 1), "applicants": FIRM_A, "status": "granted",
            "grant_date": window_start + dt.timedelta(days=40 + i), "grant_no": f"CN1{i:07d}B"}, firm_id=firm.id)
    path = fill_application(code_a, "invention_grant", round_year, tmp_path / "f.xlsx", AS_OF)
    ws = openpyxl.load_workbook(path)["申报表"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value in titles}
    assert set(cells) == set(titles)
    for cell in cells.values():
        assert cell.data_type == "s"
        assert cell.quotePrefix is True
    csv = libreoffice_csv(path, tmp_path)
    assert 'HYPERLINK(""http://example.com"",""x"")' in csv and "@SUM(A1)" in csv
