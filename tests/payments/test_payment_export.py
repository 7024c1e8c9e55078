"""The export's 缴费记录 sheet, read back with openpyxl: one row per payment with real dates, money
as numbers with two decimals, the surcharge it included and the receipt; one firm's export holds only
its payments; an exported workbook with payments imports with one plain warning about that sheet."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from zgc_desk.io.payment_sheet import SHEET_NAME, TITLES
from zgc_desk.services import create_record
from zgc_desk.services.deadlines import list_deadlines
from zgc_desk.services.payments import PaymentEntry, record_payment
from zgc_desk.services.transfer import export_workbook, preview_import

D = dt.date
AS_OF = D(2026, 11, 25)
CODE_A, CODE_B = "91110108551385082Q", "914403001922038216"


def _firm_with_fee(code, name, number):
    firm = create_record("firm", {"name": name, "credit_code": code})[0]
    patent = create_record("patent", {
        "application_no": number, "kind": "invention", "title": "一种方法", "filing_date": D(2016, 6, 10),
        "status": "granted", "grant_date": D(2019, 3, 1), "annuity_paid_through": 10}, firm_id=firm)[0]
    fee = next(d for d in list_deadlines(as_of=AS_OF) if d.matter_id == patent and d.kind == "annuity")
    return firm, fee


def test_the_payments_sheet_holds_every_payment(db_path, tmp_path):
    firm_a, fee_a = _firm_with_fee(CODE_A, "北京甲科技有限公司", "201610000001.5")
    _firm_b, fee_b = _firm_with_fee(CODE_B, "深圳乙科技有限公司", "201610000002.X")
    record_payment(fee_a, PaymentEntry("2026-08-20", "4400", "=SUM(A1)"), as_of=AS_OF)  # formula-looking receipt
    record_payment(fee_b, PaymentEntry("2026-06-01", "4000.5"), as_of=AS_OF)
    out = tmp_path / "all.xlsx"
    export_workbook(out)
    sheet = load_workbook(out)[SHEET_NAME]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == TITLES and "缴费日(paid_on)" in rows[0] and "其中滞纳金(surcharge)" in rows[0]
    body = {row[0]: dict(zip((t.split("(")[1].rstrip(")") for t in TITLES), row, strict=True)) for row in rows[1:]}
    late = body[CODE_A]
    assert (late["record_kind"], late["matter_no"], late["office"], late["fee_kind"], late["fee_year"]) == (
        "专利", "201610000001.5", "CN", "年费", 11)
    assert (late["due_date"], late["paid_on"]) == (dt.datetime(2026, 6, 10), dt.datetime(2026, 8, 20))
    assert (late["amount"], late["currency"], late["surcharge"], late["receipt_no"]) == (4400, "CNY", 400, "=SUM(A1)")
    on_time = body[CODE_B]
    assert (on_time["amount"], on_time["surcharge"], on_time["receipt_no"]) == (4000.5, None, None)
    cells = list(sheet.iter_rows(min_row=2, max_row=2))[0]
    assert cells[7].is_date and cells[8].number_format == "#,##0.00"
    assert cells[11].data_type == "s"  # the receipt stays text, never a formula

    one = tmp_path / "one.xlsx"
    export_workbook(one, firm_a)
    assert [row[0] for row in load_workbook(one)[SHEET_NAME].iter_rows(min_row=2, values_only=True)] == [CODE_A]


def test_an_export_with_payments_imports_with_a_warning_about_that_sheet(db_path, tmp_path, english):
    _firm, fee = _firm_with_fee(CODE_A, "北京甲科技有限公司", "201610000001.5")
    empty = tmp_path / "empty.xlsx"
    export_workbook(empty)
    assert not [w for w in preview_import(empty).warnings if w.sheet_title == SHEET_NAME]
    record_payment(fee, PaymentEntry("2026-08-20", "4400"), as_of=AS_OF)
    book = tmp_path / "paid.xlsx"
    export_workbook(book)
    plan = preview_import(book)
    assert plan.ok
    [warning] = [w for w in plan.warnings if w.sheet_title == SHEET_NAME]
    assert "not imported" in warning.message
