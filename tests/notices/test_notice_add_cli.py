"""``zgc-desk notice add FILE.pdf`` as a user's script runs it (a real process on a demo database):
a complete notice is recorded with its PDF attached and undone in one step; what the PDF lacks is
named with the option that supplies it; bad input is a plain message and nothing is written."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from notices.notice_pdfs import cnipa_notice, scanned_notice

NUMBER = "202210310119.3"  # a pending invention of the demo portfolio (北京智源芯创科技有限公司)


@pytest.fixture
def db(demo_file, tmp_path):
    copy = tmp_path / "demo.db"
    shutil.copy(demo_file, copy)
    return copy


def counts(db) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("SELECT COUNT(*) FROM notice").fetchone()[0],
                conn.execute("SELECT COUNT(*) FROM attachment").fetchone()[0])
    finally:
        conn.close()


def add(cli, db, pdf, *options):
    return cli("--lang", "en", "notice", "add", pdf, "--db", db, *options)


def test_a_complete_notice_is_recorded_with_its_file_and_undone_in_one_step(cli, db, tmp_path):
    before = counts(db)
    result = add(cli, db, cnipa_notice(tmp_path / "审查意见通知书.pdf", number=NUMBER, dispatched="2026年10月09日"))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Matter number: 202210310119.3 (from the PDF)" in out
    assert "Notice type: cn_oa_first First office action (from the PDF)" in out
    assert "Dispatch date: 2026-10-09 (from the PDF)" in out
    assert "Firm: 北京智源芯创科技有限公司" in out and "with 审查意见通知书.pdf attached" in out
    # electronic service on the dispatch day (the rule data: Implementing Regulations 2023 Art. 4), four months
    assert "Answer due: 2027-02-09" in out
    assert counts(db) == (before[0] + 1, before[1] + 1)
    conn = sqlite3.connect(db)
    name, size, sha = conn.execute("SELECT file_name, size, sha256 FROM attachment").fetchone()
    conn.close()
    assert name == "审查意见通知书.pdf" and (db.parent / "attachments" / sha[:2] / sha).stat().st_size == size
    undone = cli("--lang", "en", "undo", "--db", db)
    assert undone.returncode == 0 and "审查意见通知书.pdf" in undone.stdout
    assert counts(db) == before


def test_a_dry_run_proposes_and_writes_nothing(cli, db, tmp_path):
    before = counts(db)
    result = add(cli, db, cnipa_notice(tmp_path / "n.pdf", number=NUMBER, dispatched="2026年10月09日"), "--dry-run")
    assert result.returncode == 0 and "nothing was written" in result.stdout
    assert counts(db) == before and not (db.parent / "attachments").exists()


def test_options_replace_what_the_pdf_says(cli, db, tmp_path):
    pdf = cnipa_notice(tmp_path / "n.pdf", number=NUMBER, dispatched="2026年10月09日")
    result = add(cli, db, pdf, "--type", "第二次审查意见通知书", "--delivery", "paper", "--dispatch-date", "2026-10-12")
    assert result.returncode == 0, result.stderr
    assert "Notice type: cn_oa_further Further office action (given)" in result.stdout
    # by post: presumed received 15 days after dispatch (2026-10-27), then two months (Guidelines Part V
    # Ch. 7 §1.2): 2026-12-27 is a Sunday, so the next working day
    assert "Answer due: 2026-12-28" in result.stdout


def test_a_matter_not_in_the_database_names_the_option(cli, db, tmp_path):
    before = counts(db)
    result = add(cli, db, cnipa_notice(tmp_path / "n.pdf", dispatched="2026年10月09日"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "202110344405.7 is in the database — give it with --matter" in result.stderr.replace("no patent, PCT "
                                                                                               "application, overseas "
                                                                                               "filing or trademark "
                                                                                               "numbered ", "")
    assert counts(db) == before


def test_a_scan_needs_all_three_and_then_is_recorded_with_the_file(cli, db, tmp_path):
    scan = scanned_notice(tmp_path / "scan.pdf")
    result = add(cli, db, scan)
    assert result.returncode == 1 and "no text layer" in result.stdout
    for option in ("--matter", "--type", "--dispatch-date"):
        assert f"give it with {option}" in result.stderr
    before = counts(db)
    result = add(cli, db, scan, "--matter", "2022103101193", "--type", "cn_correction", "--dispatch-date", "2026-10-09")
    assert result.returncode == 0, result.stderr
    assert counts(db) == (before[0] + 1, before[1] + 1)


@pytest.mark.parametrize("options, words", [
    (("--dispatch-date", "2099-01-02"), "in the future"),
    (("--type", "tm_refusal"), "cannot concern"),
    (("--type", "不存在的通知书"), "Notice type"),
])
def test_bad_values_are_refused_naming_the_field(cli, db, tmp_path, options, words):
    before = counts(db)
    result = add(cli, db, cnipa_notice(tmp_path / "n.pdf", number=NUMBER, dispatched="2026年10月09日"), *options)
    assert result.returncode == 1 and words in result.stderr and "Traceback" not in result.stderr
    assert counts(db) == before


def test_a_damaged_pdf_is_a_plain_message(cli, db, tmp_path):
    good = cnipa_notice(tmp_path / "n.pdf", number=NUMBER).read_bytes()
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(good[:len(good) // 3])
    before = counts(db)
    result = add(cli, db, damaged)
    assert result.returncode == 1 and "damaged.pdf" in result.stderr and "Traceback" not in result.stderr
    assert counts(db) == before


def test_bad_usage_is_exit_2(cli, db, tmp_path):
    assert cli("notice", "add", "--db", db).returncode == 2
    assert cli("notice", "add", tmp_path / "x.pdf", "--dispatch-date", "2024-13-01", "--db", db).returncode == 2
