"""An import changes a user's records only as the workbook says: a sheet the workbook lists but that
cannot be read fails the whole import; a blank cell on an update leaves the field as it was (an
explicit marker clears it); the same number under two firms is refused; a path that is not a regular
file is refused before it is opened."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

import pytest
from zgc_io_helpers import APP_1, CODE_A, CODE_B, basic_book, dump_tables, patent_row

from zgc_desk.cli import main

pytestmark = pytest.mark.usefixtures("english")


def _rewrite(path: Path, member: str, change) -> Path:
    with zipfile.ZipFile(path) as source:
        contents = {name: source.read(name) for name in source.namelist()}
    new = change(contents[member])
    if new is None:
        del contents[member]
    else:
        contents[member] = new
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in contents.items():
            target.writestr(name, data)
    return path


def _import(book: Path, db: Path, capsys, *extra) -> tuple[int, str]:
    code = main(["--lang", "en", "import", str(book), "--db", str(db), *extra])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    return code, err


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "port.db"
    assert main(["demo", "--db", str(path), "--as-of", "2026-11-25"]) == 0
    capsys.readouterr()
    return path


@pytest.mark.parametrize(("damage", "expected"), [
    (lambda data: None, "its data (xl/worksheets/sheet2.xml) is missing"),
    (lambda data: data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                               b"http://purl.oclc.org/ooxml/spreadsheetml/main"), "not a worksheet"),
    (lambda data: data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                               b"urn:something-else"), "not a worksheet"),
])
def test_a_listed_sheet_that_cannot_be_read_fails_the_whole_import(db, tmp_path, capsys, damage, expected):
    book = basic_book(tmp_path / "book.xlsx", patent_row(code=CODE_A),
                      firms=((CODE_A, "北京甲科技有限公司"), (CODE_B, "北京乙科技有限公司")))
    _rewrite(book, "xl/worksheets/sheet2.xml", damage)  # the 专利 sheet; 企业信息 stays sound
    before = dump_tables(db)
    code, err = _import(book, db, capsys)
    assert code == 1 and expected in err and "专利" in err
    assert dump_tables(db) == before


def test_a_fifo_is_refused_without_waiting(db, tmp_path, capsys):
    fifo = tmp_path / "book.xlsx"
    os.mkfifo(fifo)
    code, err = _import(fifo, db, capsys)  # would block for ever if opened
    assert code == 1 and "not a regular file" in err


# ---- blank cells on an update ----------------------------------------------------------------------

def _patent_in_db(db: Path, number: str) -> dict:
    import sqlite3

    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute("SELECT * FROM patent WHERE application_no = ?", (number,)).fetchone())
    finally:
        conn.close()


FULL = patent_row(applicants="北京甲科技有限公司; 清华大学", inventors="张三; 李四", status="失效", ipc="G06F 16/00")


@pytest.fixture
def imported(tmp_path, capsys):
    db = tmp_path / "p.db"
    code, err = _import(basic_book(tmp_path / "first.xlsx", FULL), db, capsys)
    assert code == 0, err
    return db


def test_blank_cells_on_an_update_leave_the_fields_unchanged(imported, tmp_path, capsys):
    before = _patent_in_db(imported, APP_1)
    assert before["status"] == "lapsed" and "清华大学" in before["applicants"]
    blanks = patent_row(title="一种芯片（修改）", applicants=None, inventors="", status=None, ipc=" ")
    code, err = _import(basic_book(tmp_path / "again.xlsx", blanks), imported, capsys)
    assert code == 0, err
    after = _patent_in_db(imported, APP_1)
    assert after["title"] == "一种芯片（修改）"
    for field in ("applicants", "inventors", "status", "ipc"):
        assert after[field] == before[field], field


def test_the_clear_marker_empties_a_field_and_a_required_one_cannot_be_cleared(imported, tmp_path, capsys):
    code, err = _import(basic_book(tmp_path / "clear.xlsx", patent_row(inventors="(清空)", ipc="（CLEAR）")),
                        imported, capsys)
    assert code == 0, err
    after = _patent_in_db(imported, APP_1)
    assert after["inventors"] in ("", "[]") and after["ipc"] in ("", None)
    assert "清华大学" in after["applicants"]
    code, err = _import(basic_book(tmp_path / "bad.xlsx", patent_row(title="(清空)")), imported, capsys)
    assert code == 1 and "a required field cannot be cleared" in err


def test_the_dry_run_counts_what_each_column_changes(imported, tmp_path, capsys):
    book = basic_book(tmp_path / "dry.xlsx", patent_row(status="有效", ipc="(clear)"))
    assert main(["--lang", "en", "import", str(book), "--db", str(imported), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Patents: 0 added, 1 updated, 0 unchanged" in out
    changed = next(line for line in out.splitlines() if "changed:" in line)
    assert "Legal status 1" in changed and "IPC" in changed and "Applicants" not in changed


# ---- one number, one firm --------------------------------------------------------------------------

TWO_FIRMS = ((CODE_A, "北京甲科技有限公司"), (CODE_B, "北京乙科技有限公司"))


def test_the_same_cn_number_under_another_firm_is_refused_naming_the_firm(imported, tmp_path, capsys):
    before = dump_tables(imported)
    book = basic_book(tmp_path / "b.xlsx", patent_row(code=CODE_B), firms=TWO_FIRMS)
    code, err = _import(book, imported, capsys)
    assert code == 1
    assert f"already recorded under the firm 北京甲科技有限公司 ({CODE_A})" in err
    assert dump_tables(imported) == before


def test_the_same_number_twice_in_one_workbook_under_two_firms_is_refused(tmp_path, capsys):
    book = basic_book(tmp_path / "b.xlsx", patent_row(code=CODE_A), patent_row(code=CODE_B), firms=TWO_FIRMS)
    code, err = _import(book, tmp_path / "new.db", capsys)
    assert code == 1 and f"the same number as row 2, which is under the firm {CODE_A}" in err


def test_the_editor_refuses_it_too(imported, english):
    from zgc_desk.db import close_database, open_database
    from zgc_desk.services.errors import ValidationError
    from zgc_desk.services.records import create_record

    open_database(imported)
    try:
        firm_id, _changed = create_record("firm", {"name": "北京乙科技有限公司", "credit_code": CODE_B})
        with pytest.raises(ValidationError, match="already recorded under the firm 北京甲科技有限公司"):
            create_record("patent", {"application_no": APP_1, "kind": "invention", "title": "x",
                                     "filing_date": dt.date(2021, 3, 31)}, firm_id=firm_id)
    finally:
        close_database()


def test_a_workbook_with_thousands_of_errors_lists_200_and_counts_the_rest(tmp_path, capsys):
    rows = [patent_row(number=f"20211034{i:04d}.0", filed="2021-02-30") for i in range(1500)]
    book = basic_book(tmp_path / "many.xlsx", *rows)
    code, err = _import(book, tmp_path / "p.db", capsys)
    lines = err.splitlines()
    assert code == 1 and len(lines) == 202
    assert lines[-2].startswith("… and ") and "more errors (Patents " in lines[-2] and "--errors-out" in lines[-2]
    total = int(lines[-1].split(" ")[0])
    assert total > 1500 and lines[-1].endswith("error(s); nothing was imported.")
