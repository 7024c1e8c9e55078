"""Keep-or-drop decisions: a firm decides to stop paying a right's fees from a day on (to let it lapse,
or to abandon it), with a reason — stored on the record (``drop_from``, ``drop_reason``), changed like
any field (one undoable operation, in the record's history).

From that day the right's deadlines are no longer reminded: the Due list, ``deadlines``, the calendar
and the forecast leave out every deadline of the matter due on or after it. The forecast keeps what
it left out, so that it can show the portfolio with and without the decisions and what they save.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from zgc_desk.columns import display_number
from zgc_desk.deadlines.kinds import counts_in_totals
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
    number: str = ""  # the number the user calls the right by (columns.display_number)


def decisions(firm_id: int | None = None) -> dict[tuple[str, int], Decision]:
    """Every decision to drop a right, by (matter kind, record id)."""
    out: dict[tuple[str, int], Decision] = {}
    for kind, model in DROPPABLE.items():
        query = model.select().where(model.drop_from.is_null(False))  # a few rows: whole ones
        if firm_id is not None:
            query = query.where(model.firm == firm_id)
        for row in query.dicts():
            out[(kind, row["id"])] = Decision(kind, row["id"], row["firm"], row["drop_from"],
                                              row["drop_reason"] or "", display_number(kind, row))
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


# The states of a fee still to be paid: only those are a saving (a fee paid anyway saves nothing).
UNPAID_STATES = ("open", "missed")


@dataclass
class Saving:
    """What the decisions spare in one list of deadlines (the Due list's period): the rights whose
    deadlines the list no longer reminds, from which day, and the fees left out with their sum per
    currency (surcharges included, as the list adds them; never converted; unknown amounts counted)."""

    rights: list[tuple[str, dt.date]] = field(default_factory=list)  # (number, drop_from) of each decision
    fees: list[Deadline] = field(default_factory=list)  # the unpaid fees left out, by due date
    amounts: dict[str, int] = field(default_factory=dict)
    unknown: int = 0

    def __bool__(self) -> bool:
        return bool(self.rights)


def fees_saved(deadlines: Iterable[Deadline]) -> tuple[dict[str, int], int]:
    """(amounts per currency, count of unknown amounts) of the unpaid fees among ``deadlines``, each
    fee once (a grace row repeats the fee it backs up: ``kinds.counts_in_totals``)."""
    amounts: dict[str, int] = {}
    unknown = 0
    for d in deadlines:
        if not counts_in_totals(d.kind) or d.state not in UNPAID_STATES:
            continue
        if d.amount_cny is None:
            unknown += 1
            continue
        currency = d.currency or "CNY"
        amounts[currency] = amounts.get(currency, 0) + d.amount_cny + (d.surcharge_cny or 0)
    return amounts, unknown


def saving_of(dropped: Iterable[Deadline], found: dict[tuple[str, int], Decision]) -> Saving:
    """The saving of the deadlines ``split_by_decisions`` left out, under every decision of ``found``
    (the decisions used: one whose fees stop after the list's period is listed, saving nothing yet)."""
    fees = sorted((d for d in dropped if counts_in_totals(d.kind) and d.state in UNPAID_STATES),
                  key=lambda d: d.sort_key)
    amounts, unknown = fees_saved(fees)
    rights = sorted((decision.number, decision.drop_from) for decision in found.values())
    return Saving(rights=rights, fees=fees, amounts=amounts, unknown=unknown)
