"""``zgc-desk rates --db PATH [--json]``: the exchange rates entered; ``rates set CUR RATE --as-of DATE
[--source TEXT]`` and ``rates remove CUR`` (each one undoable operation: ``zgc-desk undo``).

Foreign fees are shown in yuan as well only at these rates (``forecast``, the Due list, the session
report); no rate is ever assumed.
"""

from __future__ import annotations

import json

from zgc_desk.commands.arguments import iso_date
from zgc_desk.i18n import _

ACTIONS = ("set", "remove")


def add_arguments(parser) -> None:
    parser.description = _(
        "List the exchange rates entered (yuan for one unit of a currency, the day each holds for and its "
        "source). With an action: set the rate of a currency, or remove it. Foreign fees are shown in yuan as "
        "well only where a rate is entered, and the rate and its date are always named.")
    parser.epilog = _("Examples: rates set USD 7.1234 --as-of 2026-11-20 --source \"PBOC central parity\"; "
                      "rates remove USD; rates --json")
    parser.add_argument("action", nargs="?", choices=ACTIONS, metavar="ACTION", help=_("set CUR RATE or remove CUR"))
    parser.add_argument("currency", nargs="?", metavar="CUR", help=_("three-letter currency code, e.g. USD"))
    parser.add_argument("rate", nargs="?", metavar="RATE", help=_("for set: yuan for one unit, e.g. 7.1234"))
    parser.add_argument("--as-of", dest="as_of", type=iso_date, metavar="DATE",
                        help=_("for set: the day the rate holds for (default: today)"))
    parser.add_argument("--source", default="", metavar="TEXT", help=_("for set: where the rate comes from"))
    parser.add_argument("--json", action="store_true", help=_("print JSON (a list of objects) instead of a table"))
    parser.set_defaults(parser=parser)


def run(args) -> int:
    from zgc_desk.cli import open_db_from_args
    from zgc_desk.services import rates
    from zgc_desk.services.records import today

    if args.action and not args.currency:
        args.parser.error(_("{action} needs a currency code").format(action=args.action))
    if args.action == "set" and args.rate is None:
        args.parser.error(_("set needs a rate (yuan for one unit)"))
    open_db_from_args(args)
    if args.action == "set":
        rates.set_rate(args.currency, args.rate, args.as_of or today(), args.source)
        rate = rates.list_rates()[args.currency.strip().upper()]
        from zgc_desk.exchange import rate_words

        print(_("Rate entered: {rate}").format(rate=rate_words(rate)))
    elif args.action == "remove":
        rates.remove_rate(args.currency)
        print(_("Rate of {currency} removed").format(currency=args.currency.strip().upper()))
    else:
        _list(rates.list_rates(), args.json)
    return 0


def _list(found, as_json: bool) -> None:
    from zgc_desk.exchange import rate_words

    if as_json:
        print(json.dumps([{"currency": r.currency, "rate_cny": str(r.cny_per_unit), "as_of": r.as_of.isoformat(),
                           "source": r.source} for r in found.values()], ensure_ascii=False, indent=1))
        return
    if not found:
        print(_("No exchange rate entered: foreign fees stay in their own currency."))
    for rate in found.values():
        print(rate_words(rate) + (f" — {rate.source}" if rate.source else ""))
