"""Keeping deadlines ahead from the window: once its Due list is shown, what the first listing left
out of the deadline cache is computed and kept in the background, without a busy indicator, so that
the next listing computes nothing; it runs once a day, and closing the window stops it."""

from __future__ import annotations

import datetime as dt

import pytest
from ui_helpers import wait_idle

from zgc_desk.services import deadline_store
from zgc_desk.services.deadlines import keep_deadlines, list_deadlines
from zgc_desk.ui.contrib import deadlines as contribution


@pytest.fixture
def counted(monkeypatch):
    """Records computed for keeping, counted; a listing keeps at most 3 (a large portfolio's share)."""
    monkeypatch.setattr(deadline_store, "KEEP_PER_LISTING", 3)
    counts = [0]
    real = deadline_store.computed_for_keeping

    def counting(*args):
        counts[0] += 1
        return real(*args)

    monkeypatch.setattr(deadline_store, "computed_for_keeping", counting)
    return counts


def test_the_window_keeps_ahead_what_its_first_list_left_and_the_next_list_computes_nothing(
        demo_db, make_window, qtbot, counted):
    window = make_window(contributions=[contribution])
    page = window.pages["due"]
    busy = []
    window.ctx.tasks.busy_changed.connect(busy.append)
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    wait_idle(qtbot, window)
    keeper = window.keeping_ahead
    qtbot.waitUntil(lambda: keeper._kept_for is not None and keeper._task is None, timeout=20000)
    assert counted[0] > 3  # the listing kept 3, the rest was kept ahead
    assert not window.ctx.tasks.busy and True not in busy  # quietly: no busy indicator for it
    as_of = window.ctx.today()
    assert keep_deadlines(as_of=as_of) == 0  # nothing left for today
    counted[0] = 0
    list_deadlines(as_of=as_of)
    assert counted[0] == 0
    page.reload()  # another list the same day: kept ahead already, not again
    qtbot.waitUntil(lambda: page.data is not None and not window.ctx.tasks.busy, timeout=10000)
    assert keeper._task is None and counted[0] == 0
    # the next day, only what a passing date changed is computed again
    window.ctx.today = lambda: as_of + dt.timedelta(days=1)
    page.reload()
    qtbot.waitUntil(lambda: keeper._kept_for == (keeper._kept_for[0], as_of + dt.timedelta(days=1))
                    and keeper._task is None, timeout=20000)
    assert keep_deadlines(as_of=as_of + dt.timedelta(days=1)) == 0
