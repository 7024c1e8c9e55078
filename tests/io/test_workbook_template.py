"""The layout follows docs/workbook.md; the blank template has headers, instructions, drop-downs, formats."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from zgc_desk.cli import main
from zgc_desk.io.workbook_layout import SHEETS, match_header, match_sheet
from zgc_desk.schema import clean_record
from zgc_desk.services.transfer import preview_import

# docs/workbook.md, "Columns": sheet -> [(header, key, required)], in the contract's order.
CONTRACT = {
    "企业信息": [("企业名称", "name", True), ("统一社会信用代码", "credit_code", True), ("所在区", "district", False),
             ("中关村分园", "zgc_park", False), ("是否中小企业", "is_sme", False),
             ("是否高新技术企业", "is_hnte", False), ("高新技术企业证书有效期至", "hnte_valid_until", False),
             ("是否列入失信名单", "blacklisted", False), ("成立日期", "founded_on", False),
             ("职工人数", "employees", False), ("上年营业收入万元", "revenue_10k_cny", False),
             ("法定代表人", "legal_rep", False), ("联系人", "contact_name", False),
             ("联系电话", "contact_phone", False), ("地址", "address", False)],
    "专利": [("企业统一社会信用代码", "firm_credit_code", True), ("申请号", "application_no", True),
           ("专利类型", "kind", True), ("专利名称", "title", True), ("申请日", "filing_date", True),
           ("优先权日", "priority_date", False), ("申请人", "applicants", False), ("发明人", "inventors", False),
           ("公开号", "publication_no", False), ("授权公告号", "grant_no", False),
           ("授权公告日", "grant_date", False), ("法律状态", "status", False),
           ("年费已缴至年度", "annuity_paid_through", False), ("费用减缴比例", "fee_reduction_pct", False),
           ("非正常申请", "abnormal", False), ("IPC分类号", "ipc", False)],
    "PCT": [("企业统一社会信用代码", "firm_credit_code", True), ("PCT申请号", "pct_no", True),
            ("国际申请日", "intl_filing_date", True), ("优先权日", "priority_date", False),
            ("中国优先权申请号", "cn_priority_no", False), ("发明名称", "title", False), ("申请人", "applicants", False),
            ("受理局", "receiving_office", False), ("国际检索单位", "isa", False), ("国际检索报告日", "isr_date", False),
            ("国际公布号", "wo_no", False), ("国际公布日", "wo_date", False), ("是否提出第二章要求", "chapter2", False)],
    "海外申请": [("企业统一社会信用代码", "firm_credit_code", True), ("国家或地区", "office", True),
             ("申请号", "application_no", True), ("申请途径", "route", False), ("PCT申请号", "pct_no", False),
             ("中国申请号", "cn_application_no", False), ("申请日", "filing_date", True), ("授权日", "grant_date", False),
             ("授权号", "grant_no", False), ("专利类型", "kind", False), ("申请人", "applicants", False),
             ("状态", "status", False)],
    "商标": [("企业统一社会信用代码", "firm_credit_code", True), ("商标名称", "mark", True),
           ("注册号", "registration_no", True), ("类别", "nice_classes", False), ("申请日", "filing_date", False),
           ("注册日", "registration_date", False), ("有效期至", "expiry_date", False), ("国际注册号", "madrid_no", False),
           ("国际注册日", "madrid_date", False), ("指定国家", "designations", False), ("状态", "status", False)],
    "通知书": [("企业统一社会信用代码", "firm_credit_code", True), ("案件号", "matter_no", True),
            ("通知书类型", "notice_type", True), ("发文日", "dispatch_date", True), ("送达方式", "delivery", False),
            ("指定答复期限", "stated_due", False), ("延长月数", "extension_months", False),
            ("答复日", "answered_on", False), ("备注", "notes", False)],
    "质押融资": [("企业统一社会信用代码", "firm_credit_code", True), ("贷款合同编号", "loan_no", True),
             ("质权人", "lender", True), ("质权人类型", "lender_type", False), ("贷款金额元", "principal_cny", True),
             ("知识产权质押比例", "ip_share_pct", False), ("年利率", "annual_rate_pct", True),
             ("放款日", "start_date", True), ("到期日", "maturity_date", False), ("结清日", "settled_on", False),
             ("已付利息元", "interest_paid_cny", False), ("评估费元", "valuation_fee_cny", False),
             ("担保费元", "guarantee_fee_cny", False), ("保险费元", "insurance_fee_cny", False),
             ("其他费用元", "other_cost_cny", False), ("质押登记日", "pledge_registered_on", False),
             ("质押登记号", "pledge_registration_no", False), ("质押物", "pledged", False)],
}


def test_layout_holds_the_contract_in_its_order():
    assert [sheet.name for sheet in SHEETS] == list(CONTRACT)
    for sheet in SHEETS:
        ours = [(c.header, c.key, c.required) for c in sheet.columns]
        assert ours[: len(CONTRACT[sheet.name])] == CONTRACT[sheet.name]  # extensions come after


def test_every_example_is_accepted_by_the_schema():
    for sheet in SHEETS:
        cleaned = clean_record(sheet.kind, {c.key: c.example for c in sheet.columns})
        assert cleaned.ok, (sheet.name, cleaned.errors)


@pytest.mark.parametrize("text", ["申请号*(application_no)", "申请号", "application_no", "申请号（application_no）",
                                  " 申 请 号 * ", "APPLICATION_NO", "Application number", "申请号 [application_no]"])
def test_header_variants(text):
    assert match_header(SHEETS[1], text) == "application_no"


def test_header_with_brackets_inside_the_chinese_words():
    assert match_header(SHEETS[0], "上年营业收入（万元）") == "revenue_10k_cny"
    assert match_header(SHEETS[0], "上年营业收入(万元)*(revenue_10k_cny)") == "revenue_10k_cny"
    assert match_header(SHEETS[1], "备注") == "notes"  # a contract column of every sheet
    assert match_header(SHEETS[1], "内部编码") is None


@pytest.mark.parametrize(("title", "kind"), [("专利", "patent"), ("Patents", "patent"), ("patent", "patent"),
                                             ("ＰＣＴ", "pct"), ("海外申请", "overseas"), ("Trademarks", "trademark"),
                                             ("企业信息", "firm"), ("firms", "firm")])
def test_sheet_names(title, kind):
    assert match_sheet(title).kind == kind


def test_template_command(tmp_path, capsys, db_path):
    out = tmp_path / "blank.xlsx"
    assert main(["template", "--out", str(out)]) == 0
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["说明", *CONTRACT]
    patents = workbook["专利"]
    headers = [cell.value for cell in patents[1]]
    assert headers[:5] == ["企业统一社会信用代码*(firm_credit_code)", "申请号*(application_no)", "专利类型*(kind)",
                           "专利名称*(title)", "申请日*(filing_date)"]
    assert headers[5] == "优先权日(priority_date)"
    assert patents.max_row == 1
    assert patents.freeze_panes == "A2"
    assert patents["B1"].comment is not None
    assert patents.column_dimensions["D"].width == 36
    assert patents.column_dimensions["E"].number_format == "yyyy-mm-dd"
    assert patents.column_dimensions["B"].number_format == "@"
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in patents.data_validations.dataValidation}
    assert lists["C2"] == '"发明,实用新型,外观设计"'
    assert lists["L2"] == '"审查中,有效,驳回,撤回,失效"'
    assert lists["O2"] == '"是,否"'
    instructions = [row for row in workbook["说明"].iter_rows(values_only=True) if row and row[0] in CONTRACT]
    assert len(instructions) == sum(len(sheet.columns) for sheet in SHEETS)
    assert ("专利", "申请号", "application_no", "是") in [row[:4] for row in instructions]
    assert ("专利", "我方案号", "docket_no", None) in [row[:4] for row in instructions]
    # The blank template imports as nothing at all, without errors or warnings.
    plan = preview_import(out)
    assert plan.ok and not plan.warnings
    assert all(c.total == 0 for c in plan.counts.values())
