"""What a window gives its pages, dialogs and contributed actions: one object, no globals.

- ``hub``: this window's change hub. Whatever changes data publishes the services' ``Changed`` value
  once (``hub.publish``); each view decides whether it concerns it. One hub per window, not a global
  bus.
- ``tasks``: the background-task helper; ``edits``: undoable changes through the services;
  ``dialogs``: message boxes and file pickers (tests replace it); ``settings``: per-machine UI state;
  ``today()``: the front end's clock (logic takes dates as arguments).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from zgc_desk.i18n import _
from zgc_desk.services.changes import Changed


class ChangeHub(QObject):
    changed = Signal(object)  # a services Changed
    firm_selected = Signal(object)  # firm id, or None when the database holds no firm
    selection_changed = Signal()  # the current page's selected records changed (action states)

    def publish(self, changed: Changed | None) -> None:
        if changed:
            self.changed.emit(changed)


class Dialogs:
    """Questions, messages and file pickers. Injected so that tests can answer without a modal loop.

    The pickers return the chosen path as text, "" when the user cancelled; ``zgc_desk.ui.files`` turns
    that into a ``Path`` or None and remembers folders.
    """

    def __init__(self, parent: QWidget):
        self.parent = parent

    def confirm(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(self.parent, title, text, buttons, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def choose(self, title: str, text: str, options: list[str]) -> int:
        """Ask with one button per option; returns the index chosen, the last one (cancel) on Escape."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, self.parent)
        buttons = [box.addButton(option, QMessageBox.ButtonRole.AcceptRole if i < len(options) - 1
                                 else QMessageBox.ButtonRole.RejectRole) for i, option in enumerate(options)]
        box.setEscapeButton(buttons[-1])
        box.exec()
        clicked = box.clickedButton()
        return buttons.index(clicked) if clicked in buttons else len(options) - 1

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def save_file(self, title: str, suggested: Path, file_filter: str) -> str:
        answer, _chosen = QFileDialog.getSaveFileName(self.parent, title, str(suggested), file_filter)
        return answer

    def open_file(self, title: str, folder: Path, file_filter: str) -> str:
        answer, _chosen = QFileDialog.getOpenFileName(self.parent, title, str(folder), file_filter)
        return answer

    def choose_folder(self, title: str, folder: Path) -> str:
        return QFileDialog.getExistingDirectory(self.parent, title, str(folder))

    def open_folder(self, folder: Path) -> None:
        """Show a folder in the system's file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def open_with_viewer(self, path: Path) -> None:
        """Open a file with the program the system uses for its type (an attachment's copy)."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class StderrDialogs(Dialogs):
    """For a window nobody watches (``--smoke``): questions and file pickers are declined, messages
    printed and kept, no folder is shown."""

    def __init__(self, problems: list[str]):
        super().__init__(None)
        self.problems = problems

    def confirm(self, title: str, text: str) -> bool:
        return False

    def choose(self, title: str, text: str, options: list[str]) -> int:
        print(f"{title}: {text}", file=sys.stderr)
        return len(options) - 1

    def error(self, title: str, text: str) -> None:
        self.problems.append(text)
        print(f"{title}: {text}", file=sys.stderr)

    def info(self, title: str, text: str) -> None:
        print(f"{title}: {text}", file=sys.stderr)

    def save_file(self, title: str, suggested: Path, file_filter: str) -> str:
        return ""

    def open_file(self, title: str, folder: Path, file_filter: str) -> str:
        return ""

    def choose_folder(self, title: str, folder: Path) -> str:
        return ""

    def open_folder(self, folder: Path) -> None:
        pass

    def open_with_viewer(self, path: Path) -> None:
        pass


@dataclass
class WindowContext:
    window: QWidget
    hub: ChangeHub
    tasks: object  # ui.tasks.TaskRunner
    edits: object  # ui.undo.RecordEdits
    settings: object  # ui.settings.UiSettings
    dialogs: Dialogs
    db_path: Path | None = None
    today: Callable[[], dt.date] = dt.date.today
    firm_id: int | None = None
    extras: dict = field(default_factory=dict)  # for contributed pages to share state
    # the current firm's summary as the firm list holds it (name, credit code...), without a query;
    # None when no firm is chosen or the window keeps no list
    current_firm: Callable[[], dict | None] = lambda: None

    def show_error(self, exc: BaseException) -> None:
        """A failure in plain words (user errors as they are, bugs logged)."""
        from zgc_desk.ui.errors import describe

        self.dialogs.error(_("ZGC Desk"), describe(exc))

    def open_editor(self, kind: str, record_id: int | None = None):
        """Open the add/edit dialog of a record (non-blocking); returns the dialog."""
        from zgc_desk.ui.dialogs.editor import RecordEditor

        editor = RecordEditor(self, kind, record_id, firm_id=self.firm_id)
        if kind == "firm" and record_id is None and "choose_firm" in self.extras:
            editor.saved.connect(self.extras["choose_firm"])  # work on the firm just added
        editor.open()
        return editor

    def show_family(self, kind: str, record_id: int):
        from zgc_desk.ui.dialogs.family import FamilyDialog

        dialog = FamilyDialog(self, kind, record_id)
        dialog.open()
        return dialog
