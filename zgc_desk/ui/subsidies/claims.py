"""Recording and removing subsidy claims from the Subsidies page: the services do it (one undoable
operation each, ``zgc_desk.services.subsidies``); this publishes what changed."""

from __future__ import annotations

import datetime as dt

from zgc_desk.services import subsidies
from zgc_desk.subsidy_rules.results import Decision


def claim(ctx, decision: Decision, claimed_on: dt.date) -> int:
    """Record a claim for an eligible decision (raises ValidationError, nothing stored); its id."""
    claim_id, changed = subsidies.claim_decision(decision, claimed_on=claimed_on)
    ctx.edits.done(changed)
    return claim_id


def remove(ctx, row: dict) -> None:
    """Remove a recorded claim (a row of ``list_claims``)."""
    ctx.edits.done(subsidies.delete_claim(row["id"]))
