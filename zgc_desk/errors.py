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


class EditConflict(UserError):
    """Someone else saved the record after it was read here (optimistic locking): nothing was written.
    ``who``/``when`` name that last change; the user may reload the record or overwrite it knowingly."""

    def __init__(self, message: str, *, kind: str, record_id: int, who: str, when, current_version: int):
        super().__init__(message)
        self.kind, self.record_id = kind, record_id
        self.who, self.when, self.current_version = who, when, current_version
