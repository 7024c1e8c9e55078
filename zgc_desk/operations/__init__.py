"""Operations: every change to the data is one operation in one transaction, recorded so that it can
be undone and redone — by the window, by ``zgc-desk undo`` / ``zgc-desk redo``, after a restart.

Anki's ``CollectionOp`` / ``OpChanges`` are the model: a mutation returns what it changed, and undo
lives beside the data. Here the database itself records what an operation did: while it runs,
temporary triggers (:mod:`.capture`) copy the before- and after-image of every row it inserts,
updates or deletes — in any table, including the rows foreign keys reach (claims of a deleted firm,
the PCT whose Chinese priority was deleted) and the change-log entries — into ``undo_row``, in the
same transaction as the change. Undo puts the before-images back in reverse order; redo puts the
after-images back in order. What changed (:class:`zgc_desk.changes.Changed`) is worked out from the
same rows, so a service, its undo and its redo report the kinds and ids alike.

How a service becomes an operation::

    from zgc_desk.operations import operation

    def rename_firm(firm_id: int, name: str) -> Changed:
        with operation(Label(N_("Rename firm"))) as op:   # one transaction; joins an enclosing one
            ...write through peewee or SQL as usual...
            op.label = Label(N_("Rename firm {name}"), name=name)   # may be set once known
        return op.changed   # worked out from the rows the operation touched

A :class:`~.labels.Label` (message id and arguments) is shown in the language of whoever reads
the history later; plain text is shown as it is. Nothing else: a new model or table is captured because it exists (the triggers are built from the
live schema), so notices, attachments or pledge loans need no undo code. Give a new table its
:class:`~zgc_desk.changes.Kind` in ``zgc_desk.changes.TABLE_KINDS`` so that views hear of it (until
then it counts as ``Kind.OTHER``, which refreshes every view).

Safety rules:
- Each user has their own history (``undo_op.user``); undo takes that user's last done operation,
  redo the one they undid last. Any new operation of theirs drops what they could redo.
- Undo and redo first check that every row is still as the operation left it (another user, a
  later import, the ``sqlite3`` shell may have changed it); if not, nothing is changed and the user
  is told. Foreign keys are checked at commit, so the order of rows within an operation is free.
- Writes that cannot be undone row by row (an import of 100,000 rows, a restore, a schema upgrade)
  run with ``operation(..., undoable=False)`` or call :func:`clear_history`: the history is
  cleared and the result says so; the backup taken before them is their undo.
"""

from __future__ import annotations

import getpass
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from peewee import fn

from zgc_desk.changes import Changed
from zgc_desk.db import retrying, write_transaction
from zgc_desk.errors import UserError
from zgc_desk.i18n import _
from zgc_desk.migrations import current_version
from zgc_desk.models import ChangeLog, database, utcnow
from zgc_desk.operations import capture, labels
from zgc_desk.operations.labels import Label
from zgc_desk.operations.log import UndoOp, UndoRow
from zgc_desk.operations.replay import Row, apply, changed_of, is_noop, load_rows, touched_records

__all__ = ["Label", "NothingToRedo", "NothingToUndo", "Operation", "Step", "clear_history", "current_user",
           "next_redo", "next_undo", "operation", "redo", "undo"]

HISTORY_KEPT = 100  # operations kept per user


class NothingToUndo(UserError):
    pass


class NothingToRedo(UserError):
    pass


@dataclass
class Operation:
    """A running operation (or a part of one, when nested); ``changed`` is filled when it ends."""

    op_id: int | None
    label: Label | str = ""
    start: int = 0  # undo_row ids above this belong to this part
    changed: Changed = field(default_factory=Changed)
    history_cleared: bool = False


@dataclass(frozen=True)
class Step:
    """An operation done, undone or redone: its label and what it changed."""

    label: str
    changed: Changed


_local = threading.local()  # peewee gives each thread its own connection, so its own operations


def _stack() -> list[Operation]:
    if not hasattr(_local, "stack"):
        _local.stack = []
    return _local.stack


def current_user() -> str:
    """Whose history an operation joins, and who the change log names: the database role on a shared
    server (each person connects as their own), otherwise the login name."""
    from zgc_desk.db import connection_user

    role = connection_user()
    if role:
        return role
    try:
        return getpass.getuser()
    except Exception:  # no login name on some Windows service accounts
        return ""


@contextmanager
def operation(label: Label | str = "", *, undoable: bool = True, user: str | None = None) -> Iterator[Operation]:
    """Run the block as one operation in one transaction (see the module's docstring)."""
    stack = _stack()
    if stack:  # a part of the enclosing operation: same transaction, same undo step
        outer = stack[0]
        part = Operation(outer.op_id, label, _last_row_id() if outer.op_id is not None else 0)
        stack.append(part)
        try:
            yield part
        finally:
            stack.pop()
        if outer.op_id is not None:
            part.changed = changed_of(load_rows(outer.op_id, after=part.start))
        return
    with write_transaction():
        if not undoable:
            op = Operation(None, label)
            stack.append(op)
            try:
                yield op
            finally:
                stack.pop()
            clear_history()
            op.history_cleared = True
            return
        capture.ensure_triggers()
        op = Operation(_open(label, user), label)
        capture.capture_into(op.op_id)
        stack.append(op)
        try:
            yield op
        finally:
            stack.pop()
        capture.capture_into(None)
        op.changed = _close(op, user)


