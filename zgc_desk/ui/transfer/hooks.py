"""What this area attaches to a main window once: a workbook dropped onto the window opens the import
preview, and the start-up backup runs once the window has opened its database (``ready``)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject

from zgc_desk.i18n import _, format_datetime
from zgc_desk.io.backups import DamagedDatabase
from zgc_desk.services.transfer import startup_backup
from zgc_desk.ui.transfer.progress import show_status, window_now

log = logging.getLogger("zgc_desk.ui")

EXTRAS_KEY = "transfer_hooks"
_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove)


def dropped_workbook(mime: QMimeData | None) -> Path | None:
    """The first local ``.xlsx`` file among what is dragged, if any."""
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".xlsx"):
            return Path(url.toLocalFile())
    return None


class TransferHooks(QObject):
    def __init__(self, ctx):
        super().__init__(ctx.window)
        self.ctx = ctx
        self.backup_task = None
        self.restore_offered = None  # the restore list opened on a damaged database
        ctx.window.setAcceptDrops(True)
        ctx.window.installEventFilter(self)
        ready = getattr(ctx.window, "ready", None)
        if ready is not None:
            ready.connect(self.run_startup_backup)
        ctx.hub.changed.connect(self._edited)

    # ---- dropping a workbook ---------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind in _DRAG_EVENTS or kind == QEvent.Type.Drop:
            path = dropped_workbook(event.mimeData())
            if path is None:
                return False
            event.acceptProposedAction()
            if kind == QEvent.Type.Drop:
                from zgc_desk.ui.transfer.import_flow import import_workbook

                import_workbook(self.ctx, path)
            return True
        return super().eventFilter(watched, event)

    # ---- the start-up backup ---------------------------------------------------------------

    def run_startup_backup(self):
        """Once per window, off the GUI thread; at most one copy a day (the service decides).

        Closing the window before anything was changed does not wait for it (a second or more at
        100,000 patents): the data is then what the next start copies, and the copy becomes a
        backup only when whole (``os.replace``); cut short, the half-made copy is a recorded
        temporary that the next start removes (``atomic.clean_leftovers``). Once a change is made
        the copy of the data as it was before is worth waiting for (``_edited``)."""
        if self.backup_task is not None:
            return self.backup_task
        self.backup_task = self.ctx.tasks.run(startup_backup, window_now(self.ctx), on_result=self._backed_up,
                                              on_error=self._backup_failed, label=_("Backing up the database…"),
                                              abandon_on_close=True)
        return self.backup_task

    def _edited(self, _changed) -> None:
        if self.backup_task is not None:
            self.backup_task.abandon_on_close = False  # closing now waits for the day's copy

    def _backed_up(self, path: Path | None) -> None:
        if path is not None:
            show_status(self.ctx, _("Today's backup of the database was made ({when}); File → Restore backup… "
                                    "lists it").format(when=format_datetime(window_now(self.ctx), "short")), 8000)

    def _backup_failed(self, exc: BaseException) -> None:
        from zgc_desk.ui.errors import describe

        log.warning("start-up backup failed: %s", exc)
        if isinstance(exc, DamagedDatabase):
            self.offer_restore(exc)
            return
        show_status(self.ctx, _("The daily backup could not be made: {problem}").format(problem=describe(exc)),
                    30000)

    def offer_restore(self, exc: DamagedDatabase):
        """The database failed its check: say so, and offer the newest sound backup in the restore list."""
        from zgc_desk.ui.transfer.restore_dialog import restore_dialog

        newest = exc.newest_sound
        if newest is None:
            self.ctx.dialogs.error(_("The database is damaged"), str(exc))
            return None
        if not self.ctx.dialogs.confirm(_("The database is damaged"), str(exc) + "\n\n" +
                                        _("Open the list of backups to restore it now?")):
            return None
        dialog = restore_dialog(self.ctx)
        dialog.loaded.connect(lambda: dialog.select_backup(newest.path))
        self.restore_offered = dialog
        return dialog


def attach(ctx) -> TransferHooks:
    """Attach the hooks to the context's window (once; later calls return the same hooks)."""
    hooks = ctx.extras.get(EXTRAS_KEY)
    if hooks is None:
        hooks = ctx.extras[EXTRAS_KEY] = TransferHooks(ctx)
    return hooks
