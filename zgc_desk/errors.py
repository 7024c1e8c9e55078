"""Errors a user can act on. Front ends show their message; they never show a traceback.

They live at the bottom of the layers (beside ``i18n``) so that every layer can raise them.
"""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix: a bad value, an unknown firm, an unreadable file."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFound(UserError):
    pass


class ValidationError(UserError):
    """Field-level problems: ``errors`` maps a field key to a message in plain words."""

    def __init__(self, errors: dict[str, str], labels: dict[str, str] | None = None):
        self.errors = dict(errors)
        labels = labels or {}
        lines = [f"{labels.get(key, key)}: {message}" for key, message in self.errors.items()]
        super().__init__("; ".join(lines))
