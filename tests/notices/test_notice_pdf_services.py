"""A notice from its PDF through the services, on SQLite and PostgreSQL: the proposal finds the matter
and its firm, the user's values replace the PDF's, the notice and its file are one operation (one
undo), and a proposal with something missing records nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from notices.notice_pdfs import cnipa_notice, scanned_notice
from zgc_desk.errors import UserError, ValidationError
from zgc_desk.models import Attachment, Notice
from zgc_desk.operations import undo
from zgc_desk.services import attachments, notices
from zgc_desk.services.notice_pdf import propose_notice, record_notice
from zgc_desk.services.records import create_record

pytestmark = [pytest.mark.both_databases, pytest.mark.usefixtures("english")]
D = dt.date


@pytest.fixture
def firms(db_path, monkeypatch):
    monkeypatch.setattr(notices, "today", lambda: D(2024, 4, 1))
    first, _ = create_record("firm", {"name": "甲科技有限公司", "credit_code": "91110108551385082Q"})
    second, _ = create_record("firm", {"name": "乙科技有限公司", "credit_code": "91110108MA01R8KX3B"})
    patent, _ = create_record("patent", {"application_no": "202110344405.7", "kind": "invention", "title": "示例发明",
                                         "filing_date": D(2021, 3, 5)}, firm_id=second)
    return {"first": first, "second": second, "patent": patent}


def test_the_matter_s_firm_is_the_notice_s_and_one_undo_takes_back_both(firms, tmp_path):
    proposal, content = propose_notice(cnipa_notice(tmp_path / "oa.pdf"))
    assert proposal.complete and (proposal.firm_id, proposal.matter_kind) == (firms["second"], "patent")
    assert proposal.sources == {"matter_no": "pdf", "notice_type": "pdf", "dispatch_date": "pdf", "delivery": "default"}
    notice_id, attachment_id, changed = record_notice(proposal, content)
    notice = Notice.get_by_id(notice_id)
    assert (notice.firm_id, notice.notice_type, notice.dispatch_date, notice.delivery) == \
        (firms["second"], "cn_oa_first", D(2024, 3, 11), "electronic")
    assert attachments.read_attachment(attachment_id) == content
    assert changed.kinds == {"notice", "attachment"}
    undo()
    assert Notice.select().count() == 0 and Attachment.select().count() == 0


def test_given_values_replace_the_pdf_s(firms, tmp_path):
    proposal, _ = propose_notice(cnipa_notice(tmp_path / "oa.pdf"), notice_type="补正通知书",
                                 dispatch_date=D(2024, 3, 20), delivery="paper")
    assert proposal.values["notice_type"] == "cn_correction" and proposal.values["delivery"] == "paper"
    assert proposal.sources["dispatch_date"] == "given" and proposal.values["dispatch_date"] == D(2024, 3, 20)


def test_a_scan_or_an_unknown_matter_records_nothing(firms, tmp_path):
    proposal, content = propose_notice(scanned_notice(tmp_path / "scan.pdf"))
    assert set(proposal.missing) == {"matter_no", "notice_type", "dispatch_date"}
    with pytest.raises(UserError):
        record_notice(proposal, content)
    proposal, _ = propose_notice(cnipa_notice(tmp_path / "other.pdf", number="202210310119.3"))
    assert "202210310119.3" in proposal.missing["matter_no"] and proposal.firm_id is None
    assert Notice.select().count() == 0 and Attachment.select().count() == 0


def test_a_refusal_of_the_record_writes_no_file_row(firms, tmp_path):
    proposal, content = propose_notice(cnipa_notice(tmp_path / "oa.pdf"), dispatch_date=D(2024, 5, 1))
    with pytest.raises(ValidationError, match="future"):
        record_notice(proposal, content)
    assert Notice.select().count() == 0 and Attachment.select().count() == 0
