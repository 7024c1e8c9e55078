"""Every date the program accepts lies in 1900-01-01 … 2200-12-31 (``zgc_desk.dates``): far-future
and far-past dates in a workbook are plain errors naming the cell (9999-12-31, "permanent", with its
own explanation), ``--as-of/--from/--to`` outside the range are usage errors in plain words, and a
date stored before the bounds existed cannot break ``deadlines``, ``ics`` or ``report``."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from openpyxl import Workbook
from zgc_io_helpers import CODE_A, basic_book, dump_tables, firm_rows, header, patent_row

from zgc_desk.cli import main
from zgc_desk.dates import DateError, add_months, add_years, parse_date

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize("value", ["9999-01-01", dt.date(9999, 1, 1), dt.datetime(9999, 12, 31, 0, 0), 2958465,
                                   "0001-01-01", dt.date(1, 1, 1), "1899-12-31", "2201-01-01"])
def test_dates_outside_the_range_are_refused_in_words(value):
    with pytest.raises(DateError, match="outside the dates|9999-12-31 is not a date"):
        parse_date(value)


def test_the_edges_of_the_range_are_accepted():
    assert parse_date("1900-01-01") == dt.date(1900, 1, 1)
    assert parse_date("2200-12-31") == dt.date(2200, 12, 31)


def test_derived_dates_saturate_instead_of_raising():
    assert add_months(dt.date(9999, 6, 1), 12) == dt.date.max
    assert add_years(dt.date(1, 6, 1), -1) == dt.date.min
    assert add_months(dt.date(2021, 1, 31), 1) == dt.date(2021, 2, 28)  # Art. 5 month arithmetic unchanged


def _book(path, sheet: str, keys: list[str], row: list):
    workbook = Workbook()
    workbook.remove(workbook.active)
    firms = workbook.create_sheet("企业信息")
    for line in firm_rows((CODE_A, "北京甲科技有限公司")):
        firms.append(line)
    ws = workbook.create_sheet(sheet)
    kind = {"专利": "patent", "PCT": "pct", "商标": "trademark"}[sheet]
    ws.append([header(kind, key) for key in keys])
    ws.append(row)
    workbook.save(path)
    return path


@pytest.mark.parametrize(("sheet", "keys", "row", "field"), [
    ("PCT", ["firm_credit_code", "pct_no", "intl_filing_date", "priority_date"],
     [CODE_A, "PCT/CN2021/075891", dt.date(2021, 3, 1), dt.date(9999, 1, 1)], "Priority date"),
    ("PCT", ["firm_credit_code", "pct_no", "intl_filing_date", "priority_date"],
     [CODE_A, "PCT/CN2021/075891", dt.date(2021, 3, 1), 2958465], "Priority date"),
    ("商标", ["firm_credit_code", "mark", "registration_no", "registration_date"],
     [CODE_A, "芯光", "12345678", "9999-06-01"], "Registration date"),
    ("商标", ["firm_credit_code", "mark", "registration_no", "registration_date", "expiry_date"],
     [CODE_A, "芯光", "12345678", "2020-06-01", "9999-12-31"], "Expiry"),
])
def test_far_dates_in_a_workbook_are_errors_naming_the_cell(tmp_path, capsys, sheet, keys, row, field):
    db = tmp_path / "p.db"
    book = _book(tmp_path / "far.xlsx", sheet, keys, row)
    code = main(["--lang", "en", "import", str(book), "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 1 and "internal error" not in err and "Traceback" not in err
    assert " row 2 " in err and field.lower() in err.lower()
    assert "outside the dates" in err or "9999-12-31 is not a date" in err


def test_a_filing_date_in_9999_changes_nothing(tmp_path, capsys):
    db = tmp_path / "p.db"
    assert main(["--lang", "en", "import", str(basic_book(tmp_path / "ok.xlsx", patent_row())), "--db", str(db)]) == 0
    before = dump_tables(db)
    far = basic_book(tmp_path / "far.xlsx", patent_row(number="202110344406.1", filed="9999-03-31"))
    assert main(["--lang", "en", "import", str(far), "--db", str(db)]) == 1
    assert "outside the dates" in capsys.readouterr().err
    assert dump_tables(db) == before


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("command", [["deadlines", "--as-of"], ["deadlines", "--from"], ["deadlines", "--to"],
                                     ["ics", "--out", "x.ics", "--as-of"], ["ics", "--out", "x.ics", "--from"],
                                     ["check", "--as-of"], ["report", "--firm", CODE_A, "--out", "r.pdf", "--as-of"]])
def test_option_dates_outside_the_range_are_usage_errors(tmp_path, capsys, command, date):
    with pytest.raises(SystemExit) as ended:
        main(["--lang", "en", command[0], "--db", str(tmp_path / "p.db"), *command[1:], date])
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert ("outside the dates" in err or "9999-12-31 is not a date" in err) and "Traceback" not in err


def test_a_far_date_stored_earlier_breaks_no_listing(demo_file, tmp_path, capsys):
    db = tmp_path / "old.db"
    db.write_bytes(demo_file.read_bytes())
    conn = sqlite3.connect(db)
    conn.execute("UPDATE trademark SET expiry_date = '9999-12-31' WHERE id = (SELECT MIN(id) FROM trademark)")
    conn.execute("UPDATE patent SET filing_date = '9999-01-01' WHERE id = (SELECT MIN(id) FROM patent)")
    conn.execute("UPDATE pct_application SET priority_date = '0001-01-01' WHERE id = (SELECT MIN(id) FROM "
                 "pct_application)")
    firm = conn.execute("SELECT credit_code FROM firm ORDER BY id").fetchone()[0]
    conn.commit()
    conn.close()
    for command in (["deadlines", "--as-of", "2026-11-25"], ["deadlines", "--json", "--as-of", "2026-11-25"],
                    ["ics", "--out", str(tmp_path / "c.ics"), "--as-of", "2026-11-25"],
                    ["report", "--firm", firm, "--out", str(tmp_path / "r.pdf"), "--as-of", "2026-11-25"],
                    ["check", "--as-of", "2026-11-25"]):
        code = main(["--lang", "en", command[0], "--db", str(db), *command[1:]])
        captured = capsys.readouterr()
        assert code == 0, (command, captured.err)
        assert "internal error" not in captured.err
