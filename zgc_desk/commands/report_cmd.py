"""``zgc-desk report --db PATH --firm CODE --out FILE.pdf [--as-of DATE]``."""

from __future__ import annotations

from pathlib import Path

from zgc_desk.commands.arguments import iso_date
from zgc_desk.i18n import _


def add_arguments(parser) -> None:
    parser.description = _(
        "Write the advisor's session report for one firm (PDF, in the interface language): the portfolio "
        "by kind and status with a chart of filings and grants per year, the deadlines of the next 180 "
        "days, the subsidies claimable now with their amounts, and what blocks the others.")
    parser.add_argument("--firm", required=True, metavar="CODE", help=_("the firm (unified social credit code)"))
    parser.add_argument("--out", required=True, type=Path, metavar="FILE", help=_("the PDF file to write"))
    parser.add_argument("--as-of", dest="as_of", type=iso_date, metavar="DATE",
                        help=_("the day the report is made for (default: today)"))


def run(args) -> int:
    from zgc_desk.cli import open_db_from_args
    from zgc_desk.services.documents import check_report_path, session_report
    from zgc_desk.services.records import today

    check_report_path(args.out)  # a bad file name fails before the database is touched
    open_db_from_args(args)
    path = session_report(args.firm, args.out, args.as_of or today())
    print(_("{path} written").format(path=path))
    return 0
