"""Export in the import layout: round trip export → import into an empty database → export gives
the same cells; cell types; formula-looking text stays text; one firm only."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from zgc_io_helpers import CODE_A, dump_tables, sheet_values

from zgc_desk.db import close_database, open_database
from zgc_desk.io.workbook_layout import SHEETS
from zgc_desk.models import MODEL_BY_KIND, Firm, Patent
from zgc_desk.services.records import create_record, record_values
from zgc_desk.services.transfer import export_workbook, import_workbook, preview_import


def test_round_trip_of_the_demo_portfolio(demo_db, tmp_path):
    first = tmp_path / "first.xlsx"
    counts = export_workbook(first)
    assert counts["patent"] > 10 and counts["trademark"] > 0 and counts["overseas"] > 0
    demo_records = {kind: sorted(_comparable(kind)) for kind in MODEL_BY_KIND}
    open_database(tmp_path / "empty.db")
    result = import_workbook(first)
    assert {kind: c.added for kind, c in result.counts.items()} == counts
    second = tmp_path / "second.xlsx"
    export_workbook(second)
    assert sheet_values(second) == sheet_values(first)
    assert {kind: sorted(_comparable(kind)) for kind in MODEL_BY_KIND} == demo_records
    close_database()


def _comparable(kind: str) -> list[tuple]:
    """Every contract value of every record, without ids (which differ between databases)."""
    rows = []
    for record in MODEL_BY_KIND[kind].select():
        values = record_values(kind, record)
        values.pop("id")
        values.pop("firm_id", None)
        rows.append(tuple(sorted((k, str(v)) for k, v in values.items())))
    return rows


def test_reimporting_an_export_changes_nothing(demo_db, tmp_path):
    book = tmp_path / "portfolio.xlsx"
    export_workbook(book)
    before = dump_tables(demo_db)
    plan = preview_import(book)
    assert plan.ok, plan.error_lines()
    assert all(c.added == 0 and c.updated == 0 for c in plan.counts.values())
    assert dump_tables(demo_db) == before


def test_cells_use_the_contract_words_and_real_dates(db_path, tmp_path):
    firm_id, _ = create_record("firm", {"name": "北京甲", "credit_code": CODE_A, "is_sme": True,
                                        "revenue_10k_cny": "680.5", "employees": 23})
    create_record("patent", {"application_no": "202110344405.7", "kind": "invention", "title": "芯片",
                             "filing_date": dt.date(2021, 3, 31), "status": "granted", "fee_reduction_pct": 85,
                             "grant_date": dt.date(2023, 5, 12), "applicants": "甲; 清华大学"}, firm_id=firm_id)
    book = tmp_path / "out.xlsx"
    export_workbook(book)
    workbook = load_workbook(book)
    assert workbook.sheetnames == ["说明", "企业信息", "专利", "PCT", "海外申请", "商标", "通知书", "质押融资", "缴费记录"]
    patents = workbook["专利"]
    header = [cell.value for cell in patents[1]]
    row = {key: cell for key, cell in zip(header, patents[2], strict=False)}
    assert row["专利类型*(kind)"].value == "发明"
    assert row["法律状态(status)"].value == "有效"
    assert row["非正常申请(abnormal)"].value == "否"
    assert row["费用减缴比例(fee_reduction_pct)"].value == 85
    assert row["申请人(applicants)"].value == "甲; 清华大学"
    filing = row["申请日*(filing_date)"]
    assert filing.is_date and filing.value == dt.datetime(2021, 3, 31) and filing.number_format == "yyyy-mm-dd"
    firms = workbook["企业信息"]
    firm_row = {cell.value: value.value for cell, value in zip(firms[1], firms[2], strict=False)}
    assert firm_row["上年营业收入万元(revenue_10k_cny)"] == 680.5
    assert firm_row["是否中小企业(is_sme)"] == "是"
    assert firm_row["职工人数(employees)"] == 23


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"y\")", "+86 10 1234", "-1", "@SUM(A1)"])
def test_text_that_looks_like_a_formula_stays_text(db_path, tmp_path, text):
    firm_id, _ = create_record("firm", {"name": text, "credit_code": CODE_A})
    book = tmp_path / "out.xlsx"
    export_workbook(book)
    cell = load_workbook(book)["企业信息"]["A2"]
    assert (cell.value, cell.data_type) == (text, "s")
    plan = preview_import(book)
    assert plan.ok and plan.counts["firm"].unchanged == 1


def test_export_of_one_firm(demo_db, tmp_path):
    firms = list(Firm.select().order_by(Firm.id))
    book = tmp_path / "one.xlsx"
    counts = export_workbook(book, firms[1].credit_code)
    assert counts["firm"] == 1
    assert counts["patent"] == Patent.select().where(Patent.firm == firms[1]).count()
    values = sheet_values(book)
    assert {row[0] for row in values["专利"][1:]} == {firms[1].credit_code}


def test_empty_database_exports_the_headers(db_path, tmp_path):
    book = tmp_path / "empty.xlsx"
    assert export_workbook(book) == {sheet.kind: 0 for sheet in SHEETS}
    values = sheet_values(book)
    assert [len(values[sheet.name]) for sheet in SHEETS] == [1] * len(SHEETS)