def _last_row_id() -> int:
    return UndoRow.select(fn.COALESCE(fn.MAX(UndoRow.id), 0)).scalar()


def _open(label: Label | str, user: str | None) -> int:
    return UndoOp.create(user=current_user() if user is None else user, label=labels.store(label), at=utcnow(),
                         state="open", schema=current_version(database.obj)).id


def _close(op: Operation, user: str | None) -> Changed:
    rows = load_rows(op.op_id)
    noops = [row.id for row in rows if is_noop(row)]
    for start in range(0, len(noops), 500):
        UndoRow.delete().where(UndoRow.id.in_(noops[start:start + 500])).execute()
    if len(noops) == len(rows):  # nothing changed: nothing to undo
        UndoOp.delete().where(UndoOp.id == op.op_id).execute()
        return Changed()
    who = current_user() if user is None else user
    _drop((UndoOp.user == who) & (UndoOp.state == "undone"))  # a new step ends what could be redone
    UndoOp.update(state="done", label=labels.store(op.label)).where(UndoOp.id == op.op_id).execute()
    kept = UndoOp.select(UndoOp.id).where(UndoOp.user == who).order_by(UndoOp.id.desc()).limit(HISTORY_KEPT)
    _drop((UndoOp.user == who) & UndoOp.id.not_in([row.id for row in kept]))
    return changed_of(rows)


def _drop(condition) -> None:
    ids = [row.id for row in UndoOp.select(UndoOp.id).where(condition)]
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        UndoRow.delete().where(UndoRow.op_id.in_(chunk)).execute()
        UndoOp.delete().where(UndoOp.id.in_(chunk)).execute()


def clear_history() -> None:
    """Forget every user's undo history (after an import, a restore, a schema upgrade)."""
    with database.atomic():
        UndoRow.delete().execute()
        UndoOp.delete().execute()
        capture.reset()  # a restore may have replaced the schema under this connection


# ---- undo and redo -----------------------------------------------------------------------------

def _next(user: str | None, state: str, order: str) -> tuple[int, str] | None:
    """The id and label (as shown) of the user's next step to undo or redo (None: none, or no
    database open yet)."""
    if database.obj is None:
        return None
    found = (UndoOp.select(UndoOp.id, UndoOp.label)
             .where((UndoOp.user == (current_user() if user is None else user)) & (UndoOp.state == state)
                    & (UndoOp.schema == current_version(database.obj)))
             .order_by(UndoOp.id.desc() if order == "DESC" else UndoOp.id).first())
    return None if found is None else (found.id, labels.shown(found.label))


def next_undo(user: str | None = None) -> str | None:
    """The label of what :func:`undo` would undo, or None."""
    found = _next(user, "done", "DESC")
    return None if found is None else found[1]


def next_redo(user: str | None = None) -> str | None:
    found = _next(user, "undone", "ASC")
    return None if found is None else found[1]


@retrying
def undo(user: str | None = None) -> Step:
    """Undo the user's last operation; raises NothingToUndo, or UserError when the data moved on."""
    if _stack():
        raise RuntimeError("undo() inside an operation")
    with write_transaction():
        found = _next(user, "done", "DESC")
        if found is None:
            raise NothingToUndo(_("Nothing to undo"))
        op_id, label = found
        rows = load_rows(op_id)
        _replay(op_id, label, list(reversed(rows)), backwards=True)
        UndoOp.update(state="undone").where(UndoOp.id == op_id).execute()
        _log_step(rows, "undo", label)
    return Step(label, changed_of(rows))


@retrying
def redo(user: str | None = None) -> Step:
    """Redo what the user undid last; raises NothingToRedo, or UserError when the data moved on."""
    if _stack():
        raise RuntimeError("redo() inside an operation")
    with write_transaction():
        found = _next(user, "undone", "ASC")
        if found is None:
            raise NothingToRedo(_("Nothing to redo"))
        op_id, label = found
        rows = load_rows(op_id)
        _replay(op_id, label, rows, backwards=False)
        UndoOp.update(state="done").where(UndoOp.id == op_id).execute()
        _log_step(rows, "redo", label)
    return Step(label, changed_of(rows))


def _log_step(rows: list[Row], action: str, label: str) -> None:
    """An undo or redo is itself a change: each record it touched gets a change-log entry (outside any
    capture, so it is never undone in turn). Undo takes the operation's own entries out of the log,
    so without these the log's newest id could fall back and other windows would never hear of it;
    with them the record's History says who undid what, and when."""
    for kind, record_id, firm_id in touched_records(rows):
        ChangeLog.create(user=current_user(), firm_id=firm_id, kind=kind, record_id=record_id, action=action,
                         summary=label[:250])


def _replay(op_id: int, label: str, rows: list[Row], backwards: bool) -> None:
    capture.ensure_triggers()
    capture.defer_foreign_keys()  # rows come back in any order: foreign keys are checked at commit
    guard = -op_id  # what the replay itself touches is captured under this id, then compared
    capture.capture_into(guard)
    try:
        planned = apply(rows, backwards, label)
    finally:
        capture.capture_into(None)
    touched = {(row.table, key) for row in load_rows(guard) for key in row.row_keys()}
    UndoRow.delete().where(UndoRow.op_id == guard).execute()
    if touched - planned:  # a cascade reached rows the operation never touched: someone else's since
        raise UserError(_("Cannot undo or redo “{label}”: other records now depend on what it changed.")
                        .format(label=label))
