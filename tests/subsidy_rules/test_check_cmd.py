"""``zgc-desk check`` as users' scripts see it: real processes on the demo database."""

from __future__ import annotations

import json

import pytest

from zgc_desk.demo import CODE_A, CODE_B

CONTRACT_KEYS = ("policy", "firm", "matter", "eligible", "amount_cny", "verified", "reasons")
PATENT_POLICIES = ("invention_grant", "first_overseas_filing", "pct_filing", "overseas_grant")


def test_json_follows_the_contract_and_today_patent_support_is_not_available(cli, demo_file):
    result = cli("check", "--db", demo_file, "--as-of", "2026-11-25", "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert records
    for record in records:
        assert list(record)[:7] == list(CONTRACT_KEYS)
        assert isinstance(record["amount_cny"], int) and isinstance(record["verified"], bool)
        for reason in record["reasons"]:
            assert set(reason) == {"criterion", "passed", "detail"} and reason["detail"]
        if not record["eligible"]:
            assert record["amount_cny"] == 0
    unavailable = {(r["policy"], r["firm"]) for r in records if r["unavailable_reason"]}
    assert unavailable == {(p, f) for p in PATENT_POLICIES for f in (CODE_A, CODE_B)}
    for record in records:
        if record["unavailable_reason"]:
            assert record["matter"] == record["firm"] and "国知发保字〔2021〕1号" in record["reasons"][0]["detail"]


def test_a_past_round_gives_amounts_marked_unverified(cli, demo_file):
    result = cli("check", "--db", demo_file, "--as-of", "2026-11-25", "--year", "2022", "--json", "--firm", CODE_A)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert {r["firm"] for r in records} == {CODE_A}
    eligible = [r for r in records if r["eligible"]]
    assert [(r["policy"], r["amount_cny"], r["verified"]) for r in eligible] == [("invention_grant", 280, False)] * 2
    assert all(r["round"] == 2022 and r["sources"] for r in eligible)


def test_the_table_reads_for_an_advisor(cli, demo_file):
    result = cli("check", "--db", demo_file, "--as-of", "2026-11-25", "--year", "2021", "--lang", "en")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "round 2021" in out and "北京智源芯创科技有限公司" in out and CODE_B in out
    assert "PCT/CN2020/078412" in out and "10,000.00*" in out  # PCT support of round 2021, unverified
    assert "unverified" in out and "Total" in out


def test_the_round_defaults_to_the_year_of_the_as_of_date(cli, demo_file):
    result = cli("check", "--db", demo_file, "--as-of", "2021-05-01", "--json", "--policy", "pct_filing")
    records = json.loads(result.stdout)
    assert {r["round"] for r in records} == {2021} and {r["policy"] for r in records} == {"pct_filing"}


@pytest.mark.parametrize("args", [("--as-of", "2026-13-01"), ("--year", "20x2"), ("--year", "1999")])
def test_bad_usage_exits_2(cli, demo_file, args):
    result = cli("check", "--db", demo_file, *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_a_policy_not_loaded_is_a_user_error_naming_those_loaded(cli, demo_file):
    """Policies are data (shipped or kept in the database), so the id is checked against those loaded."""
    result = cli("check", "--db", demo_file, "--policy", "nothing")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "nothing" in result.stderr and "invention_grant" in result.stderr


def test_an_unknown_firm_is_a_user_error(cli, demo_file):
    result = cli("check", "--db", demo_file, "--firm", "91110108551385082Q")
    assert result.returncode == 1 and "91110108551385082Q" in result.stderr and "Traceback" not in result.stderr


def test_a_broken_policy_text_in_the_database_is_named_with_its_line(cli, tmp_path, demo_file):
    """A text written behind the program's back (by hand, or by another version) is named, not trusted."""
    import shutil
    import sqlite3

    copy = shutil.copy(demo_file, tmp_path / "copy.db")
    con = sqlite3.connect(copy)
    con.execute("INSERT INTO policy_file (created_at, updated_at, row_version, policy_id, text, origin) VALUES "
                "('2026-11-25', '2026-11-25', 1, 'pct_filing', ?, '')", ("format: 1\nid: pct_filing\ntitle: [unclosed\n",))
    con.commit()
    con.close()
    result = cli("check", "--db", copy, "--as-of", "2026-11-25")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "pct_filing" in result.stderr and "3" in result.stderr
