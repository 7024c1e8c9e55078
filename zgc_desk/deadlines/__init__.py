"""Deadline engine: rules as dated, sourced data (``data/*.yaml``) and pure functions of
(facts, as-of date, office calendars). No Qt, no database, no clock. See ``model`` for the states."""

from zgc_desk.deadlines.basis import basis_text
from zgc_desk.deadlines.engine import compute_deadlines, make_context
from zgc_desk.deadlines.kinds import KIND_TABLE, KINDS, kind_label
from zgc_desk.deadlines.model import (
    STATES,
    Basis,
    Deadline,
    OverseasFacts,
    PatentFacts,
    PCTFacts,
    TrademarkFacts,
)
from zgc_desk.deadlines.rules import RuleDataError, default_rules, load_rules

__all__ = [
    "KIND_TABLE", "KINDS", "STATES", "Basis", "Deadline", "OverseasFacts", "PatentFacts", "PCTFacts", "TrademarkFacts", "RuleDataError",
    "basis_text", "compute_deadlines", "kind_label", "default_rules", "load_rules", "make_context",
]
