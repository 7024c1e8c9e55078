"""Rule scenarios in YAML (tests/deadlines/scenarios/*.yaml), one pytest case per scenario.

Each scenario: ``name`` (a sentence), ``as_of``, optional ``from``/``to``, the facts (``patents``,
``pcts``, ``trademarks``: lists of field overrides over the defaults in conftest), ``expect``: a list
of deadlines matched by ``kind`` (and ``year`` / ``office`` when given) whose listed keys must equal,
and ``absent``: deadlines that must not be produced.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from zgc_desk.deadlines import compute_deadlines

from .conftest import patent, pct, trademark

SCENARIO_DIR = Path(__file__).with_name("scenarios")
MATCH_KEYS = ("kind", "year", "office", "matter", "due", "unadjusted")


def _cases():
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield pytest.param(case, id=f"{path.stem}: {case['name']}")


def _matches(deadline, wanted: dict) -> bool:
    return all(_value(deadline, key) == wanted[key] for key in MATCH_KEYS if key in wanted)


def _value(deadline, key):
    if key == "provisional":
        return deadline.provisional
    if key == "unadjusted":
        return deadline.basis.unadjusted
    return getattr(deadline, key)


@pytest.mark.parametrize("case", list(_cases()))
def test_scenario(case):
    result = compute_deadlines(
        [patent(**p) for p in case.get("patents", [])],
        [pct(**p) for p in case.get("pcts", [])],
        [trademark(**t) for t in case.get("trademarks", [])],
        as_of=case["as_of"], start=case.get("from"), end=case.get("to"),
    )
    for wanted in case.get("expect", []):
        found = [d for d in result if _matches(d, wanted)]
        same_kind = [(d.kind, d.year, d.office, d.due, d.state) for d in result if d.kind == wanted["kind"]]
        assert len(found) == 1, f"expected one {wanted}; of that kind: {same_kind}"
        for key, value in wanted.items():
            if key not in MATCH_KEYS:
                assert _value(found[0], key) == value, f"{key} of {wanted}: {_value(found[0], key)!r}"
    for unwanted in case.get("absent", []):
        assert not [d for d in result if _matches(d, unwanted)], f"unexpected {unwanted}"
    if "count" in case:
        assert len(result) == case["count"], [(d.kind, d.year, d.office, d.due) for d in result]
