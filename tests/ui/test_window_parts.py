"""Window behaviour around the lists: sorting, filters, shortcuts, remembered state, the family
view, settings and about, and pages or actions contributed by other areas."""

from __future__ import annotations

import types

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import show_list, wait_idle

from zgc_desk.i18n import N_
from zgc_desk.models import Patent, PCTApplication
from zgc_desk.services import get_setting, list_ids
from zgc_desk.ui.pages.base import Page
from zgc_desk.ui.registry import ActionSpec, PageSpec
from zgc_desk.ui.settings import SPLITTER_SIZES, UiSettings, visible_columns


def test_sort_by_a_column_header(qtbot, window):
    page = show_list(qtbot, window, "patents")
    title = [c.key for c in page.model.columns].index("title")
    page.view.sortByColumn(title, Qt.SortOrder.DescendingOrder)
    expected = list_ids("patent", window.ctx.firm_id, order_by="title", descending=True)
    qtbot.waitUntil(lambda: page.model.ids == expected, timeout=5000)


def test_filter_by_status_and_kind(qtbot, window):
    page = show_list(qtbot, window, "patents")
    combo = page.filters["status"]
    combo.setCurrentIndex(combo.findData("lapsed"))
    expected = list_ids("patent", window.ctx.firm_id, filters={"status": "lapsed"}, order_by="application_no")
    assert expected
    qtbot.waitUntil(lambda: page.model.ids == expected, timeout=5000)
    kinds = page.filters["kind"]
    kinds.setCurrentIndex(kinds.findData("design"))
    expected = list_ids("patent", window.ctx.firm_id, filters={"status": "lapsed", "kind": "design"},
                        order_by="application_no")
    qtbot.waitUntil(lambda: page.model.ids == expected, timeout=5000)


