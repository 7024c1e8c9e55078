"""Undoable changes: every add, edit and delete goes through the services and onto the window's
QUndoStack (Ctrl+Z / Ctrl+Y). The first run happens before the command is pushed, so that a
validation error reaches the editor and nothing is pushed; undo and redo call the services again,
so each of them is also written to the change log.
"""

from __future__ import annotations

from collections.abc import Callable

import peewee
from PySide6.QtGui import QUndoCommand, QUndoStack

from zgc_desk.columns import display_number
from zgc_desk.i18n import _
from zgc_desk.services import records
from zgc_desk.services.changes import Changed
from zgc_desk.services.errors import UserError
from zgc_desk.vocab import RECORD_KINDS


class ServiceCommand(QUndoCommand):
    """An undo step whose ``_do``/``_undo`` call services and return a ``Changed``; the base of every
    area's undoable steps. Its work is done before it is pushed (:meth:`RecordEdits.push`)."""

    def __init__(self, edits: RecordEdits, text: str):
        super().__init__(text)
        self.edits = edits
        self._done_once = True  # the first redo() is the push: the work is already done

    def redo(self) -> None:
        if self._done_once:
            self._done_once = False
            return
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, step: Callable[[], Changed]) -> None:
        try:
            changed = step()
        except (UserError, peewee.IntegrityError) as exc:
            # The data moved on (record edited elsewhere, number taken): drop this step, say why.
            self.setObsolete(True)
            self.edits.report(exc)
            return
        self.edits.hub.publish(changed)

    def _do(self) -> Changed:
        raise NotImplementedError

    def _undo(self) -> Changed:
        raise NotImplementedError


class _Create(ServiceCommand):
    def __init__(self, edits, kind: str, record_id: int, label: str):
        super().__init__(edits, _("Add {what}").format(what=label))
        self.kind, self.record_id, self.snapshot = kind, record_id, None

    def _undo(self) -> Changed:
        self.snapshot, changed = records.delete_record(self.kind, self.record_id)
        return changed

    def _do(self) -> Changed:
        return records.restore_record(self.snapshot)


class _Update(ServiceCommand):
    def __init__(self, edits, kind: str, record_id: int, before: dict, after: dict, label: str):
        super().__init__(edits, _("Edit {what}").format(what=label))
        self.kind, self.record_id, self.before, self.after = kind, record_id, before, after

    def _undo(self) -> Changed:
        return records.update_record(self.kind, self.record_id, self.before)

    def _do(self) -> Changed:
        return records.update_record(self.kind, self.record_id, self.after)


class _Delete(ServiceCommand):
    def __init__(self, edits, kind: str, snapshot: dict, label: str):
        super().__init__(edits, _("Delete {what}").format(what=label))
        self.kind, self.snapshot = kind, snapshot

    def _undo(self) -> Changed:
        return records.restore_record(self.snapshot)

    def _do(self) -> Changed:
        self.snapshot, changed = records.delete_record(self.kind, self.snapshot["row"]["id"])
        return changed


def _label(kind: str, record) -> str:
    row = record if isinstance(record, dict) else record.__data__
    name = row.get("name", "") if kind == "firm" else display_number(kind, row)
    return f"{_(RECORD_KINDS[kind])} {name}".strip()


class RecordEdits:
    """The window's door to the services for changes the user makes by hand."""

    def __init__(self, stack: QUndoStack, hub, report: Callable[[BaseException], None]):
        self.stack, self.hub, self.report = stack, hub, report

    def push(self, command: ServiceCommand, changed: Changed) -> Changed:
        """Put a step whose work is done (``changed``) on the undo stack and publish what it changed."""
        self.stack.push(command)
        self.hub.publish(changed)
        return changed

    def create(self, kind: str, raw: dict, firm_id: int | None = None) -> int:
        """Store a new record (raises ValidationError, nothing pushed); returns its id."""
        record_id, changed = records.create_record(kind, raw, firm_id=firm_id)
        label = _label(kind, records.get_record(kind, record_id))
        self.push(_Create(self, kind, record_id, label), changed)
        return record_id

    def update(self, kind: str, record_id: int, raw: dict, expected_version: int | None = None) -> Changed:
        """``expected_version``: the row version the editor read; a newer one raises EditConflict."""
        record = records.get_record(kind, record_id)
        before = records.record_values(kind, record)
        changed = records.update_record(kind, record_id, raw, expected_version=expected_version)
        if changed:
            after = records.record_values(kind, records.get_record(kind, record_id))
            keys = [key for key in after if key in raw and after[key] != before.get(key)]
            self.push(_Update(self, kind, record_id, {k: before[k] for k in keys}, {k: after[k] for k in keys},
                              _label(kind, record)), changed)
        return changed

    def delete(self, kind: str, record_id: int) -> Changed:
        label = _label(kind, records.get_record(kind, record_id))
        snapshot, changed = records.delete_record(kind, record_id)
        return self.push(_Delete(self, kind, snapshot, label), changed)

    def delete_many(self, kind: str, record_ids: list[int]) -> Changed:
        """Several records as one undoable step."""
        changed = Changed()
        self.stack.beginMacro(_("Delete {count} records").format(count=len(record_ids)))
        try:
            for record_id in record_ids:
                changed.merge(self.delete(kind, record_id))
        finally:
            self.stack.endMacro()
        return changed
