"""Search everything (Ctrl+K) through the real window on the demo database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import type_text, wait_idle

from zgc_desk import services
from zgc_desk.models import Firm, Patent, Trademark


def _window(make_window):
    from zgc_desk.ui.contrib import search

    return make_window(contributions=[search])


def _open(qtbot, window):
    window.action("search_all").trigger()
    dialog = window.ctx.extras["search_dialog"]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.search.built, timeout=10000)
    return dialog


def _search(qtbot, dialog, text: str):
    dialog.box.clear()
    type_text(qtbot, dialog.box, text)
    qtbot.waitUntil(lambda: dialog.last_results is not None and dialog.last_results.text == text, timeout=5000)
    return dialog.last_results


def test_ctrl_k_is_the_shortcut(demo_db, make_window):
    window = _window(make_window)
    assert window.action("search_all").shortcut().toString() == "Ctrl+K"


def test_a_number_written_another_way_finds_the_patent_of_another_firm(qtbot, demo_db, make_window):
    window = _window(make_window)
    patent = Patent.select().order_by(Patent.id.desc()).get()  # whichever firm holds it
    digits = patent.application_no.replace(".", "")
    written = f"ZL {digits[:4]} {digits[4:8]} {digits[8:12]}.{digits[12:]}"
    dialog = _open(qtbot, window)
    results = _search(qtbot, dialog, written)
    hits = [hit for group in results.kinds for hit in group.hits]
    assert [(h.kind, h.record_id) for h in hits if h.kind == "patent"] == [("patent", patent.id)]
    assert hits[0].firm_name == Firm.get_by_id(patent.firm_id).name

    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)  # opens the first hit: its firm, its page, selected
    wait_idle(qtbot, window)
    assert window.ctx.firm_id == patent.firm_id
    assert window.current_page_key() == "patents"
    page = window.pages["patents"]
    qtbot.waitUntil(lambda: page.selected_ids() == [patent.id], timeout=5000)


def test_words_find_records_of_several_kinds_grouped_by_kind_and_firm(qtbot, demo_db, make_window):
    window = _window(make_window)
    firm = Firm.select().order_by(Firm.id).get()
    word = firm.name[2:5]
    dialog = _open(qtbot, window)
    results = _search(qtbot, dialog, word)
    kinds = [group.kind for group in results.kinds]
    assert kinds[0] == "firm"
    assert firm.id in {hit.record_id for hit in results.kinds[0].hits}
    top = dialog.tree.topLevelItem(0)
    assert top.text(0).endswith(f"({results.kinds[0].count})")


def test_a_record_added_after_the_index_was_built_is_found(qtbot, demo_db, make_window):
    window = _window(make_window)
    dialog = _open(qtbot, window)
    firm = Firm.select().order_by(Firm.id).get()
    record_id, changed = services.create_record("trademark", {
        "mark": "独一无二牌", "registration_no": "98765432", "registration_date": "2020-01-07"}, firm_id=firm.id)
    window.ctx.hub.publish(changed)
    results = _search(qtbot, dialog, "独一无二")
    assert [(h.kind, h.record_id) for g in results.kinds for h in g.hits] == [("trademark", record_id)]
    assert Trademark.get_by_id(record_id).mark == "独一无二牌"


def test_nothing_found_says_so(qtbot, demo_db, make_window):
    window = _window(make_window)
    dialog = _open(qtbot, window)
    results = _search(qtbot, dialog, "不存在的词语ZZZ")
    assert results.count == 0
    assert "不存在的词语ZZZ" in dialog.status.text()


def test_an_official_notice_is_found_and_opens_on_the_notices_page(qtbot, demo_db, make_window):
    """Issue 17 item 4: notices are searched too — by the matter's number in any form — and listed
    under their own kind with their type and dispatch date."""
    import datetime as dt

    from zgc_desk.ui.dialogs.search_dialog import show_hit

    window = _window(make_window)
    firm = Firm.select().order_by(Firm.id.desc()).get()  # not the firm shown
    patent = Patent.select().where((Patent.firm == firm.id) & (Patent.kind == "invention")).order_by(Patent.id).get()
    notice_id, changed = services.create_record("notice", {
        "matter_no": patent.application_no, "notice_type": "cn_oa_first", "dispatch_date": dt.date(2026, 10, 9)},
        firm_id=firm.id)
    window.ctx.hub.publish(changed)
    dialog = _open(qtbot, window)
    digits = patent.application_no.replace(".", "")
    results = _search(qtbot, dialog, f"ZL{digits[:4]} {digits[4:]}")
    notices = [g for g in results.kinds if g.kind == "notice"]
    assert [(h.record_id, h.firm_id) for h in notices[0].hits] == [(notice_id, firm.id)]
    assert notices[0].hits[0].title == "第一次审查意见通知书（2026-10-09）"
    labels = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert "通知书 (1)" in labels
    show_hit(window.ctx, notices[0].hits[0])
    wait_idle(qtbot, window)
    assert window.ctx.firm_id == firm.id and window.current_page_key() == "notices"
    qtbot.waitUntil(lambda: window.pages["notices"].selected_ids() == [notice_id], timeout=5000)
