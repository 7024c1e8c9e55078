"""File → Open shared database… (a portfolio on a PostgreSQL server), the offer to copy the portfolio
open now into an empty shared database, and noticing other people's changes.

Others' changes are noticed by polling a cheap change counter — the highest change-log id, an
index look-up — every few seconds; when it moved, the new change-log entries say which records of
which firms changed, and the window's usual refresh (the change hub) redraws the views concerned
the way it does after one's own edits, keeping the selection.
"""

from __future__ import annotations

from zgc_desk.i18n import N_
from zgc_desk.ui.registry import ActionSpec

POLL_MS = 3000


def _open_shared(ctx):
    from PySide6.QtWidgets import QDialog

    from zgc_desk.i18n import _
    from zgc_desk.ui.dialogs.shared_db import SharedDatabaseDialog

    dialog = SharedDatabaseDialog(ctx)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    url = dialog.address().url
    ctx.tasks.run(inspect_shared, url, on_result=lambda found: _offer_copy_then_open(ctx, url, found),
                  on_error=ctx.show_error, label=_("Connecting to the shared database…"))


def inspect_shared(url: str) -> dict:
    """Off the GUI thread: is the server database reachable and empty, and does the database open now
    hold records that could move in?"""
    from zgc_desk.copy_db import is_empty
    from zgc_desk.db import DatabaseError, bound_database, database_path
    from zgc_desk.pgsql import check_connection

    check = check_connection(url)
    if not check.ok:
        raise DatabaseError(check.message)
    current = database_path()
    db = bound_database()
    return {"empty": check.is_empty, "current": current,
            "current_has_records": current is not None and db is not None and not is_empty(db)}


def _offer_copy_then_open(ctx, url: str, found: dict) -> None:
    from zgc_desk.i18n import _

    if found["empty"] and found["current_has_records"] and ctx.dialogs.confirm(
            _("Open shared database"),
            _("The shared database is empty. Copy the portfolio open now ({path}) into it, so that everyone "
              "works on it there? The copy is checked table by table; your file stays as it is.")
            .format(path=found["current"])):
        from zgc_desk.copy_db import copy_database

        ctx.tasks.run(copy_database, str(found["current"]), url, on_result=lambda _report: switch_to(ctx, url),
                      on_error=ctx.show_error, label=_("Copying the portfolio to the server…"), modal=True)
        return
    switch_to(ctx, url)


def switch_to(ctx, target) -> None:
    """Open another database behind the window (off the GUI thread) and reload the window from it."""
    from zgc_desk.db import open_database
    from zgc_desk.i18n import _

    window = ctx.window
    window.setEnabled(False)

    def opened(shown) -> None:
        ctx.db_path = shown
        if hasattr(window, "db_label"):
            window.db_label.setText(str(shown))
            window.db_label.setToolTip(_("Database: {path}").format(path=shown))
        window.setEnabled(True)
        window.load()

    def failed(exc) -> None:
        window.setEnabled(True)
        ctx.show_error(exc)

    ctx.tasks.run(open_database, target, on_result=opened, on_error=failed, label=_("Opening the database…"),
                  exclusive=True)  # no read runs on the database being left


class ChangeWatcher:
    """Polls the change counter; publishes others' changes on the window's change hub."""

    def __init__(self, ctx):
        from PySide6.QtCore import QTimer

        self.ctx = ctx
        self.seen: int | None = None
        self.db = None
        self.timer = QTimer(ctx.window)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        from zgc_desk.db import bound_database
        from zgc_desk.services.changes import changes_since, latest_change_id

        db = bound_database()
        if db is None or self.ctx.tasks.busy:  # nothing open, or the window's own work is running
            return
        try:
            if db is not self.db:  # another database: start counting from now
                self.db, self.seen = db, latest_change_id()
                return
            latest = latest_change_id()
            if latest == self.seen:
                return
            changed = changes_since(self.seen)
            self.seen = latest
        except Exception:  # a lost connection must not flood the user with messages every 3 s
            import logging

            logging.getLogger("zgc_desk.ui").debug("change poll failed", exc_info=True)
            return
        self.ctx.hub.publish(changed)


def attach(ctx):
    return ChangeWatcher(ctx)


ACTIONS = [
    ActionSpec("open_shared", "file", N_("Open &shared database…"), _open_shared, order=150,
               tip=N_("Open a portfolio several people share, on a PostgreSQL server")),
]
