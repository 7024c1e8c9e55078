"""File → Import workbook… and a workbook dropped onto the window: check the workbook off the GUI
thread (progress, Cancel), then show :class:`ImportPreviewDialog`, which writes only when told to."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from zgc_desk.i18n import _
from zgc_desk.services.transfer import preview_import
from zgc_desk.ui.transfer.files import open_workbook
from zgc_desk.ui.transfer.progress import ProgressTask, show_status


class ImportFlow(QObject):
    """One import, from the chosen file to the preview dialog."""

    previewed = Signal(object)  # the ImportPreviewDialog, shown
    cancelled = Signal()

    def __init__(self, ctx, path: Path):
        super().__init__(ctx.window)
        self.ctx, self.path = ctx, Path(path)
        self.dialog = None
        self.task: ProgressTask | None = None

    def start(self) -> ImportFlow:
        self.task = ProgressTask(self.ctx, _("Checking {file}…").format(file=self.path.name), cancellable=True)
        self.task.start(preview_import, self.path, on_result=self._checked, on_error=self._failed,
                        on_cancel=self._cancelled)
        return self

    def _checked(self, plan) -> None:
        if self.task is not None and self.task.cancelled:  # Cancel pressed as the check ended
            self._cancelled()
            return
        from zgc_desk.ui.transfer.preview_dialog import ImportPreviewDialog

        self.dialog = ImportPreviewDialog(self.ctx, plan)
        self.dialog.finished.connect(lambda _result: self.deleteLater())
        self.dialog.open()
        self.previewed.emit(self.dialog)

    def _cancelled(self) -> None:
        show_status(self.ctx, _("Import cancelled; nothing was written."))
        self.cancelled.emit()
        self.deleteLater()

    def _failed(self, exc: BaseException) -> None:
        self.ctx.show_error(exc)
        self.deleteLater()


def import_workbook(ctx, path: Path | None = None) -> ImportFlow | None:
    """Ask for a workbook (unless given one) and check it; None when the user chose none."""
    if path is None:
        path = open_workbook(ctx, _("Import workbook"))
        if path is None:
            return None
    return ImportFlow(ctx, path).start()
