"""Turning an exception into words for the user; bugs are logged with their traceback, never shown."""

from __future__ import annotations

import logging

import peewee

from zgc_desk.db import DatabaseError
from zgc_desk.errorlog import log_exception
from zgc_desk.errors import UserError
from zgc_desk.i18n import _

log = logging.getLogger("zgc_desk.ui")


def describe(exc: BaseException) -> str:
    if isinstance(exc, UserError | DatabaseError):
        return str(exc)
    if isinstance(exc, peewee.IntegrityError):
        return _("The change conflicts with a record saved since ({problem}). Refresh (F5) and try again.").format(
            problem=exc)
    if isinstance(exc, OSError):
        return _("Cannot use the file {path}: {problem}").format(
            path=getattr(exc, "filename", "") or "", problem=exc.strerror or exc)
    where = log_exception(exc)
    if where is None:
        return _("Unexpected internal error ({error}); no log could be written").format(error=type(exc).__name__)
    return _("Unexpected internal error ({error}); details were written to {path}").format(
        error=type(exc).__name__, path=where)
