"""A policy written by hand (a made-up district policy in the test data) goes through the command line
with no code change: imported into the database, listed, checked, filled (the generic application,
as it has no form of its own — read back with openpyxl and pdftotext) and removed; a broken copy is
refused with file/line messages and nothing changes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from zgc_desk.demo import CODE_A

from .conftest import pdf_text

DISTRICT = Path(__file__).parents[1] / "subsidy_rules" / "district"
POLICY = "haidian_patent_award"


@pytest.fixture
def db(tmp_path, demo_file):
    """A private copy of the demo database (these tests change its policies)."""
    return shutil.copy(demo_file, tmp_path / "demo.db")


def _listed(cli, db) -> dict:
    result = cli("policies", "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    return {p["id"]: p for p in json.loads(result.stdout)}


def test_policies_lists_the_shipped_ones_with_their_verified_state(cli, db):
    listed = _listed(cli, db)
    assert {"invention_grant", "pct_filing", "madrid_trademark"} <= set(listed)
    grant = listed["invention_grant"]
    assert grant["origin"] == "shipped" and grant["verified"] is False and grant["unverified_values"] > 0
    assert list(grant)[:4] == ["id", "title", "stage", "items"]
    table = cli("policies", "--db", db)
    assert table.returncode == 0 and "invention_grant" in table.stdout


def test_a_hand_written_district_policy_is_imported_checked_filled_and_removed(cli, db, tmp_path):
    imported = cli("policies", "import", DISTRICT / f"{POLICY}.yaml", "--db", db)
    assert imported.returncode == 0, imported.stderr
    assert _listed(cli, db)[POLICY]["origin"] == "added"

    checked = cli("check", "--db", db, "--policy", POLICY, "--year", "2026", "--as-of", "2026-11-25", "--json",
                  "--firm", CODE_A)
    assert checked.returncode == 0, checked.stderr
    eligible = [r for r in json.loads(checked.stdout) if r["eligible"]]
    # two invention grants of 2025 at 3,000 each, the second cut to 2,000 by the 5,000 cap per firm
    assert [(r["matter"], r["amount_cny"], r["verified"]) for r in eligible] == [
        ("202210310119.3", 3000, False), ("202310310120.0", 2000, False)]
    assert any(r["criterion"] == "firm_registered_in_beijing" and "110108" in r["detail"]
               for r in eligible[0]["reasons"])

    xlsx, pdf = tmp_path / "award.xlsx", tmp_path / "award.pdf"
    for out in (xlsx, pdf):
        filled = cli("fill", "--db", db, "--firm", CODE_A, "--policy", POLICY, "--year", "2026",
                     "--as-of", "2026-11-25", "--out", out)
        assert filled.returncode == 0, filled.stderr
    sheet = openpyxl.load_workbook(xlsx)["申报表"]
    assert sheet["A1"].value == "海淀区发明专利授权奖励（虚构示例）申报书"
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "202210310119.3" in values and "202310310120.0" in values and 5000 in values
    assert any(isinstance(v, str) and "110108" in v for v in values)  # the reasons column
    text = pdf_text(pdf)
    assert "海淀区发明专利授权奖励（虚构示例）申报书" in text and "202310310120.0" in text

    exported = cli("policies", "export", POLICY, "--out", tmp_path / "back.yaml", "--db", db)
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "back.yaml").read_text(encoding="utf-8") == (DISTRICT / f"{POLICY}.yaml").read_text(
        encoding="utf-8")

    removed = cli("policies", "remove", POLICY, "--db", db)
    assert removed.returncode == 0, removed.stderr
    assert POLICY not in _listed(cli, db)
    gone = cli("check", "--db", db, "--policy", POLICY, "--as-of", "2026-11-25")
    assert gone.returncode == 1 and POLICY in gone.stderr


def test_a_broken_policy_file_is_refused_with_file_and_lines_and_nothing_changes(cli, db):
    before = _listed(cli, db)
    broken = DISTRICT / f"{POLICY}_broken.yaml"
    result = cli("policies", "import", broken, "--db", db, "--lang", "en")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert any(f"{broken} line 19" in line and "firm_in_zonee" in line for line in lines), result.stderr
    assert any(f"{broken} line 24" in line and "award_per_gran" in line for line in lines), result.stderr
    assert _listed(cli, db) == before


def test_bad_usage_of_policies_exits_2(cli, db):
    assert cli("policies", "import", "--db", db).returncode == 2
    assert cli("policies", "export", "pct_filing", "--db", db).returncode == 2
    assert cli("policies", "frobnicate", "--db", db).returncode == 2


def test_a_changed_shipped_policy_is_listed_as_changed_and_shows_its_differences(cli, db, tmp_path):
    out = tmp_path / "pct.yaml"
    assert cli("policies", "export", "pct_filing", "--out", out, "--db", db).returncode == 0
    out.write_text(out.read_text(encoding="utf-8").replace("value: 10000", "value: 12000"), encoding="utf-8")
    assert cli("policies", "import", out, "--db", db).returncode == 0
    assert _listed(cli, db)["pct_filing"]["origin"] == "changed"
    diff = cli("policies", "diff", "pct_filing", "--db", db)
    assert diff.returncode == 0 and "amount_per_pct" in diff.stdout and "12000" in diff.stdout
    assert cli("policies", "remove", "pct_filing", "--db", db).returncode == 0
    assert _listed(cli, db)["pct_filing"]["origin"] == "shipped"
