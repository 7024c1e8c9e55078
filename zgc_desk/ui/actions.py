"""The window's own menu and tool-bar actions. Undo and Redo come from the undo stack itself (see
``main_window``); other areas add actions from ``zgc_desk/ui/contrib/`` (see ``registry``).

File menu order ranges, for contributions: 1xx new, 2xx import / export / backups, 8xx settings,
9xx quit. Tools menu: free.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from zgc_desk.i18n import N_
from zgc_desk.ui.registry import ActionSpec

Key = QKeySequence.StandardKey


def _page(ctx):
    return ctx.window.current_page()


def _can(action: str):
    return lambda ctx: _page(ctx) is not None and _page(ctx).can(action)


def _new_firm(ctx):
    ctx.open_editor("firm", None)


def _settings(ctx):
    from zgc_desk.ui.dialogs.settings_dialog import SettingsDialog

    SettingsDialog(ctx).open()


def _about(ctx):
    from zgc_desk.ui.dialogs.about import show_about

    show_about(ctx)


def _find(ctx):
    page = _page(ctx)
    if page is None or not page.focus_search():
        ctx.window.focus_firm_search()


ACTIONS = [
    ActionSpec("new_firm", "file", N_("New &firm…"), _new_firm, icon="firm_add", order=100, toolbar=True,
               tip=N_("Add a firm to this database")),
    ActionSpec("settings", "file", N_("&Settings…"), _settings, icon="settings", shortcut=Key.Preferences, order=800),
    ActionSpec("quit", "file", N_("&Quit"), lambda ctx: ctx.window.close(), icon="quit", shortcut="Ctrl+Q", order=900),
    ActionSpec("find", "edit", N_("&Find…"), _find, icon="search", shortcut=Key.Find, order=200,
               tip=N_("Search the current list, or the firms")),
    ActionSpec("new", "records", N_("&New…"), lambda ctx: _page(ctx).new_record(), icon="add", shortcut=Key.New,
               order=100, toolbar=True, enabled=_can("new"), tip=N_("Add a record to the current list")),
    ActionSpec("edit", "records", N_("&Edit…"), lambda ctx: _page(ctx).edit_selected(), icon="edit",
               shortcut="Ctrl+E", order=110, toolbar=True, enabled=_can("edit")),
    ActionSpec("delete", "records", N_("&Delete"), lambda ctx: _page(ctx).delete_selected(), icon="delete",
               shortcut=Key.Delete, order=120, toolbar=True, enabled=_can("delete")),
    ActionSpec("copy_number", "records", N_("&Copy number"), lambda ctx: _page(ctx).copy_number(), icon="copy",
               shortcut="Ctrl+Shift+C", order=200, enabled=_can("copy")),
    ActionSpec("family", "records", N_("Show &family"), lambda ctx: _page(ctx).show_family(), icon="family",
               shortcut="Ctrl+Shift+F", order=210, toolbar=True, enabled=_can("family"),
               tip=N_("The Chinese priority application with its PCT and overseas filings")),
    ActionSpec("refresh", "view", N_("&Refresh"), lambda ctx: ctx.window.refresh(), icon="refresh",
               shortcut=["F5", "Ctrl+R"], order=100, toolbar=True),
    ActionSpec("next_page", "view", N_("&Next page"), lambda ctx: ctx.window.step_page(1), icon="next",
               shortcut=["Ctrl+Tab", "Ctrl+PgDown"], order=200),
    ActionSpec("previous_page", "view", N_("&Previous page"), lambda ctx: ctx.window.step_page(-1), icon="previous",
               shortcut=["Ctrl+Shift+Tab", "Ctrl+PgUp"], order=210),
    ActionSpec("about", "help", N_("&About ZGC Desk"), _about, icon="app", order=900),
]

# Actions that change records: disabled, with the reason as their tip, for a read-only database role.
WRITING_ACTIONS = frozenset({"new_firm", "new", "edit", "delete", "import", "restore"})

MENU_TITLES = {
    "file": N_("&File"), "edit": N_("&Edit"), "records": N_("&Records"), "view": N_("&View"),
    "tools": N_("&Tools"), "help": N_("&Help"),
}
