"""``zgc-desk notice add FILE.pdf --db PATH [--matter NO] [--type TYPE] [--dispatch-date DATE]
[--delivery electronic|paper] [--firm CODE] [--dry-run]``: read a notice PDF, propose its record,
attach the file (docs/cli.md).

The proposal is printed, each value with where it came from (the PDF, the option, the default). When
every required value is known and the matter is in the database, the notice is recorded with the
PDF attached (one operation: ``zgc-desk undo`` takes back both); otherwise exit 1 with what is
missing and the option that supplies it — nothing is guessed and nothing is written.
"""

from __future__ import annotations

from zgc_desk.commands.arguments import iso_date
from zgc_desk.i18n import N_, _

ACTIONS = ("add",)
# the option that supplies each required value
OPTION_FOR = {"matter_no": "--matter", "notice_type": "--type", "dispatch_date": "--dispatch-date"}
FIELD_NAMES = {"matter_no": N_("Matter number"), "notice_type": N_("Notice type"),
               "dispatch_date": N_("Dispatch date"), "delivery": N_("Delivery")}
SOURCES = {"pdf": N_("from the PDF"), "given": N_("given"), "default": N_("default: a PDF is served electronically")}


def add_arguments(parser) -> None:
    parser.description = _(
        "Read an official notice's PDF (its text layer), propose the notice's record — the application "
        "number, the notice's name and the dispatch date (发文日) — and record it with the PDF attached when "
        "every value is known and the matter is in the database. What the PDF lacks is given with the "
        "options; a scanned PDF without text needs all three.")
    parser.epilog = _("Examples: notice add office-action.pdf --db portfolio.db; "
                      "notice add 1.pdf --matter 202110344405.7 --type cn_oa_first --dispatch-date 2024-03-11")
    parser.add_argument("action", choices=ACTIONS, metavar="ACTION", help=_("add FILE.pdf"))
    parser.add_argument("file", metavar="FILE.pdf", help=_("the notice's PDF"))
    parser.add_argument("--matter", metavar="NO",
                        help=_("the application, PCT, overseas or trademark number the notice concerns "
                               "(instead of the one on the PDF)"))
    parser.add_argument("--type", dest="notice_type", metavar="TYPE",
                        help=_("the notice type: a key such as cn_oa_first or its Chinese name (instead of the "
                               "name on the PDF)"))
    parser.add_argument("--dispatch-date", dest="dispatch_date", type=iso_date, metavar="DATE",
                        help=_("the dispatch date (发文日), instead of the one on the PDF"))
    parser.add_argument("--delivery", choices=("electronic", "paper"),
                        help=_("how the notice was served (default: electronic, as a PDF is)"))
    parser.add_argument("--firm", metavar="CODE",
                        help=_("the firm, when the matter's number is recorded under several"))
    parser.add_argument("--dry-run", dest="dry_run", action="store_true",
                        help=_("only print the proposed record; write nothing"))


def _shown(key: str, value) -> str:
    if key == "notice_type":
        from zgc_desk.deadlines.notice_types import default_notice_rules
        from zgc_desk.i18n import current_language

        kind = default_notice_rules().types.get(value)
        return f"{value} {kind.label(current_language())}" if kind else str(value)
    if key == "dispatch_date":
        return value.isoformat()
    if key == "delivery":
        from zgc_desk.vocab import NOTICE_DELIVERIES

        return _(NOTICE_DELIVERIES.get(value, value))
    return str(value)


def print_proposal(proposal) -> None:
    from zgc_desk.vocab import RECORD_KINDS

    pages = proposal.reading.pages
    print(_("File: {file} ({pages} page(s) read)").format(file=proposal.file_name, pages=pages))
    if not proposal.reading.has_text:
        print(_("The PDF has no text layer (a scan?): nothing could be read from it."))
    for key in (*OPTION_FOR, "delivery"):
        label = _(FIELD_NAMES[key])
        if key in proposal.values:
            print(f"{label}: {_shown(key, proposal.values[key])} ({_(SOURCES[proposal.sources[key]])})")
        else:
            print(f"{label}: —")
    if proposal.firm_id is not None:
        print(_("Matter: {kind} {title}").format(kind=_(RECORD_KINDS[proposal.matter_kind]), title=proposal.matter_title))
        print(_("Firm: {name} ({code})").format(name=proposal.firm_name, code=proposal.firm_code))


def missing_message(proposal) -> str:
    lines = [_("The notice cannot be recorded from {file}; nothing was written:").format(file=proposal.file_name)]
    for key, why in proposal.missing.items():
        lines.append(_("- {field}: {why} — give it with {option}").format(
            field=_(FIELD_NAMES[key]), why=why, option=OPTION_FOR[key]))
    return "\n".join(lines)


def run(args) -> int:
    import sys

    from zgc_desk.cli import open_db_from_args
    from zgc_desk.services.notice_pdf import propose_notice, record_notice

    open_db_from_args(args)
    proposal, content = propose_notice(args.file, matter=args.matter, notice_type=args.notice_type,
                                       dispatch_date=args.dispatch_date, delivery=args.delivery,
                                       firm_code=args.firm)
    print_proposal(proposal)
    if proposal.missing:
        print(missing_message(proposal), file=sys.stderr)
        return 1
    if args.dry_run:
        print(_("Dry run: nothing was written."))
        return 0
    notice_id, _attachment_id, _changed = record_notice(proposal, content)
    print(_("Notice {id} recorded, with {file} attached.").format(id=notice_id, file=proposal.file_name))
    _print_deadline(notice_id)
    return 0


def _print_deadline(notice_id: int) -> None:
    from zgc_desk.deadlines.engine import make_context
    from zgc_desk.deadlines.notices import compute
    from zgc_desk.i18n import format_date
    from zgc_desk.services.notices import notice_facts, today

    computed = compute(notice_facts(notice_id), make_context(today()))
    if computed is not None:
        print(_("Answer due: {date}").format(date=format_date(computed.due, "iso")))
