"""Issue 14 item 3 in the window: a granted patent whose annual fee went unpaid past the grace period
has lapsed as of the fee's due date (Implementing Regulations 2023 Art. 115). The Due list offers only
the restoration request (Art. 6 ¶2) — no later fee — and the start-up banner and summary say the
patent has lapsed. Screenshot written to $ZGC_SCREENSHOTS (if set) for a look."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from ui_helpers import wait_idle

from zgc_desk.models import Firm
from zgc_desk.services.records import create_record
from zgc_desk.ui.contrib import deadlines as contribution
from zgc_desk.ui.due.model import DEADLINE_ROLE

# 201810000009.0: filed 2018-04-20, paid through year 8: the year-9 fee was due 2026-04-20


@pytest.fixture
def window(demo_db, make_window, qtbot, english):
    firm = Firm.select().order_by(Firm.id).first()
    create_record("patent", {"application_no": "201810000009.0", "kind": "invention", "title": "Lapsed sensor",
                             "filing_date": dt.date(2018, 4, 20), "grant_date": dt.date(2021, 1, 5),
                             "status": "granted", "annuity_paid_through": 8}, firm_id=firm.id)
    window = make_window(contributions=[contribution])
    page = window.pages["due"]
    qtbot.waitUntil(lambda: page.data is not None and not window.ctx.tasks.busy, timeout=10000)
    window.show_page("due")
    wait_idle(qtbot, window)
    return window


def _listed(page):
    model = page.model
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for r in range(model.rowCount(group)):
            yield model.index(r, 0, group).data(DEADLINE_ROLE)


def test_a_lapsed_patent_offers_only_restoration_and_the_banner_says_it_lapsed(window, qtbot):
    page = window.pages["due"]
    assert window.ctx.firm_id == Firm.select().order_by(Firm.id).first().id
    mine = [d for d in page.data.deadlines if d.title == "Lapsed sensor"]
    assert [d.kind for d in mine] == ["restoration_request"]  # no year-9 fee left open, no year 10
    restore = mine[0]
    assert restore.due == dt.date(2026, 12, 21) and restore.main_due == dt.date(2026, 4, 20)
    assert restore in list(_listed(page))  # shown in the list (within its reminder: it rescues a lapse)
    assert page.summary is not None and page.summary.lapsed == [restore]
    banner = page.banner.text.text()
    assert page.banner.isVisible() and "lapsed as of 2026-04-20" in banner and "can still be restored" in banner
    path = os.environ.get("ZGC_SCREENSHOTS")
    if path:
        Path(path).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(path) / "due_lapsed.png"))
