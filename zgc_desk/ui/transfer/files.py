"""File pickers and "open the folder", asked through ``ctx.dialogs`` when it offers them.

The window's :class:`~zgc_desk.ui.context.Dialogs` has message boxes only; a dialogs object that also
has ``save_file(title, suggested, filter)``, ``open_file(title, folder, filter)`` or
``open_folder(folder)`` answers those (tests script them: no modal file dialog opens and no file
manager is launched). Otherwise Qt's own dialogs and ``QDesktopServices`` serve. Same protocol as
``zgc_desk.ui.subsidies.files``, so one scripted dialogs object serves both areas.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from zgc_desk.i18n import _
from zgc_desk.ui.settings import Setting

WORKBOOK_FOLDER = Setting("transfer/folder", "")  # where a workbook was last imported from or exported to


def workbook_filter() -> str:
    return _("Excel workbook (*.xlsx)")


def _asked(ctx, name: str):
    return getattr(ctx.dialogs, name, None)


def save_file(ctx, title: str, suggested: Path) -> Path | None:
    """The workbook to write (None: cancelled); ``.xlsx`` added when the name lacks it."""
    ask = _asked(ctx, "save_file")
    if ask is not None:
        answer = ask(title, suggested, workbook_filter())
    else:
        answer, _chosen = QFileDialog.getSaveFileName(ctx.window, title, str(suggested), workbook_filter())
    if not answer:
        return None
    path = Path(answer)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    remember_folder(ctx, path.parent)
    return path


def open_file(ctx, title: str) -> Path | None:
    """An existing workbook to read (None: cancelled)."""
    ask = _asked(ctx, "open_file")
    folder = workbook_folder(ctx)
    if ask is not None:
        answer = ask(title, folder, workbook_filter())
    else:
        answer, _chosen = QFileDialog.getOpenFileName(ctx.window, title, str(folder), workbook_filter())
    if not answer:
        return None
    remember_folder(ctx, Path(answer).parent)
    return Path(answer)


def open_folder(ctx, folder: Path) -> None:
    """Show a folder in the system's file manager."""
    ask = _asked(ctx, "open_folder")
    if ask is not None:
        ask(Path(folder))
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def workbook_folder(ctx) -> Path:
    """The folder last used for workbooks, else the user's Documents folder."""
    remembered = ctx.settings.get(WORKBOOK_FOLDER)
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def remember_folder(ctx, folder: Path) -> None:
    ctx.settings.set(WORKBOOK_FOLDER, str(folder))


def offer_to_open(ctx, title: str, message: str, path: Path) -> None:
    """Say what was written and offer to show its folder."""
    if ctx.dialogs.confirm(title, message + "\n\n" + _("Open the folder?")):
        open_folder(ctx, Path(path).parent)
