"""File pickers, "open the folder" and the folders last used, for every area of the window.

The pickers are asked through ``ctx.dialogs`` (:class:`~zgc_desk.ui.context.Dialogs`), so tests script
them: no modal file dialog opens and no file manager is launched. Each area keeps only what is its own
on top of this module: its :class:`~zgc_desk.ui.settings.Setting` for the folder last used, its other
file filters and suffixes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from zgc_desk.i18n import _
from zgc_desk.ui.settings import Setting


def workbook_filter() -> str:
    return _("Excel workbook (*.xlsx)")


def _path(answer: str) -> Path | None:
    return Path(answer) if answer else None


def save_file(ctx, title: str, suggested: Path, file_filter: str) -> Path | None:
    """The file to write (None: cancelled)."""
    return _path(ctx.dialogs.save_file(title, suggested, file_filter))


def open_file(ctx, title: str, folder: Path, file_filter: str) -> Path | None:
    """An existing file to read (None: cancelled)."""
    return _path(ctx.dialogs.open_file(title, folder, file_filter))


def choose_folder(ctx, title: str, folder: Path) -> Path | None:
    return _path(ctx.dialogs.choose_folder(title, folder))


def open_folder(ctx, folder: Path) -> None:
    """Show a folder in the system's file manager."""
    ctx.dialogs.open_folder(Path(folder))


def ensure_suffix(path: Path, suffix: str) -> Path:
    """``path`` ending in ``suffix`` (added, not substituted: "report.v2" becomes "report.v2.pdf")."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def remembered_folder(ctx, setting: Setting) -> Path:
    """The folder last used for ``setting``, else the user's Documents folder."""
    remembered = ctx.settings.get(setting)
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def remember_folder(ctx, setting: Setting, folder: Path) -> None:
    ctx.settings.set(setting, str(folder))


def offer_to_open(ctx, path: Path, title: str, message: str | None = None) -> None:
    """Say what was written (by default: where) and offer to show its folder."""
    if message is None:
        message = _("{path} was written.").format(path=path)
    if ctx.dialogs.confirm(title, message + "\n\n" + _("Open the folder?")):
        open_folder(ctx, Path(path).parent)
