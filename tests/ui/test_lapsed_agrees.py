"""Issue 14 item 3, acceptance: the Due list, the start-up summary, the firm profile and the patent
list's status column agree for a lapsed patent — a patent recorded in force whose annual fee went
unpaid past the grace period lapsed as of that fee's due date (Implementing Regulations 2023 Art. 115),
no later fee is open, and the one thing offered is the restoration request (Art. 6 ¶2) while its
window lasts. The converse: a patent in force with no paid-through year shows its fees as assumed
paid and asks the user to confirm. Screenshots of the list and the profile, in Chinese and English,
go to $ZGC_SCREENSHOTS when it is set (looked at by hand)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from ui_helpers import show_list, wait_idle

from zgc_desk.i18n import _, set_language
from zgc_desk.models import Firm, Patent
from zgc_desk.services.patent_standing import firm_patent_standing, standing_sentence
from zgc_desk.services.records import create_record
from zgc_desk.ui.contrib import deadlines as contribution

# Filed 2018-04-20, paid through year 8: the year-9 fee was due 2026-04-20, its grace ended
# 2026-10-20; unpaid on 2026-11-25 (the window's today) the patent lapsed as of 2026-04-20, and the
# restoration window ends 2 months after the grace at the earliest, 2026-12-20 → Monday 2026-12-21.
LAPSED = {"application_no": "201810000009.0", "kind": "invention", "title": "Lapsed sensor",
          "filing_date": dt.date(2018, 4, 20), "grant_date": dt.date(2021, 1, 5), "status": "granted",
          "annuity_paid_through": 8}
# In force on record, no paid-through year: years before the current one taken as paid.
ASSUMED = {"application_no": "201910000006.1", "kind": "invention", "title": "Assumed-paid valve",
           "filing_date": dt.date(2019, 6, 3), "grant_date": dt.date(2022, 2, 8), "status": "granted"}


def _make(make_window, qtbot):
    firm = Firm.select().order_by(Firm.id).first()
    lapsed, _changed = create_record("patent", LAPSED, firm_id=firm.id)
    assumed, _changed = create_record("patent", ASSUMED, firm_id=firm.id)
    window = make_window(contributions=[contribution])
    qtbot.waitUntil(lambda: window.pages["due"].data is not None and not window.ctx.tasks.busy, timeout=10000)
    return window, firm, lapsed, assumed


def _status_cell(page, patent_id: int, key: str = "status"):
    from PySide6.QtCore import Qt

    column = [c.key for c in page.model.columns].index(key)
    row = page.model.position_of(patent_id)
    assert row is not None, "the patent is in the list"
    index = page.model.index(row, column)
    return index.data(Qt.ItemDataRole.DisplayRole), index.data(Qt.ItemDataRole.ToolTipRole)


def _check_agreement(window, qtbot, firm, lapsed_id, assumed_id, shots: Path | None, lang: str):
    # 1. the Due list: the restoration request only — no year-9 fee left open, no year 10
    due = window.pages["due"]
    mine = [d for d in due.data.deadlines if d.matter == LAPSED["application_no"]]
    assert [(d.kind, d.due, d.main_due) for d in mine] == [
        ("restoration_request", dt.date(2026, 12, 21), dt.date(2026, 4, 20))]
    # 2. the start-up summary names it as lapsed as of the fee's due date
    assert due.summary is not None and [d.matter for d in due.summary.lapsed] == [LAPSED["application_no"]]
    assert "2026-04-20" in due.banner.text.text()
    # 3. the list's status column: lapsed as of the same date, the tooltip offering restoration
    patents = show_list(qtbot, window, "patents")
    qtbot.waitUntil(lambda: patents.model.position_of(lapsed_id) is not None, timeout=10000)
    text, tip = _status_cell(patents, lapsed_id)
    assert text == _("Lapsed as of {date}").format(date="2026-04-20")
    assert "2026-04-20" in tip and "2026-12-21" in tip and "115" in tip
    assert _("The one thing left to do: a restoration request, possible until about {date} "
             "(2 months from CNIPA's notice, Art. 6 ¶2).").format(date="2026-12-21") in tip
    paid, paid_tip = _status_cell(patents, assumed_id, "annuity_paid_through")
    assert paid == _("{year} (assumed)").format(year="7")  # filed 2019-06-03: year 8 runs from 2026-06-03
    assert paid_tip == _("Assumed paid: in force on record, no paid-through year recorded — annual fees up to patent "
                         "year {year} taken as paid. Please confirm the paid-through year.").format(year=7)
    assumed_status, _tip = _status_cell(patents, assumed_id)
    assert assumed_status == _("Granted")
    if shots:
        patents.view.scrollTo(patents.model.index(patents.model.position_of(lapsed_id), 0))
        window.grab().save(str(shots / f"patents_lapsed_{lang}.png"))
    # 4. the profile: counted as lapsed, the same sentence, and the way to the restoration request
    window.show_page("profile")
    profile = window.pages["profile"]
    wait_idle(qtbot, window)
    shown = profile.attention_text.text()
    assert profile.attention.isVisible()
    found = firm_patent_standing(firm.id, dt.date(2026, 11, 25))
    mine = [s for s in found.lapsed if s.number == LAPSED["application_no"]]
    assert len(mine) == 1 and mine[0].lapsed_on == dt.date(2026, 4, 20) and mine[0].restorable
    assert LAPSED["application_no"] in shown and standing_sentence(mine[0]) in shown  # the list's tooltip too
    assert standing_sentence(mine[0]) == tip
    assert "2026-12-21" in shown and 'href="due"' in shown  # the way to the restoration request
    assert ASSUMED["application_no"] in shown  # asks to confirm the assumed paid-through year
    recorded_lapsed = Patent.select().where((Patent.firm == firm.id) & (Patent.status == "lapsed")).count()
    assert found.counts["patent"]["lapsed"] == recorded_lapsed + len(found.lapsed)
    detail = profile.count_labels["patent"][1].text()
    assert f"{_('Lapsed')} {found.counts['patent']['lapsed']}" in detail
    if shots:
        window.grab().save(str(shots / f"profile_lapsed_{lang}.png"))


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_due_list_summary_profile_and_list_agree_on_a_lapsed_patent(demo_db, make_window, qtbot, lang):
    set_language(lang)
    window, firm, lapsed_id, assumed_id = _make(make_window, qtbot)
    assert window.ctx.firm_id == firm.id
    shots = Path(os.environ["ZGC_SCREENSHOTS"]) if os.environ.get("ZGC_SCREENSHOTS") else None
    if shots:  # the bundled Chinese font, as the app installs it at start-up (not for every test: metrics)
        from PySide6.QtWidgets import QApplication

        from zgc_desk.ui.app import install_fonts

        install_fonts(QApplication.instance())
        shots.mkdir(parents=True, exist_ok=True)
        window.resize(1700, 800)
    _check_agreement(window, qtbot, firm, lapsed_id, assumed_id, shots, lang)


def test_a_patent_whose_grace_has_not_ended_is_shown_in_force(demo_db, make_window, qtbot):
    """The day before lapsing counts: on the last day of the grace (2026-10-20) the patent is in force."""
    firm = Firm.select().order_by(Firm.id).first()
    patent_id, _changed = create_record("patent", LAPSED, firm_id=firm.id)
    window = make_window(contributions=[contribution], today=dt.date(2026, 10, 20))
    wait_idle(qtbot, window)
    patents = show_list(qtbot, window, "patents")
    qtbot.waitUntil(lambda: patents.model.position_of(patent_id) is not None, timeout=10000)
    text, _tip = _status_cell(patents, patent_id)
    assert text == _("Granted")
