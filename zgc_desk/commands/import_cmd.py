"""``zgc-desk import FILE.xlsx --db PATH``: check every cell, then import all or nothing.

Errors go to standard error, one line each (sheet, Excel row, column, value, what is expected), and
the exit status is 1 with nothing written. ``--dry-run`` shows what would change; ``--progress``
reports the reading and writing stages on standard error (for long files and scripts).
"""

from __future__ import annotations

import sys
from pathlib import Path

from zgc_desk.i18n import N_, _


def add_arguments(parser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.xlsx", help=_("the workbook to import"))
    parser.add_argument("--dry-run", action="store_true",
                        help=_("check the workbook and show what would change, without writing"))
    parser.add_argument("--progress", action="store_true", help=_("report progress on standard error"))
    parser.add_argument("--errors-out", type=Path, metavar="FILE.xlsx", default=None,
                        help=_("when there are errors, also write a copy of the workbook with the bad rows "
                               "highlighted"))


_STAGES = {"read": N_("Reading and checking"), "write": N_("Writing")}


def print_progress(stage: str, done: int, total: int) -> None:
    label = _(_STAGES.get(stage, stage))
    print(_("{stage}: {done}/{total}").format(stage=label, done=done, total=total), file=sys.stderr, flush=True)


def run(args) -> int:
    from zgc_desk.cli import open_db_from_args
    from zgc_desk.services.transfer import apply_import, preview_import, save_error_workbook

    open_db_from_args(args)
    progress = print_progress if args.progress else None
    plan = preview_import(args.file, progress=progress, compare=args.dry_run)
    for line in plan.listed_warning_lines():
        print(_("Warning: {line}").format(line=line), file=sys.stderr)
    if not plan.ok:
        for line in plan.listed_error_lines():
            print(line, file=sys.stderr)
        print(_("{count} error(s); nothing was imported.").format(count=len(plan.errors)), file=sys.stderr)
        if args.errors_out:
            save_error_workbook(plan, args.errors_out)
            print(_("The rows with errors are highlighted in {path}").format(path=args.errors_out),
                  file=sys.stderr)
        return 1
    if args.dry_run:
        print(_("Dry run: nothing was written. The import would give:"))
        for line in plan.summary_lines():
            print(line)
        return 0
    result = apply_import(plan, progress=progress)
    print(_("Imported {path}").format(path=args.file))
    for line in result.summary_lines():
        print(line)
    if result.backup:
        print(_("The database was backed up before the import to {path}").format(path=result.backup))
    return 0