def test_keyboard_ctrl_tab_ctrl_f_f5_and_ctrl_n(qtbot, window):
    window.show_page("profile")
    first = window.tabs.currentIndex()
    qtbot.keyClick(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == first + 1
    page = window.current_page()
    wait_idle(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search
    qtbot.keyClicks(page.search, "2019")
    qtbot.keyClick(page.search, Qt.Key.Key_Delete)  # edits the text, never deletes a record
    assert window.ctx.dialogs.asked == []
    qtbot.keyClick(window, Qt.Key.Key_F5)
    wait_idle(qtbot, window)
    window.action("new").trigger()
    editors = [w for w in QApplication.topLevelWidgets() if w.__class__.__name__ == "RecordEditor" and w.isVisible()]
    assert editors and editors[0].kind == "patent"
    editors[0].reject()


def test_delete_key_in_the_table_asks_then_deletes(qtbot, window):
    page = show_list(qtbot, window, "patents")
    record_id = page.model.id_at(0)
    page.view.setFocus()
    page.view.selectRow(0)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert len(window.ctx.dialogs.asked) == 1
    qtbot.waitUntil(lambda: record_id not in page.model.ids, timeout=5000)


def test_window_state_is_remembered(qtbot, demo_db, make_window, tmp_path):
    settings = UiSettings(tmp_path / "state.ini")
    first = make_window(settings)
    page = show_list(qtbot, first, "trademarks")
    first.resize(760, 560)  # within the offscreen screen (800 x 600): geometry is kept on screen
    first.splitter.setSizes([170, 580])
    page.view._toggle(0, False)  # hide the first column through the header menu's handler
    size, sizes = first.size(), first.splitter.sizes()
    first.close()
    assert settings.get(SPLITTER_SIZES) == sizes
    assert "mark" not in settings.get(visible_columns("trademark"))

    second = make_window(settings)
    assert second.current_page_key() == "trademarks"
    assert second.ctx.firm_id == first.ctx.firm_id
    assert second.splitter.sizes() == sizes
    assert second.pages["trademarks"].view.isColumnHidden(0)
    assert second.size() == size


def test_the_family_view_shows_priority_pct_and_overseas_as_one_tree(qtbot, window):
    pct = PCTApplication.select().where(PCTApplication.cn_priority.is_null(False)).first()
    dialog = window.ctx.show_family("pct", pct.id)
    qtbot.addWidget(dialog)
    root = dialog.tree.topLevelItem(0)
    assert root.text(0) == Patent.get_by_id(pct.cn_priority_id).application_no
    pct_items = [root.child(i) for i in range(root.childCount()) if root.child(i).text(0) == pct.pct_no]
    assert pct_items and pct_items[0].childCount() == pct.national_phases.count()
    assert pct_items[0].font(0).bold()  # the record the user asked about


def test_show_family_from_the_overseas_list(qtbot, window):
    page = show_list(qtbot, window, "overseas")
    page.view.selectRow(0)
    assert window.action("family").isEnabled()
    dialog = page.show_family()
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItemCount() == 1


def test_settings_dialog_saves_to_qsettings_and_the_database(qtbot, window):
    from zgc_desk.ui.dialogs.settings_dialog import SettingsDialog
    from zgc_desk.ui.settings import DATA_FOLDER, LANGUAGE

    dialog = SettingsDialog(window.ctx)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.folder.setText("/tmp/somewhere")
    dialog.lead_boxes["annuity"].setValue(45)
    dialog.backups.setValue(7)
    dialog.accept()
    assert window.ctx.settings.get(LANGUAGE) == "en"
    assert window.ctx.settings.get(DATA_FOLDER) == "/tmp/somewhere"
    assert str(window.ctx.settings.database_path()).startswith("/tmp/somewhere")
    assert get_setting("lead_days")["annuity"] == 45
    assert get_setting("backups_kept") == 7


def test_settings_keep_kinds_that_follow_the_general_lead_time(qtbot, window):
    from zgc_desk.services import set_setting
    from zgc_desk.ui.dialogs.settings_dialog import SettingsDialog

    set_setting("lead_days", {"default": 90, "trademark_renewal": 180})  # annual fees follow "in general"
    dialog = SettingsDialog(window.ctx)
    qtbot.addWidget(dialog)
    dialog.lead_boxes["trademark_renewal"].setValue(200)
    dialog.accept()
    assert get_setting("lead_days") == {"default": 90, "trademark_renewal": 200}


def test_about_names_the_version_and_the_data_folder(qtbot, window):
    from zgc_desk import __version__
    from zgc_desk.paths import user_data_dir
    from zgc_desk.ui.dialogs.about import show_about

    dialog = show_about(window.ctx)
    qtbot.addWidget(dialog)
    assert __version__ in dialog.text.text()
    assert str(user_data_dir()) in dialog.text.text()


def test_no_placeholder_pages_the_due_list_and_subsidies_come_from_their_areas(window, make_window):
    """The built-in pages are the record pages; the Due list and Subsidies pages are contributed by
    their areas (ui/contrib), so a window without contributions has none of them, not a placeholder."""
    from zgc_desk.ui import registry
    from zgc_desk.ui.due.due_page import DuePage
    from zgc_desk.ui.subsidies.page import SubsidiesPage

    assert "due" not in window.pages and "subsidies" not in window.pages
    full = make_window(contributions=registry.contributions())
    assert isinstance(full.pages["due"], DuePage) and isinstance(full.pages["subsidies"], SubsidiesPage)


def test_contributed_pages_and_actions_appear(qtbot, demo_db, make_window):
    triggered = []

    class DuePage(Page):
        pass

    module = types.SimpleNamespace(
        PAGES=[PageSpec("due", N_("Due list"), "due", DuePage, order=60)],
        ACTIONS=[ActionSpec("import", "file", N_("&Import workbook…"), triggered.append, icon="import",
                            order=200, toolbar=True)],
    )
    window = make_window(contributions=[module])
    assert isinstance(window.pages["due"], DuePage)  # replaces the placeholder
    assert window.action("import") in window.toolbar.actions()
    window.action("import").trigger()
    assert triggered == [window.ctx]


def test_contributions_attach_once_before_ready_and_a_broken_one_is_skipped(qtbot, demo_db, make_window):
    seen = []

    def attach(ctx):
        seen.append((ctx, ctx.window.firm_panel.model.total))  # the firms are not loaded yet

    def broken(ctx):
        raise RuntimeError("a contribution's bug")

    window = make_window(contributions=[types.SimpleNamespace(attach=broken), types.SimpleNamespace(attach=attach)])
    assert seen == [(window.ctx, 0)]
    assert window.isVisible()


def test_new_firm_becomes_the_current_firm_and_undo_removes_it(qtbot, window):
    from zgc_desk.numbers import make_credit_code

    editor = window.ctx.open_editor("firm", None)
    qtbot.addWidget(editor)
    editor.inputs["name"].set_value("北京测试科技有限公司")
    editor.inputs["credit_code"].set_value(make_credit_code("91110108MA0000001"))
    editor.validate()
    editor.accept()
    assert window.firm_panel.model.total == 3
    new_id = editor.record_id
    assert window.ctx.firm_id == new_id
    window.undo_action.trigger()
    assert window.firm_panel.model.total == 2
    assert window.ctx.firm_id != new_id


def test_double_click_opens_the_editor_and_its_history_shows_edits(qtbot, window):
    from zgc_desk.services import update_record

    page = show_list(qtbot, window, "patents")
    record_id = page.model.id_at(1)
    update_record("patent", record_id, {"ipc": "G06N 3/04"})
    rect = page.view.visualRect(page.model.index(1, 0))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a real double
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editors = [w for w in QApplication.topLevelWidgets() if w.__class__.__name__ == "RecordEditor" and w.isVisible()]
    assert len(editors) == 1 and editors[0].record_id == record_id
    history = editors[0].history.model()
    assert history.rowCount() == 2  # newest first: the edit, then the creation
    assert "G06N 3/04" in history.index(0, 3).data()
    editors[0].reject()


def test_copy_number_puts_the_selected_numbers_on_the_clipboard(qtbot, window):
    page = show_list(qtbot, window, "patents")
    page.view.selectRow(0)
    page.view.selectionModel().select(page.model.index(2, 0), page.view.selectionModel().SelectionFlag.Select
                                      | page.view.selectionModel().SelectionFlag.Rows)
    window.action("copy_number").trigger()
    assert QApplication.clipboard().text().splitlines() == [page.model.index(0, 0).data(),
                                                             page.model.index(2, 0).data()]


def test_esc_in_a_filled_editor_asks_before_discarding(qtbot, english, window):
    editor = window.ctx.open_editor("firm", None)
    qtbot.addWidget(editor)
    asked = len(window.ctx.dialogs.asked)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # nothing typed: closes without a question
    assert not editor.isVisible() and len(window.ctx.dialogs.asked) == asked
    editor = window.ctx.open_editor("firm", None)
    qtbot.addWidget(editor)
    editor.inputs["name"].set_value("北京测试科技有限公司")
    window.ctx.dialogs.answer = False
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible() and "Discard the changes" in window.ctx.dialogs.asked[-1]
    assert editor.inputs["name"].value() == "北京测试科技有限公司"  # kept
    window.ctx.dialogs.answer = True
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
