"""Subsidy rules as data: which support a firm can claim, how much, and why not.

- ``policies/<id>/policy.yaml``: one rule file per policy — dated, sourced parameters; criteria
  composed from the predicates in ``predicates.py``; amounts and caps (see ``loader.py``).
- ``engine.evaluate_round(rules, portfolio, round_year, as_of)``: pure evaluation returning the
  result objects of ``results.py`` (the interface for the CLI, the window and the forms).
- ``overrides.py``: edits of a policy's text (new dated values, differences from the shipped file);
  the texts themselves are kept in the database by ``zgc_desk.services.subsidies``.

The database side (facts from the portfolio, claims) lives in ``zgc_desk.services.subsidies``.
"""

from zgc_desk.subsidy_rules.engine import evaluate_round, policy_round
from zgc_desk.subsidy_rules.facts import ClaimFacts, FirmFacts, ItemFacts, Portfolio
from zgc_desk.subsidy_rules.loader import RuleFileError, RuleSet, load_rules
from zgc_desk.subsidy_rules.model import Policy
from zgc_desk.subsidy_rules.results import Decision, FirmTotal, PolicyRound, Reason, RoundResult, Standing

__all__ = [
    "evaluate_round", "policy_round", "ClaimFacts", "FirmFacts", "ItemFacts", "Portfolio", "RuleFileError",
    "RuleSet", "load_rules", "Policy", "Decision", "FirmTotal", "PolicyRound", "Reason",
    "RoundResult", "Standing",
]
