"""``zgc-desk export --db PATH [--firm CODE] --out FILE.xlsx``: the portfolio in the import layout."""

from __future__ import annotations

import sys
from pathlib import Path

from zgc_desk.i18n import _


def add_arguments(parser) -> None:
    parser.add_argument("--firm", metavar="CODE", default=None,
                        help=_("only this firm (its unified social credit code)"))
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help=_("workbook to write"))
    parser.add_argument("--progress", action="store_true", help=_("report progress on standard error"))


def run(args) -> int:
    from zgc_desk.cli import open_db_from_args
    from zgc_desk.commands.import_cmd import print_progress
    from zgc_desk.io.workbook_layout import SHEET_BY_KIND
    from zgc_desk.services.transfer import export_workbook

    open_db_from_args(args)
    counts = export_workbook(args.out, args.firm, progress=print_progress if args.progress else None)
    print(_("Exported to {path}").format(path=args.out))
    for kind, count in counts.items():
        print(_("{sheet}: {count} rows").format(sheet=SHEET_BY_KIND[kind].shown(), count=count))
    sys.stdout.flush()
    return 0
