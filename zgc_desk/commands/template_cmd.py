"""``zgc-desk template --out FILE.xlsx``: the blank import workbook (layout: docs/workbook.md)."""

from __future__ import annotations

from pathlib import Path

from zgc_desk.i18n import _


def add_arguments(parser) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx",
                        help=_("where to write the blank workbook"))


def run(args) -> int:
    from zgc_desk.services.transfer import write_template

    out = write_template(args.out)
    print(_("Blank import workbook written to {path}").format(path=out))
    return 0
