"""Operations and undo (zgc_desk/operations), on real SQLite files: every row comes back, links too."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from operations_helpers import build_portfolio, tables_of

from zgc_desk import operations, services
from zgc_desk.changes import Kind, View
from zgc_desk.db import close_database, open_database
from zgc_desk.models import PCTApplication, SubsidyClaim, database
from zgc_desk.operations import operation
from zgc_desk.services import subsidies
from zgc_desk.services.deadlines import record_national_phase_entry

pytestmark = pytest.mark.both_databases


def test_deleting_a_firm_and_undoing_gives_back_every_row_of_every_table(db_path):
    ids = build_portfolio()
    before = tables_of(db_path)
    assert len(before["subsidy_claim"]) == 2 and len(before["overseas_filing"]) == 2

    changed = services.delete_record("firm", ids["firm"])
    assert SubsidyClaim.select().count() == 0 and PCTApplication.select().count() == 0
    assert {Kind.FIRM, Kind.PATENT, Kind.PCT, Kind.OVERSEAS, Kind.TRADEMARK, Kind.CLAIM} <= changed.kinds
    after_delete = tables_of(db_path)

    step = services.undo()
    assert step.label.endswith(before["firm"][0][3])  # "删除 企业 北京示例科技有限公司"
    assert tables_of(db_path) == before  # claims, links and change-log entries included
    assert step.changed.kinds == changed.kinds

    services.redo()
    assert tables_of(db_path) == after_delete
    services.undo()
    assert tables_of(db_path) == before


def test_undo_and_redo_are_in_the_change_log_so_other_windows_hear_of_them(db_path):
    """Undo takes the operation's own change-log entries out: the newest id would fall back and a
    window polling the counter (ui/contrib/shared_db.py) would refresh nothing. Undo and redo log
    themselves instead, under the user who did them."""
    from zgc_desk.services.changes import changes_since, history, latest_change_id

    ids = build_portfolio()
    seen = latest_change_id()
    services.update_record("patent", ids["patent"], {"title": "新名称"})
    after_edit = latest_change_id()
    assert after_edit > seen

    step = services.undo()
    assert latest_change_id() > after_edit  # never falls back
    heard = changes_since(after_edit)
    assert heard.of(Kind.PATENT) == {ids["patent"]} and heard.concerns(ids["firm"])
    assert heard.affects(View.DUE_LIST, ids["firm"])
    entries = history("patent", ids["patent"])
    assert entries[-1]["action"] == "undo" and entries[-1]["summary"] == step.label
    assert entries[-1]["user"] == operations.current_user()
    assert "update" not in [e["action"] for e in entries[-2:]]  # the edit's own entry went with it

    before_redo = latest_change_id()
    services.redo()
    assert changes_since(before_redo).of(Kind.PATENT) == {ids["patent"]}
    assert history("patent", ids["patent"])[-1]["action"] == "redo"


def test_undoing_a_patent_deletion_restores_the_pct_and_overseas_links_to_it(db_path):
    ids = build_portfolio()
    before = tables_of(db_path)
    changed = services.delete_record("patent", ids["patent"])
    pct = PCTApplication.get_by_id(ids["pct"])
    assert pct.cn_priority_id is None  # ON DELETE SET NULL
    assert changed.of(Kind.PCT) == {ids["pct"]}  # the link counts as a change of the PCT
    services.undo()
    assert PCTApplication.get_by_id(ids["pct"]).cn_priority_id == ids["patent"]
    assert tables_of(db_path) == before


def test_undo_history_survives_closing_and_reopening_the_database(db_path):
    ids = build_portfolio()
    before = tables_of(db_path)
    services.update_record("patent", ids["patent"], {"title": "改过的名称"})
    close_database()
    open_database(db_path)
    assert services.next_undo().startswith("编辑")
    services.undo()
    assert tables_of(db_path) == before
    assert services.next_redo() is not None


def test_each_user_undoes_only_their_own_operations(db_path):
    ids = build_portfolio()
    with operation("B's edit", user="b"):
        services.update_record("patent", ids["patent"], {"title": "乙改的"})
    assert operations.next_undo("b") == "B's edit"
    services.undo()  # this user's last step: the second claim, not B's edit
    assert SubsidyClaim.select().count() == 1
    assert services.get_record("patent", ids["patent"]).title == "乙改的"
    with pytest.raises(services.NothingToUndo):
        operations.undo("c")


@pytest.mark.sqlite_only
def test_a_row_changed_behind_the_operation_stops_undo_and_nothing_changes(db_path):
    ids = build_portfolio()
    services.update_record("patent", ids["patent"], {"title": "第一次"})
    con = sqlite3.connect(db_path)  # someone else, without ZGC Desk
    con.execute("UPDATE patent SET title = '别人改的' WHERE id = ?", (ids["patent"],))
    con.commit()
    con.close()
    before = tables_of(db_path)
    with pytest.raises(services.UserError, match="已被改动|changed since"):
        services.undo()
    assert tables_of(db_path) == before
    assert services.next_undo() is not None  # still offered: nothing was lost


def test_undo_refuses_when_a_cascade_would_take_records_added_since_by_someone_else(db_path):
    firm_id, _ = services.create_record("firm", {"name": "新企业", "credit_code": "91110108551385082Q"})
    with operation("B adds a patent", user="b"):
        services.create_record("patent", {"application_no": "202110344405.7", "kind": "invention", "title": "x",
                                          "filing_date": "2021-03-05"}, firm_id=firm_id)
    before = tables_of(db_path)
    with pytest.raises(services.UserError):
        services.undo()  # deleting the firm again would delete B's patent with it
    assert tables_of(db_path) == before


@pytest.mark.sqlite_only
def test_a_table_added_later_is_captured_without_undo_code(db_path):
    """A new record kind (notices, pledge loans...) needs no undo code: the triggers follow the schema."""
    database.execute_sql("CREATE TABLE guarantee_letter (id INTEGER PRIMARY KEY AUTOINCREMENT, firm_id INTEGER "
                         "REFERENCES firm (id) ON DELETE CASCADE, bank TEXT, amount INTEGER, contract BLOB)")
    ids = build_portfolio()
    with operation("add a guarantee letter") as op:
        database.execute_sql("INSERT INTO guarantee_letter (firm_id, bank, amount, contract) VALUES (?, ?, ?, ?)",
                             (ids["firm"], "北京银行", 5_000_000, b"\x00\x01PDF"))
    assert op.changed.kinds == {Kind.OTHER} and op.changed.affects(View.DUE_LIST, ids["firm"])
    before = tables_of(db_path)
    services.delete_record("firm", ids["firm"])
    assert database.execute_sql("SELECT COUNT(*) FROM guarantee_letter").fetchone()[0] == 0
    services.undo()
    assert tables_of(db_path) == before
    assert database.execute_sql("SELECT contract FROM guarantee_letter").fetchone()[0] == b"\x00\x01PDF"


def test_a_failed_operation_leaves_nothing_to_undo(db_path):
    ids = build_portfolio()
    label = services.next_undo()
    with pytest.raises(services.ValidationError):
        services.update_record("patent", ids["patent"], {"filing_date": "2021-02-30"})
    assert services.next_undo() == label


def test_an_operation_that_changes_nothing_is_not_an_undo_step(db_path):
    ids = build_portfolio()
    label = services.next_undo()
    assert not services.update_record("patent", ids["patent"], {"title": "一种数据处理方法"})
    assert services.next_undo() == label


def test_a_new_operation_ends_what_could_be_redone(db_path):
    ids = build_portfolio()
    services.update_record("patent", ids["patent"], {"title": "甲"})
    services.undo()
    assert services.next_redo() is not None
    services.update_record("patent", ids["patent"], {"title": "乙"})
    assert services.next_redo() is None
    with pytest.raises(services.NothingToRedo):
        services.redo()


def test_settings_are_undone_to_their_previous_value(db_path):
    services.set_setting("backups_kept", 5)
    changed = services.set_setting("backups_kept", 7)
    assert changed.of(Kind.SETTING) == {"backups_kept"} and changed.affects(View.DEADLINES, 3)
    services.undo()
    assert services.get_setting("backups_kept") == 5
    services.undo()
    assert services.get_setting("backups_kept") == 10  # the default again: the row is gone


def test_a_service_calling_services_is_one_step_named_by_the_outer_one(db_path, english):
    ids = build_portfolio()
    before = tables_of(db_path)
    filing_id, changed = record_national_phase_entry(ids["pct"], "EP", "22700001.5", dt.date(2023, 10, 1))
    assert changed.of(Kind.OVERSEAS) == {filing_id}
    assert services.next_undo() == "National phase entered: PCT/CN2022/075891 EP"
    assert services.undo().label == "National phase entered: PCT/CN2022/075891 EP"
    assert tables_of(db_path) == before
    assert services.next_undo() == "Record claim WO PCT/CN2022/075891 (pct_filing 2023)"


def test_an_import_clears_the_history_and_says_so(db_path, tmp_path):
    from zgc_desk.services import transfer

    build_portfolio()
    out = tmp_path / "portfolio.xlsx"
    transfer.export_workbook(out)
    result = transfer.import_workbook(out)
    assert result.history_cleared
    assert services.next_undo() is None and services.next_redo() is None
    with pytest.raises(services.NothingToUndo):
        services.undo()


def test_claims_are_operations_with_their_own_kind(db_path):
    build_portfolio()
    claims = subsidies.list_claims()
    changed = subsidies.delete_claim(claims[0]["id"])
    firm_id = services.find_firm(claims[0]["firm"]).id
    assert changed.kinds == {Kind.CLAIM} and changed.firm_ids == {firm_id}
    assert changed.affects(View.DUE_LIST, firm_id) and changed.affects(View.SUBSIDY_RESULTS, firm_id)
    assert not changed.affects(View.DUE_LIST, firm_id + 1)  # another firm's list
    assert not changed.affects(View.DEADLINES)
    services.undo()
    assert subsidies.list_claims() == claims
