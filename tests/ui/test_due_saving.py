"""Keep-or-drop decisions on the Due list (issue 17 item 3): once a firm decides to stop paying a
right's fees from a day, the Due list stops reminding them and says what that saves — the rights
and their days, the fees left out of the list's period with their sum, and in each month's heading
what that month spares. Through the real window on the demo database (as of 2026-11-25)."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from ui_helpers import wait_idle

from zgc_desk import services
from zgc_desk.i18n import format_money
from zgc_desk.models import Patent
from zgc_desk.services.deadlines import list_deadlines
from zgc_desk.ui.contrib import deadlines as contribution
from zgc_desk.ui.due.model import DEADLINE_ROLE

AS_OF = dt.date(2026, 11, 25)


def _rows(page) -> list:
    model = page.model
    out = []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        out += [(group.data(), model.index(r, 0, group).data(DEADLINE_ROLE)) for r in range(model.rowCount(group))]
    return out


def _patent_with_annuities(firm_id: int):
    """The firm's patent with the most unpaid annual fees in the Due list's period, and those fees."""
    found = [d for d in list_deadlines(as_of=AS_OF, firm=firm_id, with_decisions=False)
             if d.kind in ("annuity", "annuity_grace_end") and d.matter_kind == "patent"]
    by_patent: dict[int, list] = {}
    for d in found:
        by_patent.setdefault(d.matter_id, []).append(d)
    patent_id = max(by_patent, key=lambda pid: (sum(d.kind == "annuity" for d in by_patent[pid]), -pid))
    return Patent.get_by_id(patent_id), by_patent[patent_id]


@pytest.fixture
def page(demo_db, make_window, qtbot):
    window = make_window(contributions=[contribution])
    page = window.pages["due"]
    window.show_page("due")
    page.view_choice.setCurrentIndex(page.view_choice.findData("year"))
    qtbot.waitUntil(lambda: page.data is not None and not window.ctx.tasks.busy, timeout=10000)
    return page


def _decide(qtbot, page, patent, drop_from):
    with qtbot.waitSignal(page.loaded, timeout=10000):  # as the editor saves: the change hub reloads the list
        page.ctx.edits.done(services.update_record("patent", patent.id,
                                                   {"drop_from": drop_from, "drop_reason": "技术已被替代"}))
    wait_idle(qtbot, page.ctx.window)


def test_the_due_list_stops_reminding_and_shows_the_saving(page, qtbot):
    window = page.ctx.window
    assert page.saving.isHidden()  # no decision yet: no line
    patent, fees = _patent_with_annuities(window.ctx.firm_id)
    annuities = [d for d in fees if d.kind == "annuity"]
    assert annuities
    drop_from = min(d.due for d in annuities)  # from its next annual fee on
    assert any(d.matter_id == patent.id and d.matter_kind == "patent" for _label, d in _rows(page))

    _decide(qtbot, page, patent, drop_from)
    shown = [d for _label, d in _rows(page)]
    assert not [d for d in shown if d.matter_kind == "patent" and d.matter_id == patent.id and d.due >= drop_from]
    # the saving: the fees of the period left out, each once (a grace row repeats its fee), surcharges in
    left_out = [d for d in annuities if d.due >= drop_from]
    expected = sum(d.amount_cny + (d.surcharge_cny or 0) for d in left_out)
    assert expected > 0
    assert page.data.saving.amounts == {"CNY": expected}
    text = page.saving.text()
    assert page.saving.isVisible()
    assert f"放弃1项权利的决定（{patent.application_no} 自{drop_from.isoformat()}起）" in text
    assert f"{len(left_out)}笔费用" in text and f"节省{format_money(expected, 'CNY')}" in text
    # a month that still lists other deadlines says in its heading what it spares (in the demo: the
    # last fee left out, whose month has another deadline; the first one's month had only that fee)
    months = {(d.due.year, d.due.month): label for label, d in _rows(page)}
    spared = [d for d in left_out if (d.due.year, d.due.month) in months]
    assert spared
    for d in spared:
        heading = months[d.due.year, d.due.month]
        assert "1笔费用不再提醒" in heading and format_money(d.amount_cny + (d.surcharge_cny or 0), "CNY") in heading
    others = [label for key, label in months.items() if key not in {(d.due.year, d.due.month) for d in left_out}]
    assert others and not any("不再提醒" in label for label in others)

    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.undo_action.trigger()  # the decision taken back: reminded again, no line
    wait_idle(qtbot, window)
    assert page.saving.isHidden()
    assert any(d.matter_id == patent.id and d.due == drop_from for _label, d in _rows(page))


def test_a_decision_beyond_the_period_is_listed_saving_nothing_yet(page, qtbot, english):
    window = page.ctx.window
    patent, _fees = _patent_with_annuities(window.ctx.firm_id)
    _decide(qtbot, page, patent, dt.date(2035, 1, 1))
    assert page.data.saving.fees == [] and page.saving.isVisible()
    assert page.saving.text() == (f"Decision to drop 1 right ({patent.application_no} from 2035-01-01): "
                                  "no fee of this list's period is left out.")


def test_the_all_states_view_leaves_the_dropped_fees_out_too(page, qtbot, english, tmp_path):
    window = page.ctx.window
    patent, fees = _patent_with_annuities(window.ctx.firm_id)
    drop_from = min(d.due for d in fees if d.kind == "annuity")
    _decide(qtbot, page, patent, drop_from)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.view_choice.setCurrentIndex(page.view_choice.findData("all"))
    assert not [d for _label, d in _rows(page)
                if d.matter_kind == "patent" and d.matter_id == patent.id and d.due >= drop_from]
    assert page.data.saving.fees and "no longer reminded" in page.saving.text()
    assert page.saving.text().endswith(" saved.")
    # File → Print carries the line above the table
    from zgc_desk.ui.help import printing

    path = tmp_path / "due.pdf"
    printing.print_to_pdf(printing.current_printout(window.ctx), path)
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert f"Decision to drop 1 right ({patent.application_no} from {drop_from.isoformat()})" in " ".join(first.split())
