"""Notices in the window (demo database as of 2026-11-25): the Notices page lists a notice recorded
through the services, its answer is on the Due list, marking it answered there and undoing it go
through the services, and an extension is offered with its fee."""

from __future__ import annotations

import datetime as dt

import pytest
from ui_helpers import wait_idle

from zgc_desk.models import Notice, Patent
from zgc_desk.services.records import create_record
from zgc_desk.ui.contrib import deadlines as contribution
from zgc_desk.ui.due.model import DEADLINE_ROLE

AS_OF = dt.date(2026, 11, 25)


@pytest.fixture
def window(demo_db, make_window, qtbot, english):
    window = make_window(contributions=[contribution])
    qtbot.waitUntil(lambda: window.pages["due"].data is not None and not window.ctx.tasks.busy, timeout=10000)
    return window


@pytest.fixture
def notice_id(window, qtbot):
    """A first office action on a pending invention of the firm shown, recorded through the services
    and published as the editor would."""
    patent = (Patent.select().where((Patent.firm == window.ctx.firm_id) & (Patent.kind == "invention"))
              .order_by(Patent.id).first())
    notice_id, changed = create_record("notice", {"matter_no": patent.application_no, "notice_type": "cn_oa_first",
                                                  "dispatch_date": dt.date(2026, 10, 9)}, firm_id=patent.firm_id)
    window.ctx.hub.publish(changed)
    wait_idle(qtbot, window)
    return notice_id


def due_rows(page):
    model, out = page.model, []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        out += [(model.index(r, 0, group)) for r in range(model.rowCount(group))]
    return out


def notice_row(page, notice_id):
    """The Due list's row of this notice's answer (the demo holds notices of its own too)."""
    for index in due_rows(page):
        d = index.data(DEADLINE_ROLE)
        if d is not None and d.kind == "notice_response" and d.notice_id == notice_id:
            return index, d
    raise AssertionError("no notice on the Due list")


def test_the_notices_page_lists_the_notice(window, qtbot, notice_id):
    window.show_page("notices")
    page = window.pages["notices"]
    shown = Notice.select().where(Notice.firm == window.ctx.firm_id).count()  # the demo's own and this one
    qtbot.waitUntil(lambda: page.model.rowCount() == shown, timeout=10000)
    rows = [[page.model.index(r, c).data() for c in range(page.model.columnCount())] for r in range(shown)]
    assert any("First office action" in texts and "2026-10-09" in texts for texts in rows)


def test_due_list_shows_marks_answered_and_undoes(window, qtbot, notice_id):
    page = window.pages["due"]
    window.show_page("due")
    wait_idle(qtbot, window)
    index, d = notice_row(page, notice_id)
    assert (d.due, d.state) == (dt.date(2027, 2, 9), "open")
    page.view.setCurrentIndex(index)
    assert page.can("mark_done") and page.can("extend")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.mark_done_selected()
    assert Notice.get_by_id(notice_id).answered_on == AS_OF
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.undo_action.trigger()
    assert Notice.get_by_id(notice_id).answered_on is None


def test_an_extension_is_offered_with_its_fee(window, qtbot, notice_id):
    page = window.pages["due"]
    window.show_page("due")
    wait_idle(qtbot, window)
    index, _d = notice_row(page, notice_id)
    page.view.setCurrentIndex(index)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        assert page.request_extension_selected()
    assert Notice.get_by_id(notice_id).extension_months == 1
    assert "300 yuan" in window.ctx.dialogs.asked[-1] and "2027-03-09" in window.ctx.dialogs.asked[-1]
