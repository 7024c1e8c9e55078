"""``zgc-desk policies --db PATH [--json]``: the policies loaded, with their verified state, and
``policies import FILE.yaml`` / ``export ID --out FILE`` / ``remove ID`` / ``diff ID`` (docs/cli.md).

Policies are rule files (docs/policies.md): the shipped ones are the defaults; an imported or edited
one is kept in the database, so whoever shares the database shares it.
"""

from __future__ import annotations

import json
from pathlib import Path

from zgc_desk.i18n import _

ACTIONS = ("import", "export", "remove", "diff")


def add_arguments(parser) -> None:
    parser.description = _(
        "List the subsidy policies loaded (shipped, changed or added), with whether every figure is verified "
        "against its source. With an action: import a policy file (it adds a policy or replaces the one of "
        "its id; it is checked first and nothing changes when it has a problem), export one to a file, "
        "remove one kept in the database (a shipped policy goes back to its shipped rules), or show how a "
        "changed policy differs from the shipped one.")
    parser.epilog = _("Examples: policies --json; policies import new_policy.yaml; "
                      "policies export pledge_interest --out pledge_interest.yaml; policies remove district_ip")
    parser.add_argument("action", nargs="?", choices=ACTIONS, metavar="ACTION",
                        help=_("import FILE.yaml, export ID --out FILE, remove ID or diff ID"))
    parser.add_argument("target", nargs="?", metavar="FILE|ID", help=_("the policy file or the policy id"))
    parser.add_argument("--out", type=Path, metavar="FILE", help=_("for export: the file to write"))
    parser.add_argument("--json", action="store_true", help=_("print JSON (a list of objects) instead of a table"))
    parser.set_defaults(parser=parser)


def run(args) -> int:
    from zgc_desk.cli import open_db_from_args
    from zgc_desk.services import subsidies

    if args.action and not args.target:
        args.parser.error(_("{action} needs a policy file or id").format(action=args.action))
    if args.action == "export" and args.out is None:
        args.parser.error(_("export needs --out FILE"))
    open_db_from_args(args)
    if args.action == "import":
        policy = subsidies.import_policy(Path(args.target))
        print(_("{id} imported from {path}: {title}").format(id=policy.id, path=args.target, title=policy.title))
    elif args.action == "export":
        written = subsidies.export_policy(args.target, args.out)
        print(_("{id} written to {path}").format(id=args.target, path=written))
    elif args.action == "remove":
        done, _changed = subsidies.remove_policy(args.target)
        if done == "reverted":
            print(_("{id}: the database's copy was removed; the shipped rules apply again").format(id=args.target))
        else:
            print(_("{id} removed").format(id=args.target))
    elif args.action == "diff":
        lines = subsidies.policy_differences(args.target)
        print("\n".join(lines) if lines else _("{id}: no changes from the shipped rules").format(id=args.target))
    else:
        _list(subsidies.policy_infos(), args.json)
    return 0


def _list(infos, as_json: bool) -> None:
    if as_json:
        print(json.dumps([info.as_dict() for info in infos], ensure_ascii=False, indent=1))
        return
    origins = {"shipped": _("shipped"), "changed": _("changed"), "added": _("added")}
    for info in infos:
        state = _("verified") if info.verified else _("{n} of {total} values unverified").format(
            n=info.unverified, total=info.values)
        print(f"{info.id}\t{origins[info.origin]}\t{state}\t{info.title}")
