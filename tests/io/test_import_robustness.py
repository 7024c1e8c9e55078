"""Files that are not what they claim, and workbooks at Excel's limits: a plain message or a clear
error line, never a traceback and never partial data."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from zgc_io_helpers import APP_1, CODE_A, basic_book, firm_rows, header, patent_row, patent_sheet, write_book

from zgc_desk.cli import main
from zgc_desk.services.errors import UserError
from zgc_desk.services.transfer import preview_import

pytestmark = pytest.mark.usefixtures("english")


def rewrite_member(path: Path, member: str, change) -> Path:
    """Rewrite one file inside the .xlsx zip (for what openpyxl cannot write itself)."""
    with zipfile.ZipFile(path) as source:
        contents = {name: source.read(name) for name in source.namelist()}
    contents[member] = change(contents[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in contents.items():
            target.writestr(name, data)
    return path


def run_import(path: Path, db: Path, capsys) -> tuple[int, str]:
    code = main(["--lang", "en", "import", str(path), "--db", str(db)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


# ---- not a workbook --------------------------------------------------------------------------------

def _ole_file(path: Path, encrypted: bool) -> Path:
    """An OLE compound file header; an encrypted .xlsx names its EncryptedPackage stream inside."""
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    body += ("EncryptionInfo".encode("utf-16-le") + b"\x00" * 50 + "EncryptedPackage".encode("utf-16-le")
             if encrypted else "Workbook".encode("utf-16-le"))
    path.write_bytes(body + b"\x00" * 1024)
    return path


@pytest.mark.parametrize(("make", "expected"), [
    (lambda p: p.write_text("name,code\n甲,1\n", encoding="utf-8"), "is not an Excel workbook (.xlsx)"),
    (lambda p: p.write_bytes(b""), "is not an Excel workbook (.xlsx)"),
    (lambda p: _ole_file(p, encrypted=False), "is an old Excel 97-2003 (.xls) file"),
    (lambda p: _ole_file(p, encrypted=True), "is protected by a password"),
])
def test_files_that_are_not_workbooks(tmp_path, capsys, make, expected):
    book = tmp_path / "book.xlsx"
    make(book)
    code, err = run_import(book, tmp_path / "a.db", capsys)
    assert code == 1
    assert expected in err
    assert len(err.strip().splitlines()) == 1


def test_truncated_workbook(tmp_path, capsys):
    book = basic_book(tmp_path / "book.xlsx", patent_row())
    book.write_bytes(book.read_bytes()[: book.stat().st_size // 2])
    code, err = run_import(book, tmp_path / "a.db", capsys)
    assert code == 1 and "cannot be read as an Excel workbook" in err


def test_a_zip_that_is_not_a_workbook(tmp_path, capsys):
    book = tmp_path / "book.xlsx"
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("readme.txt", "hello")
    code, err = run_import(book, tmp_path / "a.db", capsys)
    assert code == 1 and "cannot be read as an Excel workbook" in err


def test_damaged_sheet_inside_a_sound_zip(tmp_path, capsys):
    book = basic_book(tmp_path / "book.xlsx", patent_row())
    rewrite_member(book, "xl/worksheets/sheet2.xml", lambda data: data[: len(data) // 2])
    code, err = run_import(book, tmp_path / "a.db", capsys)
    assert code == 1 and "The sheet 专利 cannot be read" in err


def test_missing_file_and_folder(tmp_path, capsys):
    code, err = run_import(tmp_path / "nope.xlsx", tmp_path / "a.db", capsys)
    assert code == 1 and "does not exist" in err
    code, err = run_import(tmp_path, tmp_path / "a.db", capsys)
    assert code == 1 and "is a folder" in err


def test_xlsx_content_under_another_name_is_read(db_path, tmp_path):
    book = basic_book(tmp_path / "book.xlsx", patent_row())
    renamed = book.rename(tmp_path / "book.dat")
    assert preview_import(renamed).ok


# ---- awkward workbooks -----------------------------------------------------------------------------

def test_merged_header_cells(db_path, tmp_path):
    workbook = Workbook()
    ws = workbook.active
    ws.title = "专利"
    rows = patent_sheet(patent_row())
    for row in rows:
        ws.append([*row, None])
    ws.merge_cells("E1:F1")
    workbook.save(tmp_path / "book.xlsx")
    plan = preview_import(tmp_path / "book.xlsx")
    assert "Patents: merged header cells E1:F1: unmerge them so that every column has its own header" in \
        plan.error_lines()


def test_formulas_without_and_with_a_computed_value(db_path, tmp_path):
    book = write_book(tmp_path / "book.xlsx", {
        "企业信息": firm_rows((CODE_A, "甲")),
        "专利": patent_sheet(patent_row(title='=CONCATENATE("一种","芯片")'),
                           patent_row(number="202110344406.1", title="=A1", status="#N/A"))})
    plan = preview_import(book)
    assert plan.error_lines() == [
        'Patents row 2 Title "=CONCATENATE("一种","芯片")": a formula without a computed value; enter the value '
        'itself, or open and save the file in Excel first',
        'Patents row 3 Title "=A1": a formula without a computed value; enter the value itself, or open and '
        'save the file in Excel first',
        'Patents row 3 Legal status "#N/A": an Excel error value, not data',
    ]
    # Once Excel has calculated it, the formula's value is what is imported.
    rewrite_member(book, "xl/worksheets/sheet2.xml",
                   lambda data: data.replace(b"<v />", b'<v>\xe4\xb8\x80\xe7\xa7\x8d\xe8\x8a\xaf\xe7\x89\x87</v>', 1)
                   .replace(b'<c r="D2"><f>', b'<c r="D2" t="str"><f>'))
    plan = preview_import(book)
    assert [line.split(" ")[2] for line in plan.error_lines()] == ["3", "3"]
    assert plan.records["patent"].rows[0][1]["title"] == "一种芯片"


def test_cells_of_40000_characters(db_path, tmp_path):
    """Excel stops at 32,767 characters a cell but other programs write more (openpyxl cuts them: patch)."""
    book = basic_book(tmp_path / "book.xlsx", patent_row(title="LONG-TITLE"),
                      patent_row(number="202110344406.1", inventors="LONG-NAMES"))
    long_text = ("长" * 40_000).encode()
    rewrite_member(book, "xl/worksheets/sheet2.xml",
                   lambda data: data.replace(b"LONG-TITLE", long_text).replace(b"LONG-NAMES", long_text))
    lines = preview_import(book).error_lines()
    assert lines == [
        f'Patents row 2 Title "{"长" * 60}…": too long: 40000 characters, at most 500 allowed',
        f'Patents row 3 Inventors "{"长" * 60}…": too long: 40000 characters, at most 2000 allowed',
    ]


def test_sheet_reaching_row_1048576(db_path, tmp_path, capsys):
    """A sheet formatted down to Excel's last row, with a stray value there: read to the end quickly,
    the stray row reported with its number, the empty rows skipped."""
    book = basic_book(tmp_path / "book.xlsx", patent_row())

    def to_the_last_row(data: bytes) -> bytes:
        empty_rows = "".join(f'<row r="{n}" s="1" customFormat="1"/>' for n in range(3, 1_048_576))
        last = '<row r="1048576"><c r="D1048576" t="inlineStr"><is><t>遗留</t></is></c></row>'
        data = data.replace(b"</sheetData>", (empty_rows + last).encode() + b"</sheetData>")
        return data.replace(b'<dimension ref="A1:E2"', b'<dimension ref="A1:E1048576"')

    rewrite_member(book, "xl/worksheets/sheet2.xml", to_the_last_row)
    code, err = run_import(book, tmp_path / "a.db", capsys)
    assert code == 1
    assert 'Patents row 1048576 Firm credit code "": required' in err
    assert err.count("row 1048576") == 4  # firm code, number, type, filing date; the title is there


def test_too_many_rows_is_one_clear_line(db_path, tmp_path):
    rows = [patent_row(number=f"2021103444{i:02d}", title="x") for i in range(10)]
    plan = preview_import(basic_book(tmp_path / "book.xlsx", *rows), max_rows=3)
    assert "Patents: more than 3 rows with data: split the workbook into smaller files" in plan.error_lines()


def test_headers_not_in_row_1(db_path, tmp_path):
    book = write_book(tmp_path / "book.xlsx", {"专利": [[None], *patent_sheet(patent_row())]})
    assert preview_import(book).error_lines() == [
        "Patents: row 1 must hold the column headers (e.g. 企业统一社会信用代码, 申请号, 专利类型)"]


def test_values_without_a_header_are_reported(db_path, tmp_path):
    rows = patent_sheet(patent_row())
    rows[1].append("孤立的值")
    plan = preview_import(write_book(tmp_path / "book.xlsx", {"企业信息": firm_rows((CODE_A, "甲")),
                                                              "专利": rows}))
    assert plan.ok
    assert plan.warning_lines() == ['Patents row 2 "孤立的值": column F has values but no header; ignored']


def test_the_same_column_twice(db_path, tmp_path):
    rows = patent_sheet(patent_row())
    rows[0].append("application_no")
    rows[1].append(APP_1)
    plan = preview_import(write_book(tmp_path / "book.xlsx", {"专利": rows}))
    assert plan.error_lines()[0] == \
        'Patents row 1 Application number "application_no": the same column appears twice (columns B and F)'


def test_odd_cell_types_are_errors_not_crashes(db_path, tmp_path):
    book = write_book(tmp_path / "book.xlsx", {
        "企业信息": firm_rows((CODE_A, "甲")),
        "专利": [[header("patent", k) for k in ("firm_credit_code", "application_no", "kind", "title",
                                               "filing_date", "annuity_paid_through", "abnormal")],
                 [CODE_A, 202110344405.7, True, dt.time(12, 0), 3.5, dt.datetime(2021, 1, 1), "也许"]]})
    plan = preview_import(book)
    assert not plan.ok
    assert all(line.startswith("Patents row 2 ") for line in plan.error_lines())


def test_preview_raises_user_error_for_a_non_workbook(db_path, tmp_path):
    (tmp_path / "x.xlsx").write_text("hello")
    with pytest.raises(UserError):
        preview_import(tmp_path / "x.xlsx")


def test_an_empty_sheet_is_nothing_to_import(db_path, tmp_path):
    book = write_book(tmp_path / "book.xlsx", {"企业信息": firm_rows((CODE_A, "甲")), "专利": []})
    plan = preview_import(book)
    assert plan.ok and not plan.warnings
    assert plan.counts["patent"].total == 0 and plan.counts["firm"].added == 1
