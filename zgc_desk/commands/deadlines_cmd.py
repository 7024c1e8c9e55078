"""``zgc-desk deadlines --db PATH [--firm CODE] [--from DATE] [--to DATE] [--as-of DATE] [--json]``."""

from __future__ import annotations

import sys

from zgc_desk.commands.arguments import iso_date
from zgc_desk.deadlines.kinds import KINDS
from zgc_desk.i18n import _


def add_arguments(parser) -> None:
    parser.description = _(
        "List deadlines: annual fees and their grace, priority years, examination requests, PCT "
        "publication, Chapter II and national phases, trademark renewals. Without --from/--to: the open "
        "and missed deadlines due from 6 months before to 12 months after the as-of date. With --from "
        "and/or --to: every deadline due in that range (either end may be left open), whatever its "
        "state (open, done, missed, lapsed).")
    parser.add_argument("--firm", metavar="CODE", help=_("only this firm (unified social credit code)"))
    parser.add_argument("--from", dest="start", type=iso_date, metavar="DATE", help=_("first due date listed"))
    parser.add_argument("--to", dest="end", type=iso_date, metavar="DATE", help=_("last due date listed"))
    parser.add_argument("--as-of", dest="as_of", type=iso_date, metavar="DATE",
                        help=_("the day states are judged on (default: today)"))
    parser.add_argument("--kind", dest="kinds", action="append", choices=KINDS, metavar="KIND",
                        help=_("only deadlines of this kind (may be repeated): {kinds}").format(kinds=", ".join(KINDS)))
    parser.add_argument("--json", action="store_true", help=_("print JSON (a list of objects) instead of a table"))


def run(args) -> int:
    from zgc_desk.cli import open_db_from_args
    from zgc_desk.deadlines.output import format_table, write_json
    from zgc_desk.gc_pause import collector_paused
    from zgc_desk.services.deadlines import list_deadlines
    from zgc_desk.services.records import today

    open_db_from_args(args)
    # Paused to the end of the command: resumed before the output is written, the cycle collector
    # would walk every deadline just listed (185,000 of them over two years at 100,000 patents)
    # while the records it writes are freed by reference counting anyway.
    with collector_paused():
        deadlines = list_deadlines(as_of=args.as_of or today(), firm=args.firm, start=args.start, end=args.end)
        if args.kinds:
            deadlines = [d for d in deadlines if d.kind in args.kinds]
        if args.json:
            write_json(deadlines, sys.stdout)
        else:
            print(format_table(deadlines, show_firm=not args.firm))
    return 0
