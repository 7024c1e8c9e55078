"""Keeping deadlines ahead: once the window's deadline lists are shown, the records the deadline
cache does not hold for today yet are computed and kept in the background (quietly, a batch at a
time, stopped at close or by a restore), so that the next lists — and tomorrow's — are mostly
queries. The first listing of a large portfolio keeps only a part of it, to be shown sooner."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from zgc_desk.services.deadline_store import store_path
from zgc_desk.services.deadlines import keep_deadlines

log = logging.getLogger(__name__)

RETRY_MS = 2000  # while the user's own work runs, ask again this much later


class KeepingAhead(QObject):
    def __init__(self, ctx, pages, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._kept_for = None  # (cache file, day) last kept ahead
        self._task = None
        self._retry = QTimer(self)  # one pending retry however many lists were shown meanwhile
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.soon)
        for page in pages:
            page.loaded.connect(self.soon)

    def soon(self) -> None:
        """After a list was shown: keep ahead, once a day for each database, when nothing else runs."""
        if self._task is not None:
            return
        try:
            key = (store_path(), self.ctx.today())
        except Exception:  # noqa: BLE001 - no database open (being swapped): nothing to keep
            return
        if key[0] is None or key == self._kept_for:
            return
        if self.ctx.tasks.busy:
            self._retry.start()
            return
        self._kept_for = key
        self._task = self.ctx.tasks.run(keep_deadlines, as_of=key[1], on_result=self._ended, on_error=self._failed,
                                        quiet=True, stoppable=True, abandon_on_close=True)

    def _ended(self, kept: int) -> None:
        self._task = None
        log.info("deadlines kept ahead for %d records", kept)

    def _failed(self, exc: BaseException) -> None:
        # a head start only: the lists compute what is not kept, so nothing is shown to the user
        self._task = None
        self._kept_for = None
        log.warning("keeping deadlines ahead failed (%s)", exc, exc_info=exc)
