"""``zgc-desk redo --db PATH``: redo what ``zgc-desk undo`` (or the window's Undo) undid last."""

from __future__ import annotations

from zgc_desk.commands.undo_cmd import print_step
from zgc_desk.i18n import _


def add_arguments(parser) -> None:
    parser.description = _("Redo the change you undid last in this database (in the window or on the command line).")


def run(args) -> int:
    from zgc_desk.cli import open_db_from_args
    from zgc_desk.services import redo

    open_db_from_args(args)
    print_step(_("Redone: {label}"), redo())
    return 0
