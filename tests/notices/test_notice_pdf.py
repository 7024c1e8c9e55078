"""Reading notices from PDFs built to the layout of real ones (tests/notices/notice_pdfs.py; text read
back by pdfminer, checked against pdftotext): the fields found, and each way a field is not found —
reported as missing with why, never guessed."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from notices.notice_pdfs import cnipa_notice, scanned_notice, trademark_notice
from zgc_desk.io.notice_pdf import NoticePdfError, parse_notice_text, read_notice_pdf

D = dt.date


@pytest.fixture(autouse=True)
def _english(english):
    yield


def test_a_first_office_action_gives_number_name_and_dispatch_date(tmp_path):
    reading, content = read_notice_pdf(cnipa_notice(tmp_path / "oa.pdf"))
    assert (reading.matter_no, reading.number_kind) == ("202110344405.7", "cn_application")
    assert (reading.notice_type, reading.notice_name) == ("cn_oa_first", "第一次审查意见通知书")
    # the body's other dates (filing, a cited document's publication) are not the dispatch date
    assert reading.dispatch_date == D(2024, 3, 11)
    assert reading.complete and reading.pages == 1 and content.startswith(b"%PDF")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
def test_pdftotext_reads_the_same_header(tmp_path):
    path = cnipa_notice(tmp_path / "oa.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    reading = parse_notice_text(text)
    assert (reading.matter_no, reading.notice_type, reading.dispatch_date) == \
        ("202110344405.7", "cn_oa_first", D(2024, 3, 11))


@pytest.mark.parametrize("name, key", [
    ("第二次审查意见通知书", "cn_oa_further"),
    ("第五次审查意见通知书", "cn_oa_further"),
    ("补正通知书", "cn_correction"),
    ("办理登记手续通知书", "cn_grant"),
    ("授予发明专利权通知书", "cn_grant"),
    ("驳回决定", "cn_rejection"),
    ("复审通知书", "cn_reexam"),
    ("视为撤回通知书", "cn_loss_of_rights"),
    ("发明专利申请第一次审查意见通知书", "cn_oa_first"),  # a title with a prefix
])
def test_each_cnipa_notice_name(tmp_path, name, key):
    reading, _content = read_notice_pdf(cnipa_notice(tmp_path / "n.pdf", name=name))
    assert reading.notice_type == key


def test_the_number_written_without_its_dot_and_a_plain_label(tmp_path):
    reading, _ = read_notice_pdf(cnipa_notice(tmp_path / "n.pdf", number="2021103444057", number_label="申请号："))
    assert reading.matter_no == "202110344405.7"


def test_a_trademark_refusal_names_the_mark_not_the_body_s_rejection(tmp_path):
    # the body says 驳回决定 (a CNIPA type's name); the title line is what names the notice
    reading, _ = read_notice_pdf(trademark_notice(tmp_path / "tm.pdf"))
    assert (reading.matter_no, reading.number_kind, reading.notice_type, reading.dispatch_date) == \
        ("12345678", "trademark", "tm_refusal", D(2024, 5, 20))


def test_a_wrong_check_character_is_reported_not_corrected(tmp_path):
    reading, _ = read_notice_pdf(cnipa_notice(tmp_path / "n.pdf", number="202110344405.8"))
    assert reading.matter_no is None
    assert "202110344405.8" in reading.problems["matter_no"] and "7" in reading.problems["matter_no"]


@pytest.mark.parametrize("missing, field", [
    ({"number": None}, "matter_no"), ({"name": None}, "notice_type"), ({"dispatched": None}, "dispatch_date"),
    ({"dispatched": "2024年02月30日"}, "dispatch_date"),
])
def test_a_field_not_on_the_notice_is_missing_with_why(tmp_path, missing, field):
    reading, _ = read_notice_pdf(cnipa_notice(tmp_path / "n.pdf", **missing))
    assert set(reading.problems) == {field} and getattr(reading, field) is None
    assert reading.problems[field]


def test_two_different_dispatch_dates_are_not_chosen_between():
    text = "第一次审查意见通知书\n申请号:202110344405.7\n发文日:2024年03月11日\n发文日期:2024-03-12\n"
    reading = parse_notice_text(text)
    assert reading.dispatch_date is None and "2024-03-11, 2024-03-12" in reading.problems["dispatch_date"]


def test_two_titles_are_not_chosen_between():
    reading = parse_notice_text("补正通知书\n复审通知书\n申请号:202110344405.7\n发文日:2024年03月11日")
    assert reading.notice_type is None and "several" in reading.problems["notice_type"]


def test_two_application_numbers_are_not_chosen_between():
    reading = parse_notice_text("补正通知书\n申请号:202110344405.7\n专利号:202110344407.6\n发文日:2024年03月11日")
    assert reading.matter_no is None and "several" in reading.problems["matter_no"]


def test_a_second_number_that_fails_its_check_makes_the_first_doubtful():
    reading = parse_notice_text("补正通知书\n申请号:202110344405.7\n专利号:202110344407.3\n发文日:2024年03月11日")
    assert reading.matter_no is None and "202110344407.3" in reading.problems["matter_no"]


def test_full_width_text_as_some_notices_carry_it():
    reading = parse_notice_text("复审通知书\n申请号：２０２１１０３４４４０５．７\n发文日：２０２４年３月１１日")
    assert (reading.matter_no, reading.notice_type, reading.dispatch_date) == \
        ("202110344405.7", "cn_reexam", D(2024, 3, 11))


def test_a_scan_has_no_text(tmp_path):
    reading, content = read_notice_pdf(scanned_notice(tmp_path / "scan.pdf"))
    assert not reading.has_text and not reading.complete and content.startswith(b"%PDF")


def test_more_pages_than_read(tmp_path):
    reading, _ = read_notice_pdf(cnipa_notice(tmp_path / "long.pdf", pages=8))
    assert reading.pages == 3 and reading.complete


def test_not_a_pdf_and_too_large(tmp_path, monkeypatch):
    text = tmp_path / "notice.pdf"
    text.write_text("not a pdf")
    with pytest.raises(NoticePdfError, match="not a PDF"):
        read_notice_pdf(text)
    from zgc_desk.io import notice_pdf

    monkeypatch.setattr(notice_pdf, "MAX_FILE_BYTES", 1000)
    with pytest.raises(NoticePdfError, match="too large"):
        read_notice_pdf(cnipa_notice(tmp_path / "n.pdf"))
    with pytest.raises(NoticePdfError, match="missing.pdf"):
        read_notice_pdf(tmp_path / "missing.pdf")
