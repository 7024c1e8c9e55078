"""The errors a user can act on live in :mod:`zgc_desk.errors` (low, so that ``io/``, ``forms/`` and
``subsidy_rules/`` raise them without importing the services); kept here under their old name."""

from zgc_desk.errors import EditConflict, NotFound, UserError, ValidationError

__all__ = ["EditConflict", "NotFound", "UserError", "ValidationError"]
