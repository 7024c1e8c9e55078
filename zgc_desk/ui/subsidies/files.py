"""File pickers and "open the folder", asked through ``ctx.dialogs`` when it offers them.

The window's :class:`~zgc_desk.ui.context.Dialogs` has message boxes only; a dialogs object that
also has ``save_file``, ``open_file``, ``choose_folder`` or ``open_folder`` answers those (tests
script them, so no modal file dialog opens and no file manager is launched). Otherwise Qt's own
dialogs and ``QDesktopServices`` serve.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from zgc_desk.i18n import _
from zgc_desk.ui.settings import Setting

DOCUMENTS_FOLDER = Setting("documents/folder", "")  # where forms and reports were last written
RULES_FOLDER = Setting("documents/rules_folder", "")  # where rule files were last imported or exported


def _asked(ctx, name: str):
    return getattr(ctx.dialogs, name, None)


def save_file(ctx, title: str, suggested: Path, file_filter: str) -> Path | None:
    """The file to write (None: cancelled)."""
    ask = _asked(ctx, "save_file")
    if ask is not None:
        answer = ask(title, suggested, file_filter)
    else:
        answer, _chosen = QFileDialog.getSaveFileName(ctx.window, title, str(suggested), file_filter)
    return Path(answer) if answer else None


def open_file(ctx, title: str, folder: Path, file_filter: str) -> Path | None:
    """An existing file to read (None: cancelled)."""
    ask = _asked(ctx, "open_file")
    if ask is not None:
        answer = ask(title, folder, file_filter)
    else:
        answer, _chosen = QFileDialog.getOpenFileName(ctx.window, title, str(folder), file_filter)
    return Path(answer) if answer else None


def choose_folder(ctx, title: str, folder: Path) -> Path | None:
    ask = _asked(ctx, "choose_folder")
    if ask is not None:
        answer = ask(title, folder)
    else:
        answer = QFileDialog.getExistingDirectory(ctx.window, title, str(folder))
    return Path(answer) if answer else None


def open_folder(ctx, folder: Path) -> None:
    """Show a folder in the system's file manager."""
    ask = _asked(ctx, "open_folder")
    if ask is not None:
        ask(Path(folder))
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def documents_folder(ctx, setting: Setting = DOCUMENTS_FOLDER) -> Path:
    """The folder last used for ``setting``, else the user's Documents folder."""
    remembered = ctx.settings.get(setting)
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def remember_folder(ctx, folder: Path, setting: Setting = DOCUMENTS_FOLDER) -> None:
    ctx.settings.set(setting, str(folder))


def offer_to_open(ctx, path: Path, title: str) -> None:
    """Say where a document was written and offer to show its folder."""
    question = _("{path} was written.").format(path=path) + "\n\n" + _("Open the folder?")
    if ctx.dialogs.confirm(title, question):
        open_folder(ctx, Path(path).parent)
