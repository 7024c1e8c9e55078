"""The Due list (replacing the built-in placeholder), the advisor view across all firms, and their
actions: mark the selected deadline done, export the visible list, lead times, the summary."""

from __future__ import annotations

from zgc_desk.i18n import N_
from zgc_desk.ui.registry import ActionSpec, PageSpec

DEADLINE_PAGES = ("due", "advisor")


def _due(ctx):
    from zgc_desk.ui.due.due_page import DuePage  # imported late: fast start-up

    return DuePage(ctx)


def _advisor(ctx):
    from zgc_desk.ui.due.advisor_page import AdvisorPage

    return AdvisorPage(ctx)


def _page(ctx):
    page = ctx.window.current_page()
    return page if ctx.window.current_page_key() in DEADLINE_PAGES else None


def _on_page(method: str):
    def triggered(ctx):
        page = _page(ctx)
        if page is not None:
            getattr(page, method)()
    return triggered


def _can(action: str):
    return lambda ctx: _page(ctx) is not None and _page(ctx).can(action)


def _due_page(ctx):
    return ctx.window.pages.get("due")


def _lead_times(ctx):
    page = _due_page(ctx)
    if page is not None:
        page.edit_lead_times()


def _summary(ctx):
    page = _due_page(ctx)
    if page is not None:
        page.show_summary()


PAGES = [
    PageSpec("due", N_("Due list"), "due", _due, order=60),
    PageSpec("advisor", N_("All firms' deadlines"), "calendar", _advisor, order=65),
]

ACTIONS = [
    ActionSpec("mark_done", "records", N_("&Mark deadline done"), _on_page("mark_done_selected"),
               icon="due", shortcut="Ctrl+D", order=300, enabled=_can("mark_done"),
               tip=N_("Annual fee paid, national phase entered or trademark renewed (undoable)")),
    ActionSpec("export_due", "file", N_("Export the &deadlines shown…"), _on_page("export"),
               icon="export", order=250, enabled=_can("export"),
               tip=N_("The Due list or the advisor view as shown, to an Excel workbook")),
    ActionSpec("lead_times", "tools", N_("Reminder &lead times…"), _lead_times, icon="settings", order=100),
    ActionSpec("due_summary", "view", N_("Deadline &summary…"), _summary, icon="due", order=300,
               tip=N_("What is due in the next 30 days and what was missed, for the current firm")),
]
