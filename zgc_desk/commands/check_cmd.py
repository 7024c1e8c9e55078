"""``zgc-desk check --db PATH [--firm CODE] [--year YYYY] [--as-of DATE] [--json]``: which support the
firms can claim in a round, how much, and why not (docs/cli.md, docs/json.md)."""

from __future__ import annotations

import json

from zgc_desk.commands.arguments import iso_date, round_year
from zgc_desk.i18n import _


def add_arguments(parser) -> None:
    parser.description = _(
        "Check subsidy eligibility for a round: for each policy, firm and item, whether it can be claimed, "
        "the amount after caps and the reason for each criterion. Round YYYY counts the dates set by each "
        "policy's window (by default the previous calendar year) and applies the rules in force on its "
        "assessment day. Amounts resting on unverified parameters are marked.")
    parser.add_argument("--firm", metavar="CODE", help=_("only this firm (unified social credit code)"))
    parser.add_argument("--year", type=round_year, metavar="YYYY",
                        help=_("the round (default: the year of the as-of date)"))
    parser.add_argument("--as-of", dest="as_of", type=iso_date, metavar="DATE",
                        help=_("facts dated after this day are ignored (default: today)"))
    parser.add_argument("--policy", action="append", metavar="ID",
                        help=_("only this policy (may be repeated; zgc-desk policies lists them)"))
    parser.add_argument("--all-items", action="store_true",
                        help=_("also list items outside the round's window"))
    parser.add_argument("--why", action="store_true", help=_("show every reason, passed or failed, in the table"))
    parser.add_argument("--json", action="store_true", help=_("print JSON (a list of objects) instead of a table"))


def run(args) -> int:
    from zgc_desk.cli import open_db_from_args
    from zgc_desk.services.records import today
    from zgc_desk.services.subsidies import check
    from zgc_desk.subsidy_rules.table import format_check

    open_db_from_args(args)
    as_of = args.as_of or today()
    result = check(as_of=as_of, round_year=args.year, firm=args.firm, policies=args.policy,
                   scope="all" if args.all_items else "round")
    if args.json:
        print(json.dumps([d.as_dict() for d in result.decisions], ensure_ascii=False, indent=1))
    else:
        print(format_check(result, show_all_reasons=args.why))
    return 0
