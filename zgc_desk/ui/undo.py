"""The window's Undo / Redo: a thin adaptor over ``zgc_desk.operations``.

Every change the user makes is a service call, and every mutating service is an operation the core
records for undo (in the database, so the history survives a restart and ``zgc-desk undo`` shares
it). This module only publishes what a service changed through the window's hub and keeps the
Undo / Redo actions' text and state in step with the core's history.
"""

from __future__ import annotations

from collections.abc import Callable

import peewee
from PySide6.QtGui import QAction

from zgc_desk import operations
from zgc_desk.changes import Changed
from zgc_desk.errors import UserError
from zgc_desk.i18n import N_, _
from zgc_desk.services import records


class RecordEdits:
    """The window's door to the services for changes the user makes by hand, and its Undo / Redo."""

    def __init__(self, hub, report: Callable[[BaseException], None], inform: Callable[[str], None],
                 undo_action: QAction, redo_action: QAction):
        self.hub, self.report, self.inform = hub, report, inform
        self.undo_action, self.redo_action = undo_action, redo_action
        undo_action.triggered.connect(self.undo)
        redo_action.triggered.connect(self.redo)
        # Any change heard of (one's own, another window's or user's, an import or a restore that
        # cleared the history) may leave nothing to undo or redo: the actions follow at once.
        hub.changed.connect(lambda _changed: self.refresh())
        self.refresh()

    # -- changes ------------------------------------------------------------------------------------

    def done(self, changed: Changed) -> Changed:
        """A service (an operation) has run: tell the views, and Undo now offers it."""
        self.hub.publish(changed)
        self.refresh()
        return changed

    def create(self, kind: str, raw: dict, firm_id: int | None = None) -> int:
        """Store a new record (raises ValidationError, nothing stored); returns its id."""
        record_id, changed = records.create_record(kind, raw, firm_id=firm_id)
        self.done(changed)
        return record_id

    def create_with_file(self, kind: str, raw: dict, firm_id: int | None, file_name: str, content: bytes) -> int:
        """A new record with its first attachment, as one undoable step; returns the record's id."""
        from zgc_desk.services.attachments import record_with_file

        record_id, _attachment_id, changed = record_with_file(kind, raw, firm_id, file_name, content)
        self.done(changed)
        return record_id

    def update(self, kind: str, record_id: int, raw: dict, expected_version: int | None = None) -> Changed:
        """``expected_version``: the row version the editor read; a newer one raises EditConflict."""
        return self.done(records.update_record(kind, record_id, raw, expected_version=expected_version))

    def delete(self, kind: str, record_id: int) -> Changed:
        return self.done(records.delete_record(kind, record_id))

    def delete_many(self, kind: str, record_ids: list[int]) -> Changed:
        """Several records as one undoable step."""
        return self.done(records.delete_records(kind, record_ids))

    # -- undo and redo ------------------------------------------------------------------------------

    def undo(self) -> None:
        self._step(operations.undo)

    def redo(self) -> None:
        self._step(operations.redo)

    def _step(self, step: Callable[[], operations.Step]) -> None:
        try:
            result = step()
        except (operations.NothingToUndo, operations.NothingToRedo) as exc:
            self.refresh()  # the history was cleared meanwhile (an import elsewhere): the action goes off
            self.inform(str(exc))
            return
        except UserError as exc:  # the data moved on since (another user, an import): say why
            self.report(exc)
            self.refresh()
            return
        self.hub.publish(result.changed)
        self.refresh()

    def refresh(self) -> None:
        """Undo / Redo name what they would do, and are off when there is nothing (the history is
        the database's: it may change under the window, e.g. by ``zgc-desk undo``)."""
        try:
            labels = operations.next_undo(), operations.next_redo()
        except peewee.PeeweeException:  # no database open (yet)
            labels = None, None
        for action, label, plain, named in (
                (self.undo_action, labels[0], _("&Undo"), _("&Undo {what}")),
                (self.redo_action, labels[1], _("&Redo"), _("&Redo {what}"))):
            action.setEnabled(label is not None)
            action.setText(named.format(what=label) if label else plain)
            action.setToolTip(label or "")

    def history_cleared(self, what: str) -> None:
        """After an import or a restore the core has cleared the history: the window says so after
        ``what`` it reports, and Undo / Redo are off."""
        self.refresh()
        note = _(HISTORY_CLEARED)
        self.inform(_("{what}. {note}").format(what=what.rstrip(".。"), note=note) if what else note)


HISTORY_CLEARED = N_("Undo history cleared: this cannot be undone step by step (restore the backup taken "
                     "before it instead).")
