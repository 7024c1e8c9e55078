"""``zgc-desk demo --db PATH``: write the demo portfolio into a database."""

from __future__ import annotations

import datetime as dt

from zgc_desk.i18n import _


def add_arguments(parser) -> None:
    parser.add_argument("--as-of", dest="as_of", type=dt.date.fromisoformat, default=None, metavar="DATE",
                        help=_("date the demo is built around (default: today)"))
    parser.add_argument("--force", action="store_true",
                        help=_("write the demo even if the database already holds firms"))


def run(args) -> int:
    from zgc_desk.cli import open_db_from_args
    from zgc_desk.demo import write_demo
    from zgc_desk.errors import UserError
    from zgc_desk.models import Firm

    path = open_db_from_args(args)
    if Firm.select().exists() and not args.force:
        raise UserError(_("{path} already holds firms; use --force to add the demo firms anyway").format(path=path))
    counts = write_demo(anchor=args.as_of or dt.date.today())
    print(_("Demo database written to {path}: {firms} firms, {patents} patents, {pcts} PCT applications, "
            "{overseas} overseas filings, {trademarks} trademarks").format(
        path=path, firms=counts["firm"], patents=counts["patent"], pcts=counts["pct"],
        overseas=counts["overseas"], trademarks=counts["trademark"]))
    return 0
