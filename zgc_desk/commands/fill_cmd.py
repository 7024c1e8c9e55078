"""``zgc-desk fill --db PATH --firm CODE --policy ID [--year YYYY] --out FILE.xlsx|FILE.pdf``."""

from __future__ import annotations

import sys
from pathlib import Path

from zgc_desk.commands.arguments import iso_date, round_year
from zgc_desk.i18n import _


def add_arguments(parser) -> None:
    parser.description = _(
        "Fill in the application form (申报表) of a subsidy policy for one firm and one round: the firm "
        "block, one row per eligible item with the facts proving it, totals after caps, the declaration "
        "with signature, stamp and date boxes, and the list of attachments. The format follows the file "
        "name: .xlsx (Excel, sheets protected except the blanks to complete) or .pdf (ready to print). "
        "Unverified amounts are marked as such on the form.")
    parser.epilog = _(
        "When the firm has nothing eligible under the policy in the round (or the policy is not available "
        "in that round), no file is written: the command exits 1 and says why, item by item. Use "
        "--allow-empty to write the form anyway, stating that there is nothing to claim.")
    parser.add_argument("--firm", required=True, metavar="CODE", help=_("the firm (unified social credit code)"))
    parser.add_argument("--policy", required=True, metavar="ID",
                        help=_("the policy id (zgc-desk policies lists those loaded)"))
    parser.add_argument("--year", type=round_year, metavar="YYYY",
                        help=_("the round (default: the year of the as-of date)"))
    parser.add_argument("--out", required=True, type=Path, metavar="FILE",
                        help=_("the file to write, ending in .xlsx or .pdf"))
    parser.add_argument("--as-of", dest="as_of", type=iso_date, metavar="DATE",
                        help=_("the day the check is made and the form dated (default: today)"))
    parser.add_argument("--allow-empty", action="store_true",
                        help=_("write the form even when there is nothing to claim"))


def run(args) -> int:
    from zgc_desk.cli import open_db_from_args
    from zgc_desk.forms.application import cn_money
    from zgc_desk.services.documents import output_format, prepare_application, write_application
    from zgc_desk.services.records import today

    output_format(args.out)  # a bad file name fails before the database is touched
    open_db_from_args(args)
    as_of = args.as_of or today()
    prepared = prepare_application(args.firm, args.policy, args.year, as_of)
    if not args.allow_empty:
        prepared.require_claims()
    app = prepared.app
    path = write_application(app, args.out)
    print(_("{path} written: {firm}, {policy}, round {year}: {count} items, {amount} claimed").format(
        path=path, firm=app.firm_name, policy=app.policy_id, year=app.round_year, count=len(app.rows),
        amount=cn_money(app.total_claimed)))
    if app.statement:
        print(app.statement, file=sys.stderr)
    elif not app.verified:
        print(_("Some amounts rest on parameters not yet verified against the round's notice; they are "
                "marked on the form."), file=sys.stderr)
    return 0
