"""The demo database holds official notices (issue 15), so that a new user sees answers due on the
Due list: an open first office action, a correction notice answered, a grant notice whose
registration is due, a trademark refusal whose review is due soon. As of the demo's anchor 2026-11-25;
periods and service from the notice rule data: a CNIPA notice served electronically on the day it
enters the system (Implementing Regulations 2023 Art. 4), 4 months for a first office action
(Guidelines Part V Ch. 7 §1.2), 2 months to register (Regulations 2023 Art. 60); a trademark office
notice served 15 days after dispatch (Trademark Regulations 2014 Art. 10 ¶2) and 15 days to request
a review (Trademark Law Art. 34)."""

from __future__ import annotations

import datetime as dt

from zgc_desk.models import Notice
from zgc_desk.services.deadlines import list_deadlines

AS_OF = dt.date(2026, 11, 25)


def test_the_demo_has_four_notices_of_four_kinds(demo_db):
    notices = {n.notice_type: n for n in Notice.select()}
    assert set(notices) == {"cn_oa_first", "cn_correction", "cn_grant", "tm_refusal"}
    assert notices["cn_correction"].answered_on is not None and notices["cn_correction"].outcome
    assert all(n.matter_id is not None and n.dispatch_date < AS_OF for n in notices.values())
    assert notices["tm_refusal"].matter_kind == "trademark"


def test_the_due_list_shows_the_open_answers_and_not_the_answered_one(demo_db):
    answers = {d.notice_type: d for d in list_deadlines(as_of=AS_OF) if d.kind == "notice_response"}
    assert set(answers) == {"cn_oa_first", "cn_grant", "tm_refusal"}
    assert all(d.state == "open" for d in answers.values())
    # served electronically on the dispatch date: 4 months for a first office action, 2 for registration
    oa = Notice.get(Notice.notice_type == "cn_oa_first").dispatch_date
    assert oa == dt.date(2026, 10, 18) and answers["cn_oa_first"].basis.unadjusted == dt.date(2027, 2, 18)
    grant = Notice.get(Notice.notice_type == "cn_grant").dispatch_date
    assert grant == dt.date(2026, 11, 13) and answers["cn_grant"].basis.unadjusted == dt.date(2027, 1, 13)
    # dispatched 2026-11-19, served 15 days later (12-04), 15 days to ask for review: 12-19, a Saturday
    assert answers["tm_refusal"].basis.unadjusted == dt.date(2026, 12, 19)
    assert answers["tm_refusal"].due <= AS_OF + dt.timedelta(days=30)  # due soon: in the start-up summary
    done = list_deadlines(as_of=AS_OF, start=AS_OF - dt.timedelta(days=120), end=AS_OF + dt.timedelta(days=180))
    assert [d.state for d in done if d.notice_type == "cn_correction" and d.kind == "notice_response"] == ["done"]
