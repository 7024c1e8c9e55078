"""Search everything (Edit menu, Ctrl+K): one box over every kind of record and every firm."""

from __future__ import annotations

from zgc_desk.i18n import N_
from zgc_desk.ui.registry import ActionSpec


def _search(ctx):
    from zgc_desk.ui.dialogs.search_dialog import SearchDialog  # imported late: fast start-up

    dialog = SearchDialog(ctx)
    ctx.extras["search_dialog"] = dialog  # tests and a second Ctrl+K reach the open dialog
    dialog.open()


ACTIONS = [
    ActionSpec("search_all", "edit", N_("Search &everything…"), _search, icon="search", shortcut="Ctrl+K",
               order=210, tip=N_("Find any record of any firm by number, title, mark, applicant or firm name")),
]
