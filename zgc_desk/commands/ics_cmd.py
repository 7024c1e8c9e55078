"""``zgc-desk ics --db PATH [--firm CODE] --out FILE.ics``: deadlines as calendar events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zgc_desk.commands.arguments import iso_date
from zgc_desk.i18n import _


def add_arguments(parser) -> None:
    parser.description = _(
        "Write deadlines as an iCalendar file: one all-day event per deadline with a reminder 14 days "
        "before and the basis in the description. Re-importing a newer file updates the events (stable "
        "identifiers). Without --from/--to: deadlines due from 6 months before to 24 months after the "
        "as-of date.")
    parser.add_argument("--firm", metavar="CODE", help=_("only this firm (unified social credit code)"))
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.ics", help=_("calendar file to write"))
    parser.add_argument("--from", dest="start", type=iso_date, metavar="DATE", help=_("first due date listed"))
    parser.add_argument("--to", dest="end", type=iso_date, metavar="DATE", help=_("last due date listed"))
    parser.add_argument("--as-of", dest="as_of", type=iso_date, metavar="DATE",
                        help=_("the day states are judged on (default: today)"))


def run(args) -> int:
    from zgc_desk.cli import open_db_from_args
    from zgc_desk.io.ics import write_ics
    from zgc_desk.services.deadlines import calendar_deadlines, resolve_firm_id
    from zgc_desk.services.decisions import split_by_decisions
    from zgc_desk.services.records import find_firm, today

    open_db_from_args(args)
    as_of = args.as_of or today()
    deadlines = calendar_deadlines(as_of=as_of, firm=args.firm, start=args.start, end=args.end)
    # what the firm decided to stop paying for is no more in its calendar than on its Due list
    deadlines, _dropped = split_by_decisions(deadlines, resolve_firm_id(args.firm))
    name = _("ZGC Desk deadlines")
    if resolve_firm_id(args.firm) is not None:
        name = f"{name} — {find_firm(args.firm).name}"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    count = write_ics(args.out, deadlines, as_of=as_of, stamp=dt.datetime.now(dt.UTC).replace(microsecond=0),
                      name=name)
    print(_("{count} deadlines written to {path}").format(count=count, path=args.out))
    return 0
