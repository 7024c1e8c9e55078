"""Recording and removing subsidy claims as undoable steps on the window's undo stack.

The services write and log each step (``record_claim``, ``delete_claim``); undo and redo call them
again, so the change log shows every step. A claim re-recorded by redo gets a new id.
"""

from __future__ import annotations

import datetime as dt

from zgc_desk.i18n import _
from zgc_desk.services import subsidies
from zgc_desk.services.changes import Changed
from zgc_desk.subsidy_rules.results import Decision
from zgc_desk.ui.subsidies.result_tree import matter_text
from zgc_desk.ui.undo import ServiceCommand

_FIELDS = ("firm", "policy", "round_year", "matter_no", "office", "amount_cny", "status", "claimed_on", "note",
           "matter_kind")


def _claim_row(claim_id: int, firm: str, round_year: int) -> dict:
    return next(row for row in subsidies.list_claims(firm, round_year) if row["id"] == claim_id)


class _ClaimStep(ServiceCommand):
    """Holds a claim's fields so that it can be recorded again after being removed."""

    def __init__(self, edits, text: str, row: dict):
        super().__init__(edits, text)
        self.fields = {key: row[key] for key in _FIELDS}
        self.claim_id = row["id"]

    def _record(self) -> Changed:
        self.claim_id, changed = subsidies.record_claim(**self.fields)
        return changed

    def _remove(self) -> Changed:
        return subsidies.delete_claim(self.claim_id)


class _Recorded(_ClaimStep):
    def _do(self) -> Changed:
        return self._record()

    def _undo(self) -> Changed:
        return self._remove()


class _Removed(_ClaimStep):
    def _do(self) -> Changed:
        return self._remove()

    def _undo(self) -> Changed:
        return self._record()


def claim(ctx, decision: Decision, claimed_on: dt.date) -> int:
    """Record a claim for an eligible decision (raises ValidationError, nothing pushed); its id."""
    claim_id, changed = subsidies.claim_decision(decision, claimed_on=claimed_on)
    row = _claim_row(claim_id, decision.firm, decision.round_year)
    text = _("Record claim {item} ({policy} {year})").format(item=matter_text(decision), policy=decision.policy,
                                                            year=decision.round_year)
    ctx.edits.push(_Recorded(ctx.edits, text, row), changed)
    return claim_id


def remove(ctx, row: dict) -> None:
    """Remove a recorded claim (a row of ``list_claims``)."""
    changed = subsidies.delete_claim(row["id"])
    text = _("Remove claim {item} ({policy} {year})").format(
        item=f"{row['office']} {row['matter_no']}".strip(), policy=row["policy"], year=row["round_year"])
    ctx.edits.push(_Removed(ctx.edits, text, row), changed)
