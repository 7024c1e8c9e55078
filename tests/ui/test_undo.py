"""The window over the operations core (zgc_desk/ui/undo.py): views refresh from the typed change
kinds without a manual refresh, and Undo / Redo follow the database's own history."""

from __future__ import annotations

import datetime as dt

import pytest
from ui_helpers import show_list, wait_idle

from zgc_desk import operations, services
from zgc_desk.deadlines import Deadline
from zgc_desk.models import Patent, SubsidyClaim
from zgc_desk.services import subsidies
from zgc_desk.ui.contrib import deadlines as deadlines_area
from zgc_desk.ui.contrib import subsidies as subsidies_area

# On 2024-03-01 the demo's first firm has the 2024 round of two policies still to claim: the Due
# list shows a subsidy row for each.
AS_OF = dt.date(2024, 3, 1)


@pytest.fixture
def window(demo_db, make_window, qtbot, english):
    window = make_window(contributions=[deadlines_area, subsidies_area], today=AS_OF)
    due = window.pages["due"]
    qtbot.waitUntil(lambda: due.data is not None and not window.ctx.tasks.busy, timeout=10000)
    return window


def subsidy_rows(window) -> list[Deadline]:
    due = window.pages["due"]
    return [d for d in due.data.deadlines if d.kind == "subsidy_window" and d.firm_id == window.ctx.firm_id]


def test_claiming_every_eligible_item_of_a_round_takes_the_due_lists_subsidy_row_away(qtbot, window):
    window.show_page("due")
    wait_idle(qtbot, window)
    assert {d.basis.rule_params[0][1] for d in subsidy_rows(window)} == {2024}
    page = window.pages["subsidies"]
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.show_page("subsidies")
        page.set_round(2024)
        page.refresh()
    while eligible := [n for n in page.tree.decision_nodes() if n.decision.eligible]:
        page.tree.setCurrentItem(eligible[0])
        with qtbot.waitSignal(page.loaded, timeout=10000):
            assert page.record_claim() is not None  # the scripted dialogs answer "yes"
    assert SubsidyClaim.select().count() >= 2

    window.show_page("due")  # no refresh asked for: the claims' change kind reaches the Due list
    qtbot.waitUntil(lambda: not window.ctx.tasks.busy and not subsidy_rows(window), timeout=10000)


def test_a_claim_made_while_the_due_list_is_shown_refreshes_it_at_once(qtbot, window):
    window.show_page("due")
    wait_idle(qtbot, window)
    due = window.pages["due"]
    result = subsidies.check(AS_OF, 2024, firm=window.ctx.firm_id)
    for decision in [d for d in result.decisions if d.eligible]:
        with qtbot.waitSignal(due.loaded, timeout=10000):
            window.ctx.edits.done(subsidies.claim_decision(decision, claimed_on=AS_OF)[1])
    assert not subsidy_rows(window)
    with qtbot.waitSignal(due.loaded, timeout=10000):
        window.undo_action.trigger()  # the last claim back: its policy's row returns
    assert len(subsidy_rows(window)) == 1


def test_undo_and_redo_name_their_step_and_follow_the_command_line(qtbot, window):
    page = show_list(qtbot, window, "patents")
    assert not window.undo_action.isEnabled()  # a fresh demo: nothing done yet
    record_id = page.model.id_at(0)
    number = Patent.get_by_id(record_id).application_no
    window.ctx.edits.delete("patent", record_id)
    qtbot.waitUntil(lambda: record_id not in page.model.ids, timeout=5000)
    assert window.undo_action.isEnabled() and number in window.undo_action.text()

    services.undo()  # the command line's `zgc-desk undo`, meanwhile
    window.ctx.edits.refresh()  # what the window does when it is activated again
    assert not window.undo_action.isEnabled() and number in window.redo_action.text()
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: record_id not in page.model.ids, timeout=5000)
    assert Patent.get_or_none(Patent.id == record_id) is None


def test_an_undo_refused_because_the_data_moved_on_is_said_in_plain_words(qtbot, window):
    page = show_list(qtbot, window, "patents")
    record_id = page.model.id_at(0)
    window.ctx.edits.update("patent", record_id, {"title": "改过"})
    with operations.operation("someone else", user="colleague"):
        services.update_record("patent", record_id, {"title": "同事又改了"})
    window.undo_action.trigger()
    assert "changed since" in window.ctx.dialogs.messages[-1]
    assert Patent.get_by_id(record_id).title == "同事又改了"
