"""The change log behind History; what a service changed is a :class:`zgc_desk.changes.Changed`
(kept importable from here under its old name)."""

from __future__ import annotations

import datetime as dt
import json

from zgc_desk.changes import Changed, Kind
from zgc_desk.models import ChangeLog
from zgc_desk.operations import current_user

__all__ = ["Changed", "Kind", "changes_since", "current_user", "history", "latest_change_id", "log_change"]


def _jsonable(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def log_change(kind: str, record_id: int, action: str, firm_id: int | None,
               changes: dict | None = None, summary: str = "") -> None:
    ChangeLog.create(
        user=current_user(), firm_id=firm_id, kind=str(kind), record_id=record_id, action=action,
        changes=json.dumps({k: [_jsonable(a), _jsonable(b)] for k, (a, b) in (changes or {}).items()},
                           ensure_ascii=False),
        summary=summary[:250],
    )


def history(kind: str, record_id: int) -> list[dict]:
    """The change log of one record, oldest first."""
    rows = (ChangeLog.select().where((ChangeLog.kind == str(kind)) & (ChangeLog.record_id == record_id))
            .order_by(ChangeLog.at, ChangeLog.id))
    return [
        {"at": r.at, "user": r.user, "action": r.action, "changes": json.loads(r.changes or "{}"),
         "summary": r.summary}
        for r in rows
    ]


def latest_change_id() -> int:
    """The change counter: the newest change-log id (an index look-up). It moves with every saved
    change, by anyone — the window polls it to notice other people's work."""
    from peewee import fn

    return ChangeLog.select(fn.MAX(ChangeLog.id)).scalar() or 0


def changes_since(change_id: int | None) -> Changed:
    """What the change log recorded after ``change_id``: kinds, ids and firms, for the views to refresh."""
    changed = Changed()
    query = ChangeLog.select(ChangeLog.kind, ChangeLog.record_id, ChangeLog.firm_id)
    if change_id:
        query = query.where(ChangeLog.id > change_id)
    for kind, record_id, firm_id in query.tuples():
        changed.add(kind, record_id, firm_id)
    return changed
