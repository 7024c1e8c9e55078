"""An import changes a user's records only as the workbook says: a sheet the workbook lists but that
cannot be read fails the whole import; a blank cell on an update leaves the field as it was (an
explicit marker clears it); the same number under two firms is refused; a path that is not a regular
file is refused before it is opened."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from zgc_io_helpers import CODE_A, CODE_B, basic_book, dump_tables, patent_row

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
