"""The table of deadline kinds is the one place a kind is defined: every kind the engine or the
subsidy rounds produce is in it, and no module of the program keeps a list of kind keys of its own
(the lists that used to be spelled out in eight files, where a forgotten kind silently stopped
reminding)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

from tests.deadlines.conftest import patent, pct, trademark
from zgc_desk.deadlines import compute_deadlines
from zgc_desk.deadlines.kinds import (
    BACKS_UP,
    KIND_TABLE,
    KINDS,
    REMINDER_KINDS,
    counts_in_totals,
    default_lead_days,
    done_by,
    kind_label,
)
from zgc_desk.services.settings import DEFAULTS

PACKAGE = Path(__file__).resolve().parents[2] / "zgc_desk"


def test_every_kind_the_engine_produces_is_in_the_table():
    found = compute_deadlines(
        [patent(status="granted", grant_date=dt.date(2020, 5, 1)), patent(id=2, status="pending",
                                                                       filing_date=dt.date(2024, 3, 1))],
        [pct(), pct(id=2, chapter2=True, isr_date=dt.date(2021, 9, 1))],
        [trademark()], as_of=dt.date(2021, 1, 1))
    produced = {d.kind for d in found}
    assert produced <= set(KINDS)
    assert {"annuity", "annuity_grace_end", "priority", "exam_request", "pct_publication", "pct_chapter2",
            "pct_national_phase", "trademark_renewal", "trademark_grace_end"} <= produced


def test_grace_companions_and_reminders():
    assert BACKS_UP["annuity_grace_end"] == "annuity"
    assert BACKS_UP["trademark_grace_end"] == "trademark_renewal"
    assert BACKS_UP["pct_national_phase_late"] == "pct_national_phase"
    assert not set(BACKS_UP) & set(REMINDER_KINDS)  # a backup shows once the ordinary one is missed
    assert done_by("annuity_grace_end") == done_by("annuity") == "paid"
    assert done_by("trademark_grace_end") == "renewed" and done_by("pct_national_phase_late") == "entered"


def test_totals_count_a_fee_once():
    assert counts_in_totals("annuity") and not counts_in_totals("annuity_grace_end")
    assert not counts_in_totals("subsidy_window") and not counts_in_totals("unknown")


def test_lead_time_defaults_come_from_the_table():
    assert DEFAULTS["lead_days"] == default_lead_days()
    assert default_lead_days() == {"default": 90, "annuity": 60, "pct_national_phase": 120,
                                   "trademark_renewal": 180}


def test_labels_are_translated():  # the suite runs in Chinese, the default language
    assert kind_label("annuity") == "年费"
    assert kind_label("no_such_kind") == "no_such_kind"


def _kind_lists(tree: ast.AST):
    """Tuples, lists, sets and dict keys made of two or more kind keys."""
    for node in ast.walk(tree):
        items = node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set) else \
            node.keys if isinstance(node, ast.Dict) else None
        if not items:
            continue
        keys = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
        if len(keys) >= 2 and len(keys) == len(items) and all(k in KIND_TABLE for k in keys):
            yield node.lineno, keys


def test_no_module_keeps_its_own_list_of_kinds():
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "kinds.py" and path.parent.name == "deadlines":
            continue
        for line, keys in _kind_lists(ast.parse(path.read_text(encoding="utf-8"))):
            found.append(f"{path.relative_to(PACKAGE)}:{line}: {keys}")
    assert not found, "kinds listed outside zgc_desk/deadlines/kinds.py:\n" + "\n".join(found)
