"""Keep-or-drop decisions: a firm decides to stop paying a right's fees from a day on (to let it lapse,
or to abandon it), with a reason — stored on the record (``drop_from``, ``drop_reason``), changed like
any field (one undoable operation, in the record's history).

From that day the right's deadlines are no longer reminded: the Due list, ``deadlines``, the calendar
and the forecast leave out every deadline of the matter due on or after it. The forecast keeps what
it left out, so that it can show the portfolio with and without the decisions and what they save.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zgc_desk.deadlines.model import Deadline
from zgc_desk.models import OverseasFiling, Patent, Trademark

# The deadline engine's matter kinds of the rights a firm can drop, and their models.
DROPPABLE = {"patent": Patent, "overseas": OverseasFiling, "trademark": Trademark}


@dataclass(frozen=True)
class Decision:
    matter_kind: str
    matter_id: int
    firm_id: int
    drop_from: dt.date
    reason: str


def decisions(firm_id: int | None = None) -> dict[tuple[str, int], Decision]:
    """Every decision to drop a right, by (matter kind, record id)."""
    out: dict[tuple[str, int], Decision] = {}
    for kind, model in DROPPABLE.items():
        query = model.select(model.id, model.firm, model.drop_from, model.drop_reason).where(
            model.drop_from.is_null(False))
        if firm_id is not None:
            query = query.where(model.firm == firm_id)
        for record_id, firm, drop_from, reason in query.tuples():
            out[(kind, record_id)] = Decision(kind, record_id, firm, drop_from, reason or "")
    return out


def is_dropped(deadline: Deadline, found: dict[tuple[str, int], Decision]) -> bool:
    decision = found.get((deadline.matter_kind, deadline.matter_id))
    return decision is not None and deadline.due >= decision.drop_from


def split_by_decisions(deadlines: list[Deadline], firm_id: int | None = None,
                       found: dict[tuple[str, int], Decision] | None = None) -> tuple[list[Deadline], list[Deadline]]:
    """(kept, dropped): the deadlines the firm still has, and those its decisions leave out."""
    found = decisions(firm_id) if found is None else found
    if not found:
        return deadlines, []
    kept, dropped = [], []
    for d in deadlines:
        (dropped if is_dropped(d, found) else kept).append(d)
    return kept, dropped
