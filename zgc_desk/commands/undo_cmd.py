"""``zgc-desk undo --db PATH``: undo the last operation (the window's Undo, from the command line).

The history is the database's own and per user, so this undoes the last change made by this user
in the window or on the command line. ``zgc-desk redo`` (``redo_cmd``) puts it back.
"""

from __future__ import annotations

from zgc_desk.changes import KIND_LABELS, Changed
from zgc_desk.i18n import _, format_number


def add_arguments(parser) -> None:
    parser.description = _(
        "Undo the last change you made to this database (in the window or on the command line), "
        "with everything it changed: a deleted firm comes back with its records and claims. "
        "zgc-desk redo puts it back.")


def changed_text(changed: Changed) -> str:
    """ "Patent: 3, PCT application: 1" — what a step touched, per kind."""
    return ", ".join(f"{_(KIND_LABELS[kind])}: {format_number(len(ids))}"
                     for kind, ids in sorted(changed.ids.items(), key=lambda item: list(KIND_LABELS).index(item[0])))


def print_step(text: str, step) -> None:
    print(text.format(label=step.label))
    detail = changed_text(step.changed)
    if detail:
        print(f"  {detail}")


def run(args) -> int:
    from zgc_desk.cli import open_db_from_args
    from zgc_desk.services import undo

    open_db_from_args(args)
    print_step(_("Undone: {label}"), undo())
    return 0
