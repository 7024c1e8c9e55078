"""``zgc-desk copy-db --from SRC --to DST``: copy a whole database, SQLite <-> PostgreSQL, verified."""

from __future__ import annotations

import sys

from zgc_desk.i18n import _


def add_arguments(parser) -> None:
    parser.add_argument("--from", dest="source", required=True, metavar="SRC",
                        help=_("the database to copy: a file or postgresql://USER@HOST[:PORT]/DBNAME"))
    parser.add_argument("--to", dest="target", required=True, metavar="DST",
                        help=_("the database to fill: a file (created when missing) or a server address"))
    parser.add_argument("--replace", "--force", dest="replace", action="store_true",
                        help=_("overwrite a target that already holds records"))


def run(args) -> int:
    from zgc_desk.copy_db import copy_database

    def progress(table: str, done: int, total: int) -> None:
        print(_("copying {table} ({done}/{total})").format(table=table, done=done, total=total), file=sys.stderr)

    report = copy_database(args.source, args.target, replace=args.replace, progress=progress)
    for table, check in report.tables.items():
        print(_("{table}: {count} rows, checksum {checksum}").format(table=table, count=check.rows,
                                                                    checksum=check.checksum[:16]))
    print(_("Copied and verified {count} rows.").format(count=report.total_rows))
    if report.files_missing:
        print(_("{count} attachment file(s) are missing in the source too and could not be copied; "
                "restore a backup of the source to get them back").format(count=len(report.files_missing)),
              file=sys.stderr)
    sys.stdout.flush()
    return 0
