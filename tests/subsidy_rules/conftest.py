"""YAML scenario tests for the subsidy rules (docs/development.md, practice 7), collected by pytest.

Each ``scenarios/<policy>.yaml`` names its policy, the firms its cases use, and a list of cases:

    - name: A sentence saying what the case shows.
      round: 2022                  # the round checked
      as_of: 2022-05-01
      scope: round                 # or "all" (items outside the window listed too)
      firm: {is_sme: false}        # changes to the first firm (optional)
      parameters: {window: {...}}  # a parameter replaced by one verified value (optional)
      items: [{number: ..., grant_date: ...}]   # source, firm, applicants, kind filled in
      claims: [{policy: ..., round_year: ..., matter_no: ..., amount_cny: ...}]
      expect:
        - matter: 202110344405.7   # (and office: US) picks the decision
          eligible: true
          amount_cny: 280
          verified: false
          reasons: {item_date_in_window: [true, "2021-06-15"], item_not_abnormal: false}
          absent_reasons: [count_within_cap]
          unavailable: ["2025-01-01"]      # texts the not-available reason must contain
          sources: {available: 2022-01-01}  # parameter values the decision cites
      absent: [201910311129.7]     # matters that must not be listed

Texts given after a reason's pass flag must appear in its detail; use dates, numbers and names,
which read the same in every language.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from zgc_desk.subsidy_rules import ClaimFacts, FirmFacts, ItemFacts, Portfolio, evaluate_round, load_rules
from zgc_desk.subsidy_rules.model import DatedValue, Parameter, Source

SCENARIO_DIR = Path(__file__).parent / "scenarios"


@lru_cache(maxsize=1)
def shipped_rules():
    return load_rules()


def pytest_collect_file(parent, file_path: Path):
    if file_path.suffix == ".yaml" and file_path.parent == SCENARIO_DIR:
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    def collect(self):
        document = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        for index, case in enumerate(document["cases"]):
            yield ScenarioItem.from_parent(self, name=f"{index + 1:02d} {case['name']}", document=document, case=case)


class ScenarioItem(pytest.Item):
    def __init__(self, *, document: dict, case: dict, **kwargs):
        super().__init__(**kwargs)
        self.document = document
        self.case = case

    def runtest(self) -> None:
        result = run_case(self.document, self.case)
        by_key = {(d.matter, d.office): d for d in result.decisions}
        for expected in self.case.get("expect", []):
            decision = _pick(by_key, expected)
            check_decision(decision, expected)
        listed = {d.matter for d in result.decisions}
        for matter in self.case.get("absent", []):
            assert str(matter) not in listed, f"{matter} should not be listed"

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, AssertionError):
            return f"{self.name}\n{excinfo.value}"
        return super().repr_failure(excinfo, style="short")

    def reportinfo(self):
        return self.path, 0, self.name


def _pick(by_key: dict, expected: dict):
    matter, office = str(expected["matter"]), expected.get("office")
    found = [d for (m, o), d in by_key.items() if m == matter and (office is None or o == office)]
    listed = ", ".join(f"{o} {m}" for m, o in by_key)
    assert len(found) == 1, f"expected one decision for {matter} {office or ''}; listed: {listed}"
    return found[0]


def check_decision(decision, expected: dict) -> None:
    shown = "\n".join(f"  {r.criterion}: {r.passed} — {r.detail}" for r in decision.reasons)
    for key in ("eligible", "amount_cny", "verified", "amount_before_cap"):
        if key in expected:
            assert getattr(decision, key) == expected[key], f"{key}: {getattr(decision, key)!r}\n{shown}"
    reasons = {r.criterion: r for r in decision.reasons}
    for criterion, want in (expected.get("reasons") or {}).items():
        assert criterion in reasons, f"no reason {criterion}\n{shown}"
        passed, *texts = want if isinstance(want, list) else [want]
        assert reasons[criterion].passed is passed, f"{criterion} passed={reasons[criterion].passed}\n{shown}"
        for text in texts:
            assert str(text) in reasons[criterion].detail, f"{text!r} not in {reasons[criterion].detail!r}"
    for criterion in expected.get("absent_reasons", []):
        assert criterion not in reasons, f"{criterion} should not be evaluated\n{shown}"
    if "unavailable" in expected:
        assert decision.unavailable_reason, f"expected 'not available'\n{shown}"
        assert decision.kind == "firm" and decision.amount_cny == 0 and not decision.eligible
        for text in expected["unavailable"]:
            assert str(text) in decision.reasons[0].detail, f"{text!r} not in {decision.reasons[0].detail!r}"
    for parameter, start in (expected.get("sources") or {}).items():
        cited = {(s.parameter, s.effective_from) for s in decision.sources}
        assert (parameter, start) in cited, f"{parameter} from {start} not cited: {sorted(cited)}"


# ---- building the facts ------------------------------------------------------------------------

_SOURCE_DEFAULTS = {
    "cn_patent": {"office": "CN", "kind": "invention", "status": "granted"},
    "pct": {"office": "WO", "kind": "invention"},
    "overseas": {"office": "US", "kind": "invention", "status": "granted"},
    "madrid_designation": {"office": "US", "kind": "trademark", "status": "registered"},
    "trademark": {"office": "CN", "kind": "trademark", "status": "registered"},
    "pledge_loan": {"office": "", "lender": "北京银行中关村分行", "lender_type": "bank"},
}


def run_case(document: dict, case: dict):
    rules = shipped_rules()
    policy = rules.policies[document["policy"]]
    if case.get("parameters"):
        policy = dataclasses.replace(policy, parameters={
            **policy.parameters, **{name: _fixed(policy.parameters[name], value)
                                    for name, value in case["parameters"].items()}})
    rules = dataclasses.replace(rules, policies={**rules.policies, policy.id: policy})
    firms = [{**f, "code": str(f["code"])} for f in document["firms"]]
    firms[0].update(case.get("firm") or {})
    firm_facts = {f["code"]: FirmFacts(**f) for f in firms}
    items = [_item(raw, policy.items.source, firms[0]) for raw in case.get("items", [])]
    claims = [ClaimFacts(**{"firm": firms[0]["code"], **{k: str(v) if k == "matter_no" else v for k, v in c.items()}})
              for c in case.get("claims", [])]
    return evaluate_round(rules, Portfolio(firm_facts, items, claims), case["round"], case["as_of"],
                          policies=[policy.id], scope=case.get("scope", "round"))


def _fixed(parameter: Parameter, value) -> Parameter:
    """The parameter with one verified value in force throughout (a scenario's stated assumption)."""
    fixed = DatedValue(dt.date(1900, 1, 1), value, Source("scenario"), True, None)
    return dataclasses.replace(parameter, values=(fixed,))


def _item(raw: dict, default_source: str, firm: dict) -> ItemFacts:
    values = dict(raw)
    source = values.pop("source", default_source)
    merged = {**_SOURCE_DEFAULTS[source], "firm": firm["code"], "applicants": [firm["name"]], **values}
    merged["number"] = str(merged["number"])
    merged["applicants"] = tuple(merged["applicants"])
    merged.setdefault("family", merged["number"])
    return ItemFacts(source=source, **merged)
