"""The command line (docs/cli.md): ``zgc-desk [--db PATH] [--lang zh_CN|en] [COMMAND ...]``.

Each command's work lives in ``zgc_desk/commands/<name>.py`` as ``add_arguments(parser)`` and
``run(args) -> int``, calling the services. Exit codes: 0 success, 1 a user error (plain message on
stderr, no traceback), 2 bad usage (argparse).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import sqlite3
import sys
from pathlib import Path

import peewee

from zgc_desk import __version__, argparse_i18n
from zgc_desk.i18n import N_, _, set_language

# name -> one-line help (English msgid; translated when the parser is built)
COMMANDS = {
    "demo": N_("write a demo database"),
    "template": N_("write a blank import workbook"),
    "import": N_("import a portfolio workbook (all or nothing)"),
    "export": N_("export the portfolio to a workbook (same layout as import)"),
    "deadlines": N_("list deadlines"),
    "check": N_("check subsidy eligibility"),
    "fill": N_("fill in a subsidy application (Excel or PDF)"),
    "policies": N_("list, import, export or remove subsidy policies"),
    "report": N_("write the advisor's session report (PDF)"),
    "ics": N_("write deadlines as an iCalendar file"),
    "undo": N_("undo the last operation"),
    "redo": N_("redo the last operation undone"),
    "copy-db": N_("copy a whole database (SQLite <-> PostgreSQL), verified"),
    "forecast": N_("forecast the official fees of the coming years"),
    "notice": N_("read a notice PDF, propose its record, attach the file"),
    "rates": N_("list, set or remove the exchange rates foreign fees are shown in yuan at"),
}

log = logging.getLogger("zgc_desk")
DATABASE_ERRORS = (sqlite3.DatabaseError, peewee.DatabaseError)


def _pre_language(argv: list[str]) -> str | None:
    """The --lang value, read before the parser exists so that its help is translated."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    # A string, not a Path: a server address postgresql://USER@HOST/DB would lose a slash as a Path.
    parser.add_argument("--db", default=default, metavar="PATH",
                        help=_("database file (created when missing; default: the one in your data folder) "
                               "or a PostgreSQL server postgresql://USER@HOST[:PORT]/DBNAME"))
    parser.add_argument("--lang", choices=["zh_CN", "en"], default=default,
                        help=_("language of messages (default: the system's, Chinese otherwise)"))


def build_parser() -> argparse.ArgumentParser:
    argparse_i18n.install()  # "usage:", "options" and argparse's errors in the chosen language
    parser = argparse.ArgumentParser(
        prog="zgc-desk",
        description=_("ZGC Desk: IP portfolio, deadlines and subsidy claims for Zhongguancun firms. "
                      "Without a command, opens the window."),
    )
    parser.add_argument("--version", action="version", version=f"ZGC Desk {__version__}",
                        help=_("show the program's version and exit"))
    _common(parser, suppress=False)
    parser.add_argument("--smoke", action="store_true",
                        help=_("start the window on a fresh demo database offscreen, close it and exit 0"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        command_parser = sub.add_parser(name, help=_(help_text), description=_(help_text))
        _common(command_parser, suppress=True)
        _command_module(name).add_arguments(command_parser)
    return parser


def _command_module(name: str):
    """``zgc_desk.commands.<name>_cmd``: every command in ``COMMANDS`` has one (``add_arguments``, ``run``)."""
    return importlib.import_module(f"zgc_desk.commands.{name.replace('-', '_')}_cmd")


def main(argv: list[str] | None = None) -> int:
    from zgc_desk.errorlog import quiet_writer_cleanup

    quiet_writer_cleanup()  # a failed workbook save is one plain line, not pages of "Exception ignored"
    argv = list(sys.argv[1:] if argv is None else argv)
    with contextlib.suppress(ValueError):  # argparse reports a bad --lang itself
        set_language(_pre_language(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    set_language(args.lang)
    if args.command is None:
        from zgc_desk.ui.app import run_app  # imported late: the other commands never load Qt

        return run_app(db_path=args.db, language=args.lang, smoke=args.smoke)
    return run_command(_command_module(args.command).run, args)


def run_command(func, args) -> int:
    """Run a command; user errors become one line on stderr and exit 1, never a traceback."""
    from zgc_desk.commands.output_guard import guard_outputs
    from zgc_desk.db import DatabaseError, close_database
    from zgc_desk.errors import UserError

    try:
        guard_outputs(args)
        return func(args) or 0
    except (UserError, DatabaseError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except DATABASE_ERRORS as exc:  # damaged, a table or column missing, locked, read-only...
        from zgc_desk.errorlog import log_exception

        log_exception(exc)
        print(_("The database cannot be used ({problem}); it may be damaged, read-only or changed by another "
                "program. Nothing was changed; restore a backup (File → Restore backup… in the window).")
              .format(problem=exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(_("Cannot use the file {path}: {problem}").format(
            path=getattr(exc, "filename", "") or "", problem=exc.strerror or exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("Interrupted."), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: say so plainly, keep the details in the log file
        from zgc_desk.errorlog import log_exception

        where = log_exception(exc)
        if where is None:
            print(_("Unexpected internal error ({error}); no log could be written").format(
                error=type(exc).__name__), file=sys.stderr)
        else:
            print(_("Unexpected internal error ({error}); details were written to {path}").format(
                error=type(exc).__name__, path=where), file=sys.stderr)
        return 1
    finally:
        close_database()


def open_db_from_args(args) -> Path | str:
    """Open the database named by ``--db`` (or the default one) for a command."""
    from zgc_desk.db import open_database
    from zgc_desk.paths import default_database_path

    opened = open_database(getattr(args, "db", None) or default_database_path())
    from zgc_desk.io.atomic import clean_at_start

    clean_at_start(opened if isinstance(opened, Path) else None)  # what a killed run left behind
    from zgc_desk.migrations import take_notes
    from zgc_desk.services.old_rules import adopt_old_rule_files

    adopt_old_rule_files()  # the previous version's Policies-page edits, carried into the database once

    for note in take_notes():  # e.g. where the backup before an upgrade went
        print(note, file=sys.stderr)
    return opened
