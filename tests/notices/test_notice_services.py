"""Notice records through the record services on a real SQLite file: linking to the matter, the
refusals that name their field and write nothing, the deadline in the lists, marking answered and
extending (Guidelines Part V Ch. 7 §4.1; fee as in the rule data)."""

from __future__ import annotations

import datetime as dt

import pytest

from zgc_desk.models import ChangeLog, Notice
from zgc_desk.operations import undo
from zgc_desk.services import notices as notice_services
from zgc_desk.services.deadlines import list_deadlines, mark_done
from zgc_desk.services.errors import UserError, ValidationError
from zgc_desk.services.records import (
    create_record,
    delete_record,
    record_values,
    update_record,
)

D = dt.date
CODE = "91110108551385082Q"


@pytest.fixture
def firm(db_path, monkeypatch):
    monkeypatch.setattr(notice_services, "today", lambda: D(2024, 4, 1))
    firm_id, _ = create_record("firm", {"name": "示例科技有限公司", "credit_code": CODE})
    patent_id, _ = create_record("patent", {"application_no": "202110344405.7", "kind": "invention",
                                            "title": "示例发明", "filing_date": D(2021, 3, 5)}, firm_id=firm_id)
    mark_id, _ = create_record("trademark", {"mark": "示例", "registration_no": "12345678"}, firm_id=firm_id)
    return {"firm": firm_id, "patent": patent_id, "trademark": mark_id}


def add_notice(firm, **values):
    raw = {"matter_no": "2021103444057", "notice_type": "第一次审查意见通知书", "dispatch_date": "2024-03-11",
           **values}
    return create_record("notice", raw, firm_id=firm["firm"])


def test_a_notice_links_to_its_patent_and_accepts_chinese_names(firm):
    notice_id, changed = add_notice(firm, delivery="纸件")
    row = Notice.get_by_id(notice_id)
    assert (row.matter_kind, row.matter_id, row.matter_no) == ("patent", firm["patent"], "202110344405.7")
    assert (row.notice_type, row.delivery, row.extension_months) == ("cn_oa_first", "paper", 0)
    assert changed.kinds == {"notice"}
    assert record_values("notice", row)["firm_credit_code"] == CODE


@pytest.mark.parametrize("values, field", [
    ({"notice_type": "不存在的通知书"}, "notice_type"),
    ({"dispatch_date": "2024-04-02"}, "dispatch_date"),
    ({"matter_no": "202210000001.3"}, "matter_no"),
    ({"notice_type": "tm_refusal"}, "notice_type"),
    ({"notice_type": "cn_grant", "extension_months": 1}, "extension_months"),
    ({"notice_type": "other"}, "stated_due"),
])
def test_bad_notices_name_the_field_and_write_nothing(firm, values, field):
    before = (Notice.select().count(), ChangeLog.select().count())
    with pytest.raises(ValidationError) as caught:
        add_notice(firm, **values)
    assert field in caught.value.errors
    assert (Notice.select().count(), ChangeLog.select().count()) == before


def test_the_deadline_is_listed_and_marking_it_answered_makes_it_done(firm):
    notice_id, _ = add_notice(firm)
    due = [d for d in list_deadlines(as_of=D(2024, 4, 1)) if d.kind == "notice_response"]
    assert [(d.due, d.notice_id, d.matter_id, d.title) for d in due] == [
        (D(2024, 7, 11), notice_id, firm["patent"], "示例发明")]
    mark_done(due[0], answered_on=D(2024, 6, 1))
    assert Notice.get_by_id(notice_id).answered_on == D(2024, 6, 1)
    assert not [d for d in list_deadlines(as_of=D(2024, 4, 1)) if d.kind == "notice_response"]
    notice_services.clear_answered(notice_id)
    assert [d.kind for d in list_deadlines(as_of=D(2024, 4, 1)) if d.kind.startswith("notice")] == ["notice_response"]
    with pytest.raises(UserError):
        mark_done(due[0])


def test_an_extension_shows_its_fee_and_moves_the_due_date(firm):
    notice_id, _ = add_notice(firm)
    offer = notice_services.extension_offer(notice_id, 1, as_of=D(2024, 7, 1))
    assert (offer.due_now, offer.due_after, offer.fee_cny) == (D(2024, 7, 11), D(2024, 8, 12), 300)
    offer, changed = notice_services.request_extension(notice_id, 1, as_of=D(2024, 7, 1))
    assert Notice.get_by_id(notice_id).extension_months == 1 and changed
    again = notice_services.extension_offer(notice_id, 1, as_of=D(2024, 7, 1))
    assert (again.total_months, again.fee_cny) == (2, 2000)
    with pytest.raises(UserError):
        notice_services.extension_offer(notice_id, 2, as_of=D(2024, 7, 1))  # more than 2 months in all
    with pytest.raises(UserError):
        notice_services.extension_offer(notice_id, 1, as_of=D(2024, 8, 13))  # after the period ended


def test_a_statutory_period_cannot_be_extended(firm):
    notice_id, _ = add_notice(firm, notice_type="驳回决定")
    with pytest.raises(UserError):
        notice_services.extension_offer(notice_id, 1, as_of=D(2024, 4, 1))


def test_a_trademark_notice_links_to_the_mark(firm):
    notice_id, _ = add_notice(firm, matter_no="12345678", notice_type="商标驳回通知书")
    assert Notice.get_by_id(notice_id).matter_kind == "trademark"


def test_deleting_the_firm_and_undoing_brings_its_notices_back(firm):
    notice_id, _ = add_notice(firm)
    before = Notice.get_by_id(notice_id).__data__.copy()
    delete_record("firm", firm["firm"])
    assert Notice.select().count() == 0
    undo()
    assert Notice.get_by_id(notice_id).__data__ == before


def test_editing_a_notice_relinks_it(firm):
    notice_id, _ = add_notice(firm)
    update_record("notice", notice_id, {"matter_no": "12345678", "notice_type": "tm_opinion"})
    row = Notice.get_by_id(notice_id)
    assert (row.matter_kind, row.matter_id) == ("trademark", firm["trademark"])
