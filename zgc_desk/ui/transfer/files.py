"""Workbook pickers of this area: the ``.xlsx`` suffix and the folder last used for workbooks, on top
of ``zgc_desk.ui.files``."""

from __future__ import annotations

from pathlib import Path

from zgc_desk.ui import files
from zgc_desk.ui.settings import Setting

WORKBOOK_FOLDER = Setting("transfer/folder", "")  # where a workbook was last imported from or exported to


def workbook_folder(ctx) -> Path:
    """The folder last used for workbooks, else the user's Documents folder."""
    return files.remembered_folder(ctx, WORKBOOK_FOLDER)


def save_workbook(ctx, title: str, suggested: Path) -> Path | None:
    """The workbook to write (None: cancelled); ``.xlsx`` added when the name lacks it."""
    path = files.save_file(ctx, title, suggested, files.workbook_filter())
    if path is None:
        return None
    path = files.ensure_suffix(path, ".xlsx")
    files.remember_folder(ctx, WORKBOOK_FOLDER, path.parent)
    return path


def open_workbook(ctx, title: str) -> Path | None:
    """An existing workbook to read (None: cancelled)."""
    path = files.open_file(ctx, title, workbook_folder(ctx), files.workbook_filter())
    if path is not None:
        files.remember_folder(ctx, WORKBOOK_FOLDER, path.parent)
    return path
