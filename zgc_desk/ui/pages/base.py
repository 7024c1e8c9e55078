"""The base of every page (tab) of the main window.

The window's actions (Ctrl+N, Delete, Ctrl+F, F5, Edit, Copy number, Show family) call these
methods on the current page; a page overrides those that apply to it and says so in ``can``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


class Page(QWidget):
    status_changed = Signal()  # status_text() changed (counts shown in the status bar)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx

    def can(self, action: str) -> bool:
        """Whether ``action`` (new, edit, delete, copy, family, search) applies here right now."""
        return False

    def set_firm(self, firm_id: int | None) -> None:
        """The window switched to another firm (None: the database holds none)."""

    def refresh(self) -> None:
        """Re-read everything shown (F5)."""

    def focus_search(self) -> bool:
        return False

    def new_record(self):
        return None

    def edit_selected(self):
        return None

    def delete_selected(self) -> None:
        pass

    def copy_number(self) -> None:
        pass

    def show_family(self):
        return None

    def status_text(self) -> str:
        return ""
