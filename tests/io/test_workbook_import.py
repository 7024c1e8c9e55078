"""Importing the portfolio workbook: every kind of error with its row, all or nothing, re-import,
updates matched by normalised number, header and value variants, links, history."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from zgc_io_helpers import (
    APP_1,
    CODE_A,
    CODE_B,
    basic_book,
    dump_tables,
    firm_rows,
    header,
    patent_row,
    patent_sheet,
    write_book,
)

from zgc_desk.models import ChangeLog, Firm, OverseasFiling, Patent, PCTApplication, Trademark
from zgc_desk.numbers import make_cn_application
from zgc_desk.services.records import create_record
from zgc_desk.services.transfer import ImportRefused, apply_import, import_workbook, preview_import

pytestmark = pytest.mark.both_databases

def only_error(plan) -> str:
    assert len(plan.errors) == 1, plan.error_lines()
    return plan.error_lines()[0]


# ---- each kind of validation error, reported with its row ------------------------------------------

@pytest.mark.usefixtures("english")
class TestErrorLines:
    def test_wrong_check_character(self, db_path, tmp_path):
        book = basic_book(tmp_path / "a.xlsx", patent_row(number="202110344405.3"))
        assert only_error(preview_import(book)) == \
            'Patents row 2 Application number "202110344405.3": Check character should be 7'

    def test_malformed_pct_number(self, db_path, tmp_path):
        pct = [[header("pct", k) for k in ("firm_credit_code", "pct_no", "intl_filing_date")],
               [CODE_A, "PCT/CN21/75891X", dt.date(2021, 2, 8)]]
        book = write_book(tmp_path / "a.xlsx", {"企业信息": firm_rows((CODE_A, "甲")), "PCT": pct})
        assert only_error(preview_import(book)) == \
            'PCT applications row 2 PCT application number "PCT/CN21/75891X": ' \
            'A PCT application number looks like PCT/CN2021/075891'

    def test_impossible_date(self, db_path, tmp_path):
        book = basic_book(tmp_path / "a.xlsx", patent_row(filed="2021-02-30"))
        assert only_error(preview_import(book)) == \
            'Patents row 2 Filing date "2021-02-30": 2021-02-30 is not a real date'

    def test_unknown_kind(self, db_path, tmp_path):
        book = basic_book(tmp_path / "a.xlsx", patent_row(kind="专利权"))
        line = only_error(preview_import(book))
        assert line.startswith('Patents row 2 Patent type "专利权": expected one of: 发明')

    def test_missing_required_cell(self, db_path, tmp_path):
        book = basic_book(tmp_path / "a.xlsx", patent_row(), patent_row(number=make_cn_application(2021, 1, 5),
                                                                     title=None))
        assert only_error(preview_import(book)) == 'Patents row 3 Title "": required'

    def test_unknown_firm(self, db_path, tmp_path):
        book = basic_book(tmp_path / "a.xlsx", patent_row(code=CODE_B))
        assert only_error(preview_import(book)) == (
            f'Patents row 2 Firm credit code "{CODE_B}": this firm is neither in the Firms sheet nor in the '
            'database; add it to the Firms sheet')

    def test_firm_already_in_database_needs_no_firm_row(self, db_path, tmp_path):
        create_record("firm", {"name": "乙", "credit_code": CODE_B})
        book = write_book(tmp_path / "a.xlsx", {"专利": patent_sheet(patent_row(code=CODE_B))})
        plan = preview_import(book)
        assert plan.ok, plan.error_lines()
        assert plan.counts["patent"].added == 1

    def test_pct_priority_more_than_14_months_before_filing(self, db_path, tmp_path):
        """PCT Rule 26bis.3: up to 2 months beyond the 12 the priority may be restored; beyond, refused."""
        pct = [[header("pct", k) for k in ("firm_credit_code", "pct_no", "intl_filing_date", "priority_date")],
               [CODE_A, "PCT/CN2021/075891", dt.date(2021, 4, 8), dt.date(2020, 2, 7)]]
        book = write_book(tmp_path / "a.xlsx", {"企业信息": firm_rows((CODE_A, "甲")), "PCT": pct})
        assert only_error(preview_import(book)) == (
            'PCT applications row 2 Priority date "2020-02-07": priority date 2020-02-07 is more than 14 months '
            'before the filing date')

    def test_grant_before_filing(self, db_path, tmp_path):
        book = basic_book(tmp_path / "a.xlsx", patent_row(grant_date=dt.date(2020, 1, 1)))
        assert only_error(preview_import(book)) == \
            'Patents row 2 Grant date "2020-01-01": grant date 2020-01-01 is before the filing date 2021-03-31'

    def test_same_record_twice_names_both_rows(self, db_path, tmp_path):
        book = basic_book(tmp_path / "a.xlsx", patent_row(), patent_row(number="ZL 2021 1034 4405.7"))
        assert only_error(preview_import(book)) == \
            'Patents row 3 Application number "ZL 2021 1034 4405.7": the same record as row 2'

    def test_ten_bad_rows_give_ten_lines(self, db_path, tmp_path):
        rows = [patent_row(number=make_cn_application(2021, 1, 100 + i), filed=f"2021-13-{i + 1:02d}")
                for i in range(10)]
        book = basic_book(tmp_path / "a.xlsx", patent_row(), *rows)
        plan = preview_import(book)
        lines = plan.error_lines()
        assert len(lines) == 10
        assert [line.split(" ")[2] for line in lines] == [str(row) for row in range(3, 13)]

    def test_every_error_of_a_row_and_of_every_sheet_is_listed(self, db_path, tmp_path):
        firms = firm_rows((CODE_A, None), ("91110108MA01R8KX3X", "乙"))
        tm = [[header("trademark", k) for k in ("firm_credit_code", "mark", "registration_no", "nice_classes")],
              [CODE_A, "智源", "12345678", "46"]]
        book = write_book(tmp_path / "a.xlsx", {
            "企业信息": firms, "专利": patent_sheet(patent_row(kind="外观设计", filed="2021/2/30")), "商标": tm})
        lines = preview_import(book).error_lines()
        assert lines == [
            'Firms row 2 Firm name "": required',
            'Firms row 3 Unified social credit code "91110108MA01R8KX3X": Check character should be B',
            'Patents row 2 Patent type "外观设计": the application number\'s type digit says Invention, not Design',
            'Patents row 2 Filing date "2021/2/30": 2021/2/30 is not a real date',
            'Trademarks row 2 Nice classes "46": Nice class 46 is not a number from 1 to 45',
        ]


def test_error_line_in_chinese_follows_the_contract(db_path, tmp_path):
    book = basic_book(tmp_path / "a.xlsx", patent_row(), patent_row(number="202110344405.3"))
    assert only_error(preview_import(book)) == '专利 第3行 申请号 "202110344405.3": 校验位应为 7'


# ---- all or nothing ------------------------------------------------------------------------------

def test_one_bad_cell_writes_nothing(db_path, tmp_path):
    before = dump_tables(db_path)
    book = basic_book(tmp_path / "a.xlsx", patent_row(), patent_row(number="202110344405.3"))
    with pytest.raises(ImportRefused) as refused:
        import_workbook(book)
    assert len(refused.value.plan.errors) == 1
    assert dump_tables(db_path) == before


def test_apply_refuses_a_plan_with_errors(db_path, tmp_path):
    plan = preview_import(basic_book(tmp_path / "a.xlsx", patent_row(number="202110344405.3")))
    with pytest.raises(ImportRefused):
        apply_import(plan)
    assert Patent.select().count() == 0


# ---- adding, re-importing, updating ---------------------------------------------------------------

def test_import_adds_then_reimport_changes_nothing(db_path, tmp_path):
    book = basic_book(tmp_path / "a.xlsx", patent_row(applicants="甲；清华大学"), patent_row(
        number=make_cn_application(2022, 2, 77), kind="实用新型", filed=dt.date(2022, 5, 5)))
    first = import_workbook(book)
    assert (first.counts["firm"].added, first.counts["patent"].added) == (1, 2)
    patent = Patent.get(Patent.application_no == APP_1)
    assert (patent.firm.credit_code, patent.kind, patent.applicants, patent.status) == \
        (CODE_A, "invention", "甲; 清华大学", "pending")
    before = dump_tables(db_path)
    again = preview_import(book)
    assert again.counts["patent"].unchanged == 2 and again.counts["patent"].added == 0
    second = apply_import(again)
    assert second.counts["patent"].unchanged == 2 and not second.changed
    after = dump_tables(db_path)
    assert after == before


def test_changed_row_updates_its_record_matched_by_normalised_number(db_path, tmp_path):
    import_workbook(basic_book(tmp_path / "a.xlsx", patent_row()))
    patent_id = Patent.get().id
    changed = basic_book(tmp_path / "b.xlsx", patent_row(number="CN 2021103444057", title="改名",
                                                         status="有效", grant_date="2023年5月12日"))
    result = import_workbook(changed)
    assert (result.counts["patent"].updated, result.counts["patent"].added) == (1, 0)
    assert Patent.select().count() == 1
    patent = Patent.get()
    assert (patent.id, patent.title, patent.status, patent.grant_date) == \
        (patent_id, "改名", "granted", dt.date(2023, 5, 12))
    assert result.changed.ids["patent"] == {patent_id}
    entry = ChangeLog.select().where(ChangeLog.kind == "patent", ChangeLog.action == "update").get()
    assert json.loads(entry.changes)["title"] == ["一种芯片", "改名"]
    assert "b.xlsx" in entry.summary


def test_columns_absent_from_the_sheet_are_left_alone(db_path, tmp_path):
    import_workbook(basic_book(tmp_path / "a.xlsx", patent_row(ipc="G06F 16/00")))
    import_workbook(basic_book(tmp_path / "b.xlsx", patent_row(title="新名称")))
    patent = Patent.get()
    assert (patent.title, patent.ipc) == ("新名称", "G06F 16/00")


def test_created_records_have_history(db_path, tmp_path):
    import_workbook(basic_book(tmp_path / "a.xlsx", patent_row()))
    actions = {(e.kind, e.action) for e in ChangeLog.select()}
    assert actions == {("firm", "create"), ("patent", "create")}
    entry = ChangeLog.get(ChangeLog.kind == "patent")
    assert entry.record_id == Patent.get().id and entry.firm_id == Firm.get().id


# ---- variants of headers and values ----------------------------------------------------------------

def test_header_and_value_variants_any_column_order(db_path, tmp_path, english):
    firms = [["是否高新技术企业", "统一社会信用代码 *（credit_code）", "name", "上年营业收入万元", "内部编码"],
             ["Y", CODE_A.lower(), "北京甲", "1234.5", "不导入"],
             [None, None, None, None, None],
             ["  ", "", None, None, None]]
    patents = [["申请日*(filing_date)", "专利类型", "application_no", "专利名称", "企业统一社会信用代码",
                "非正常申请", "费用减缴比例", "申请人"],
               ["2021.3.31", "发明专利", "２０２１１０３４４４０５.７", "芯片", CODE_A, "false", "85%", "甲；乙、丙"],
               [dt.datetime(2022, 1, 5), "实用新型", make_cn_application(2022, 2, 9), "支架", CODE_A, 1, 70, None]]
    book = write_book(tmp_path / "a.xlsx", {"企业信息": firms, "patents": patents})
    plan = preview_import(book)
    assert plan.ok, plan.error_lines()
    assert [w.message for w in plan.warnings] == ["unknown column E; ignored"]
    assert plan.records["firm"].filled_rows == 1
    apply_import(plan)
    firm = Firm.get()
    assert (firm.credit_code, firm.is_hnte, firm.revenue_cny) == (CODE_A, True, 12_345_000)
    first = Patent.get(Patent.application_no == APP_1)
    assert (first.filing_date, first.abnormal, first.fee_reduction_pct, first.applicants) == \
        (dt.date(2021, 3, 31), False, 85, "甲; 乙、丙")
    second = Patent.get(Patent.kind == "utility_model")
    assert (second.filing_date, second.abnormal) == (dt.date(2022, 1, 5), True)


def test_missing_required_column_is_one_line(db_path, tmp_path, english):
    book = write_book(tmp_path / "a.xlsx", {"企业信息": firm_rows((CODE_A, "甲")), "专利": [
        [header("patent", k) for k in ("firm_credit_code", "application_no", "kind", "filing_date")],
        [CODE_A, APP_1, "发明", dt.date(2021, 3, 31)],
        [CODE_A, make_cn_application(2021, 1, 5), "发明", dt.date(2021, 3, 31)]]})
    assert preview_import(book).error_lines() == ["Patents row 1: required column 专利名称*(title) is missing"]


def test_instructions_sheet_is_ignored_and_unknown_sheets_warned(db_path, tmp_path, english):
    book = write_book(tmp_path / "a.xlsx", {"说明": [["随便写"]], "Notes": [["x"]],
                                             "企业信息": firm_rows((CODE_A, "甲"))})
    plan = preview_import(book)
    assert plan.ok
    assert plan.warning_lines() == ["Notes: not a sheet of the import layout; ignored"]


def test_workbook_without_layout_sheets_is_an_error(db_path, tmp_path, english):
    plan = preview_import(write_book(tmp_path / "a.xlsx", {"Sheet1": [["a", "b"], [1, 2]]}))
    assert not plan.ok
    assert "expected sheets named 企业信息, 专利, PCT, 海外申请, 商标" in plan.error_lines()[-1]


# ---- links and derived values ----------------------------------------------------------------------

def test_links_resolve_within_the_import_and_unresolved_ones_warn(db_path, tmp_path, english):
    pct = [[header("pct", k) for k in ("firm_credit_code", "pct_no", "intl_filing_date", "priority_date",
                                       "cn_priority_no")],
           [CODE_A, "PCT/CN2022/000123", dt.date(2022, 3, 1), dt.date(2021, 3, 31), APP_1]]
    overseas = [[header("overseas", k) for k in ("firm_credit_code", "office", "application_no", "route",
                                                 "pct_no", "cn_application_no", "filing_date")],
                [CODE_A, "US", "17/123,456", "PCT", "PCT/CN2022/000123", APP_1, dt.date(2023, 9, 1)],
                [CODE_A, "EP", "22812345.6", "巴黎公约", None, make_cn_application(2021, 1, 9), dt.date(2022, 3, 1)]]
    tm = [[header("trademark", k) for k in ("firm_credit_code", "mark", "registration_no", "registration_date")],
          [CODE_A, "智源", "第12345678号", dt.date(2020, 11, 7)]]
    book = write_book(tmp_path / "a.xlsx", {"企业信息": firm_rows((CODE_A, "甲")),
                                             "专利": patent_sheet(patent_row()), "PCT": pct, "海外申请": overseas,
                                             "商标": tm})
    plan = preview_import(book)
    assert plan.ok, plan.error_lines()
    assert plan.warning_lines() == [
        f'Overseas filings row 3 Chinese application number "{make_cn_application(2021, 1, 9)}": not found in '
        'the Patents sheet or the database for this firm; kept as a number, not linked']
    apply_import(plan)
    patent, pct_record = Patent.get(), PCTApplication.get()
    assert pct_record.cn_priority_id == patent.id
    us = OverseasFiling.get(OverseasFiling.office == "US")
    assert (us.pct_id, us.cn_patent_id, us.route) == (pct_record.id, patent.id, "pct")
    ep = OverseasFiling.get(OverseasFiling.office == "EP")
    assert (ep.cn_patent_id, ep.cn_application_no) == (None, make_cn_application(2021, 1, 9))
    mark = Trademark.get()
    assert (mark.registration_no, mark.expiry_date, mark.status) == ("12345678", dt.date(2030, 11, 6), "registered")


def test_link_to_a_record_already_in_the_database(db_path, tmp_path):
    firm_id, _ = create_record("firm", {"name": "甲", "credit_code": CODE_A})
    create_record("patent", {"application_no": APP_1, "kind": "invention", "title": "芯片",
                             "filing_date": dt.date(2021, 3, 31)}, firm_id=firm_id)
    pct = [[header("pct", k) for k in ("firm_credit_code", "pct_no", "intl_filing_date", "cn_priority_no")],
           [CODE_A, "PCT/CN2022/000123", dt.date(2022, 3, 1), APP_1]]
    plan = preview_import(write_book(tmp_path / "a.xlsx", {"PCT": pct}))
    assert plan.ok and not plan.warnings
    apply_import(plan)
    assert PCTApplication.get().cn_priority_id == Patent.get().id


def test_backup_taken_before_import_when_database_has_records(db_path, tmp_path):
    first = import_workbook(basic_book(tmp_path / "a.xlsx", patent_row()))
    assert first.backup is None  # nothing to lose yet
    second = import_workbook(basic_book(tmp_path / "b.xlsx", patent_row(title="新")))
    assert second.backup is not None and second.backup.exists()
    assert "before-import" in second.backup.name


def test_a_failure_while_writing_leaves_nothing_behind(db_path, tmp_path, monkeypatch):
    """All or nothing also when something breaks half-way through the writing (disk full, a bug)."""
    from zgc_desk.services import import_writer

    create_record("firm", {"name": "乙", "credit_code": CODE_B})
    before = dump_tables(db_path)
    calls = []

    def failing_log(rows):
        calls.append(len(rows))
        if len(calls) == 2:  # after the firms and the patents are inserted
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(import_writer, "_write_log", failing_log)
    book = basic_book(tmp_path / "a.xlsx", patent_row(), patent_row(number=make_cn_application(2022, 1, 3)))
    with pytest.raises(OSError):
        import_workbook(book)
    assert calls == [1, 2]
    assert dump_tables(db_path) == before


@pytest.mark.sqlite_only  # another program's SQLite write lock; a server's locks are row locks
def test_a_database_locked_by_another_program_is_a_plain_error(db_path, tmp_path, english):
    import sqlite3

    from zgc_desk.models import database
    from zgc_desk.services.errors import UserError

    plan = preview_import(basic_book(tmp_path / "a.xlsx", patent_row()))
    database.execute_sql("PRAGMA busy_timeout = 0")  # fail at once instead of waiting 5 s for the lock
    other = sqlite3.connect(db_path)
    other.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        with pytest.raises(UserError, match="could not be written"):
            apply_import(plan)
    finally:
        other.rollback()
        other.close()
    assert Firm.select().count() == 0
