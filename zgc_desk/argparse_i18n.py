"""argparse's own words ("usage:", "options", its error messages) in the language of the program.

argparse looks its texts up through gettext's module-level functions, in gettext's default domain,
at the moment it formats them. Pointing its module globals at ``zgc_desk.i18n`` routes them through
the ZGC Desk catalogue, so that ``zgc-desk --lang zh_CN --help`` is Chinese throughout. The
messages below are argparse's own (Python 3.11), marked so that extraction puts them into the
catalogue; any argparse text not listed simply stays English.
"""

from __future__ import annotations

import argparse

from zgc_desk.i18n import N_, _, ngettext

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("ignored explicit argument %r"),
)


def install() -> None:
    """Make argparse translate with the active ZGC Desk language (idempotent)."""
    argparse._ = _
    argparse.ngettext = ngettext
