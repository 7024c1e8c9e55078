"""``zgc-desk fill`` and ``zgc-desk report`` as users' scripts see them: real processes, exit codes."""

from __future__ import annotations

import openpyxl
import pytest

from zgc_desk.demo import FIRM_A
from zgc_desk.subsidy_rules.loader import shipped_policy_ids


@pytest.fixture
def demo_app(demo_db, code_a):
    from zgc_desk.db import close_database

    close_database()  # the subprocess opens it
    return str(demo_db), code_a


def test_fill_writes_excel_and_pdf(cli, demo_app, tmp_path):
    db, code = demo_app
    for name in ("a.xlsx", "a.pdf"):
        result = cli("fill", "--db", db, "--firm", code, "--policy", "invention_grant", "--year", "2022",
                     "--out", str(tmp_path / name), "--as-of", "2026-11-25")
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).exists()
    assert openpyxl.load_workbook(tmp_path / "a.xlsx")["申报表"]["A1"].value.endswith("申报表")


def test_fill_user_errors_exit_1_with_plain_messages(cli, demo_app, tmp_path):
    db, code = demo_app
    base = ["fill", "--db", db, "--firm", code, "--as-of", "2026-11-25"]
    unknown = cli(*base, "--policy", "nope", "--out", str(tmp_path / "x.pdf"))
    assert unknown.returncode == 1 and "Traceback" not in unknown.stderr
    assert all(pid in unknown.stderr for pid in shipped_policy_ids())
    suffix = cli(*base, "--policy", "invention_grant", "--out", str(tmp_path / "x.docx"))
    assert suffix.returncode == 1 and "x.docx" in suffix.stderr and ".xlsx" in suffix.stderr
    empty = cli(*base, "--policy", "invention_grant", "--year", "2026", "--out", str(tmp_path / "x.pdf"))
    assert empty.returncode == 1 and "2025" in empty.stderr and not (tmp_path / "x.pdf").exists()
    allowed = cli(*base, "--policy", "invention_grant", "--year", "2026", "--allow-empty",
                  "--out", str(tmp_path / "x.pdf"))
    assert allowed.returncode == 0 and (tmp_path / "x.pdf").exists()
    firm = cli("fill", "--db", db, "--firm", "91110000000000000X", "--policy", "invention_grant",
               "--out", str(tmp_path / "y.pdf"))
    assert firm.returncode == 1 and "Traceback" not in firm.stderr
    assert cli(*base, "--policy", "invention_grant", "--year", "20x4", "--out", "z.pdf").returncode == 2


def test_fill_help_says_what_happens_without_eligible_items(cli):
    result = cli("fill", "--help", "--lang", "en")
    words = " ".join(result.stdout.split())
    assert result.returncode == 0 and "--allow-empty" in words and "no file is written: the command exits 1" in words


def test_report_writes_a_pdf(cli, demo_app, tmp_path):
    db, code = demo_app
    out = tmp_path / "sub" / "report.pdf"
    result = cli("report", "--db", db, "--firm", code, "--out", str(out), "--as-of", "2026-11-25")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    bad = cli("report", "--db", db, "--firm", code, "--out", str(tmp_path / "r.xlsx"))
    assert bad.returncode == 1 and ".pdf" in bad.stderr
    assert FIRM_A  # the firm named in the report is checked in test_session_report
