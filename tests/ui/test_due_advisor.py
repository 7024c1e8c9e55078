"""The advisor view: every firm's deadlines of the next 90 days (and those missed), grouped by firm,
on the demo's two firms."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from ui_helpers import wait_idle

from zgc_desk.models import Firm
from zgc_desk.services.deadlines import list_deadlines
from zgc_desk.services.due_list import select_view
from zgc_desk.ui.contrib import deadlines as contribution
from zgc_desk.ui.due.advisor_page import AS_REMINDED
from zgc_desk.ui.due.model import DEADLINE_ROLE, GROUP_ROLE, identity

AS_OF = dt.date(2026, 11, 25)


@pytest.fixture
def advisor(demo_db, make_window, qtbot, english):
    window = make_window(contributions=[contribution])
    page = window.pages["advisor"]
    window.show_page("advisor")
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    wait_idle(qtbot, window)
    return window, page


def groups(page) -> dict:
    """firm id -> deadlines under its heading."""
    model = page.model
    out = {}
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        out[group.data(GROUP_ROLE)] = [model.index(r, 0, group).data(DEADLINE_ROLE) for r in range(model.rowCount(group))]
    return out


def choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))


def choose_days(page, qtbot, days) -> None:
    """A longer horizon than the list in hand computes the longer list (off the GUI thread)."""
    choose(page.days_choice, days)
    wait_idle(qtbot, page.window())


def test_by_default_each_firm_shows_exactly_what_its_own_due_list_reminds_of(advisor, qtbot):
    """One selection for both views (issue: the firm's Due list and the all-firms view listed
    different items for the same firm, 10 vs 9 in the demo)."""
    window, page = advisor
    assert page.days == AS_REMINDED
    shown = groups(page)
    due = window.pages["due"]
    compared = 0
    for firm in Firm.select():
        window.set_firm(firm.id)
        window.show_page("due")
        qtbot.waitUntil(lambda fid=firm.id: due.data is not None and due.firm_id == fid, timeout=10000)
        wait_idle(qtbot, window)
        mine = [identity(d) for d in select_view(due.data, "coming", AS_OF)]
        assert sorted(mine) == sorted(identity(d) for d in shown[firm.id]), firm.name
        compared += len(mine)
    assert compared >= 10, "the demo's first firm has ten things to do"


def test_every_firm_is_listed_with_what_it_has_due_in_90_days(advisor):
    _window, page = advisor
    firms = {f.id: f.name for f in Firm.select()}
    choose(page.days_choice, 90)
    assert len(firms) == 2 and page.days == 90
    shown = groups(page)
    assert set(shown) == set(firms)
    last = AS_OF + dt.timedelta(days=90)
    for firm_id, deadlines in shown.items():
        expected = [d for d in list_deadlines(as_of=AS_OF, firm=firm_id) if d.due <= last]
        assert [identity(d) for d in deadlines] == [identity(d) for d in expected]
    labels = [page.model.index(g, 0).data() for g in range(page.model.rowCount())]
    assert all(any(name in label for label in labels) for name in firms.values())
    empty = [fid for fid, deadlines in shown.items() if not deadlines]
    for firm_id in empty:  # a client with nothing due says so
        assert any(firms[firm_id] in label and "nothing due" in label for label in labels)


def test_a_longer_horizon_shows_both_firms_deadlines(advisor, qtbot):
    _window, page = advisor
    choose_days(page, qtbot, 180)
    shown = groups(page)
    assert all(shown[fid] for fid in shown) and len(shown) == 2
    assert all(d.due <= AS_OF + dt.timedelta(days=180) for ds in shown.values() for d in ds)
    firm_column = [c.key for c in page.model.columns].index("firm")
    assert page.view.isColumnHidden(firm_column)  # the heading names the firm


def test_filter_by_firm(advisor, qtbot):
    _window, page = advisor
    choose_days(page, qtbot, 180)
    second = Firm.select().order_by(Firm.id.desc()).first()
    choose(page.firm_filter, second.id)
    assert list(groups(page)) == [second.id]
    assert all(d.firm_id == second.id for d in groups(page)[second.id])


def test_open_a_firm_s_due_list_from_the_advisor_view(advisor, qtbot):
    window, page = advisor
    choose_days(page, qtbot, 180)
    second = Firm.select().order_by(Firm.id.desc()).first()
    d = groups(page)[second.id][0]
    index = page.model.index_of(identity(d))
    page.view.selectionModel().select(index, page.view.selectionModel().SelectionFlag.ClearAndSelect
                                      | page.view.selectionModel().SelectionFlag.Rows)
    page.open_firm()
    assert window.ctx.firm_id == second.id and window.current_page_key() == "due"
    due = window.pages["due"]
    qtbot.waitUntil(lambda: due.firm_id == second.id and due.data is not None and not window.ctx.tasks.busy)
    assert {x.firm_id for x in due.data.deadlines} == {second.id}


def test_the_horizon_loads_what_it_shows_and_narrows_without_loading(advisor, qtbot):
    window, page = advisor
    last = lambda days: AS_OF + dt.timedelta(days=days)  # noqa: E731
    everything = list_deadlines(as_of=AS_OF)
    choose(page.days_choice, 90)  # from the whole to-do list ("as reminded"): narrowed in hand
    assert not window.ctx.tasks.busy
    page.reload()
    wait_idle(qtbot, window)
    assert max(d.due for d in page.data.deadlines) <= last(90)  # computed for 90 days only
    choose_days(page, qtbot, 365)
    assert [identity(d) for d in page.data.deadlines] == [identity(d) for d in everything if d.due <= last(365)]
    loaded = page.data
    choose(page.days_choice, 30)
    assert not window.ctx.tasks.busy and page.data is loaded  # narrowed in hand
    shown = [d for ds in groups(page).values() for d in ds]
    expected = {identity(d) for d in everything if d.due <= last(30)}
    assert expected and {identity(d) for d in shown} == expected


def test_rows_are_coloured_and_tooltips_give_the_basis(advisor):
    _window, page = advisor
    first = next(ds for ds in groups(page).values() if ds)[0]
    index = page.model.index_of(identity(first))
    assert index.data(Qt.ItemDataRole.ToolTipRole) and "source:" in index.data(Qt.ItemDataRole.ToolTipRole)
