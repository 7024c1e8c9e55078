"""What a service changed (for the front ends to refresh), and the change log behind History."""

from __future__ import annotations

import datetime as dt
import getpass
import json
from dataclasses import dataclass, field

from zgc_desk.models import ChangeLog


@dataclass
class Changed:
    """Kinds and ids a service touched; ``firm_ids`` lets views of other firms ignore it."""

    ids: dict[str, set[int]] = field(default_factory=dict)
    firm_ids: set[int] = field(default_factory=set)

    def add(self, kind: str, record_id: int, firm_id: int | None = None) -> Changed:
        self.ids.setdefault(kind, set()).add(record_id)
        if firm_id is not None:
            self.firm_ids.add(firm_id)
        return self

    def merge(self, other: Changed) -> Changed:
        for kind, ids in other.ids.items():
            self.ids.setdefault(kind, set()).update(ids)
        self.firm_ids |= other.firm_ids
        return self

    @property
    def kinds(self) -> set[str]:
        return set(self.ids)

    def __bool__(self) -> bool:
        return bool(self.ids)


def current_user() -> str:
    """Who is changing things: the database role on a shared server (each person connects as their
    own), otherwise the login name."""
    from zgc_desk.db import connection_user

    role = connection_user()
    if role:
        return role
    try:
        return getpass.getuser()
    except Exception:  # no login name on some Windows service accounts
        return ""


def _jsonable(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def log_change(kind: str, record_id: int, action: str, firm_id: int | None,
               changes: dict | None = None, summary: str = "") -> None:
    ChangeLog.create(
        user=current_user(), firm_id=firm_id, kind=kind, record_id=record_id, action=action,
        changes=json.dumps({k: [_jsonable(a), _jsonable(b)] for k, (a, b) in (changes or {}).items()},
                           ensure_ascii=False),
        summary=summary[:250],
    )


def history(kind: str, record_id: int) -> list[dict]:
    """The change log of one record, oldest first."""
    rows = (ChangeLog.select().where((ChangeLog.kind == kind) & (ChangeLog.record_id == record_id))
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
