"""The import / export / template commands as a script sees them, the error workbook, and a workbook
written by another program (LibreOffice: shared strings, its own styles)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from openpyxl import load_workbook
from zgc_io_helpers import CODE_A, basic_book, dump_tables, patent_row

from zgc_desk.cli import main
from zgc_desk.io.error_workbook import CELL_FILL, ROW_FILL
from zgc_desk.services.transfer import preview_import, save_error_workbook


def test_import_command_lists_every_error_and_writes_nothing(tmp_path, capsys):
    db = tmp_path / "p.db"
    assert main(["demo", "--db", str(db), "--as-of", "2026-11-25"]) == 0
    before = dump_tables(db)
    book = basic_book(tmp_path / "bad.xlsx", patent_row(), patent_row(number="202110344405.3"),
                      patent_row(number="202110344406.1", filed="2021-02-30"))
    capsys.readouterr()
    assert main(["--lang", "en", "import", str(book), "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        'Patents row 3 Application number "202110344405.3": Check character should be 7',
        'Patents row 4 Filing date "2021-02-30": 2021-02-30 is not a real date',
        "2 error(s); nothing was imported.",
    ]
    assert dump_tables(db) == before


def test_import_command_summary_dry_run_and_progress(tmp_path, capsys):
    db = tmp_path / "p.db"
    book = basic_book(tmp_path / "good.xlsx", patent_row())
    assert main(["--lang", "en", "import", str(book), "--db", str(db), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Patents: 1 added, 0 updated, 0 unchanged" in out
    assert main(["--lang", "en", "import", str(book), "--db", str(db), "--progress"]) == 0
    out, err = capsys.readouterr()
    assert "Firms: 1 added, 0 updated, 0 unchanged" in out and "Patents: 1 added" in out
    assert "Writing: 2/2" in err
    assert main(["--lang", "en", "import", str(book), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Patents: 0 added, 0 updated, 1 unchanged" in out
    assert "backed up before the import" in out


def test_export_command(tmp_path, capsys):
    db = tmp_path / "p.db"
    main(["demo", "--db", str(db), "--as-of", "2026-11-25"])
    out_file = tmp_path / "out.xlsx"
    assert main(["--lang", "en", "export", "--db", str(db), "--firm", CODE_A.lower(), "--out", str(out_file)]) == 0
    assert "Firms: 1 rows" in capsys.readouterr().out
    assert {row[0] for row in load_workbook(out_file)["专利"].iter_rows(min_row=2, values_only=True)} == {CODE_A}
    assert main(["--lang", "en", "export", "--db", str(db), "--out", str(out_file)]) == 0
    assert "Patents: " in capsys.readouterr().out
    assert main(["--lang", "en", "export", "--db", str(db), "--firm", "91110108MA01R8KX3X", "--out",
                 str(tmp_path / "x.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "Check character should be" in err and "Traceback" not in err


def test_python_m_entry_point(tmp_path):
    out = tmp_path / "blank.xlsx"
    env = {**os.environ, "ZGC_DESK_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "zgc_desk", "template", "--out", str(out)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert load_workbook(out, read_only=True).sheetnames[1:] == ["企业信息", "专利", "PCT", "海外申请", "商标", "通知书", "质押融资"]


def test_error_workbook_highlights_bad_rows(db_path, tmp_path, english):
    book = basic_book(tmp_path / "bad.xlsx", patent_row(), patent_row(number="202110344405.3"),
                      patent_row(number="202110344406.1", title=None, kind="外观"))
    plan = preview_import(book)
    out = save_error_workbook(plan, tmp_path / "errors.xlsx")
    workbook = load_workbook(out)
    assert workbook.sheetnames[0] == "Errors"
    listing = list(workbook["Errors"].iter_rows(values_only=True))
    assert listing[0][:6] == ("Type", "Sheet", "Row", "Column", "Value", "Problem")
    assert [row[6] for row in listing[1:]] == plan.error_lines()
    assert workbook["Errors"]["B2"].hyperlink.location == "'专利'!B3"
    patents = workbook["专利"]
    assert patents["B3"].fill.fgColor.rgb.endswith(CELL_FILL.fgColor.rgb[-6:])
    assert patents["A3"].fill.fgColor.rgb.endswith(ROW_FILL.fgColor.rgb[-6:])
    assert "Check character should be 7" in patents["B3"].comment.text
    assert patents["D4"].comment is not None and patents["C4"].comment is not None
    assert patents["A2"].fill.fill_type is None  # the good row is left alone
    assert patents["B3"].value == "202110344405.3"  # the user's data is kept


def test_error_workbook_for_a_file_that_is_not_a_workbook(db_path, tmp_path, english):
    from zgc_desk.io.import_issues import ImportPlan, Issue

    (tmp_path / "x.xlsx").write_text("not a workbook")
    plan = ImportPlan(tmp_path / "x.xlsx", errors=[Issue("not a workbook")])
    out = save_error_workbook(plan, tmp_path / "errors.xlsx")
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Errors"]
    assert workbook["Errors"]["G2"].value == "not a workbook"


@pytest.mark.external
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_export_saved_again_by_libreoffice_imports_unchanged(demo_db, tmp_path):
    from zgc_desk.services.transfer import export_workbook

    export_workbook(tmp_path / "portfolio.xlsx")
    resaved = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", str(resaved),
                    str(tmp_path / "portfolio.xlsx")], check=True, capture_output=True, timeout=120,
                   env={**os.environ, "HOME": str(tmp_path)})
    plan = preview_import(resaved / "portfolio.xlsx")
    assert plan.ok, plan.error_lines()
    from zgc_desk.models import MODEL_BY_KIND

    assert all(c.added == 0 and c.updated == 0 and (c.unchanged > 0 or not MODEL_BY_KIND[kind].select().exists())
               for kind, c in plan.counts.items())  # the demo has no notices: their sheet is empty


def test_import_command_can_write_the_error_workbook(tmp_path, capsys):
    book = basic_book(tmp_path / "bad.xlsx", patent_row(number="202110344405.3"))
    errors = tmp_path / "errors.xlsx"
    assert main(["--lang", "en", "import", str(book), "--db", str(tmp_path / "p.db"),
                 "--errors-out", str(errors)]) == 1
    assert f"highlighted in {errors}" in capsys.readouterr().err
    assert load_workbook(errors).sheetnames == ["Errors", "企业信息", "专利"]
